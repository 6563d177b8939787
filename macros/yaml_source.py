"""Read one YAML file strictly, keeping line numbers for error messages.

Two parsers, one meaning. ruamel.yaml's round-trip parser rejects duplicate keys
and remembers where each key and item was written, but it is pure Python and
slow; libyaml (PyYAML's C loader) is fast. Every file is read by the fast
parser, set to YAML 1.2 scalars and taught to reject duplicate keys; ruamel
reads a file only when the fast parser refuses it or when an error needs a
line number. tests/test_yaml_source.py checks both give the same data.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import Problem


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml with YAML 1.2 scalars: `Yes`, `No`, `on` stay text and `1:20` is not a number."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers
                if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                               "tag:yaml.org,2002:float")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=True) for key, _ in node.value]
        if len(keys) != len(set(map(repr, keys))):
            raise _NeedsRoundTrip("duplicate key")
        mapping = super().construct_mapping(node, deep)
        if len(mapping) != len(keys):  # `1:` and `true:` (or `1.0:`): one Python key, one dropped
            raise _NeedsRoundTrip("duplicate key")
        return mapping


_FastLoader.add_implicit_resolver("tag:yaml.org,2002:bool",
                                  re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                  list("tTfF"))
_FastLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"),
                                  list("-+0123456789"))
# YAML 1.2: a leading zero is still decimal (PyYAML would read 017 as octal 15).
_FastLoader.add_constructor("tag:yaml.org,2002:int",
                            lambda loader, node: int(loader.construct_scalar(node), 10))
_FastLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


class _NeedsRoundTrip(Exception):
    """The fast parser cannot vouch for this file: let ruamel read it and explain."""


def _fast_timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:  # 2026-13-02: ruamel says where it is
        raise _NeedsRoundTrip("not a real date") from None


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _fast_timestamp)

NOT_A_DATE = "is not a real date"


class _RoundTripConstructor(RoundTripConstructor):
    def construct_yaml_timestamp(self, node, values=None):
        # A date that does not exist (month 13, 30 February) would stop the parser without a line.
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError as error:
            raise ConstructorError(problem=f"'{node.value}' {NOT_A_DATE} ({error})",
                                   problem_mark=node.start_mark) from None


_RoundTripConstructor.add_constructor("tag:yaml.org,2002:timestamp",
                                      _RoundTripConstructor.construct_yaml_timestamp)


def _round_trip_parser() -> YAML:
    parser = YAML(typ="rt")
    parser.Constructor = _RoundTripConstructor
    parser.allow_duplicate_keys = False
    return parser


@dataclass(frozen=True)
class SourceFile:
    """A parsed YAML file: plain data for validation; its nodes, parsed on demand, locate errors."""

    path: str
    data: Any
    text: str = field(repr=False)
    # The names an error may give each key that is not text, by mapping (see `_names_of_keys`).
    _key_names: dict[int, dict[Any, Any]] = field(default_factory=dict, init=False, repr=False,
                                                  compare=False)

    @cached_property
    def root(self) -> Any:
        return _round_trip_parser().load(self.text)

    def line_of(self, location: tuple[Any, ...]) -> tuple[int, int]:
        """1-based line and column of the value at `location` (or its nearest parent)."""
        line, column = _start_of(self.root)
        for line, column, _node, _written in self._places(location):
            pass
        return line, column

    def steps_as_written(self, location: tuple[Any, ...]) -> list[int | str | None]:
        """Each step of `location` as the file has it: a list index as the index, a mapping key as it
        was typed (`1.5`, `true`, `~`: the parsers read those as a number, yes/no or nothing, and
        pydantic names them differently again); None from the first step the file does not have."""
        written = [step_written for *_, step_written in self._places(location)]
        return written + [None] * (len(location) - len(written))

    def scalar_as_typed(self, location: tuple[Any, ...]) -> str | None:
        """The value at `location` as the file has it (`1.10`, `1e3`, `2026-01-01 10:00:00`), where
        the value YAML read from it (1.1, 1000.0) would mislead a contributor."""
        start = self._value_start(location)
        typed = _TYPED_SCALAR.match(self._lines[start[0]], start[1]) if start else None
        return typed.group() if typed else None

    def line_as_typed(self, location: tuple[Any, ...]) -> str | None:
        """The value at `location` as typed on its line, without a comment: text YAML read as `field:
        value` (`Density: 1.10`, not 'Density: 1.1'). None if the line does not hold all of it."""
        if (start := self._value_start(location)) is None:
            return None
        rest = re.split(r"\s#", self._lines[start[0]][start[1]:], maxsplit=1)[0]
        if self._in_flow(location):  # `[Density: 1.50, …]`: a comma or a bracket ends it
            rest = re.split(r"[,\]}]", rest, maxsplit=1)[0]
        *_, (*_, value, _) = self._places(location)
        return rest.strip() if _read_alone(rest) == _plain(value) else None  # not a value on two lines

    def _in_flow(self, location: tuple[Any, ...]) -> bool:
        places = list(self._places(location[:-1]))
        parent = places[-1][2] if places else self.root
        return bool(getattr(parent, "fa", None) and parent.fa.flow_style())

    def _value_start(self, location: tuple[Any, ...]) -> tuple[int, int] | None:
        """0-based line and column where the value at `location` begins."""
        places = list(self._places(location))
        if not location or len(places) < len(location):
            return None
        parent = places[-2][2] if len(places) > 1 else self.root
        if isinstance(parent, CommentedSeq):
            return parent.lc.item(location[-1])
        return parent.lc.value(self._key_named(parent, location[-1]))

    def _places(self, location: tuple[Any, ...]) -> Iterator[tuple[int, int, Any, int | str]]:
        node = self.root
        for step in location:
            if isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
                line, column = node.lc.item(step)
                node, written = node[step], step
            elif isinstance(node, CommentedMap) and (key := self._key_named(node, step)) is not _ABSENT:
                line, column = node.lc.key(key)
                node, written = node[key], self._typed_key(line, column, key)
            else:
                return
            yield line + 1, column + 1, node, written

    def _key_named(self, node: CommentedMap, step: Any) -> Any:
        """The key of `node` that a location step names: the key itself, or a key that is not text
        (`1.5:`), which pydantic names by its repr and libyaml may have read differently (`0x1F`)."""
        if isinstance(step, (str, int)) and step in node:
            return step
        return self._names_of_keys(node).get(step, _ABSENT)

    def _names_of_keys(self, node: CommentedMap) -> dict[Any, Any]:
        # Built once a mapping: a file of thousands of `1.5:` keys, each an error, stays linear.
        names = self._key_names.get(id(node))
        if names is None:
            names = self._key_names[id(node)] = {}
            for key in node:
                if not isinstance(key, str):
                    names.setdefault(self._typed_key(*node.lc.key(key), key), key)
                    names.setdefault(_pydantic_step(key), key)
        return names

    def _typed_key(self, line: int, column: int, key: Any) -> str:
        if isinstance(key, str):
            return str(key)
        typed = _TYPED_SCALAR.match(self._lines[line], column)
        return typed.group() if typed else str(key)

    @cached_property
    def _lines(self) -> list[str]:
        return _lines_as_ruamel_counts(self.text)


def _lines_as_ruamel_counts(text: str) -> list[str]:
    """A lone \r (an old Mac editor) ends a line too, and the byte order mark that may open the file
    takes no column."""
    return re.split(r"\r\n|\r|\n", text.removeprefix("\ufeff"))


_ABSENT = object()
# A number, date, yes/no or nothing as typed, key or value, in a block or a flow (`{1.5, b: c}`,
# `[1e3, 2]`, `? true`): it ends at ': ', ' #', a comma or a bracket. A date and time has spaces and
# colons of its own (`2026-01-01 10:00:00`): a colon not followed by a space is part of a word, and
# words go on after spaces.
_WORD = r"(?:[^\s:,\[\]{}#]|:(?=[^\s,\[\]{}]))+"
_TYPED_SCALAR = re.compile(rf"{_WORD}(?:[ ]+{_WORD})*")


def _pydantic_step(key: Any) -> int | str:
    """How pydantic names a mapping key in an error's location."""
    if isinstance(key, int):  # true/false too: bool is an int
        return int(key)
    return key if isinstance(key, str) else repr(_plain(key))


def _start_of(node: Any) -> tuple[int, int]:
    if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
        return node.lc.line + 1, node.lc.col + 1
    return 1, 1


def _plain(node: Any) -> Any:
    """ruamel's round-trip types as plain dicts, lists and scalars for pydantic."""
    if isinstance(node, CommentedMap):
        return {_plain(key): _plain(value) for key, value in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


# Generous for one entity (the largest is a few kilobytes) and small enough to read at once.
MAX_FILE_BYTES = 512 * 1024
# The deepest real nesting is a flow's answer (nodes → node → answers → answer): twice that is plenty.
MAX_DEPTH = 12


def read_yaml(path: Path, shown_as: str) -> SourceFile | Problem:
    """Parse `path`; on failure return the Problem a contributor must fix."""
    raw = _read_regular_file(path, shown_as)
    if isinstance(raw, Problem):
        return raw
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(shown_as, line, 1, "the file is not UTF-8 text",
                       "save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
    if "\t" in text:
        line, column = _position(text, text.index("\t"))
        return Problem(shown_as, line, column, "a tab character is not allowed in YAML indentation",
                       "indent with spaces (two per level)")
    if found := _UNREADABLE_CHARACTER.search(text):
        line, column = _position(text, found.start())
        return Problem(shown_as, line, column,
                       f"a control character (U+{ord(found.group()):04X}) is not allowed in a YAML file",
                       "delete it (it is invisible: retype the line in a plain text editor)")
    if not text.strip():
        return Problem(shown_as, 1, 1, "the file is empty",
                       "fill it in (see data/README.md for a complete example) or delete it")
    if problem := _structure_problem(text, shown_as):
        return problem
    try:
        data = yaml.load(text, Loader=_FastLoader)
    except (yaml.YAMLError, _NeedsRoundTrip, ValueError, TypeError):
        data = _round_trip(text, shown_as)
        if isinstance(data, Problem):
            return data
    if not isinstance(data, dict):
        return Problem(shown_as, 1, 1, "the file must hold a mapping of `field: value` lines",
                       "start with `title: ...` (see data/README.md)")
    return SourceFile(shown_as, data, text)


# Characters YAML cannot hold (outside its printable set): both parsers stop at them without a line.
_UNREADABLE_CHARACTER = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd"
                                   "\U00010000-\U0010ffff]")


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of text[index]."""
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _read_regular_file(path: Path, shown_as: str) -> bytes | Problem:
    """The file's bytes, if it is a plain file of a sane size (not a link, a device or a folder)."""
    try:
        status = os.lstat(path)
    except OSError as error:
        return Problem(shown_as, 1, 1, f"the file cannot be read ({error.strerror})",
                       "check that it exists and is a plain file")
    if stat.S_ISLNK(status.st_mode):
        return Problem(shown_as, 1, 1, "a symbolic link is not a data file",
                       "replace the link by the file itself (a copy), or delete it")
    if not stat.S_ISREG(status.st_mode):
        return Problem(shown_as, 1, 1, "not a plain file (a folder, device or pipe)",
                       "data files are plain text files ending in .yml: move or delete it")
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        return Problem(shown_as, 1, 1, f"the file is larger than {MAX_FILE_BYTES // 1024} KiB",
                       "one entity or list per file: split it, or shorten it")
    return raw


# Tokens a data file never needs: each can hide or multiply content a reviewer does not see.
_REFUSED_TOKENS = {
    yaml.AnchorToken: ("an anchor (&name) is not allowed",
                       "write the value out in full where it is used"),
    yaml.AliasToken: ("an alias (*name) is not allowed",
                      "write the value out in full instead of referring to an anchor"),
    yaml.TagToken: ("a YAML tag (!...) is not allowed",
                    "delete the tag; quote the value if it must stay text"),
}
_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken,
            yaml.FlowMappingStartToken, yaml.FlowSequenceStartToken)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _structure_problem(text: str, shown_as: str) -> Problem | None:
    """Refuse anchors, aliases, tags, merge keys and deep nesting before anything is built.

    An alias bomb expands to gigabytes, a merge key brings in values a reviewer does not see next to
    their key, and deep nesting exhausts the parsers' stacks: the token stream shows all of them.
    """
    depth, after_key = 0, False
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            line, column = token.start_mark.line + 1, token.start_mark.column + 1
            if type(token) in _REFUSED_TOKENS:
                message, hint = _REFUSED_TOKENS[type(token)]
                return Problem(shown_as, line, column, message, hint)
            if after_key and isinstance(token, yaml.ScalarToken) and token.plain and token.value == "<<":
                return Problem(shown_as, line, column, "a merge key (<<) is not allowed",
                               "write the fields out in full in this mapping")
            if after_key and isinstance(token, _OPENING):
                # A list or mapping as a key has no name to report: the field would be unknown.
                return Problem(shown_as, line, column, "a key must be a word, not a list or mapping",
                               "write `field: value` (see data/README.md)")
            if isinstance(token, yaml.ScalarToken) and token.plain and _too_long_number(token.value):
                return Problem(shown_as, line, column,
                               f"a number of {len(token.value)} digits cannot be read",
                               "shorten it, or put it in quotes if it is text")
            after_key = isinstance(token, yaml.KeyToken)
            depth += isinstance(token, _OPENING) - isinstance(token, _CLOSING)
            if depth > MAX_DEPTH:
                return Problem(shown_as, line, column, f"nested more than {MAX_DEPTH} levels deep",
                               "data files are a few levels deep: check the indentation here")
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem) and error.problem_mark:  # libyaml's own limit
            mark = error.problem_mark
            return Problem(shown_as, mark.line + 1, mark.column + 1,
                           f"nested more than {MAX_DEPTH} levels deep",
                           "data files are a few levels deep: check the brackets here")
        return None  # a syntax error: the parsers below report it with its line
    except yaml.YAMLError:
        return None
    return None


# Python refuses to convert integers longer than this (sys.get_int_max_str_digits), in both parsers.
_MAX_DIGITS = 4000


def _too_long_number(value: str) -> bool:
    return len(value) > _MAX_DIGITS and value.lstrip("+-").isdigit()


def _round_trip(text: str, shown_as: str) -> Any:
    try:
        return _plain(_round_trip_parser().load(text))
    except MarkedYAMLError as error:
        return _yaml_problem(shown_as, error, text)
    except (RecursionError, MemoryError):  # refused above already; a last guard, never a traceback
        return Problem(shown_as, 1, 1, "the file is too deeply nested or too large to read",
                       "data files are a few levels deep: check the indentation and brackets")


def _yaml_problem(shown_as: str, error: MarkedYAMLError, text: str) -> Problem:
    problem = (error.problem or str(error)).strip()
    # An unclosed quote or bracket is reported at the end of the file; point at where it opened.
    mark = error.context_mark if "end of stream" in problem and error.context_mark else (
        error.problem_mark or error.context_mark)
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    if "duplicate key" in problem:
        return _duplicate_key(shown_as, line, column, problem, text)
    if NOT_A_DATE in problem:
        return Problem(shown_as, line, column, problem.split(" (")[0],
                       "write a real date as YYYY-MM-DD, e.g. `2026-12-02`")
    context = f"{error.context}: " if error.context else ""
    hint = "check the indentation and quoting here; a value containing ': ' or ' #' needs quotes"
    return Problem(shown_as, line, column, f"invalid YAML: {context}{problem}", hint)


def _read_alone(scalar: str) -> Any:
    try:
        return _round_trip_parser().load(scalar)
    except YAMLError:  # not YAML on its own: the text itself
        return scalar


def _duplicate_key(shown_as: str, line: int, column: int, problem: str, text: str) -> Problem:
    read_as = problem.split('"')[1] if '"' in problem else "?"
    lines = _lines_as_ruamel_counts(text)
    found = _TYPED_SCALAR.match(lines[line - 1], column - 1) if line <= len(lines) else None
    typed = found.group() if found else read_as
    if typed == read_as or isinstance(_read_alone(typed), str):  # the same name twice
        return Problem(shown_as, line, column, f"duplicate key '{read_as}'",
                       "keep one of the two lines (YAML would silently drop the first)")
    # `1:` and `true:`, `1.5:` and `1.50:`: different words, one number
    return Problem(shown_as, line, column, f"duplicate key '{typed}': YAML reads it as {read_as}, "
                   "like a key above it", f"put the names in double quotes (`\"{typed}\":`) to keep both")
