"""The Content-Security-Policy every page carries (macros/render/csp.py); its browser checks are in
test_csp_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from macros.render.csp import (
    content_security_policy,
    iframe_worker_script,
    inline_scripts,
    script_hash,
    with_content_security_policy,
)

ROOT = Path(__file__).resolve().parent.parent
SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "shim.js"

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <script>var a = "</p>" < 1;</script>
    <script id="__config" type="application/json">{"base": ".", "search": "assets/worker.js"}</script>
    <script src="assets/bundle.js"></script>
    <script type="module">import "./x.js"</script>
    <script type="text/plain">not run</script>
  </head>
  <body><p>text</p><script>
document.body.dataset.ready = 1
</script></body>
</html>
"""


def _directives(html: str) -> dict[str, list[str]]:
    content = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    return {part.split()[0]: part.split()[1:] for part in content.split("; ")}


def test_script_hash_is_the_sha256_of_the_exact_text():
    digest = base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode()
    assert script_hash("alert(1)") == f"'sha256-{digest}'"
    assert script_hash("a\r\nb") == script_hash("a\nb")  # the HTML parser normalises newlines


def test_inline_scripts_are_the_executable_ones_only():
    assert inline_scripts(PAGE) == ['var a = "</p>" < 1;', 'import "./x.js"',
                                    "\ndocument.body.dataset.ready = 1\n"]


def test_policy_is_the_first_element_of_head_and_allows_each_inline_script():
    html = with_content_security_policy(PAGE)
    head = html.index("<head>") + len("<head>")
    assert html[head:].lstrip().startswith('<meta http-equiv="Content-Security-Policy"')
    assert html.replace(html[head:html.index(">", head + 2) + 1], "", 1) == PAGE
    directives = _directives(html)
    assert directives["script-src"] == ["'self'", *(script_hash(s) for s in inline_scripts(PAGE))]


def test_policy_forbids_inline_handlers_plugins_foreign_scripts_and_base():
    directives = _directives(with_content_security_policy(PAGE))
    script_src = directives["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-hashes'" not in script_src
    assert "'unsafe-eval'" not in script_src and "'strict-dynamic'" not in script_src
    assert all(source == "'self'" or source.startswith("'sha256-") for source in script_src)
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    # No network origin anywhere: only 'self', keywords, hashes and data: for images and fonts.
    for name, sources in directives.items():
        for source in sources:
            assert source.startswith("'") or source == "data:", (name, source)


def test_duplicate_scripts_are_hashed_once():
    assert content_security_policy(["'sha256-a'", "'sha256-a'"]).count("sha256-a") == 1


def test_a_page_with_a_policy_is_left_as_it_is():
    once = with_content_security_policy(PAGE)
    assert with_content_security_policy(once) == once


def test_a_page_without_head_is_refused():
    with pytest.raises(ValueError, match="no <head>"):
        with_content_security_policy("<p>fragment</p>")


def test_the_head_is_found_after_lines_of_any_length():
    page = "<!doctype html>\n<!-- " + "x" * 500 + " -->\n<html>\n<head data-x='1'>\n</head></html>"
    html = with_content_security_policy(page)
    assert "<head data-x='1'>\n<meta http-equiv" in html


def test_iframe_worker_script_rebuilds_the_text_the_vendored_shim_writes():
    shim = SHIM.read_text(encoding="utf-8")
    text = iframe_worker_script(shim, "../assets/worker.js")
    assert text.startswith('postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=')
    assert text.endswith('{filename:"../assets/worker.js",error}))})')
    assert "${" not in text
    html = with_content_security_policy(PAGE.replace("assets/worker.js", "../assets/worker.js"), shim)
    assert script_hash(text) in _directives(html)["script-src"]


def test_an_unknown_shim_is_refused_not_allowed_blindly():
    with pytest.raises(ValueError, match="template was not found"):
        iframe_worker_script("console.log(1)", "worker.js")
    with pytest.raises(ValueError, match="function c was not found"):
        iframe_worker_script("`<html><body><script>x=${c}<\\/script>`", "worker.js")


def test_every_built_page_carries_a_policy_allowing_exactly_its_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    shim = SHIM.read_text(encoding="utf-8")
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html.index("<head>") + len("<head>")
        assert html[head:].lstrip().startswith('<meta http-equiv="Content-Security-Policy"'), path
        # The encoding must still be declared within the first 1024 bytes, where browsers look for it.
        assert 0 < html.encode("utf-8").find(b"<meta charset") < 1024, path
        hashes = set(_directives(html)["script-src"]) - {"'self'"}
        expected = {script_hash(text) for text in inline_scripts(html)}
        # …and one more: the script the iframe-worker shim writes to start this page's search.
        config = json.loads(html.split('<script id="__config" type="application/json">', 1)[1]
                            .split("</script>", 1)[0])
        expected.add(script_hash(iframe_worker_script(shim, config["search"])))
        assert hashes == expected, path


@pytest.mark.parametrize("content", [
    '<article class="md-content__inner"><p>x</p><script>alert(1)</script></article>',
    # Escaping failed somewhere and data closed the <article> itself: still the page content.
    '<article><p>x</p></article><script>alert(1)</script><article></article>',
])
def test_a_script_in_the_page_content_is_never_allowed(content):
    page = (f'<html><head><title>t</title><script>theme()</script></head><body>{content}'
            '<script>after()</script></body></html>')
    mended = with_content_security_policy(page)
    assert script_hash("theme()") in mended and script_hash("after()") in mended
    assert script_hash("alert(1)") not in mended


def test_a_policy_in_the_page_body_does_not_stop_ours_from_being_added():
    page = ('<html><head><title>t</title></head><body><article>'
            '<meta http-equiv="Content-Security-Policy" content="script-src *"></article></body></html>')
    mended = with_content_security_policy(page)
    assert mended.index("script-src 'self'") < mended.index("script-src *")
    assert with_content_security_policy(mended) == mended


def test_tags_are_read_as_html_reads_them():
    page = ('<html><head data-x="a>b"><title>&lt;script&gt; <script>no()</script></title>'
            '<!-- <script>commented()</script> --><style>/* <script>styled()</script> */</style>'
            '<script data-note="<b>" type="TEXT/JavaScript">typed()</script>'
            "<SCRIPT type='application/json' id=__config>{}</SCRIPT>"
            '<script\ttype="text/plain">plain()</script></head><body></body></html>')
    assert inline_scripts(page) == ["typed()"]
    mended = with_content_security_policy(page)
    assert mended.startswith('<html><head data-x="a>b">\n<meta http-equiv')


def test_an_unclosed_script_or_comment_ends_the_scan_without_error():
    assert inline_scripts("<html><head><script>never closed") == ["never closed"]
    assert inline_scripts("<html><head><!-- <script>x()</script>") == []


# Pages where text inside a tag, a comment or a bogus comment looks like a tag: HTML reads none of
# it as one, and neither may the policy (the theme's script is allowed, the content's never).
_HEAD = '<!doctype html><html><head><meta charset="utf-8">'
_LOOKALIKES = {
    "a comment opened in an attribute": '<link title="<!--"><script>theme()</script></head><body>'
                                        '<article>--><script>evil()</script></article></body></html>',
    "a quote inside an attribute name": "<meta a'b=1 content=x><script>theme()</script></head><body>"
                                        "<article><p>'</p><script>evil()</script></article></body></html>",
    "a quote inside an unquoted value": '<meta name=x content=a"b><script>theme()</script></head><body>'
                                        '<article><script>evil()</script></article></body></html>',
    "a script in an attribute": '<link title="<script>x()</script>"><script>theme()</script></head>'
                                '<body><article><script>evil()</script></article></body></html>',
    "a script in a bogus comment": '<?x <script>x()</script> ?><!x <script>y()</script> >'
                                   '<![CDATA[<script>z()</script>]]></p title="<script>w()</script>">'
                                   '<script>theme()</script></head><body><article></article></body></html>',
}


@pytest.mark.parametrize("name", _LOOKALIKES)
def test_text_that_only_looks_like_a_tag_is_not_one(name):
    page = _HEAD + _LOOKALIKES[name]
    assert inline_scripts(page) == ["theme()"], name
    head = '<!doctype html><html><head>\n<meta http-equiv="Content-Security-Policy"'
    assert with_content_security_policy(page).startswith(head), name


def test_tag_names_end_where_html_ends_them():
    # Only ASCII whitespace, "/" or ">" end a tag name; only ASCII letters change case.
    assert inline_scripts(_HEAD + '<script>a="</script\x0b";b()</script></head>') == ['a="</script\x0b";b()']
    assert inline_scripts(_HEAD + '<script>a="</\u017fcript>";b()</script></head>') == ['a="</\u017fcript>";b()']
    assert inline_scripts(_HEAD + '<script\u00a0>x()</script></head>') == []
    page = _HEAD + '</head><body><article>x</art\u0131cle><script>evil()</script></article></body>'
    assert inline_scripts(page) == []
    assert inline_scripts(_HEAD + '</head><body><article>x</article class=y><script>t()</script>') == ["t()"]


def test_no_script_between_the_first_and_last_mention_of_article_is_ever_allowed():
    page = _HEAD + '<link title="<ARTICLE>"><script>theme()</script></head><body><article>x</article></body>'
    assert inline_scripts(page) == []  # a theme that wrote this would be told loudly, by its blocked script
    assert inline_scripts(_HEAD + '</head><body><article><script>evil()</script>') == []


def test_a_tag_that_never_closes_runs_to_the_end_of_the_page_as_in_html():
    # The browser reads everything after `<p title="…` as that tag's attributes: no script runs.
    assert inline_scripts(_HEAD + '<script>t()</script></head><body><p title="x><script>no()</script>') == ["t()"]
    assert inline_scripts(_HEAD + '<script>t()</script><?x <script>no()</script>') == ["t()"]
    assert inline_scripts(_HEAD + '<script>t()</script><p < 1 <b>x</b><script>a()</script>') == ["t()", "a()"]
