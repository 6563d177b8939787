"""MkDocs names the page of a broken link but not its line; in a long page that is a hunt.

The warning quotes the link as the page wrote it, so its line is found by looking for that text in
the page's source. A link a macro wrote is not in the source: then the warning stays as it was."""

from __future__ import annotations

import re
from typing import Callable

# MkDocs 1.6's link and anchor warnings (mkdocs/structure/pages.py), which quote the link as written.
LINK_WARNING = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) "
                          r"link '(?P<link>[^']+)'")


def located_link_warning(message: str, page_source: Callable[[str], tuple[str, str] | None]) -> str:
    """`message` with `path:line: ` in front, from `page_source(src_uri)` -> (path shown, text), or
    None for a page with no source file (a generated page)."""
    match = LINK_WARNING.match(message)
    if match is None:
        return message
    source = page_source(match["page"])
    if source is None:
        return message
    shown, text = source
    link = match["link"]
    # As a link target first (a plain mention of `a.md` elsewhere is not the link), then anywhere.
    written = (f"]({link}", f"]: {link}", f"]:{link}", f'="{link}"', f"='{link}'", f"<{link}>")
    lines = text.splitlines()
    for found_in in (lambda line: any(form in line for form in written), lambda line: link in line):
        for number, line in enumerate(lines, start=1):
            if found_in(line):
                return f"{shown}:{number}: {message}"
    return message
