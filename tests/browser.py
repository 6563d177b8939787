"""Serve a built site on loopback and drive Debian's chromium against it with Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, chromium tries to reach Google's services at start-up; this machine has no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--allow-file-access-from-files"]  # the offline edition is opened from file://


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@contextmanager
def serve(root: Path):
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Material draws each diagram in a closed shadow root; opening it lets a test look inside.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: "open"}); };
"""

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def serious_accessibility_violations(page) -> list[str]:
    """Run the vendored axe-core on the page; list serious and critical violations."""
    # Evaluated through the DevTools protocol, not added as a <script>: the page's
    # Content-Security-Policy rightly refuses an inline script it has no hash for.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate("async () => (await axe.run(document)).violations.map("
                               "v => ({id: v.id, impact: v.impact, nodes: v.nodes.map("
                               "n => n.target.join(' ')).slice(0, 3)}))")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in violations
            if v["impact"] in ("serious", "critical")]


def wait_for_diagrams(page, count: int = 1, timeout: int = 20000) -> None:
    """Wait until `count` diagrams show a drawing.

    Built pages hold the drawing already; a build without a browser engine leaves the source for the
    book's script (docs/assets/javascripts/diagrams.js) to draw when it comes near the screen.
    """
    page.wait_for_function("n => document.querySelectorAll('.stc-diagram svg').length >= n",
                           arg=count, timeout=timeout)


def first_search_result(page, query: str, timeout: int = 15000) -> str:
    """Type a query like a reader and return the first result's address once it answers *this* query."""
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("")
    search.press_sequentially(query, delay=10)
    first_word = query.split()[0].split("'")[0].split("-")[0].lower()
    page.wait_for_function(
        """word => [...document.querySelectorAll('.md-search-result__link')].some(
               a => decodeURIComponent(new URL(a.href).searchParams.get('h') || '')
                      .toLowerCase().includes(word))
           || /No matching/.test(document.querySelector('.md-search-result__meta')?.textContent)""",
        arg=first_word, timeout=timeout)
    page.wait_for_timeout(300)  # a slow machine may still be drawing the results of the full query
    first = page.locator(".md-search-result__link").first
    return first.get_attribute("href") if first.count() else ""


def diagrams(page) -> list[str]:
    """For each diagram on the page: 'svg' (drawn and visible), 'error' or 'missing'."""
    return page.evaluate("""() => [...document.querySelectorAll('.stc-diagram')].map(d => {
        const svg = d.querySelector('svg');
        if (!svg) return 'missing';
        const failed = svg.getAttribute('aria-roledescription') === 'error'
            || /Syntax error in text/.test(svg.textContent);
        const box = svg.getBoundingClientRect();
        return failed ? 'error' : (box.width > 100 && box.height > 50 ? 'svg' : 'missing');
    })""")


class PageWatch:
    """Collects console errors and every request a page makes."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def outside(self, allowed_prefix: str) -> list[str]:
        return [url for url in self.requests
                if not url.startswith(allowed_prefix) and not url.startswith("data:")
                and not url.startswith("blob:")]
