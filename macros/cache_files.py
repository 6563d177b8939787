"""Files the build keeps between runs (`.cache/`): written whole, then renamed into place, so a build
stopped halfway never leaves half a file for the next one to read."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     suffix=".tmp") as temporary:
        temporary.write(text)
    os.replace(temporary.name, path)
