"""Which files docs/ may hold: MkDocs publishes every file there as it is, on the book's own origin.

A page is Markdown (rendered, and given the Content-Security-Policy); a picture is checked by
macros/image_safety.py. Any other file would be served byte for byte with no policy at all: an `.html`
or `.xhtml` page runs its scripts as the book (a same-origin frame can reach into every page), a `.js`
file is a script the policy's 'self' allows, `CNAME` or `_redirects` speak to a web host, and a symlink
publishes whatever it points at (`/proc/self/environ`, a file in the home folder). So docs/ holds pages
and pictures anywhere, and the book's own scripts, styles and vendored libraries in their folders
(code: reviewed by a maintainer, see .github/CODEOWNERS); everything else is refused by the build and
`make check`, saying what to do.

Files and folders whose name starts with `.` are left alone: MkDocs never publishes them.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path, PurePosixPath

from .image_safety import image_faults
from .problems import Problem

PAGE_SUFFIXES = {".md"}
PICTURE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp"}  # those image_safety knows how to check
# The book's code, each kind in its one folder (`*` is one folder level, as in a glob).
CODE_FILES = ("assets/javascripts/*.js", "assets/stylesheets/*.css",
              "assets/vendor/*/*.js", "assets/vendor/*/LICENSE", "assets/vendor/*/VERSION")

_KIND_HINT = ("docs/ holds pages (.md) and pictures (.svg, .png, .jpg, .jpeg, .webp); the book publishes "
              "no other file from a contribution — put a picture under docs/assets/images/, write a page "
              "in Markdown, and ask a maintainer (in an issue) for anything else")


def docs_file_problems(docs_dir: Path) -> list[Problem]:
    """Every file or link under docs/ that the book must not publish, as `docs/<path>:1:1` problems."""
    problems: list[Problem] = []
    for folder, folders, files in os.walk(docs_dir, followlinks=False):
        here = Path(folder)
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in [*folders, *sorted(files)]:
            if name.startswith("."):
                continue
            path = here / name
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_symlink():
                problems.append(Problem(f"docs/{relative}", 1, 1,
                                        "is a symbolic link: the build would publish what it points at",
                                        "put the file itself here, not a link to it"))
                if name in folders:
                    folders.remove(name)  # os.walk does not enter it; said once
            elif name in files:
                problems.extend(_file_problems(docs_dir, relative))
    return problems


def _file_problems(docs_dir: Path, relative: str) -> list[Problem]:
    path = PurePosixPath(relative)
    suffix = path.suffix.lower()
    if suffix in PAGE_SUFFIXES or any(path.match(pattern) and len(path.parts) == len(PurePosixPath(pattern).parts)
                                      for pattern in CODE_FILES):
        return []
    if suffix in PICTURE_SUFFIXES:
        # A picture no data file names is published too: it passes the checks a data image passes.
        return [Problem(f"docs/{relative}", 1, 1, fault.message, fault.hint)
                for fault in image_faults(docs_dir, relative)]
    return [Problem(f"docs/{relative}", 1, 1,
                    f"a '{suffix or path.name}' file would be published as it is, on the book's own address",
                    _KIND_HINT)]


# HTML a page has no need to write itself, and that the page's Content-Security-Policy cannot stop or
# that would load code: a `<meta http-equiv="refresh">` sends every reader to another site, a form posts
# what they type, a frame shows another page; the book's scripts come from `page_script` (a macro).
# A handler is an attribute name wherever HTML or attr_list reads one: after a space, but also after
# `/` (`<img/onerror=`), a closing quote (`"x"onerror=`) or `{` (`{onclick="…"}` on a paragraph).
_ACTIVE_HTML = re.compile(r"<\s*(script|iframe|frame|object|embed|applet|form|meta|base|link|style|svg|math)"
                          r"(?![\w-])|(?<![\w-])on[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_ADDRESS = re.compile(r"(?:java|vb)script\s*:|data\s*:\s*text/html", re.IGNORECASE)
# What a browser reads in an address before its scheme: character references decoded
# (`jav&#x61;script:`, `javascript&colon;`) and tabs and line breaks dropped (`java&#9;script:`).
_REFERENCE_OR_URL_BLANK = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);?|[\t\n\r]")


def raw_html_problems(shown_as: str, text: str) -> list[Problem]:
    """Active HTML written into a hand-written page, and anything it would load from outside the book
    or change of the page's own workings: each occurrence with its line."""
    found = [(match.start(), match.group()) for match in _ACTIVE_HTML.finditer(text)]
    read, sources = _as_addresses_read(text)
    found += [(sources[match.start()][0], text[sources[match.start()][0]:sources[match.end() - 1][1]])
              for match in _SCRIPT_ADDRESS.finditer(read)]
    problems = [Problem(shown_as, _line(text, start), 1,
                        f"'{written.strip()}' would be written into the page as it is",
                        "pages are Markdown: link with [text](https://…), show a picture with ![alt](file), "
                        "and write `&lt;` to show a '<'; ask a maintainer for anything a page must run")
                for start, written in sorted(found)]
    return problems + _loading_problems(shown_as, text)


# A picture, video or sound fetched from elsewhere shows what no reviewer saw (and tells that site who
# reads the page). Each of these is where a page names what it loads: Markdown `![alt](address)`, a
# reference `[name]: address` an image uses, and an attribute that loads, in HTML or an attribute list.
# Python-Markdown reads an alt over several lines, with `\]` and with brackets in brackets; a space may
# come before `[reference]`, and a reference may be defined inside an admonition, list or quote.
_ALT = r"(?:[^\[\]\\]|\\[\s\S])*"
for _ in range(4):  # brackets four deep in an alt: deeper is not worth a picture's description
    _ALT = rf"(?:[^\[\]\\]|\\[\s\S]|\[{_ALT}\])*"
_INLINE_IMAGE = re.compile(rf"!\[{_ALT}\]\(\s*<?(?P<address>[^\s)>]*)")
# Any `](data:…)`, image or link, however deeply its text nests brackets: a picture no file holds.
_DATA_TARGET = re.compile(r"\]\(\s*<?(?P<address>[\x00-\x20]*data:[^\s)>]*)", re.IGNORECASE)
_IMAGE_BY_REFERENCE = re.compile(rf"!\[({_ALT})\](?:\s?\[([^\]]*)\])?(?![(\[])")
_REFERENCE = re.compile(r"^[ \t>]*\[(?P<label>[^\[\]]+)\]:\s*<?(?P<address>[^\s>]*)", re.MULTILINE)
_LOADING_ATTRIBUTE = re.compile(r"(?<![\w-])(?:src|data|poster|background)\s*=\s*"
                                r"(?P<address>\"[^\"]*\"|'[^']*'|[^\s>}]+)", re.IGNORECASE)
# An address that leaves the book, as a browser reads it: a scheme (`https:`, `data:`), `//host`, or
# the web host's root `/`.
_ELSEWHERE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[/\\]")
# Attributes a page never needs: `style` can fetch (`url(…)`) and cover the page, `srcset` lists more
# addresses; an id starting with `_` can take the place of one the theme's script reads (`__config`).
_RESTYLING = re.compile(r"(?<![\w-])(?:style|srcset|imagesrcset)\s*=", re.IGNORECASE)
_ID = re.compile(r"(?<![\w-])id\s*=\s*(?P<address>\"[^\"]*\"|'[^']*'|[^\s>}]+)"
                 r"|\{:?[ \t]*(?:[^{}\n]*[ \t])?#(?P<short>_[^{}\n]*)\}", re.IGNORECASE)


def _loading_problems(shown_as: str, text: str) -> list[Problem]:
    used = {_label(match.group(2) or match.group(1)) for match in _IMAGE_BY_REFERENCE.finditer(text)}
    loads = [*_INLINE_IMAGE.finditer(text), *_LOADING_ATTRIBUTE.finditer(text), *_DATA_TARGET.finditer(text),
             *(match for match in _REFERENCE.finditer(text) if _label(match["label"]) in used)]
    fetched = [match for match in loads if _ELSEWHERE.match(_as_read(match["address"]))]
    fetched = list({match.end(): match for match in reversed(fetched)}.values())  # one per address
    workings = [*_RESTYLING.finditer(text),
                *(match for match in _ID.finditer(text)
                  if match["short"] or _as_read(match["address"]).startswith("_"))]
    return sorted(
        [Problem(shown_as, _line(text, match.start()), 1,
                 f"'{match.group().strip()}' would load a file from outside the book",
                 "save the picture under docs/assets/images/ (it is checked there) and show it with "
                 "![alt](assets/images/name.svg); link to other sites with [text](https://…)")
         for match in fetched]
        + [Problem(shown_as, _line(text, match.start()), 1,
                   f"'{match.group().strip()}' would change how the page looks or works",
                   "a page may give an element an #id (not starting with _) and .classes, e.g. "
                   "`{ .md-button }`; ask a maintainer for a new style")
           for match in workings],
        key=lambda problem: problem.line)


# The browser drops control characters and spaces before an address's scheme.
_URL_BLANKS = "".join(chr(code) for code in range(0x21))


def _as_read(value: str) -> str:
    """An attribute value or address as the browser reads it: unquoted, character references decoded,
    tabs and line breaks dropped, leading spaces and control characters ignored."""
    return re.sub(r"[\t\n\r]", "", html.unescape(value.strip("\"'"))).lstrip(_URL_BLANKS + "<")


def _line(text: str, start: int) -> int:
    return text.count("\n", 0, start) + 1


def _label(label: str) -> str:
    """A Markdown reference label as references are matched: case and runs of spaces do not count."""
    return " ".join(label.split()).casefold()


def _as_addresses_read(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text as a browser reads an address in it, and where in `text` each of its characters was
    written (start, end)."""
    read: list[str] = []
    sources: list[tuple[int, int]] = []
    position = 0
    for match in _REFERENCE_OR_URL_BLANK.finditer(text):
        read.extend(text[position:match.start()])
        sources.extend((index, index + 1) for index in range(position, match.start()))
        decoded = "".join(c for c in html.unescape(match.group()) if c not in "\t\n\r")
        read.extend(decoded)
        sources.extend([match.span()] * len(decoded))
        position = match.end()
    read.extend(text[position:])
    sources.extend((index, index + 1) for index in range(position, len(text)))
    return "".join(read), sources
