"""How a built page loads its script and styles: as little as possible before a phone's first paint. Pure.

Material writes its bundle as the last, parser-blocking `<script>` of the page. Deferred, it runs at
the same moment (the document parsed, before `DOMContentLoaded`, which is what the bundle waits for)
but the browser no longer counts it as blocking the first paint of the text above it.
"""

from __future__ import annotations

import re

_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def with_deferred_bundle(html: str) -> str:
    return _BUNDLE.sub(r'<script src="\1" defer></script>', html, count=1)


# Rules a stylesheet may only hold at its very start, or that would fetch another file in turn.
_UNBUNDLABLE = re.compile(r"@(?:import|charset)\b", re.IGNORECASE)


def one_stylesheet(stylesheets: list[tuple[str, str]]) -> str:
    """The book's stylesheets, (name, text) in the order mkdocs.yml lists them, as one file.

    Every stylesheet in `<head>` holds the first paint until it has arrived; on a phone's connection
    each file is another request in that wait, and one file of the same rules in the same order
    styles the page exactly as the separate files did. A file that relies on being separate is refused.
    """
    parts = []
    for name, text in stylesheets:
        if _UNBUNDLABLE.search(text):
            raise ValueError(f"{name}: @import and @charset cannot be bundled into one stylesheet; "
                             f"write the rules out, or list the imported file in mkdocs.yml extra_css")
        parts.append(f"/* ---- {name} ---- */\n{text.rstrip()}\n")
    return "\n".join(parts)
