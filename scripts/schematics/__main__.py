"""Write the book's generated schematics: `python -m scripts.schematics` from the project root.

Only the files listed here are written; the hand-drawn Aunt Minnie schematics are never touched.
"""

from __future__ import annotations

from . import entities, shapes, sites


def main() -> None:
    for module in (shapes, sites, entities):
        names = module.draw()
        print(f"{module.__name__.rsplit('.', 1)[-1]}: {len(names)} drawings")


if __name__ == "__main__":
    main()
