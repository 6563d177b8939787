"""Data errors as a contributor reads them: where, what is wrong, what to type instead."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message} — {self.hint}"


class DataError(Exception):
    """Raised with every problem found, so a contributor fixes them all in one pass."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        where = "data/" if all(p.path.startswith("data/") for p in self.problems) else "data/ and docs/"
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in {where}:\n{lines}")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' did you mean `x`?' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
