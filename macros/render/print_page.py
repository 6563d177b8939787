"""Mending the page of mkdocs-print-site-plugin, which renders outside MkDocs' page events.

The hook hands its HTML here once the build is done; this module knows nothing of MkDocs.
"""

from __future__ import annotations

import re

_SEARCH_BASE = re.compile(r'"base": "[^"]*"')
_PERMALINK = re.compile(r'<a class="headerlink" href="[^"]*" title="Permanent link">&para;</a>')
# The plugin turns a link "finder/?age=adult" into an anchor of the print page: "#finder-?age=adult"
# online, "#finder?age=adult" offline.
_FINDER_ANCHOR = re.compile(r'href="#finder-?\?')
# The step-by-step walk shows one step at a time through anchors the plugin does not rename; on paper
# the flow in words says the same.
_WALK = re.compile(r'<div class="stc-walk-block">.*?<!-- end of the walk -->', re.S)
# The plugin's stylesheets and script, which it lists on every page although only its page uses them.
_PRINT_PAGE_ASSETS = re.compile(
    r'<link rel="stylesheet" href="[^"]*css/print-site(?:-material)?\.css">\n?'
    r'|<script src="[^"]*js/print-site\.js"></script>\n?')
_LETTER_SECTION = re.compile(
    r"<section class='print-page md-section'( id='[^']*' heading-number='[^']*'>\s*<h1>[A-Z#]<)")


def mend_print_page(html: str, base: str, finder_url: str) -> str:
    """`base`: the site root relative to the print page; `finder_url`: the finder page, likewise."""
    # The plugin borrows another page's base URL, which breaks search from file:// and subpaths.
    html = _SEARCH_BASE.sub(f'"base": "{base}"', html, count=1)
    # Permalinks (¶) mean nothing on paper, and the plugin leaves some pointing at missing ids.
    html = _PERMALINK.sub("", html)
    # The finder keeps its choices in a query string, which no anchor on this page can hold.
    html = _FINDER_ANCHOR.sub(f'href="{finder_url}?', html)
    html = _WALK.sub("", html)
    # The plugin gives every nav section a title page; the entities' letters get a divider.
    return _LETTER_SECTION.sub(r"<section class='print-page md-section stc-letter'\1", html)


def without_print_page_assets(html: str) -> str:
    """Any page but the print page, without the print plugin's two stylesheets and script: three
    requests fewer before a phone shows the page. Their rules all address the print page (its table
    of contents, sections and cover); printing a single page keeps the theme's own print styles."""
    return _PRINT_PAGE_ASSETS.sub("", html)
