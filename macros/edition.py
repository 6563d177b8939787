"""The book's edition: its version (the VERSION file) and build date.

The date is that of the last commit (or SOURCE_DATE_EPOCH), not the clock, so
two builds of the same commit are identical.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path


BOOK = "soft-tissue-calcification"
LATEST_ZIP = f"{BOOK}-offline.zip"  # the stable name the online home page links to


def zip_name(version: str) -> str:
    return f"{BOOK}-offline-{version}.zip"


def book_version(root: Path) -> str:
    return (root / "VERSION").read_text(encoding="utf-8").strip()


def build_date(root: Path) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=root,
                                capture_output=True, text=True, check=True)
        return result.stdout.strip() or "unreleased"
    except (OSError, subprocess.CalledProcessError):
        return "unreleased"  # e.g. building from a source archive without git history


def edition(root: Path) -> dict[str, str]:
    return {"version": book_version(root), "date": build_date(root)}
