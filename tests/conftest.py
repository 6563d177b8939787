"""Shared fixtures: the real data, a small valid data set, and one real build of the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.graph import Graph  # noqa: E402
from macros.loader import load_book  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def book():
    return load_book(ROOT / "data")


@pytest.fixture(scope="session")
def graph(book):
    return Graph(book)


@pytest.fixture()
def valid_data(tmp_path) -> Path:
    """A writable copy of the small valid data set, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target)
    (tmp_path / "docs" / "assets" / "images").mkdir(parents=True)  # images are looked up here
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real book, built once with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [], "\n".join(warnings)
    return site
