"""Turning data text into safe Markdown: escaping and `[[wiki links]]`."""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache

import yaml
from markdown.extensions.toc import slugify as _markdown_slugify

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


# Characters Python-Markdown reads as syntax and lets a backslash escape (its ESCAPED_CHARS, with
# the tables extension's pipe): escaped, they come out of the converter as the plain character.
_BACKSLASHED = frozenset("\\`*_{}[]()>#+-.!|")
# HTML's own syntax, and the quote that ends an attribute: written as character references.
_ENTITIES = {"<": "&lt;", "&": "&amp;", '"': "&quot;"}
# At the start of a line these open a block (details `???`, a definition `:`, a fence `~~~`,
# a setext underline `=`), and a backslash does not escape them.
_LINE_START = frozenset("?:~=")


def markdown_text(text: str) -> str:
    """Any data text as Markdown that shows exactly these characters and nothing else.

    Every character that could be syntax (Markdown, its extensions, HTML, attribute lists,
    abbreviations, snippets, tables) is escaped, and line breaks become spaces, so the value can
    sit anywhere in a template (a list item, a table cell, an admonition) without changing it.
    """
    flat = " ".join(text.split())
    return _safe_at_line_start(flat, _escape_inline(flat))


def _safe_at_line_start(flat: str, rendered: str) -> str:
    """`rendered` with its first character as a character reference when, at the start of a line,
    it would open a block (those characters are never escaped otherwise, so it is one character)."""
    return f"&#{ord(flat[0])};{rendered[1:]}" if flat[:1] in _LINE_START else rendered


def _escape_character(character: str) -> str:
    if character in _BACKSLASHED:
        return "\\" + character
    return _ENTITIES.get(character, character)


# The emphasis prose may use: `**strong**` and `*emphasis*`, opening and closing next to a word.
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=[^\s*])(.+?)(?<=[^\s*])\*")


def _with_emphasis(text: str) -> str:
    """Escaped text with the prose subset's emphasis kept as Markdown emphasis."""
    out, position = [], 0
    for match in _EMPHASIS.finditer(text):
        out.append(_escape_inline(text[position:match.start()]))
        strong, emphasis = match.group(1), match.group(2)
        out.append(f"**{_escape_inline(strong)}**" if strong is not None
                   else f"*{_escape_inline(emphasis)}*")
        position = match.end()
    out.append(_escape_inline(text[position:]))
    return "".join(out)


# Inside a word (BY-SA, 4.0) a hyphen or dot is never syntax; left as is, a glossary term holding
# one still matches (escaped, `CC BY-SA` lost to the shorter `CC` and its wrong tooltip).
_PLAIN_INSIDE_A_WORD = frozenset("-.")


# The only characters escaping changes: every other character is written as it is.
_SPECIAL = re.compile("[" + re.escape("".join(sorted(_BACKSLASHED | set(_ENTITIES)))) + "]")


def _escape_inline(text: str) -> str:
    def escaped(match: re.Match) -> str:
        character, index = match.group(), match.start()
        if (character in _PLAIN_INSIDE_A_WORD and 0 < index < len(text) - 1
                and text[index - 1].isalnum() and text[index + 1].isalnum()):
            return character
        return _escape_character(character)

    return _SPECIAL.sub(escaped, text)


def prose(text: str, from_page: str, titles: dict[str, str]) -> str:
    """Data prose as Markdown: `[[id|text]]` links and emphasis kept, every other character escaped."""
    flat = " ".join(text.split())
    out, position = [], 0
    for match in WIKI_LINK.finditer(flat):
        out.append(_with_emphasis(flat[position:match.start()]))
        target = match.group(1).strip()
        shown = (match.group(2) or titles.get(target, target)).strip()
        out.append(f"[{markdown_text(shown)}]({relative_link(from_page, page_path('entity', target))})")
        position = match.end()
    out.append(_with_emphasis(flat[position:]))
    return _safe_at_line_start(flat, "".join(out))


def plain(text: str, titles: dict[str, str] | None = None) -> str:
    """Prose as plain text (no link markup): `[[id|text]]` becomes text, `[[id]]` the entity's title.

    The result is not escaped: callers writing it into HTML, YAML, mermaid or CSV escape it there.
    """
    titles = titles or {}
    return WIKI_LINK.sub(lambda m: (m.group(2) or titles.get(m.group(1).strip(), m.group(1))).strip(),
                         text)


def table_cell(markdown: str) -> str:
    """Rendered Markdown inside a table row: one line (pipes are already escaped by the renderers)."""
    return " ".join(markdown.split("\n"))


def front_matter(**values) -> str:
    """A page's YAML front matter, written by a YAML serializer: a value can never add a key.

    Material prints `title` and `description` into HTML without escaping, so both are escaped here.
    """
    safe = {key: _front_matter_value(key, value) for key, value in values.items() if value is not None}
    body = yaml.safe_dump(safe, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=2**31)
    return f"---\n{body}---\n"


def _front_matter_value(key: str, value):
    if key == "title":  # printed as HTML text (and read by the search index): `<` and `&` matter
        return html.escape(" ".join(str(value).split()), quote=False)
    if key == "description":  # printed inside a double-quoted attribute
        return html.escape(" ".join(str(value).split()), quote=True)
    if isinstance(value, list):
        return [" ".join(str(item).split()) for item in value]
    return value


# Ids a heading may not take: the page's scripts find their elements by these. Material's start with
# `__` (`__config`, the JSON its whole bundle starts from, sits at the end of <body>, after the
# article, so a heading with that id is the one `querySelector("#__config")` finds; `__search`,
# `__drawer`...), the book's with `stc-` (`stc-finder`, `stc-quiz`, read by getElementById).
_RESERVED_IDS = ("_", "stc-")


def heading_slug(value: str, separator: str) -> str:
    """Python-Markdown's heading id, never one of the ids the page's scripts read (_RESERVED_IDS).

    A heading's id is its text slugged, and a data title is a heading: the slugger folds a full-width
    `＿` (U+FF3F, allowed in a name) to `_`, so the title `＿＿config` was the id `__config`.
    """
    slug = _markdown_slugify(value, separator)
    if slug.startswith(_RESERVED_IDS):
        slug = "heading" + separator + slug.lstrip("_" + separator)
    return slug


_ABBREVIATION_OR_LINK = re.compile(r"<abbr title=|<a\b|</a>")


def focusable_abbreviations(html: str) -> str:
    """Every `<abbr title>` the `abbr` extension wrote, reachable by Tab and by a tap, so its tooltip
    (Material's `content.tooltips`) opens on keyboard focus and on a touch screen, not on hover only.

    One inside a link stays as it is: the link takes the tap, and a focusable element inside another
    is an accessibility error. Data text can never contain these tags: the renderers escape `<`.
    """
    out, position, links = [], 0, 0
    for match in _ABBREVIATION_OR_LINK.finditer(html):
        tag = match.group()
        if tag == "</a>":
            links = max(0, links - 1)
        elif tag == "<a":
            links += 1
        elif links == 0:
            out.append(html[position:match.start()] + '<abbr tabindex="0" title=')
            position = match.end()
    out.append(html[position:])
    return "".join(out)
