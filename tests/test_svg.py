"""Drawings inlined in pages: the allow-list, the tidying, where they go. Pure functions, no browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring

from macros.diagrams import Drawer, DrawingError
from macros.render.figures import (
    browser_drawn,
    drawn_figure,
    figure,
    has_diagrams,
    replace_diagrams,
    sources_in_markdown,
    with_script,
)
from macros.render.svg import SVG, UnsafeDiagram, inline_svg

# The shape of mermaid's output for a flowchart with one link (htmlLabels off), trimmed.
ROOT = Path(__file__).resolve().parent.parent
MERMAID_SVG = """<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
 id="diagram-1" width="100%" class="flowchart" style="max-width: 300.123456px;"
 viewBox="0 0 300.123456 63.00001" role="graphics-document document" aria-roledescription="flowchart-v2"
 aria-labelledby="chart-title-diagram-1"><title id="chart-title-diagram-1">mangled</title>
<style>#diagram-1{fill:#333;}</style>
<g><marker id="diagram-1_pointEnd" class="marker flowchart-v2" viewBox="0 0 10 10" refX="5" refY="5"
 markerUnits="userSpaceOnUse" markerWidth="8" markerHeight="8" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z"
 class="arrowMarkerPath" style="stroke-width: 1;"/></marker>
<marker id="diagram-1_unused" class="marker"><path d="M 0 0"/></marker>
<g class="root"><path d="M10.123456,20L30.5,40.25" class="flowchart-link" data-points="W3sieCI6"
 marker-end="url(#diagram-1_pointEnd)"/>
<a xlink:href="../../entities/gout/" data-look="classic" transform="translate(100.555, 20)">
<g class="node default clickable outcome" id="diagram-1-flowchart-n1-1" title="Gout"><rect class="basic"
 rx="5" ry="5" x="-30" y="-20" width="60" height="40" style=""/><g class="label"><rect/><g><text y="-10.1">
<tspan class="text-outer-tspan row" x="0" dy="1.1em"><tspan font-style="normal" class="text-inner-tspan"
 font-weight="normal">Gout</tspan><tspan font-style="normal" class="text-inner-tspan"
 font-weight="normal"> &amp; more</tspan></tspan></text></g></g></g></a></g></g>
<defs><filter id="diagram-1-drop-shadow"><feDropShadow dx="4" flood-color="#000000"/></filter></defs></svg>"""


def test_a_mermaid_drawing_is_kept_tidied_and_named():
    drawing = inline_svg(MERMAID_SVG, 'Decision flow: "A" & <B>', "Questions are hexagons.")
    svg = drawing.markup
    assert (drawing.width, drawing.height) == (300.12, 63.0)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'width="300.12" height="63"' in svg and 'viewBox="0 0 300.12 63"' in svg
    assert '<title id="diagram-1-title">Decision flow: "A" &amp; &lt;B&gt;</title>' in svg
    assert '<desc id="diagram-1-desc">Questions are hexagons.</desc>' in svg
    assert 'aria-labelledby="diagram-1-title"' in svg and 'aria-describedby="diagram-1-desc"' in svg
    assert '<a href="../../entities/gout/" transform="translate(100.56, 20)">' in svg
    assert 'd="M10.12,20L30.5,40.25"' in svg and 'marker-end="url(#diagram-1_pointEnd)"' in svg
    assert ">Gout &amp; more</tspan>" in svg  # the bare inner spans are merged into one text
    for gone in ("<style", "style=", "data-", "xlink", "filter", "title=", "font-style", "max-width",
                 "diagram-1_unused", "flowchart-n1", "<rect></rect>", "mangled", "/>"):
        assert gone not in svg, gone


def test_a_label_shows_the_characters_mermaid_leaves_as_entity_codes():
    # What mermaid writes for the label `# b; "q" &#35;` (escaped by mermaid_label): its numeric
    # codes arrive undecoded, while an author's own `&` is already a plain `&`.
    raw = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text><tspan class="row">'
           '&amp;#35; b&amp;#59; &amp;quot;q&amp;quot; &amp;&amp;#35;35&amp;#59;</tspan></text></svg>')
    drawn = fromstring(inline_svg(raw, "t", "d").markup).find(f"{{{SVG}}}text")
    assert "".join(drawn.itertext()) == '# b; "q" &#35;'  # decoded once: the author's "&#35;" stays


@pytest.mark.parametrize("bad, message", [
    ('<script>alert(1)</script>', "element <script>"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "foreignObject"),
    ('<image href="x.png"/>', "element <image>"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "element <set>"),
    ('<g onclick="alert(1)"/>', "event handler onclick"),
    ('<g onmouseover="x"/>', "event handler onmouseover"),
    ('<a href="javascript:alert(1)"><text>x</text></a>', "only relative links"),
    ('<a href="https://example.org/"><text>x</text></a>', "only relative links"),
    ('<a href="//example.org/"><text>x</text></a>', "only relative links"),
    ('<a href="/entities/gout/"><text>x</text></a>', "only relative links"),
    ('<g href="../x/"/>', "only relative links"),
    ('<path d="M0 0" fill="url(https://example.org/x)"/>', "attribute fill="),
    ('<path d="M0 0" marker-end="url(https://example.org/#x)"/>', r"only url\(#id\)"),
    ('<path d="M0 0" marker-end="url(#nowhere)"/>', "does not hold"),
    ('<g xmlns:h="http://www.w3.org/1999/xhtml"><h:div/></g>', "is not SVG"),
])
def test_anything_but_drawing_is_refused(bad, message):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" id="d" viewBox="0 0 10 10">{bad}</svg>'
    with pytest.raises(UnsafeDiagram, match=message):
        inline_svg(svg, "t", "d")


def test_a_document_type_or_entity_is_refused_by_the_parser():
    with pytest.raises(Exception):
        inline_svg('<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
                   "t", "d")


def test_the_sources_found_in_markdown_are_those_the_page_holds():
    markdown = "# A\n\n```mermaid\nflowchart LR\n    n0(\"a & b\")\n```\n\ntext\n"
    page = '<h1>A</h1>\n<pre class="mermaid"><code>flowchart LR\n    n0("a &amp; b")\n</code></pre>\n<p>text</p>'
    assert sources_in_markdown(markdown) == ['flowchart LR\n    n0("a & b")']
    seen = []
    replaced = replace_diagrams(page, lambda source: seen.append(source) or "<figure>drawn</figure>")
    assert seen == sources_in_markdown(markdown)
    assert replaced == "<h1>A</h1>\n<figure>drawn</figure>\n<p>text</p>"
    assert has_diagrams(page) and not has_diagrams(replaced)


def test_a_figure_keeps_its_drawn_width_and_stays_out_of_search():
    html = figure(inline_svg(MERMAID_SVG, "t", "d"))
    assert html.startswith('<figure class="stc-diagram" data-search-exclude style="--stc-diagram-width: 300px">')


def test_left_to_the_browser_the_source_is_escaped_and_the_script_deferred():
    block = browser_drawn('flowchart LR\n    n0("</code><script>")')
    assert "&lt;/code&gt;&lt;script&gt;" in block and "<script>" not in block
    page = f"<html><head><title>x</title></head><body>{block}</body></html>"
    assert '<script src="../assets/javascripts/diagrams.js" defer></script>\n</head>' in with_script(
        page, "../assets/javascripts/diagrams.js")
    assert with_script("<html><head></head></html>", "x.js") == "<html><head></head></html>"


def test_a_cached_drawing_is_used_without_starting_a_browser(tmp_path):
    mermaid = tmp_path / "mermaid.min.js"
    mermaid.write_text("/* mermaid 0 */")
    drawer = Drawer(mermaid, tmp_path / "cache", chromium="/nonexistent/chromium")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / f"{drawer.key('flowchart LR')}.svg").write_text("<svg/>")
    drawer.prefetch(["flowchart LR"])
    assert drawer.svg("flowchart LR") == "<svg/>"
    assert (drawer.drawn, drawer.from_cache) == (0, 1)
    with pytest.raises(DrawingError, match="could not start"):
        drawer.svg("flowchart TB")  # a miss needs the browser, which is not there
    drawer.close()


def test_the_cache_key_follows_mermaid_itself_and_the_source(tmp_path):
    mermaid = tmp_path / "mermaid.min.js"
    mermaid.write_text("/* mermaid 1 */")
    first = Drawer(mermaid, tmp_path)
    mermaid.write_text("/* mermaid 2 */")
    second = Drawer(mermaid, tmp_path)
    assert first.key("a") != second.key("a") and first.key("a") != first.key("b")
    assert first.render_id("a").startswith("diagram-") and first.render_id("a") != first.render_id("b")


def test_the_generator_makes_figures_only_of_safe_kept_drawings(tmp_path):
    """The forked generator turns the drawings already in the cache into figures (their SVG checked
    there, off the build's critical path); a miss or a drawing the allow-list refuses is left to the
    build, which draws it or stops saying why."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate_pages", ROOT / "overrides" / "hooks" / "generate_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    mermaid = tmp_path / "mermaid.min.js"
    mermaid.write_text("/* mermaid 0 */")
    cache = tmp_path / "cache"
    cache.mkdir()
    keys = Drawer(mermaid, cache)
    (cache / f"{keys.key('flowchart LR')}.svg").write_text(MERMAID_SVG)
    (cache / f"{keys.key('flowchart TB')}.svg").write_text('<svg onload="alert(1)"></svg>')
    figures = hook._kept_figures(mermaid, cache, ["flowchart LR", "flowchart TB", "flowchart RL"])
    assert figures == {"flowchart LR": drawn_figure("flowchart LR", MERMAID_SVG)}
    assert hook._kept_figures(tmp_path / "no-mermaid.js", cache, ["flowchart LR"]) == {}
