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


def test_the_build_stops_on_a_pages_broken_macro_call_with_its_line_even_when_quiet(tmp_path):
    """`mkdocs build -q` used to stop here with exit 100 and not a word (a traceback without -q)."""
    from projects import book_project, quiet_strict_build

    config = book_project(tmp_path / "project")
    page = config.parent / "docs" / "how-to-use.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "render_macros: true" in text.split("\n---", 1)[0]
    lines = text.splitlines()
    lines.append("See {{ entity_lnk('alpha-disease') }}.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = quiet_strict_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/how-to-use.md:{len(lines)}:1: unknown macro 'entity_lnk' — did you mean `entity_link`?" \
        in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
