"""mkdocs-macros entry point: the macros that hand-written pages in docs/ call.

Generated pages are made by overrides/hooks/generate_pages.py; these macros let
prose pages link into the same data, so a renamed or deleted id fails the build.
"""

from __future__ import annotations

import html
import os
import re
from functools import cache, partial
from pathlib import Path


def define_env(env) -> None:
    from .book import load_graph
    from .render import PageContext, render

    data_dir = Path(env.conf["config_file_path"]).parent / "data"

    # Once a build (mkdocs-macros calls define_env again for every build), not once a call:
    # load_graph looks at every data file to see whether it changed.
    graph = cache(partial(load_graph, data_dir))

    def context() -> PageContext:
        return PageContext(graph(), env.page.file.src_uri)

    @env.macro
    def entity_link(entity_id: str, text: str | None = None) -> str:
        """`{{ entity_link('gout') }}` — a link to an entity page, by id."""
        ctx = context()
        if entity_id not in ctx.book.entities:
            raise KeyError(f"entity_link: unknown entity '{entity_id}' on page {ctx.page}")
        return ctx.entity_link(entity_id, text)

    @env.macro
    def differential_link(differential_id: str, text: str | None = None) -> str:
        """`{{ differential_link('metastatic-calcification') }}` — a link to a list page."""
        ctx = context()
        if differential_id not in ctx.book.differentials:
            raise KeyError(f"differential_link: unknown differential '{differential_id}' "
                           f"on page {ctx.page}")
        return ctx.differential_link(differential_id, text)

    @env.macro
    def differential_list(differential_id: str) -> str:
        """`{{ differential_list('periarticular-calcification') }}` — the list, inline."""
        ctx = context()
        differential = ctx.book.differentials[differential_id]
        return render("inline_list.md.j2", ctx.graph, ctx.page, differential=differential)

    @env.macro
    def finder_parameters() -> str:
        """The finder page's table of URL parameters, from the one list the finder uses."""
        from .finder import PARAMETERS, values_in_use

        ctx = context()
        entities = list(ctx.book.entities.values())
        rows = [(parameter, values_in_use(parameter, entities)) for parameter in PARAMETERS]
        return render("finder_parameters.md.j2", ctx.graph, ctx.page, rows=rows)

    @env.macro
    def finder_form() -> str:
        """The finder's form, summary and results region, drawn when the book is built."""
        from mkdocs.utils import get_relative_url

        from .finder import form_groups
        from .pictures import FIELDS, drawings

        ctx = context()
        entities = list(ctx.book.entities.values())
        # The shapes and sites as the lists picture them; raw HTML, so each path is relative to
        # the page's address (as page_script's), in both editions.
        pictures = {field: {value: drawing.image.file for value, drawing in drawings(ctx.book, field).items()}
                    for field in FIELDS}
        return render("finder_form.html.j2", ctx.graph, ctx.page, groups=form_groups(entities, pictures),
                      total=len(entities), page_url=lambda path: get_relative_url(path, env.page.url))

    @env.macro
    def look_grid(field: str, label: str) -> str:
        """`{{ look_grid('morphology', 'Shapes') }}`: a grid of the drawings of a facet's values, each
        a link to its list (the drawings and the lists come from the lists' pictures)."""
        from .pictures import drawings

        ctx = context()
        found = drawings(ctx.book, field)
        if not found:
            return ""  # a book whose lists picture no shape yet: the page leaves the section out
        return render("look.md.j2", ctx.graph, ctx.page, drawings=list(found.values()), label=label)

    @env.macro
    def look_gallery(field: str, first_screen: bool = False) -> str:
        """`{{ look_gallery('sites') }}`: every drawing of a facet's values as a card with its alt text,
        its list and the finder (the drawings page). `first_screen=True` for the page's first gallery:
        its first drawing comes with the page, not lazily (see PageContext.image)."""
        from .pictures import drawings

        ctx = context()
        found = drawings(ctx.book, field)
        if not found:
            return "No list of this book pictures one yet."
        return render("gallery.md.j2", ctx.graph, ctx.page, drawings=list(found.values()),
                      noun="shape" if field == "morphology" else "site", first_screen=first_screen)

    @env.macro
    def book_counts() -> dict[str, int]:
        book = context().book
        return {"entities": len(book.entities), "differentials": len(book.differentials)}

    @env.macro
    def browse_table() -> str:
        """The home page's map of the book: each top-level list and its sub-lists."""
        ctx = context()
        return render("browse.md.j2", ctx.graph, ctx.page)

    @env.macro
    def offline_download() -> str:
        """The home page's download box; the offline edition says what it is instead."""
        from .edition import LATEST_ZIP, book_version

        version = book_version(data_dir.parent)
        if _flag("OFFLINE"):
            return (f'!!! info "Offline edition {version}"\n    You are reading the offline edition: '
                    "everything, including search and diagrams, works without a network.")
        # Only scripts/build_dist.py (`make dist`, the Pages workflow) adds the zip, after MkDocs has
        # built: any other build (`make serve`, a preview) would offer a download that is not there.
        if not _flag("BOOK_OFFLINE_ZIP"):
            return ""
        # Raw HTML, so MkDocs' link check does not look for a file it will never see.
        return (f'!!! tip "Read it offline"\n    Download the whole book as one zip (version {version}), '
                "unzip it and open `index.html` in any browser — no network needed.\n\n"
                f'    <a class="md-button" href="downloads/{LATEST_ZIP}" download>'
                "Download the offline edition</a>")

    @env.macro
    def page_script(path: str) -> str:
        """`{{ page_script('assets/javascripts/finder.js') }}`: a script tag that works in both
        editions (directory URLs online, .html files offline), for scripts only one page needs."""
        from mkdocs.utils import get_relative_url

        from .export import FINDER_SCRIPT, QUIZ_SCRIPT

        generated = (FINDER_SCRIPT, QUIZ_SCRIPT)  # written by the build, not in docs/
        # The book's own scripts only, by a plain name: the path is written into an attribute.
        if not re.fullmatch(r"assets/javascripts/[a-z0-9-]+\.js", path):
            raise ValueError(f"page_script: '{path}' is not one of the book's scripts "
                             "(assets/javascripts/<name>.js)")
        if not (Path(env.conf["docs_dir"]) / path).is_file() and path not in generated:
            raise FileNotFoundError(f"page_script: docs/{path} does not exist")
        return f'<script src="{get_relative_url(path, env.page.url)}"></script>'

    @env.macro
    def download_link(name: str, text: str) -> str:
        """A link to a file the build writes under downloads/ (invisible to MkDocs' link check)."""
        from mkdocs.utils import get_relative_url

        from .file_names import DOWNLOAD_NAMES

        if name not in DOWNLOAD_NAMES:
            raise ValueError(f"download_link: '{name}' is not a download of the book; "
                             f"use one of: {', '.join(DOWNLOAD_NAMES)}")
        url = get_relative_url("downloads/" + name, env.page.url)
        return f'<a href="{html.escape(url)}" download>{html.escape(text)}</a>'


def _flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")
