"""Renderers are pure: data in, Markdown out. Checked on the small valid data set."""

from __future__ import annotations

import re

import pytest

from macros.book import generated_pages, nav_section
from macros.graph import Graph
from macros.loader import load_book
from macros.render.pages import differential_page, entity_index_page, entity_page
from macros.render.text import prose, relative_link


@pytest.fixture()
def small_graph(valid_data):
    return Graph(load_book(valid_data))


def test_entity_page_has_title_badges_summary_and_imaging(small_graph):
    page = entity_page(small_graph, "alpha-disease")
    assert "# Alpha disease" in page
    assert "stc-badge--calcification" in page
    assert "**Synonyms:** Alpha syndrome" in page
    assert "### Radiograph {#imaging-radiograph}" in page
    assert "- Amorphous calcification around the joint\\." in page


def test_entity_page_links_prose_and_discriminators_relative_to_itself(small_graph):
    page = entity_page(small_graph, "alpha-disease")
    assert "links to [Beta sign](beta-sign.md)" in page
    assert "**Versus [Beta sign](beta-sign.md):** Beta is a sign, not a disease\\." in page


def test_backlinks_count_every_list_naming_the_entity(small_graph):
    page = entity_page(small_graph, "beta-sign")
    assert "Appears in 1 differential list:" in page
    assert "- [Child list](../differentials/child-list.md) — (The sign)" in page
    assert "**Linked from:** [Alpha disease](alpha-disease.md)" in page


def test_variant_page_names_its_parent_and_parent_lists_it(small_graph):
    assert "A named form of [Alpha disease](alpha-disease.md)." in entity_page(small_graph, "gamma-variant")
    assert "## Named forms" in entity_page(small_graph, "alpha-disease")


def test_entity_page_says_when_it_was_reviewed_and_that_it_goes_beyond_the_lecture(small_graph):
    page = entity_page(small_graph, "alpha-disease")
    assert "*Beyond the lecture:" in page
    assert "*Last reviewed 2026-12-02 against the cited references*" in page
    other = entity_page(small_graph, "beta-sign")
    assert "Beyond the lecture" not in other and "Last reviewed" not in other


def test_codes_section_says_why_there_is_no_code(small_graph):
    assert "A sign, not a disease\\." in entity_page(small_graph, "beta-sign")


def test_differential_page_nests_sub_lists_and_groups(small_graph):
    page = differential_page(small_graph, "top-list")
    assert "- **[Child list](child-list.md)**" in page
    rare = '<span class="stc-badge stc-badge--rare">rare</span>'
    assert f"    - [Beta sign](../entities/beta-sign.md) {rare} — The sign" in page
    # The label "Gamma" is part of the title "Gamma variant": the title, once.
    assert f"        - [Gamma variant](../entities/gamma-variant.md) {rare}\n" in page


def test_differential_page_has_breadcrumbs_key_points_and_comparison(small_graph):
    page = differential_page(small_graph, "child-list")
    assert "[Top list](top-list.md) › Child list" in page
    assert "    - Look at [alpha](../entities/alpha-disease.md) first\\." in page
    assert "### Named {#group-1}" in page
    assert ('<th scope="row" role="rowheader" markdown="span">[Beta sign](../entities/beta-sign.md) '
            '<span class="stc-compare__type">ossification, imaging sign</span> '
            '<span class="stc-badge stc-badge--rare">rare</span></th>') in page


def test_comparison_table_shows_serum_levels_age_and_associated_findings(small_graph):
    page = differential_page(small_graph, "top-list")
    cells = {label: text for label, text in re.findall(r'data-label="([^"]+)" markdown="span">([^<]*)</td>',
                                                     page.split("<tbody")[1].split("</tr>")[0])}
    assert cells == {"Key clue": "Dense periarticular calcification\\.", "Typical age": "adult",
                     "Site and distribution": "—", "Shape": "—", "Serum Ca / P": "high / normal",
                     "Associated findings": "renal failure, acro-osteolysis"}


def test_at_a_glance_links_each_feature_to_the_finder_with_it_chosen(small_graph):
    page = entity_page(small_graph, "alpha-disease")
    assert "## At a glance {#at-a-glance}" in page
    assert "| Typical age | [adult](../finder.md?age=adult) |" in page
    assert ("| Associated findings | [renal failure](../finder.md?finding=renal-failure), "
            "[acro-osteolysis](../finder.md?finding=acro-osteolysis) |") in page
    assert ("| Serum calcium / phosphate | [high](../finder.md?calcium=high) / "
            "[normal](../finder.md?phosphate=normal) |") in page
    # No facets recorded, no empty table.
    assert "At a glance" not in entity_page(small_graph, "beta-sign")


def test_finder_links_name_only_parameters_the_finder_reads():
    from macros.finder import finder_query

    assert finder_query(site="tendon-bursa") == "?site=tendon-bursa"
    with pytest.raises(ValueError, match="not finder parameters: \\['sites'\\]"):
        finder_query(sites="muscle")


def test_raw_html_in_data_is_shown_not_executed():
    rendered = prose("Dense <script>alert(1)</script> & [[x|y]]", "entities/a.md", {})
    assert "<script>" not in rendered
    assert "&lt;script\\>alert\\(1\\)&lt;/script\\> &amp; [y](x.md)" == rendered.split("Dense ")[1]


def test_relative_links_between_folders():
    assert relative_link("entities/a.md", "differentials/b.md") == "../differentials/b.md"
    assert relative_link("index.md", "entities/a.md") == "entities/a.md"


def test_a_to_z_lists_aliases_under_their_own_letter(small_graph):
    page = entity_index_page(small_graph)
    assert "- *Alpha syndrome* → [Alpha disease](alpha-disease.md)" in page
    assert "## G {#letter-g}" in page


def test_every_entity_and_list_gets_one_page_with_its_source(small_graph):
    pages = {page.path: page.source for page in generated_pages(small_graph)}
    assert pages["entities/alpha-disease.md"] == "data/entities/alpha-disease.yml"
    assert pages["differentials/child-list.md"] == "data/differentials/child-list.yml"
    assert pages["flows/pick-one.md"] == "data/flows/pick-one.yml"
    assert pages["entities/index.md"] is None and pages["flows/index.md"] is None
    assert pages["glossary.md"] == "data/glossary.yml"
    assert len(pages) == 3 + 2 + 1 + 2 + 1


def test_nav_section_follows_the_parent_tree(small_graph):
    assert nav_section(small_graph, "top-list") == [
        {"Overview": "differentials/top-list.md"},
        {"Child list": "differentials/child-list.md"},
    ]


def test_entities_nav_files_each_entity_under_its_initial_letter(small_graph):
    from macros.book import entities_nav

    assert entities_nav(small_graph) == [
        {"A–Z index": "entities/index.md"},
        {"A": [{"Alpha disease": "entities/alpha-disease.md"}]},
        {"B": [{"Beta sign": "entities/beta-sign.md"}]},
        {"G": [{"Gamma variant": "entities/gamma-variant.md"}]},
    ]


def test_print_page_is_mended_for_search_paper_the_finder_and_letters():
    from macros.render.print_page import mend_print_page

    html = ('<script>{"base": "../entities/", "features": []}</script>'
            '<h2 id="x">X<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>'
            '<a href="#finder-?age=adult">adult</a> <a href="#finder?finding=renal-failure">rf</a>'
            "<section class='print-page md-section' id='section-8-2' heading-number='8.2'>\n  <h1>A<a></a></h1>"
            "<section class='print-page md-section' id='section-5' heading-number='5'>\n  <h1>Calcification</h1>")
    html += '<div class="stc-walk-block"><a href="#walk--a">Yes</a></div>\n<!-- end of the walk --><p>After</p>'
    mended = mend_print_page(html, base="..", finder_url="../finder/")
    assert "walk--a" not in mended and "<p>After</p>" in mended
    assert '"base": ".."' in mended
    assert "headerlink" not in mended and '<h2 id="x">X</h2>' in mended
    assert '<a href="../finder/?age=adult">' in mended and '<a href="../finder/?finding=renal-failure">' in mended
    assert "<section class='print-page md-section stc-letter' id='section-8-2'" in mended
    assert "<section class='print-page md-section' id='section-5'" in mended


def test_a_hyphen_or_dot_inside_a_word_is_left_plain_so_glossary_terms_match():
    """Escaped, `BY\\-SA` hid the glossary term `CC BY-SA` and gave the licence the tooltip of `CC`."""
    from macros.render.text import markdown_text

    assert markdown_text("CC BY-SA 4.0") == "CC BY-SA 4.0"
    assert markdown_text("- a 1. b -c d- e.") == "\\- a 1\\. b \\-c d\\- e\\."


def test_abbreviations_take_the_focus_except_inside_a_link():
    from macros.render.text import focusable_abbreviations

    html = ('<p><abbr title="Computed tomography">CT</abbr> and <a href="x/"><abbr title="CREST">CREST</abbr> '
            'syndrome</a>, <abbr title="Magnetic resonance imaging">MRI</abbr></p>')
    assert focusable_abbreviations(html) == (
        '<p><abbr tabindex="0" title="Computed tomography">CT</abbr> and <a href="x/"><abbr title="CREST">'
        'CREST</abbr> syndrome</a>, <abbr tabindex="0" title="Magnetic resonance imaging">MRI</abbr></p>')


def test_a_list_item_never_says_a_name_twice(small_graph):
    from macros.render import PageContext

    ctx = PageContext(small_graph, "differentials/top-list.md")
    title = small_graph.book.entities["alpha-disease"].title
    assert ctx.item_names("alpha-disease", None) == (title, None)
    assert ctx.item_names("alpha-disease", "Another name") == ("Another name", title)
    # One name holds the other: the longer one, once.
    assert ctx.item_names("alpha-disease", title.split()[0]) == (title, None)
    assert ctx.item_names("alpha-disease", f"{title} (old name)") == (f"{title} (old name)", None)
    # Part of a word is not the name: "Trauma" stays, next to "Post-traumatic calcification".
    assert ctx.item_names("alpha-disease", "Alph") == ("Alph", title)


def test_differential_picture_credits_are_shown_as_text_not_markdown(small_graph):
    """A credit sits in a `markdown="span"` caption: HTML-escaped only, `[x](javascript:…){ on…= }` was
    a live link with a handler (a differential's pictures, unlike an entity's, used Jinja's `| e`)."""
    import dataclasses

    import markdown

    from macros.models import Image

    hostile = ("[Log in](javascript:alert(1)){ onmouseover=alert(2) style=position:fixed } "
               "![t](https://evil.example/t.png) <https://evil.example/>")
    # Valid data: a credit is `Text`, which may hold any visible character.
    image = Image(file="assets/images/x.png", alt="A drawing", kind="schematic",
                  license=hostile, source=hostile, attribution=hostile)
    book = small_graph.book
    top = book.differentials["top-list"].model_copy(update={"images": [image]})
    graph = Graph(dataclasses.replace(book, differentials={**book.differentials, "top-list": top}))
    page = markdown.markdown(differential_page(graph, "top-list"),
                             extensions=["attr_list", "md_in_html", "tables"])
    credit = re.search(r'<span class="stc-credit">(.*?)</span>', page).group(1)
    assert "<" not in credit, credit  # no element: no link, handler, image or autolink
    assert credit.count("javascript:alert(1)") == 3, credit  # and every character still shown


def test_markdown_templates_escape_data_for_markdown_not_only_for_html():
    """Jinja's `| e` escapes HTML, not Markdown: in a Markdown template it fits only an HTML attribute."""
    from macros.render import TEMPLATES

    for template in TEMPLATES.glob("*.md.j2"):
        for line in template.read_text(encoding="utf-8").splitlines():
            outside_attributes = re.sub(r'="\{\{[^}]*\}\}"', "", line)
            assert not re.search(r"\|\s*(e|escape)\b", outside_attributes), f"{template.name}: {line}"


@pytest.mark.parametrize("expansion", ["Computed &lt;img src=x onerror=alert(1)&gt; tomography",
                                       "&#60;a href=https://evil.example&#62;log in&#x3C;/a&#x3e;",
                                       "Fish & chips &amp; more"])
def test_a_tooltip_is_the_expansion_exactly_never_markup(expansion):
    """Material's tooltip puts an abbreviation's decoded title into the page as HTML."""
    import markdown
    from bs4 import BeautifulSoup

    from macros.models import GlossaryTerm
    from macros.render.pages import abbreviations

    glossary = abbreviations({"CT": GlossaryTerm(expansion=expansion)})
    html = markdown.markdown("A CT scan.", extensions=["abbr"], extension_configs={"abbr": {"glossary": glossary}})
    title = BeautifulSoup(html, "html.parser").abbr["title"]
    assert title == expansion
    assert BeautifulSoup(title, "html.parser").find() is None  # as the tooltip reads it: no element


def test_a_page_that_fails_to_generate_is_named(small_graph, monkeypatch):
    """The build receives every generated page at once, when MkDocs reads the first of them, and MkDocs
    names that page in its error (`Error reading page 'entities/a….md'`) whichever page failed: the
    error itself names the page that failed and the data file behind it."""
    import macros.book

    def broken(graph, flow_id, directory_urls):
        raise KeyError(flow_id)

    monkeypatch.setattr(macros.book, "flow_page", broken)
    with pytest.raises(KeyError) as raised:
        next(macros.book.generation_parts(small_graph, {"version": "1.0.0", "date": "2026-01-01"}, True))
    assert raised.value.__notes__ == ["while generating flows/pick-one.md from data/flows/pick-one.yml"]
