"""Turning data text into safe Markdown: escaping and `[[wiki links]]`."""

from __future__ import annotations

import html
import posixpath
from functools import lru_cache

from ..models import WIKI_LINK

ENTITY_DIR = "entities"
DIFFERENTIAL_DIR = "differentials"


def page_path(kind: str, id_: str) -> str:
    """docs-relative source path of a generated page, e.g. entities/gout.md."""
    folder = ENTITY_DIR if kind == "entity" else DIFFERENTIAL_DIR
    return f"{folder}/{id_}.md"


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
