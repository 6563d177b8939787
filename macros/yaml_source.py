"""Read one YAML file strictly, keeping line numbers for error messages.

PyYAML silently keeps the last of two duplicate keys; ruamel.yaml rejects them,
and its round-trip nodes remember where each key and item was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from .problems import Problem


@dataclass(frozen=True)
class SourceFile:
    """A parsed YAML file: plain data for validation, nodes for locating errors."""

    path: str
    data: Any
    root: Any

    def line_of(self, location: tuple[Any, ...]) -> tuple[int, int]:
        """1-based line and column of the value at `location` (or its nearest parent)."""
        node = self.root
        line, column = _start_of(node)
        for step in location:
            found = _child_position(node, step)
            if found is None:
                break
            line, column, node = found
        return line, column


def _start_of(node: Any) -> tuple[int, int]:
    if isinstance(node, (CommentedMap, CommentedSeq)) and node.lc.line is not None:
        return node.lc.line + 1, node.lc.col + 1
    return 1, 1


def _child_position(node: Any, step: Any) -> tuple[int, int, Any] | None:
    if isinstance(node, CommentedMap) and step in node:
        line, column = node.lc.key(step)
        return line + 1, column + 1, node[step]
    if isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
        line, column = node.lc.item(step)
        return line + 1, column + 1, node[step]
    return None


def _plain(node: Any) -> Any:
    """ruamel's round-trip types as plain dicts, lists and scalars for pydantic."""
    if isinstance(node, CommentedMap):
        return {str(key): _plain(value) for key, value in node.items()}
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


def read_yaml(path: Path, shown_as: str) -> SourceFile | Problem:
    """Parse `path`; on failure return the Problem a contributor must fix."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Problem(shown_as, line, 1, "the file is not UTF-8 text",
                       "save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
    if "\t" in text:
        before = text[: text.index("\t")]
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        return Problem(shown_as, line, column, "a tab character is not allowed in YAML indentation",
                       "indent with spaces (two per level)")
    if not text.strip():
        return Problem(shown_as, 1, 1, "the file is empty",
                       "fill it in (see data/README.md for a complete example) or delete it")
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        root = yaml.load(text)
    except MarkedYAMLError as error:
        return _yaml_problem(shown_as, error)
    if not isinstance(root, CommentedMap):
        return Problem(shown_as, 1, 1, "the file must hold a mapping of `field: value` lines",
                       "start with `title: ...` (see data/README.md)")
    return SourceFile(shown_as, _plain(root), root)


def _yaml_problem(shown_as: str, error: MarkedYAMLError) -> Problem:
    problem = (error.problem or str(error)).strip()
    # An unclosed quote or bracket is reported at the end of the file; point at where it opened.
    mark = error.context_mark if "end of stream" in problem and error.context_mark else (
        error.problem_mark or error.context_mark)
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else "?"
        return Problem(shown_as, line, column, f"duplicate key '{key}'",
                       "keep one of the two lines (YAML would silently drop the first)")
    context = f"{error.context}: " if error.context else ""
    hint = "check the indentation and quoting here; a value containing ': ' or ' #' needs quotes"
    return Problem(shown_as, line, column, f"invalid YAML: {context}{problem}", hint)
