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
import re
from dataclasses import dataclass, field
from html import unescape
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
    return _scan(html).scripts


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
    page = _scan(html)
    if page.has_policy:
        return html
    if page.head_end is None:
        raise ValueError("page has no <head>: cannot add a Content-Security-Policy")
    scripts = list(page.scripts)
    worker_url = _search_worker_url(page.config)
    if iframe_worker_shim and worker_url:
        scripts.append(iframe_worker_script(iframe_worker_shim, worker_url))
    policy = content_security_policy([script_hash(text) for text in scripts])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return f"{html[:page.head_end]}\n{meta}{html[page.head_end:]}"


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


# HTML's own whitespace (not Unicode's: `\s` would also end a tag name at U+00A0).
_SPACE = r"\t\n\f\r "
# A tag's attributes, as HTML tokenises them: a quote opens a value only after `=`; a quoted value
# may hold `>`, and one that never closes runs to the end of the page. Possessive: one pass over a
# page, however its tags are (not) closed.
_ATTRIBUTES = (rf"""(?P<attributes>(?:[^>"'=]++|=[{_SPACE}]*+(?:"[^"]*+"|'[^']*+')"""
               rf"""|=(?![{_SPACE}]*+["'])|["'])*+)""")
_TAG_NAME_ENDS = rf"(?=[{_SPACE}/>])"
_LANDMARKS = "head|meta|article|script|style|title|textarea"
_OTHER_ATTRIBUTES = _ATTRIBUTES.replace("?P<attributes>", "?:")
# Everything before the next landmark, token by token as HTML reads it, so that text inside a tag,
# a comment or a bogus comment (an attribute's value, `<?…>`) is never read as a tag: text, comments,
# other tags, end tags, bogus comments, and a `<` that opens none of them. A tag or bogus comment
# that never closes runs to the end of the page, as in HTML: nothing after it is a tag.
_SKIPPED = (r"[^<]++"
            r"|<!--(?:-?>|.*?(?:--!?>|\Z))"
            rf"|<(?!(?:{_LANDMARKS}){_TAG_NAME_ENDS})[a-z][^{_SPACE}/>]*+{_OTHER_ATTRIBUTES}>"
            rf"|</[a-z][^{_SPACE}/>]*+{_OTHER_ATTRIBUTES}>"
            r"|<[!?/][^>]*+>"
            r"|<(?![a-z!?/])")
# Matched from where the scan stands: the skipped tokens (possessive: walked once, in the engine,
# not tag by tag in Python), then one landmark start tag. No match: there is no landmark left.
_NEXT_LANDMARK = re.compile(rf"(?:{_SKIPPED})*+<(?P<tag>{_LANDMARKS}){_TAG_NAME_ENDS}{_ATTRIBUTES}>",
                            re.IGNORECASE | re.DOTALL | re.ASCII)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""", re.ASCII)
_RAW_TEXT_ENDS = {tag: re.compile(rf"</{tag}(?=[{_SPACE}/>])", re.IGNORECASE | re.ASCII)
                  for tag in ("script", "style", "title", "textarea")}
_ARTICLE_MENTION = re.compile(r"</?article", re.IGNORECASE | re.ASCII)
_ARTICLE_END = re.compile(rf"</article(?=[{_SPACE}/>])[^>]*>", re.IGNORECASE | re.ASCII)


@dataclass
class _Page:
    head_end: int | None = None
    scripts: list[str] = field(default_factory=list)
    config: str | None = None
    has_policy: bool = False


def _scan(html: str) -> _Page:
    """Where `<head>` opens, the theme's inline scripts, Material's config and our own policy.

    Everything from the first `<article>` to the last `</article>` (the page content, where data is
    written) is skipped: a script there is never collected, even one that slipped through the
    escaping with a `</article>` of its own, since hashing it would allow exactly what the policy is
    there to stop. Text inside `<style>`, `<title>` and `<textarea>` is text, not tags.
    """
    page, position = _Page(), 0
    # Belt and braces: whatever the tokenising above makes of a page, no script that starts between
    # the first "<article" and the last "</article" written anywhere in it is ever collected.
    mentions = [found.start() for found in _ARTICLE_MENTION.finditer(html)]
    opening = next((at for at in mentions if html[at + 1] != "/"), -1)
    closing = max((at for at in mentions if html[at + 1] == "/"), default=-1)
    content = (opening, closing if closing > opening else len(html)) if opening >= 0 else (-1, -1)
    while (match := _NEXT_LANDMARK.match(html, position)) is not None:
        position, tag, opened = match.end(), match["tag"].lower(), match.start("tag") - 1
        attributes = _attributes(match["attributes"])
        if tag == "head" and page.head_end is None:
            page.head_end = position
        elif tag == "meta":
            is_policy = attributes.get("http-equiv", "").lower() == "content-security-policy"
            # Ours, from an earlier pass: only the first element of <head> counts.
            if is_policy and page.head_end is not None and not html[page.head_end:opened].strip():
                page.has_policy = True
        elif tag == "article":
            ends = list(_ARTICLE_END.finditer(html, position))
            position = ends[-1].end() if ends else len(html)
        elif tag in _RAW_TEXT_ENDS:
            end = _RAW_TEXT_ENDS[tag].search(html, position)
            text, position = html[position:end.start() if end else len(html)], end.end() if end else len(html)
            if tag == "script" and "src" not in attributes and not content[0] <= opened <= content[1]:
                if attributes.get("id") == "__config":
                    page.config = text
                elif attributes.get("type", "").strip().lower() in _EXECUTABLE_TYPES:
                    page.scripts.append(text)
    return page


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes by lower-cased name, values unquoted and unescaped; the first wins."""
    attributes: dict[str, str] = {}
    for name, value in _ATTRIBUTE.findall(text):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        attributes.setdefault(name.lower(), unescape(value))
    return attributes


def has_inline_script(html: str) -> bool:
    """Whether `html` holds a script element without a src, as a browser parses its tags (an attribute
    value that reads ` src=` is not a src)."""
    return _TagReader.read(html).inline_script


def theme_ids(html: str) -> list[str]:
    """The ids in `html` that start with `_`, as a browser reads them (character references decoded):
    Material names its own elements so (`__config`, `__search`) and its script takes the first
    element with the id, so one in a page's text would stand in for the theme's."""
    return [value for value in _TagReader.read(html).ids if value.startswith("_")]


class _TagReader(HTMLParser):
    """The start tags of a piece of HTML as a browser parses them: its ids, and whether a script
    element has no src."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_script = False
        self.ids: list[str] = []

    @classmethod
    def read(cls, html: str) -> "_TagReader":
        reader = cls()
        reader.feed(html)
        reader.close()
        return reader

    def handle_starttag(self, tag, attrs):
        self.ids += [value or "" for name, value in attrs if name == "id"]
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self.inline_script = True
