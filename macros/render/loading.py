"""How a built page loads the theme's script: nothing a phone's first paint has to wait for. Pure.

Material writes its bundle as the last, parser-blocking `<script>` of the page. Deferred, it runs at
the same moment (the document parsed, before `DOMContentLoaded`, which is what the bundle waits for)
but the browser no longer counts it as blocking the first paint of the text above it.
"""

from __future__ import annotations

import re

_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def with_deferred_bundle(html: str) -> str:
    return _BUNDLE.sub(r'<script src="\1" defer></script>', html, count=1)
