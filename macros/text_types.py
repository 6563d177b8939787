"""What a text field may hold: the one boundary between contributed data and the page.

Every string field of every model is one of these types; a test checks that none is a bare `str`.
Validation refuses what a field must never hold, with the fix; every renderer then escapes the
validated value for the context it writes into (Markdown, HTML, YAML, mermaid, CSV, Anki, JSON),
so a value that slips past validation is still shown, never run.

- `Name`: a title, synonym, label or glossary term. One line of plain text, no markup characters.
- `Text`: a plain sentence that is only ever shown escaped: citations, official code labels, credits.
- `Prose`: a small prose subset: `[[entity-id]]` / `[[entity-id|text]]` links, `*emphasis*` and
  `**strong**`; everything else is shown as typed.
- `Url`: an https address, parsed by a real URL parser.
- `Id` and the code types live in models.py: they are patterns, so nothing to escape.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Iterator, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, StringConstraints
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class TextKind:
    """Marks a str annotation with what it may hold; tests/test_text_types.py requires one on every field."""

    name: str


# Control, format (bidi overrides, zero-width joiners) and separator characters other than the
# space: invisible in review, they can reorder or hide text ("Trojan Source").
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


def _invisible(text: str, allow_newlines: bool) -> str | None:
    # Printable text holds none of these categories (only other spaces, such as U+00A0, make text
    # "unprintable" without being invisible): most text is cleared without a look at each character.
    if (text.replace("\n", "") if allow_newlines else text).isprintable():
        return None
    for character in text:
        if allow_newlines and character == "\n":
            continue
        if unicodedata.category(character) in _INVISIBLE_CATEGORIES:
            return f"U+{ord(character):04X} {unicodedata.name(character, 'control character')}"
    return None


class TextError(ValueError):
    """A value that its field may not hold: what is wrong, and what to type instead."""

    def __init__(self, message: str, hint: str):
        super().__init__(f"{message} — {hint}")
        self.message = message
        self.hint = hint


def _check_visible(text: str, allow_newlines: bool = False) -> str:
    if found := _invisible(text, allow_newlines):
        where = "" if allow_newlines else "a line break or "
        raise TextError(f"contains {where}an invisible character ({found})",
                        "delete it and retype the text (paste as plain text)")
    return text


# Characters that are markup somewhere the name is written (HTML, Markdown, YAML front matter,
# mermaid, the search index): a name never needs them.
_NAME_FORBIDDEN = set('<>&"`{}[]|*_\\')


def _name(text: str) -> str:
    _check_visible(text)
    if bad := sorted(set(text) & _NAME_FORBIDDEN):
        shown = " ".join(bad)
        raise TextError(f"a name may not contain {shown}",
                        "write plain words (typographic quotes “ ”, 'and' instead of &)")
    return text


def _text(text: str) -> str:
    return _check_visible(text)


# Prose that tries to be markup the book does not accept: say so rather than show it garbled.
_PROSE_REFUSED = (
    (re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>"), "HTML is not allowed in the text",
     "write plain text (for a link to an entity write [[entity-id]])"),
    (re.compile(r"(?<!\])\](?:\(|\[)"), "a hand-written link is not checked",
     "link to an entity with [[entity-id]] or [[entity-id|shown text]]; put web addresses in "
     "`references:`"),
    (re.compile(r"^\s*\[[^\]]*\]\s*:", re.MULTILINE), "a Markdown link definition is not allowed",
     "link to an entity with [[entity-id]]; put web addresses in `references:`"),
    (re.compile(r"[{}]"), "curly brackets are not allowed in the text (they are template and "
     "attribute syntax)", "use round brackets ( ) instead"),
    (re.compile(r"-{1,}8<-{1,}|;*--8<--"), "a snippet marker is not allowed in the text",
     "delete it: text cannot include files"),
    (re.compile(r"(?i)\b(?:javascript|vbscript|data)\s*:"), "a script or data address is not allowed",
     "delete it: put web addresses (https://) in `references:`"),
)


WIKI_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
"""`[[entity-id]]` or `[[entity-id|text]]` inside prose links to an entity page."""


def prose_problem(text: str) -> tuple[str, str] | None:
    """(what is wrong, what to do) for prose that tries to be markup; None when it is fine."""
    for pattern, message, hint in _PROSE_REFUSED:
        if found := pattern.search(text):
            return f"{message}: '{found.group(0).strip()}'", hint
    # What is left of `[[` or `]]` once the links are taken out would be shown as typed, not linked.
    rest = WIKI_LINK.sub(" ", text)
    if (start := min((at for at in (rest.find("[["), rest.find("]]")) if at >= 0), default=-1)) >= 0:
        return (f"a link is not closed, or has no id or no shown text: '{rest[start:start + 40].strip()}'",
                "write [[entity-id]] or [[entity-id|shown text]]")
    return None


def _prose(text: str) -> str:
    _check_visible(text, allow_newlines=True)
    if problem := prose_problem(text):
        raise TextError(*problem)
    return text


# RFC 3986 characters only: no spaces, quotes, angle or curly brackets, backslashes or pipes.
_URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def _url(text: str) -> str:
    if not _URL_CHARACTERS.match(text):
        raise TextError("a web address may not contain spaces, quotes or < > { } | \\",
                        "copy the address from the browser's address bar (it encodes them as %20 …)")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 — a malformed port raises here
    except ValueError as error:
        raise TextError(f"not a valid web address ({error})", "copy it from the address bar") from None
    if parts.scheme != "https" or not host or "." not in host:
        raise TextError("not a full https:// web address",
                        "write it in full, e.g. https://pubmed.ncbi.nlm.nih.gov/123/")
    if parts.username or parts.password:
        raise TextError("a web address may not carry a user name or password",
                        "delete the part before @")
    return text


Name = Annotated[str, TextKind("name"),
                 StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
                 AfterValidator(_name)]
Text = Annotated[str, TextKind("text"),
                 StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                 AfterValidator(_text)]
Prose = Annotated[str, TextKind("prose"),
                  StringConstraints(strip_whitespace=True, min_length=1, max_length=20000),
                  AfterValidator(_prose)]
def _tooltip(text: str) -> str:
    _check_visible(text)
    if bad := sorted(set(text) & set("<>")):
        raise TextError(f"a tooltip may not contain {' '.join(bad)}",
                        "write the expansion in plain words (the theme shows tooltips as HTML)")
    return text


# An abbreviation's expansion: shown as a tooltip, which Material's tooltips render as HTML.
Tooltip = Annotated[str, TextKind("tooltip"),
                    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
                    AfterValidator(_tooltip)]
Url = Annotated[str, TextKind("url"), StringConstraints(max_length=2000), AfterValidator(_url)]


def text_kind(annotation: Any) -> str | None:
    """The TextKind name declared anywhere in a field's annotation (list[Prose] → 'prose')."""
    if get_origin(annotation) is Annotated:
        for marker in annotation.__metadata__:
            if isinstance(marker, TextKind):
                return marker.name
        return text_kind(get_args(annotation)[0])
    for argument in get_args(annotation):
        if (kind := text_kind(argument)) is not None:
            return kind
    return None


def field_text_kind(field: FieldInfo) -> str | None:
    """A model field's TextKind: pydantic keeps a top-level Annotated's markers in `metadata`."""
    for marker in field.metadata:
        if isinstance(marker, TextKind):
            return marker.name
    return text_kind(field.annotation)


def typed_strings(record: BaseModel, location: tuple = ()) -> Iterator[tuple[tuple, str, str]]:
    """(location, text kind, value) for every string in a validated record, nested ones included."""
    for name, kind in _field_kinds(type(record)):
        yield from _strings(getattr(record, name), (*location, name), kind)


@cache  # a model's fields do not change; asked for every record, nested ones included
def _field_kinds(model: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    return tuple((name, field_text_kind(field)) for name, field in model.model_fields.items())


def _strings(value: Any, location: tuple, kind: str | None) -> Iterator[tuple[tuple, str, str]]:
    if isinstance(value, BaseModel):
        yield from typed_strings(value, location)
    elif isinstance(value, str):
        yield location, kind or "untyped", value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*location, index), kind)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*location, key), None if isinstance(item, BaseModel) else kind)
