"""`python -m macros.check [--github] [DATA_DIR]`: validate all data without building.

Lists every problem at once as `path:line:column: problem — how to fix it`. With
`--github`, also writes each as a GitHub Actions annotation on its line and a
table to the job summary.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .loader import load_book
from .page_macros import check_pages
from .problems import DataError, Problem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.check", description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=DATA_DIR)
    parser.add_argument("--github", action="store_true", help="emit GitHub Actions annotations")
    parser.add_argument("--debug", action="store_true", help="show a traceback if the check itself fails")
    arguments = parser.parse_args(argv)
    try:
        book = load_book(arguments.data_dir)
        page_problems = check_pages(book)
        if page_problems:
            raise DataError(page_problems)
    except DataError as error:
        print(error, file=sys.stderr)
        if arguments.github:
            _annotate(error.problems)
        return 1
    except Exception as error:  # noqa: BLE001 — a contributor reads one line, not a traceback
        if arguments.debug:
            raise
        print(f"{arguments.data_dir}: the check itself failed ({type(error).__name__}: {error}) — "
              "this is a bug in the book's code, not in your data: please open an issue with this "
              "line (run with --debug for the details)", file=sys.stderr)
        return 2
    print(f"data OK: {len(book.entities)} entities, {len(book.differentials)} differentials")
    return 0


def _annotate(problems: list[Problem]) -> None:
    for problem in problems:
        message = f"{problem.message} — {problem.hint}".replace("%", "%25").replace("\n", "%0A")
        print(f"::error file={problem.path},line={problem.line},col={problem.column}::{message}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        rows = "\n".join(f"| `{p.path}:{p.line}` | {p.message} | {p.hint} |" for p in problems)
        with open(summary, "a", encoding="utf-8") as out:
            out.write(f"## Data problems\n\n| Where | Problem | Fix |\n| --- | --- | --- |\n{rows}\n")


if __name__ == "__main__":
    raise SystemExit(main())
