"""A throwaway copy of the book project around another data folder, built as CI builds it.

benchmarks/build_speed.py already knows how to make the copy (and to point docs/ at ids the data
has); the tests use it rather than a second way of doing the same."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "valid"


def build_speed():
    """benchmarks/build_speed.py as a module (it is a script, not a package)."""
    if "build_speed" not in sys.modules:
        spec = importlib.util.spec_from_file_location("build_speed", ROOT / "benchmarks" / "build_speed.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["build_speed"] = module
        spec.loader.exec_module(module)
    return sys.modules["build_speed"]


def book_project(target: Path, data: Path = VALID) -> Path:
    """A copy of the project with `data` as its data/; returns its mkdocs.yml."""
    return build_speed().make_book_project(target, data)


def quiet_strict_build(config: Path, site: Path) -> subprocess.CompletedProcess:
    """`mkdocs build -q --strict` of a project copy, its output kept."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "--config-file",
                           str(config), "--site-dir", str(site)], cwd=config.parent, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
