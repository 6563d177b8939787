"""The generator beside MkDocs (macros/background.py): the same parts in the same order, forked or not,
and what went wrong in the forked process raised in the build."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from macros.background import Background, GeneratorStopped, can_fork
from macros.problems import DataError, Problem

ROOT = Path(__file__).resolve().parent.parent
fork_only = pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                               reason="this system cannot fork")
BOTH_WAYS = [pytest.param(True, marks=fork_only, id="forked"), pytest.param(False, id="in-process")]


def _pages_then_files():
    yield {"entities/gout.md": "# Gout\n" * 1000}
    yield [("downloads/deck.apkg", bytes(range(256)) * 4000)]


@pytest.mark.parametrize("fork", BOTH_WAYS)
def test_parts_arrive_whole_and_in_order(fork):
    job = Background(_pages_then_files, fork=fork)
    assert job.forked is fork
    assert job.next() == {"entities/gout.md": "# Gout\n" * 1000}
    assert job.next() == [("downloads/deck.apkg", bytes(range(256)) * 4000)]
    job.close()


def test_in_process_nothing_is_computed_before_it_is_asked_for():
    computed = []

    def parts():
        computed.append("pages")
        yield "pages"

    job = Background(parts, fork=False)
    assert computed == []
    assert job.next() == "pages" and computed == ["pages"]


def _bad_data():
    yield "pages"
    raise DataError([Problem("data/entities/gout.yml", 3, 1, "`sites` must be a list", "write `sites: [hand]`")])


@pytest.mark.parametrize("fork", BOTH_WAYS)
def test_a_data_error_keeps_its_problems(fork):
    job = Background(_bad_data, fork=fork)
    assert job.next() == "pages"
    with pytest.raises(DataError) as raised:
        job.next()
    assert str(raised.value) == str(DataError([Problem("data/entities/gout.yml", 3, 1, "`sites` must be a list", "write `sites: [hand]`")]))
    job.close()


def _broken():
    raise KeyError("gout")
    yield  # a generator function, like the real one


@fork_only
def test_a_bug_in_the_forked_process_is_raised_with_where_it_happened():
    job = Background(_broken, fork=True)
    with pytest.raises(KeyError) as raised:
        job.next()
    assert "in _broken" in "".join(getattr(raised.value, "__notes__", []))
    job.close()


class _Unpicklable(Exception):
    def __init__(self, code, message):
        super().__init__(message)


def _unpicklable():
    raise _Unpicklable(7, "no way back")
    yield


@fork_only
def test_an_exception_that_cannot_travel_comes_back_as_its_traceback():
    job = Background(_unpicklable, fork=True)
    with pytest.raises(RuntimeError, match=r"(?s)_Unpicklable: no way back"):
        job.next()
    job.close()


def _dies():
    os._exit(3)
    yield


@fork_only
def test_a_generator_that_dies_stops_the_build_with_its_exit_code():
    job = Background(_dies, fork=True)
    with pytest.raises(GeneratorStopped, match="exit code 3"):
        job.next()
    job.close()


def test_no_fork_while_another_thread_runs_or_when_asked_not_to(monkeypatch):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert can_fork() is False
    finally:
        stop.set()
        thread.join()
    monkeypatch.setenv("BOOK_GENERATOR", "inline")
    assert can_fork() is False


@fork_only
def test_closing_stops_a_generator_that_is_still_working():
    def forever():
        yield "first"
        threading.Event().wait()

    job = Background(forever, fork=True)
    assert job.next() == "first"
    process = job._process
    job.close()
    assert not process.is_alive()


def _running(pid: int) -> bool:
    """Whether `pid` still runs (an ended child that nobody reaped yet, a zombie, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as status:
            return status.read().rpartition(")")[2].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


# A build process that forks its generator, which computes more than a pipe holds, then is killed
# before it reads anything: as `timeout`, a cancelled CI job or the out-of-memory killer end it.
_KILLED_BUILD = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
from macros.background import Background
job = Background(lambda: iter([b"x" * 1_000_000]), fork=True)
print(job._process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@fork_only
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads process states from /proc")
def test_the_generator_does_not_outlive_a_build_that_was_killed():
    build = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(ROOT)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    generator = int(build.stdout.readline())
    build.stdout.close()
    build.wait()
    deadline = time.monotonic() + 20
    while _running(generator) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        assert not _running(generator), "the generator waits forever to send to a build that is gone"
    finally:
        if _running(generator):
            os.kill(generator, signal.SIGKILL)


@pytest.mark.parametrize("mode", ["forked", "inline"])
def test_downloads_are_filled_when_no_generated_page_is_read(tmp_path, mode):
    """The hook fills the pages when MkDocs reads the first of them; a build that reads none (every
    generated page excluded) still publishes every download whole, from on_env."""
    from projects import book_project

    from macros.book import FIXED_FILE_PATHS

    config = book_project(tmp_path / "project")
    with config.open("a", encoding="utf-8") as mkdocs_yml:
        mkdocs_yml.write("exclude_docs: |\n  /entities/\n  /differentials/\n  /flows/\n  /glossary.md\n")
    site = tmp_path / "site"
    # Not strict: the navigation and the hand-written pages still point at the excluded pages.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(config),
                             "--site-dir", str(site)], cwd=config.parent, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                 "BOOK_GENERATOR": "inline" if mode == "inline" else ""})
    assert result.returncode == 0, result.stderr
    assert not (site / "entities").exists()
    empty = [path for path in FIXED_FILE_PATHS if (site / path).stat().st_size == 0]
    assert empty == []


def test_no_fork_on_macos(monkeypatch):
    """macOS system libraries start threads of their own, which threading.active_count() does not see:
    CPython no longer forks there by default (bpo-33725), and neither does the build."""
    monkeypatch.setattr(sys, "platform", "darwin")
    assert can_fork() is False


def test_generating_the_book_logs_no_warning(graph, caplog):
    """`mkdocs build --strict` counts the warnings logged in the build process only: one logged in the
    forked generator would pass where the in-process build fails. Generation raises instead (STYLE:
    fail, don't warn)."""
    import importlib.util
    from functools import partial

    from macros.book import generation_parts
    from macros.edition import edition

    spec = importlib.util.spec_from_file_location("generate_pages", ROOT / "overrides" / "hooks" / "generate_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    figures = partial(hook._kept_figures, ROOT / "docs" / hook.MERMAID, hook._diagram_cache())
    with caplog.at_level(logging.WARNING):
        parts = list(generation_parts(graph, edition(ROOT), True, figures))
    assert len(parts) == 3  # pages, the figures of diagrams already drawn, files
    assert [record.getMessage() for record in caplog.records] == []
