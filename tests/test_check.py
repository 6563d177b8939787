"""The contributor's `check` command, run as a contributor runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.check", *arguments], cwd=ROOT,
                          capture_output=True, text=True, env=env)


def test_check_passes_on_the_real_data():
    result = _check()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data OK:")


def test_check_lists_every_problem_with_location_and_annotations(valid_data, tmp_path):
    (valid_data / "entities" / "alpha-disease.yml").write_text(
        "title: Alpha\nkind: condition\ncategory: calcification\nmechanism: metastatic\n"
        "summary: A.\nimaging:\n  radiograph: [Dense.]\nsynonym: [A]\n")
    (valid_data / "differentials" / "top-list.yml").write_text(
        "title: Top\naxis: cause\nsummary: T.\nitems:\n  - entity: beta-sing\n")
    summary = tmp_path / "summary.md"
    result = _check("--github", str(valid_data), env={"GITHUB_STEP_SUMMARY": str(summary),
                                                       "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1
    assert "data/entities/alpha-disease.yml:8:1: unknown field 'synonym' — did you mean `synonyms`?" in result.stderr
    assert "::error file=data/differentials/top-list.yml,line=5,col=5::unknown entity 'beta-sing'" in result.stdout
    assert "| `data/entities/alpha-disease.yml:8` | unknown field 'synonym'" in summary.read_text()
