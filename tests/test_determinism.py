"""Two builds of the same commit give identical pages and data files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The Anki deck is written with fixed dates (macros/anki.py), so it compares too.
COMPARED = {".html", ".js", ".css", ".json", ".csv", ".xml", ".svg", ".apkg"}


def _build(target: Path) -> dict[str, bytes]:
    # Generated in the build process: the session's build forked a generator where it could
    # (macros/background.py); both ways must give the same book.
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--site-dir", str(target)], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "BOOK_GENERATOR": "inline"})
    return {path.relative_to(target).as_posix(): path.read_bytes()
            for path in sorted(target.rglob("*")) if path.suffix in COMPARED}


def test_two_builds_are_identical(tmp_path, built_site):
    first = {path.relative_to(built_site).as_posix(): path.read_bytes()
             for path in sorted(built_site.rglob("*")) if path.suffix in COMPARED}
    second = _build(tmp_path / "again")
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert different == []
