"""`python -m macros.check`: validate all data without building, listing every problem."""

from __future__ import annotations

import sys
from pathlib import Path

from .loader import load_book
from .problems import DataError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    data_dir = Path(arguments[0]) if arguments else DATA_DIR
    try:
        book = load_book(data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"data OK: {len(book.entities)} entities, {len(book.differentials)} differentials")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
