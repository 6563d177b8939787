"""Where diagrams sit in a page: finding their sources, and what replaces each. Pure functions.

A diagram is written in Markdown as a ```mermaid fence, which becomes `<pre class="mermaid">`. When the
book is built, each is replaced by the drawing itself (a figure holding inline SVG). Where no browser
engine is there to draw it (a fresh machine's `make serve`), it becomes a source block that a small
script of the book draws in the reader's browser once it comes near the screen.
"""

from __future__ import annotations

import html
import re
from typing import Callable

from .mermaid import accessible_name
from .svg import InlineSvg, inline_svg

_FENCE = re.compile(r"^```mermaid[ \t]*\n(.*?)^```[ \t]*$", re.M | re.S)
_BLOCK = re.compile(r'<pre class="mermaid"><code>(.*?)</code></pre>', re.S)
# Drawn in the reader's browser (macros/diagrams.py could not): see docs/assets/javascripts/diagrams.js.
BROWSER_DRAWN_CLASS = "stc-diagram-source"


def sources_in_markdown(markdown: str) -> list[str]:
    """The diagram sources a page's Markdown holds, as `replace_diagrams` will see them."""
    return [match.group(1).strip() for match in _FENCE.finditer(markdown)]


def replace_diagrams(page_html: str, replacement: Callable[[str], str]) -> str:
    """Each diagram of the page (its source) replaced by `replacement(source)`."""
    return _BLOCK.sub(lambda match: replacement(html.unescape(match.group(1)).strip()), page_html)


def has_diagrams(page_html: str) -> bool:
    return bool(_BLOCK.search(page_html))


def figure(drawing: InlineSvg) -> str:
    """The drawn diagram. Its width lets narrow screens show it at a legible size, panned sideways.

    Left out of the search index: the flow in words below says the same, and says it better.
    """
    return (f'<figure class="stc-diagram" data-search-exclude '
            f'style="--stc-diagram-width: {round(drawing.width)}px">{drawing.markup}</figure>')


def drawn_figure(source: str, svg: str) -> str:
    """The figure of a diagram drawn as `svg`: allow-listed (raises UnsafeDiagram), named from its source."""
    title, description = accessible_name(source)
    return figure(inline_svg(svg, title, description))


def browser_drawn(source: str) -> str:
    """The diagram as source, for the book's own script to draw in the reader's browser."""
    return (f'<figure class="stc-diagram" data-search-exclude><pre class="{BROWSER_DRAWN_CLASS}">'
            f"<code>{html.escape(source, quote=False)}</code></pre></figure>")


def with_script(page_html: str, src: str) -> str:
    """The page loading one more script of the book, deferred: it never holds up the first paint."""
    tag = f'<script src="{html.escape(src)}" defer></script>'
    return page_html.replace("</head>", f"{tag}\n</head>", 1) if BROWSER_DRAWN_CLASS in page_html else page_html
