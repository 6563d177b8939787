"""The one place that creates pages from data/: entities, lists, flows, indexes, glossary and the
open-data downloads; it also gives the glossary to the `abbr` extension for tooltips and finishes
pages (diagrams drawn into SVG, the Content-Security-Policy).

Kept thin on purpose: loading, cross-referencing and rendering live in `macros/`
and know nothing of MkDocs. Helper names start with `_` because MkDocs treats
every top-level `on_*` function in a hook file as an event handler.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from functools import partial
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
from macros.background import Background  # noqa: E402
from macros.book import (  # noqa: E402
    FIXED_FILE_PATHS,
    entities_nav,
    flows_nav,
    generation_parts,
    load_graph,
    nav_section,
    page_plans,
)
from macros.page_macros import check_pages, template_problems  # noqa: E402
from macros.problems import DataError  # noqa: E402
from macros.render.pages import abbreviations  # noqa: E402
from macros.render.text import heading_slug  # noqa: E402
from macros.finder import FINDER_PAGE  # noqa: E402
from macros.render.csp import has_inline_script, theme_ids, with_content_security_policy  # noqa: E402
from macros.diagrams import Drawer, DrawingError, engine_problem  # noqa: E402
from macros.render.figures import (  # noqa: E402
    browser_drawn,
    drawn_figure,
    has_diagrams,
    replace_diagrams,
    sources_in_markdown,
    with_script,
)
from macros.render.svg import UnsafeDiagram  # noqa: E402
from macros.render.loading import one_stylesheet, with_deferred_bundle  # noqa: E402
from macros.render.print_page import mend_print_page, without_print_page_assets  # noqa: E402
from macros.render.text import focusable_abbreviations, served_url  # noqa: E402
from macros.template_cache import compiled_template_cache  # noqa: E402
from macros.link_lines import located_link_warning  # noqa: E402

MERMAID_FOLDER = "assets/vendor/mermaid/"
MERMAID = MERMAID_FOLDER + "mermaid.min.js"
LUNR_FOLDER = "assets/javascripts/lunr/"
# Draws diagrams in the reader's browser, only where the build could not (see `_diagram_mode`).
DIAGRAMS_SCRIPT = "assets/javascripts/diagrams.js"
# `build`: draw every diagram now, fail if no browser engine can (CI, `make dist`, the Pages workflow);
# `auto` (default): draw now if an engine is there, else leave it to the reader's browser;
# `browser`: always leave it to the reader's browser (to try that path).
DIAGRAMS_VARIABLE = "BOOK_DIAGRAMS"
CACHE_VARIABLE = "BOOK_DIAGRAM_CACHE"
log = logging.getLogger("mkdocs.hooks.diagrams")
# One build's drawer, or None when diagrams are left to the reader's browser.
_drawing: dict[str, Drawer | None] = {}
# This build's generator (macros/background.py), and the files it has yet to fill, by path: generated
# pages and fixed-name downloads are listed in on_files (pages link them) and filled when first needed.
_generation: dict[str, Background] = {}
_waiting: dict[str, dict[str, File]] = {}
# The generator's parts in the order it sends them, and those received so far in this build.
PARTS = ("pages", "figures", "files")
_received: dict[str, object] = {}
# Read once a build for every page's policy: the iframe-worker shim's source.
_policy_inputs: dict[str, str] = {}
# From file:// search runs in an iframe this shim writes; the policy must allow the shim's inline script.
IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
# The stylesheets mkdocs.yml lists under extra_css, served as this one file (see _book_stylesheet).
BOOK_STYLESHEET = "assets/stylesheets/book.bundle.css"
BUNDLED_STYLESHEETS = "book_stylesheets"  # config.extra key: the files it was made from
NAV_MARKER = "@differentials/"
FLOWS_MARKER = "@flows"
ENTITIES_MARKER = "@entities"


def on_config(config):
    _policy_inputs.clear()
    _keep_warnings_when_quiet(config)
    _link_warnings_with_lines(Path(config.docs_dir))
    _theme_compiled_once(config.theme)
    config.extra["book"] = edition(PROJECT_ROOT)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is None or not offline.config.enabled:
        # The shim runs search from file:// only: online it is a render-blocking script for nothing.
        config.extra["polyfills"] = [url for url in config.extra.get("polyfills", [])
                                     if IFRAME_WORKER_SHIM not in url]
    graph = _graph(config)
    _check_pages(graph)
    _stop_generating()
    # Started now, so the pages and downloads are made while MkDocs reads the hand-written pages.
    # The drawings already in the cache become figures there too: their SVG is checked off the
    # critical path (the others are drawn while the pages are read).
    kept = partial(_kept_figures, Path(config.docs_dir) / MERMAID, _diagram_cache())
    _generation["job"] = Background(partial(generation_parts, graph, config.extra["book"],
                                            config.use_directory_urls, kept))
    config.nav = [_expand(entry, graph) for entry in config.nav or []]
    # Every abbreviation gets its expansion as a tooltip on every page. Given to the `abbr`
    # extension as data, the glossary never becomes page text that a template engine could read.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviations(graph.book.glossary)
    # A heading's id never names an element the page's scripts read (a data title is a heading).
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    return config


def _keep_warnings_when_quiet(config) -> None:
    """`mkdocs build -q` drops warnings before strict mode counts them: a broken link or a failed macro
    would pass silently (or stop the build without a word). In strict mode a warning is an error, so
    -q hides only the INFO lines."""
    logger = logging.getLogger("mkdocs")
    if config.strict and logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)


class _LinkLines(logging.Filter):
    """Puts `docs/<page>.md:<line>: ` in front of MkDocs' warning about a broken link in a page."""

    def __init__(self, docs_dir: Path):
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = located_link_warning(record.getMessage(), self._source), ()
        return True

    def _source(self, src_uri: str) -> tuple[str, str] | None:
        path = self.docs_dir / src_uri
        if not path.is_file():  # a generated page: its links are the book's own, checked by tests
            return None
        return f"{self.docs_dir.name}/{src_uri}", path.read_text(encoding="utf-8-sig", errors="replace")


def _link_warnings_with_lines(docs_dir: Path) -> None:
    logger = logging.getLogger("mkdocs.structure.pages")
    # One filter, this build's: `mkdocs serve` loads this hook again for every rebuild.
    for earlier in [f for f in logger.filters if type(f).__name__ == _LinkLines.__name__]:
        logger.removeFilter(earlier)
    logger.addFilter(_LinkLines(docs_dir))


def _theme_compiled_once(theme) -> None:
    """Every environment the theme makes keeps its compiled templates between builds: the build's and
    the print plugin's, which renders the print page from an environment of its own (compiling the
    theme again cost every build about 0.1 s)."""
    make_environment = theme.get_env
    if getattr(make_environment, "keeps_compiled_templates", False):  # a second on_config, same config
        return

    def get_env():
        env = make_environment()
        env.bytecode_cache = compiled_template_cache()
        return env

    get_env.keeps_compiled_templates = True
    theme.get_env = get_env


def on_files(files: Files, config) -> Files:
    graph = _graph(config)
    drawer = _start_drawing(config)
    pages, downloads = {}, {}
    for plan in page_plans(graph, config.use_directory_urls):
        # Its text arrives before MkDocs reads the page (on_pre_page).
        file = pages[plan.path] = File.generated(config, plan.path, content="")
        # "Edit this page" opens the YAML file the page came from, not a page that does not exist.
        file.edit_uri = _edit_uri(config, plan.source)
        files.append(file)
    for path in FIXED_FILE_PATHS:
        # Its content arrives before MkDocs copies the files (on_env).
        files.append(downloads.setdefault(path, File.generated(config, path, content=b"")))
    _waiting.update(pages=pages, files=downloads)
    for file in _unopened_files(files, config, drawn_at_build=drawer is not None):
        files.remove(file)
    bundle = _book_stylesheet(files, config)
    if bundle is not None:
        files.append(bundle)
    return files


def on_pre_page(page, config, files):
    if page.file.src_uri in _waiting.get("pages", {}):
        _part("pages")
    return page


@event_priority(100)  # before mkdocs-macros
def on_page_markdown(markdown: str, page, config, files) -> str:
    # A page made from data/ is never a template, whatever its front matter says: data is not code.
    if page.file.generated_by is not None:
        page.meta["render_macros"] = False
    elif page.meta.get("render_macros") == True:  # noqa: E712 — as mkdocs-macros decides
        # A template is code: the exact text mkdocs-macros is about to render (and the title it
        # renders too) may only use the pages' subset of Jinja (macros/page_macros.py).
        shown_as = f"docs/{page.file.src_uri}"
        problems = template_problems(shown_as, markdown) + template_problems(shown_as, page.title or "")
        if problems:
            raise PluginError(str(DataError(problems)))
    return markdown


@event_priority(50)  # before the print plugin keeps each page's content for the print page
def on_page_content(html: str, page, config, files) -> str:
    _refuse_inline_scripts(html, page)
    _refuse_theme_ids(html, page)
    return focusable_abbreviations(_with_diagrams(html))


def _refuse_inline_scripts(html: str, page) -> None:
    """The book's text writes no inline script (page_script() loads a file), so one in a page's text
    was contributed, by whatever way round the checks of pages and data it took. The page's policy
    would block it; the build stops instead of publishing it."""
    if "<script" in html.lower() and has_inline_script(html):
        raise PluginError(f"{page.file.src_uri}: the page's text holds an inline <script> — pages and "
                          "data are text; a page loads one of the book's scripts with page_script()")


_MAYBE_THEME_ID = re.compile(r"(?<![\w-])id\s*=\s*[\"']?[_&]", re.IGNORECASE)


def _refuse_theme_ids(html: str, page) -> None:
    """The page check refuses `{ #_x }` and `id="_x"`, but attr_list keeps `{ #&#95;_x }` for the
    browser to decode into `__x`: the ids of the built text are read too."""
    # Parsed only where an id may start with `_` or a reference: parsing every page costs ~0.3 s.
    found = theme_ids(html) if _MAYBE_THEME_ID.search(html) else []
    if found:
        raise PluginError(f"{page.file.src_uri}: the page's text gives an element the id '{found[0]}' — ids "
                          "starting with '_' are the theme's; start the heading or #id with a letter")


def on_env(env, config, files):
    _receive_files(config, files)
    return env


def on_post_page(output: str, page, config) -> str:
    # The print page is written later (see on_post_build) and keeps the print plugin's files.
    html = with_deferred_bundle(without_print_page_assets(output))
    return _with_policy(_with_diagram_script(html, page.url), config)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # Theme templates that are pages (404.html) are finished like pages; sitemap.xml is no page.
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(with_deferred_bundle(without_print_page_assets(output_content)), config)


def on_post_build(config) -> None:
    _mend_print_page(config)
    _stop_drawing()
    _stop_generating()


def on_build_error(error) -> None:
    _stop_drawing()
    _stop_generating()


def _part(name: str):
    """A part of the generator's work, receiving those before it first (they come in order)."""
    while name not in _received:
        arriving = PARTS[len(_received)]
        _received[arriving] = _next_part()
        if arriving == "pages":
            _fill_pages(_received["pages"])
    return _received[name]


def _fill_pages(texts: dict[str, str]) -> None:
    """Every generated page's text, into the files listed in on_files."""
    waiting = _waiting.pop("pages")
    if texts.keys() != waiting.keys():
        raise PluginError(f"the generator made pages {sorted(texts.keys() ^ waiting.keys())} "
                          f"other than those listed")
    drawer = _drawing.get("drawer")
    for path, file in waiting.items():
        file.content_string = texts[path]
        if drawer is not None:
            drawer.prefetch(sources_in_markdown(texts[path]))  # drawn while pages are rendered


def _receive_files(config, files: Files) -> None:
    """The downloads into the files listed in on_files; the quiz pictures added as they come.
    If MkDocs read no generated page (all excluded by exclude_docs or draft_docs; a dirty build reads
    them all, its in-memory files count as changed), the pages are received first, in order."""
    waiting = _waiting.pop("files", None)
    if waiting is None:  # not this hook's build (no on_files ran)
        return
    for generated in _part("files"):
        if generated.path in waiting:
            file = waiting.pop(generated.path)
            if isinstance(generated.content, bytes):
                file.content_bytes = generated.content
            else:
                file.content_string = generated.content
        else:
            files.append(File.generated(config, generated.path, content=generated.content))
    if waiting:
        raise PluginError(f"the generator made no {', '.join(sorted(waiting))}")


def _kept_figures(mermaid_js: Path, cache_dir: Path, sources: list[str]) -> dict[str, str]:
    """Figures of the diagrams the cache holds, by source; the rest are left to the build to draw,
    and to report (a drawing the allow-list refuses, or that cannot be read, is left too: the build
    says why, naming the page)."""
    if not mermaid_js.is_file():
        return {}
    cache = Drawer(mermaid_js, cache_dir)
    figures = {}
    for source in dict.fromkeys(sources):
        svg = cache.kept(source)
        try:
            if svg is not None:
                figures[source] = drawn_figure(source, svg)
        except Exception:  # noqa: BLE001 — the build tries it again and reports it where it is used
            pass
    return figures


def _next_part():
    try:
        return _generation["job"].next()
    except DataError as error:
        raise PluginError(str(error)) from None


def _stop_generating() -> None:
    _received.clear()
    job = _generation.pop("job", None)
    if job is not None:
        job.close()


def _mend_print_page(config) -> None:
    # The print plugin writes its page after every other page, without on_post_page: mend it here.
    print_site = config.plugins.get("print-site")
    if print_site is None or getattr(print_site, "print_page", None) is None:
        return
    page = print_site.print_page
    path = Path(config.site_dir) / page.file.dest_uri
    if path.is_file():
        finder = get_relative_url(served_url(FINDER_PAGE, config.use_directory_urls), page.url)
        # Deferred like every page's: the polyfills, deferred in <head>, must still run before it.
        html = with_deferred_bundle(path.read_text(encoding="utf-8"))
        html = mend_print_page(_with_diagram_script(html, page.url),
                               base=get_relative_url(".", page.url), finder_url=finder)
        path.write_text(_with_policy(html, config), encoding="utf-8")


def _with_policy(html: str, config) -> str:
    """Every page gets a Content-Security-Policy (see macros/render/csp.py), online and offline alike:
    checked in chromium, it works from file:// too, search included, once the iframe-worker shim's
    inline script is allowed by its hash."""
    if "shim" not in _policy_inputs:  # read once a build, not once a page
        shim = Path(config.docs_dir) / IFRAME_WORKER_SHIM
        _policy_inputs["shim"] = shim.read_text(encoding="utf-8") if shim.is_file() else ""
    return with_content_security_policy(html, _policy_inputs["shim"])


def _book_stylesheet(files: Files, config) -> File | None:
    """The book's own stylesheets (extra_css entries that are files under docs/) as one file, which
    pages link in their place: one request before the first paint, not one per file. The separate
    files are left out of the site; plugins' stylesheets (written after the build) stay as listed."""
    # A second build of the same config (build() runs on_config and on_files again) finds the bundle
    # listed in their place: it bundles the same files again.
    ours = config.extra.get(BUNDLED_STYLESHEETS) or [
        name for name in config.extra_css if files.get_file_from_path(name) is not None]
    if not ours:
        return None
    stylesheets = [(name, files.get_file_from_path(name).content_string) for name in ours]
    try:
        bundle = File.generated(config, BOOK_STYLESHEET, content=one_stylesheet(stylesheets))
    except ValueError as error:
        raise PluginError(f"mkdocs.yml extra_css: {error}") from None
    for name in ours:
        files.remove(files.get_file_from_path(name))
    if BOOK_STYLESHEET not in config.extra_css:
        # Where the first of them was listed, so the cascade keeps the order mkdocs.yml gives.
        listed = list(config.extra_css)
        linked = [name for name in listed if name not in ours]
        linked.insert(listed.index(ours[0]), BOOK_STYLESHEET)
        config.extra_css = linked
        config.extra[BUNDLED_STYLESHEETS] = ours
    return bundle


def _unopened_files(files: Files, config, drawn_at_build: bool) -> list[File]:
    """Files no page of this build opens, left out of the site and of the offline zip.

    The drawing program when diagrams are drawn at build time; the theme's source maps (read only
    by developer tools); and the search languages the book does not use — Material ships lunr's
    stemmers for 30 languages and segmenters for Japanese and Thai, and its search worker imports
    only those the `search` plugin's `lang` names (none for English).
    """
    needed = _search_language_files(_search_languages(config))
    unopened = []
    for file in files:
        path = file.src_uri
        if drawn_at_build and (path == DIAGRAMS_SCRIPT or path.startswith(MERMAID_FOLDER)):
            unopened.append(file)
        elif path.endswith(".map") and not file.is_documentation_page():
            unopened.append(file)
        elif path.startswith(LUNR_FOLDER) and path.removeprefix(LUNR_FOLDER) not in needed:
            unopened.append(file)
    return unopened


def _search_languages(config) -> list[str]:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    languages = getattr(search, "config", {}).get("lang") if search is not None else None
    return list(languages or ["en"])


def _search_language_files(languages: list[str]) -> set[str]:
    """The files under lunr/ that Material's search worker imports for these languages (mirrors
    its `setupSearchLanguages`)."""
    needed = set()
    for language in languages:
        if language == "ja":
            needed.add("tinyseg.js")
        if language in ("hi", "th"):
            needed.add("wordcut.js")
        if language != "en":
            needed.add(f"min/lunr.{language}.min.js")
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return needed


def _diagram_mode() -> str:
    mode = os.environ.get(DIAGRAMS_VARIABLE, "auto").strip().lower() or "auto"
    if mode not in ("auto", "build", "browser"):
        raise PluginError(f"{DIAGRAMS_VARIABLE}={mode!r}: use 'build', 'auto' or 'browser'")
    return mode


def _start_drawing(config) -> Drawer | None:
    """A drawer for this build, or None (said once in the log) when the reader's browser draws."""
    _stop_drawing()
    mode = _diagram_mode()
    problem = engine_problem() if mode != "browser" else f"{DIAGRAMS_VARIABLE}=browser"
    if problem is None:
        _drawing["drawer"] = Drawer(Path(config.docs_dir) / MERMAID, _diagram_cache())
    elif mode == "build":
        raise PluginError(f"diagrams must be drawn at build time ({DIAGRAMS_VARIABLE}=build), but "
                          f"{problem}")
    else:
        log.info("Diagrams are not drawn at build time (%s): the reader's browser draws them, "
                 "loading mermaid when a diagram comes near the screen. Published builds draw them "
                 "(%s=build).", problem, DIAGRAMS_VARIABLE)
        _drawing["drawer"] = None
    return _drawing["drawer"]


def _diagram_cache() -> Path:
    return Path(os.environ.get(CACHE_VARIABLE) or PROJECT_ROOT / ".cache" / "diagrams")


def _stop_drawing() -> None:
    drawer = _drawing.pop("drawer", None)
    if drawer is not None:
        if drawer.drawn or drawer.from_cache:
            log.info("Diagrams: %d drawn, %d from the cache", drawer.drawn, drawer.from_cache)
        drawer.close()


def _with_diagrams(html: str) -> str:
    """Each diagram of a page drawn into inline SVG, or left for the reader's browser to draw."""
    if not has_diagrams(html):
        return html
    drawer = _drawing.get("drawer")
    if drawer is None:
        return replace_diagrams(html, browser_drawn)

    def drawn(source: str) -> str:
        try:
            kept = _part("figures").get(source)
            if kept is not None:
                return kept
            return drawn_figure(source, drawer.svg(source))
        except (DrawingError, UnsafeDiagram) as error:
            raise PluginError(f"diagram could not be drawn: {error}\n{source[:300]}") from None

    return replace_diagrams(html, drawn)


def _with_diagram_script(html: str, page_url: str) -> str:
    """Pages whose diagrams the reader's browser draws load the book's small script for it, deferred."""
    return with_script(html, get_relative_url(DIAGRAMS_SCRIPT, page_url))


def _graph(config):
    try:
        return load_graph(Path(config.config_file_path).parent / "data")
    except DataError as error:
        raise PluginError(str(error)) from None


def _check_pages(graph) -> None:
    # On every build: the graph is kept while data/ is unchanged, and a page may change alone.
    problems = check_pages(graph.book)
    if problems:
        raise PluginError(str(DataError(problems)))


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
