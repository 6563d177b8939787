"""Turning data text into safe Markdown: escaping and `[[wiki links]]`."""

from __future__ import annotations

import html
import posixpath
from functools import lru_cache

from ..models import FOLDERS, WIKI_LINK

def page_path(kind: str, id_: str) -> str:
    """docs-relative source path of a generated page, e.g. entities/gout.md."""
    return f"{FOLDERS[kind]}/{id_}.md"


def site_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    """The URL of `to_page` as a link from `from_page`, both docs-relative .md paths."""
    base = served_url(from_page, directory_urls)
    base = base.rstrip("/") if directory_urls else posixpath.dirname(base)
    target = served_url(to_page, directory_urls)
    relative = posixpath.relpath(target.rstrip("/") or ".", base or ".")
    return f"{relative}/" if directory_urls else relative


def served_url(page: str, directory_urls: bool) -> str:
    """Where MkDocs serves a docs page, relative to the site root: `a/b/` or `a/b.html`."""
    stem = page.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"
    folder = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
    return f"{folder}/" if folder else ""


@lru_cache(maxsize=65536)  # a few thousand distinct links per build, each asked for many times
def relative_link(from_page: str, to_page: str) -> str:
    """A Markdown link target from one docs page to another; MkDocs validates these."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")


def escape_markdown_html(text: str) -> str:
    # Data text is shown, never executed: `<script>` becomes visible characters.
    return html.escape(text, quote=False)


def prose(text: str, from_page: str, titles: dict[str, str]) -> str:
    """Data prose as Markdown: HTML escaped, `[[id|text]]` turned into a page link."""

    def link(match) -> str:
        target = match.group(1).strip()
        shown = (match.group(2) or titles.get(target, target)).strip()
        return f"[{shown}]({relative_link(from_page, page_path('entity', target))})"

    return WIKI_LINK.sub(link, escape_markdown_html(text))


def plain(text: str, titles: dict[str, str] | None = None) -> str:
    """Prose without link markup: `[[id|text]]` becomes text, `[[id]]` the entity's title."""
    titles = titles or {}
    return WIKI_LINK.sub(lambda m: (m.group(2) or titles.get(m.group(1).strip(), m.group(1))).strip(),
                         text)


def table_cell(text: str) -> str:
    # A pipe or a line break would end the table cell early.
    return text.replace("|", "\\|").replace("\n", " ")
