"""The one place that creates pages from data/: entities, lists, flows, indexes, glossary and the
open-data downloads; it also gives the glossary to the `abbr` extension for tooltips and finishes
pages (the vendored mermaid script).

Kept thin on purpose: loading, cross-referencing and rendering live in `macros/`
and know nothing of MkDocs. Helper names start with `_` because MkDocs treats
every top-level `on_*` function in a hook file as an event handler.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

# MkDocs loads hooks by file path, so the project root is not importable by default.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from macros.edition import edition  # noqa: E402
from macros.book import (  # noqa: E402
    entities_nav,
    flows_nav,
    generated_files,
    generated_pages,
    load_graph,
    nav_section,
)
from macros.problems import DataError  # noqa: E402
from macros.render.pages import abbreviations  # noqa: E402
from macros.finder import FINDER_PAGE  # noqa: E402
from macros.render.csp import with_content_security_policy  # noqa: E402
from macros.render.print_page import mend_print_page  # noqa: E402
from macros.render.text import focusable_abbreviations, served_url  # noqa: E402

MERMAID = "assets/vendor/mermaid/mermaid.min.js"
# From file:// search runs in an iframe this shim writes; the policy must allow the shim's inline script.
IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
NAV_MARKER = "@differentials/"
FLOWS_MARKER = "@flows"
ENTITIES_MARKER = "@entities"


def on_config(config):
    config.extra["book"] = edition(PROJECT_ROOT)
    graph = _graph(config)
    config.nav = [_expand(entry, graph) for entry in config.nav or []]
    # Every abbreviation gets its expansion as a tooltip on every page. Given to the `abbr`
    # extension as data, the glossary never becomes page text that a template engine could read.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(graph.book.glossary)
    return config


def on_files(files: Files, config) -> Files:
    graph = _graph(config)
    for page in generated_pages(graph, config.use_directory_urls):
        file = File.generated(config, page.path, content=page.markdown)
        # "Edit this page" opens the YAML file the page came from, not a page that does not exist.
        file.edit_uri = _edit_uri(config, page.source)
        files.append(file)
    for extra in generated_files(graph, config.extra["book"], config.use_directory_urls):
        files.append(File.generated(config, extra.path, content=extra.content))
    return files


@event_priority(100)  # before mkdocs-macros
def on_page_markdown(markdown: str, page, config, files) -> str:
    # A page made from data/ is never a template, whatever its front matter says: data is not code.
    if page.file.generated_by is not None:
        page.meta["render_macros"] = False
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    return focusable_abbreviations(html)


def on_post_page(output: str, page, config) -> str:
    return _with_policy(_with_mermaid(output, page.url), config)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # Theme templates that are pages (404.html) get the policy too; sitemap.xml is no page.
    return _with_policy(output_content, config) if template_name.endswith(".html") else output_content


def on_post_build(config) -> None:
    # The print plugin writes its page after every other page, without on_post_page: mend it here.
    print_site = config.plugins.get("print-site")
    if print_site is None or getattr(print_site, "print_page", None) is None:
        return
    page = print_site.print_page
    path = Path(config.site_dir) / page.file.dest_uri
    if path.is_file():
        finder = get_relative_url(served_url(FINDER_PAGE, config.use_directory_urls), page.url)
        html = mend_print_page(_with_mermaid(path.read_text(encoding="utf-8"), page.url),
                               base=get_relative_url(".", page.url), finder_url=finder)
        path.write_text(_with_policy(html, config), encoding="utf-8")


def _with_policy(html: str, config) -> str:
    """Every page gets a Content-Security-Policy (see macros/render/csp.py), online and offline alike:
    checked in chromium, it works from file:// too, search included, once the iframe-worker shim's
    inline script is allowed by its hash."""
    shim = Path(config.docs_dir) / IFRAME_WORKER_SHIM
    return with_content_security_policy(html, shim.read_text(encoding="utf-8") if shim.is_file() else "")


def _with_mermaid(html: str, page_url: str) -> str:
    """Load the vendored mermaid (3.5 MB) on pages that draw a diagram, and only there.

    It goes before Material's bundle, which then uses it instead of fetching mermaid from a CDN.
    """
    if 'class="mermaid"' not in html or MERMAID in html:
        return html
    script = get_relative_url(MERMAID, page_url)
    return html.replace('<script src="', f'<script src="{script}"></script>\n<script src="', 1)


def _graph(config):
    try:
        return load_graph(Path(config.config_file_path).parent / "data")
    except DataError as error:
        raise PluginError(str(error)) from None


def _edit_uri(config, source: str | None) -> str | None:
    if source is None:
        return None
    docs_dir = Path(config.docs_dir).resolve()
    return Path(*[".."] * len(docs_dir.relative_to(PROJECT_ROOT).parts), source).as_posix()


def _expand(entry, graph):
    """Replace `Section: "@differentials/<id>"` in mkdocs.yml with the tree of lists under <id>,
    `Section: "@flows"` with the decision flows and `Section: "@entities"` with every entity."""
    if isinstance(entry, dict):
        return {title: _expand(value, graph) for title, value in entry.items()}
    if isinstance(entry, list):
        return [_expand(value, graph) for value in entry]
    if entry == FLOWS_MARKER:
        return flows_nav(graph)
    if entry == ENTITIES_MARKER:
        return entities_nav(graph)
    if isinstance(entry, str) and entry.startswith(NAV_MARKER):
        differential_id = entry.removeprefix(NAV_MARKER)
        if differential_id not in graph.book.differentials:
            raise PluginError(f"mkdocs.yml nav: unknown differential '{differential_id}' in "
                              f"'{entry}' — use an id from data/differentials/")
        return nav_section(graph, differential_id)
    return entry
