"""A Content-Security-Policy for every built page: defence in depth behind the escaping.

Nothing in data/ should ever reach a reader's browser as live code; if a mistake lets some through, this
policy still forbids inline event handlers, `javascript:` links, plugins, a `<base>` that redirects
relative links, and any script that is not one of the book's own files or one of the inline scripts
Material (and the print plugin) write, each allowed by the SHA-256 of its exact text.

The policy is a `<meta http-equiv>` as the first element of `<head>`, so it holds before anything else is
parsed, online and from file:// alike (a static book has no server headers to set). A meta policy cannot
carry `frame-ancestors`, `report-uri` or `sandbox`; none is needed here.

Pure functions: page HTML in, page HTML out. The MkDocs hook only calls `with_content_security_policy`.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html.parser import HTMLParser

# Script types a browser executes (HTML's "JavaScript MIME type essence match", plus "module").
# `application/json` (Material's `__config`) is data: CSP neither blocks nor needs to allow it.
_EXECUTABLE_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
                     "application/ecmascript", "application/x-javascript", "text/x-javascript",
                     "text/jscript", "text/livescript", "text/x-ecmascript", "text/javascript1.0",
                     "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
                     "text/javascript1.4", "text/javascript1.5"}

# Everything the book loads is its own file; `data:` only where Material's stylesheet draws its icons
# and mermaid its markers. Styles stay inline-able: Material and mermaid set `style` attributes and
# write `<style>` into each diagram, and a style cannot run code.
_FIXED_DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def script_hash(text: str) -> str:
    """The CSP source expression allowing one inline script: 'sha256-<base64 of its UTF-8 text>'."""
    digest = hashlib.sha256(_as_parsed(text).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The exact text of every inline, executable `<script>` in the page, in document order."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.scripts


def content_security_policy(script_hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The policy text; `script_hashes` are source expressions from `script_hash`, deduplicated."""
    script_src = ("script-src", " ".join(["'self'", *dict.fromkeys(script_hashes)]))
    directives = (_FIXED_DIRECTIVES[0], script_src, *_FIXED_DIRECTIVES[1:])
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_content_security_policy(html: str, iframe_worker_shim: str = "") -> str:
    """The page with a CSP meta as the first element of its `<head>`.

    The policy allows the page's own inline scripts and, given the source of the iframe-worker shim,
    the inline script that shim writes to run the page's search worker from file:// (see
    `iframe_worker_script`). A page that already carries a CSP meta is returned unchanged, so mending
    a page twice is harmless; a page without `<head>` is refused.
    """
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    if parser.has_policy:
        return html
    if parser.head_end is None:
        raise ValueError("page has no <head>: cannot add a Content-Security-Policy")
    scripts = list(parser.scripts)
    worker_url = _search_worker_url(parser.config)
    if iframe_worker_shim and worker_url:
        scripts.append(iframe_worker_script(iframe_worker_shim, worker_url))
    policy = content_security_policy([script_hash(text) for text in scripts])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return f"{html[:parser.head_end]}\n{meta}{html[parser.head_end:]}"


def iframe_worker_script(shim_source: str, worker_url: str) -> str:
    """The inline script the vendored iframe-worker shim writes into its hidden iframe.

    From file:// a browser starts no web worker, so the shim runs Material's search worker in an
    about:blank iframe, which inherits the page's policy. The iframe's first script is built from a
    template in the shim: `<script>postMessage=${c};importScripts=${d};...filename:"${e}"...<\\/script>`,
    where c and d are functions of the shim (written as their source text) and e is the worker's URL.
    This rebuilds that text so its hash can be allowed; it fails loudly if the shim no longer has that
    shape (a new shim version must be looked at, not allowed blindly).
    """
    start_marker, end_marker = "<html><body><script>", "<\\/script>"
    start = shim_source.find(start_marker)
    end = shim_source.find(end_marker, start)
    if start < 0 or end < 0:
        raise ValueError("iframe-worker shim: its iframe template was not found")
    template = shim_source[start + len(start_marker):end]
    text, position = [], 0
    while (hole := template.find("${", position)) >= 0:
        close = template.index("}", hole)
        text.append(template[position:hole])
        name = template[hole + 2:close]
        text.append(worker_url if name == "e" else _function_source(shim_source, name))
        position = close + 1
    text.append(template[position:])
    return "".join(text)


def _function_source(source: str, name: str) -> str:
    """The source text of `function <name>(…){…}` in minified JS, as Function.prototype.toString gives."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"iframe-worker shim: function {name} was not found")
    depth, quote, index = 0, "", source.index("{", start)
    while index < len(source):
        character = source[index]
        if quote:
            if character == "\\":
                index += 1
            elif character == quote:
                quote = ""
        elif character in "\"'`":
            quote = character
        elif character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth == 0:
                return source[start:index + 1]
        index += 1
    raise ValueError(f"iframe-worker shim: function {name} does not end")


def _search_worker_url(config: str | None) -> str | None:
    """The search worker's address as Material reads it from the page's `__config` JSON."""
    try:
        value = json.loads(config).get("search") if config else None
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def _as_parsed(text: str) -> str:
    """Browsers hash a script's text after the HTML parser turned CR LF and CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _PageParser(HTMLParser):
    """Finds where `<head>` opens, the theme's inline scripts, Material's config and our own policy.

    Scripts inside `<article>` (the page content, where data is written) are never collected: if one
    ever slipped through the escaping, hashing it would allow exactly what the policy is there to stop.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.head_end: int | None = None
        self.scripts: list[str] = []
        self.config: str | None = None
        self.has_policy = False
        self._article_depth = 0
        self._script: list[str] | None = None
        self._is_config = False
        self._line_offsets: list[int] = []
        self._document = ""

    def feed(self, data: str) -> None:
        # getpos() counts lines by "\n" only; map (line, column) back to an offset in `data`.
        offsets, total = [], 0
        for line in data.split("\n"):
            offsets.append(total)
            total += len(line) + 1
        self._line_offsets = offsets
        self._document = data
        super().feed(data)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "head" and self.head_end is None:
            line, column = self.getpos()
            self.head_end = self._line_offsets[line - 1] + column + len(self.get_starttag_text())
        elif (tag == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy"
              and self._at_head_start()):
            self.has_policy = True  # ours, from an earlier pass: only the first element of <head> counts
        elif tag == "article":
            self._article_depth += 1
        elif tag == "script" and not self._article_depth:
            script_type = attributes.get("type", "").strip().lower()
            self._is_config = attributes.get("id") == "__config"
            executable = "src" not in attributes and script_type in _EXECUTABLE_TYPES
            self._script = [] if executable or self._is_config else None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def _at_head_start(self) -> bool:
        line, column = self.getpos()
        offset = self._line_offsets[line - 1] + column
        return self.head_end is not None and not self._document[self.head_end:offset].strip()

    def handle_endtag(self, tag):
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            if self._is_config:
                self.config = text
            else:
                self.scripts.append(text)
        if tag == "script":
            self._script, self._is_config = None, False
