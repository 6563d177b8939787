"""Drawing the book's diagrams when it is built: the vendored mermaid in a headless chromium turns each
diagram's source into SVG, cached on disk by content hash so a rebuild redraws only what changed.

Why a browser: mermaid lays text out by measuring it, which needs a layout engine; a pure-Python or
pure-JS (jsdom) renderer either is not mermaid or cannot measure text. Debian's chromium, driven by
Playwright (the browser tests' tools), runs the very file the client used to download.

The browser starts only on a cache miss, in one worker thread (Playwright's sync API stays in the
thread that started it), so the pages of the book are rendered while diagrams are drawn. Free of
MkDocs: the hook decides when to draw; `macros.render.svg` makes the result fit for a page.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cache_files import write_whole

# How mermaid draws. Labels as SVG <text>, never HTML in a <foreignObject>: the drawing is inlined in
# pages and must hold nothing but drawing. The font is measured here and shown in the page, so it is
# one with the same widths everywhere (Arial, or its metric twins Liberation Sans and Arimo).
FONT_FAMILY = 'Arial, "Liberation Sans", Arimo, Helvetica, sans-serif'
MERMAID_CONFIG = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    "fontFamily": FONT_FAMILY,
    "theme": "default",
}
# Changing what is kept of a drawing (macros/render/svg.py) does not need a redraw; changing how it is
# drawn does: bump this.
DRAWING_VERSION = 1
# Without these chromium tries to reach Google's services at start-up; the drawing needs no network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_RENDER = """async ([id, source]) => {
  const holder = document.createElement("div");
  holder.innerHTML = (await mermaid.render(id, source)).svg;
  return new XMLSerializer().serializeToString(holder.firstElementChild);
}"""


class DrawingError(RuntimeError):
    """A diagram could not be drawn (its source, or the browser)."""


def find_chromium() -> str | None:
    """Debian's chromium (or the one CHROMIUM names); Playwright never downloads a browser here."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def engine_problem() -> str | None:
    """Why diagrams cannot be drawn on this machine, or None when they can."""
    # Looked up, not imported: importing it costs a build 0.15 s, and a build whose diagrams are all
    # in the cache never starts it.
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -r requirements.txt)"
    if find_chromium() is None:
        return "no chromium found (Debian: apt-get install chromium; or set CHROMIUM=/path/to/it)"
    return None


@dataclass
class Drawer:
    """Draws mermaid sources into raw SVG, from the cache when it can."""

    mermaid_js: Path
    cache_dir: Path
    chromium: str | None = None
    drawn: int = 0
    from_cache: int = 0
    _version: str = field(init=False, repr=False)
    _futures: dict[str, Future] = field(default_factory=dict, repr=False)
    _worker: ThreadPoolExecutor | None = field(default=None, repr=False)
    _session: tuple | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._version = hashlib.sha256(self.mermaid_js.read_bytes()).hexdigest()

    def key(self, source: str) -> str:
        """The cache key: mermaid itself (its file's hash), how it draws, and the source."""
        material = json.dumps({"mermaid": self._version, "config": MERMAID_CONFIG,
                               "drawing": DRAWING_VERSION, "source": source}, sort_keys=True)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def render_id(self, source: str) -> str:
        """The drawing's id: stable, and distinct for each diagram sharing a page (the print page)."""
        return f"diagram-{self.key(source)[:12]}"

    def prefetch(self, sources) -> None:
        """Start drawing these now, in the background; `svg` collects them."""
        for source in sources:
            self._future(source)

    def kept(self, source: str) -> str | None:
        """The drawing from the cache, or None; never starts a browser."""
        cached = self._cache_path(source)
        return cached.read_text(encoding="utf-8") if cached.is_file() else None

    def svg(self, source: str) -> str:
        try:
            return self._future(source).result()
        except DrawingError:
            raise
        except Exception as error:  # Playwright's errors carry mermaid's message
            raise DrawingError(f"{error}".strip().splitlines()[0] if str(error).strip() else repr(error)) from None

    def close(self) -> None:
        """Stop the browser (if one started) and the worker; safe to call twice."""
        if self._worker is not None:
            self._worker.submit(self._stop).result()
            self._worker.shutdown()
            self._worker = None
        self._futures.clear()

    def _future(self, source: str) -> Future:
        if source not in self._futures:
            kept = self.kept(source)
            if kept is not None:
                future: Future = Future()
                future.set_result(kept)
                self.from_cache += 1
            else:
                if self._worker is None:
                    self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="diagrams")
                future = self._worker.submit(self._draw, source)
            self._futures[source] = future
        return self._futures[source]

    def _cache_path(self, source: str) -> Path:
        return self.cache_dir / f"{self.key(source)}.svg"

    def _draw(self, source: str) -> str:
        page = self._page()
        svg = page.evaluate(_RENDER, [self.render_id(source), source])
        write_whole(self._cache_path(source), svg)
        self.drawn += 1
        return svg

    def _page(self):
        if self._session is None:
            from playwright.sync_api import sync_playwright

            chromium = self.chromium or find_chromium()
            if chromium is None:
                raise DrawingError(engine_problem() or "no chromium")
            playwright = sync_playwright().start()
            try:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.route("**/*", lambda route: route.abort())  # the drawing fetches nothing
                page.set_content("<!doctype html><html><head></head><body></body></html>")
                page.add_script_tag(content=self.mermaid_js.read_text(encoding="utf-8"))
                page.evaluate("config => mermaid.initialize(config)", MERMAID_CONFIG)
            except Exception as error:
                playwright.stop()
                raise DrawingError(f"chromium at {chromium} could not start: {error}") from None
            self._session = (playwright, browser, page)
        return self._session[2]

    def _stop(self) -> None:
        if self._session is not None:
            playwright, browser, _ = self._session
            self._session = None
            try:
                browser.close()
            finally:
                playwright.stop()
