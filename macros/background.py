"""Work done beside MkDocs: a forked process computes what the build needs later, in parts.

Generating the pages and the downloads is pure Python work that MkDocs does not need until it
reads the first generated page (pages) and until it copies files into the site (downloads); in the
meantime it renders the hand-written pages. On a machine with two or more processors a forked copy
of the build process does that work in parallel. Where forking is unsafe or pointless (one
processor, no safe `fork` as on macOS, or other threads running, as under `mkdocs serve`, whose
server threads a fork would copy mid-step) the same parts are computed here, when first asked for:
same code, same results, only the wall time differs.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
import traceback
from typing import Callable, Iterable, Iterator

from .problems import DataError


class GeneratorStopped(RuntimeError):
    """The forked process ended without sending a part: killed, or out of memory."""


# `inline` computes the parts in the build process always (to compare, profile or debug).
MODE_VARIABLE = "BOOK_GENERATOR"


def can_fork() -> bool:
    if os.environ.get(MODE_VARIABLE, "").strip().lower() == "inline":
        return False
    # macOS system libraries start threads of their own, unseen below: CPython's default there is
    # `spawn` since 3.8, as a forked copy could crash (bpo-33725).
    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return False
    # A fork copies only the calling thread; a lock another thread held stays locked in the copy.
    if threading.active_count() > 1:
        return False
    processors = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (processors or 1) >= 2


class Background:
    """Runs `parts` (a function returning an iterable) in a forked process when `fork` is true,
    else here on demand; `next()` returns its parts in order, raising what computing one raised."""

    def __init__(self, parts: Callable[[], Iterable[object]], fork: bool | None = None):
        self._parts = parts
        self._here: Iterator[object] | None = None
        self._process = None
        if can_fork() if fork is None else fork:
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_send_parts, args=(parts, sender, self._receiver),
                                            daemon=True)
            self._process.start()
            sender.close()  # only the child writes: the parent's recv() sees the end when it exits

    @property
    def forked(self) -> bool:
        return self._process is not None

    def next(self) -> object:
        if self._process is None:
            if self._here is None:
                self._here = iter(self._parts())
            return next(self._here)
        try:
            kind, value = self._receiver.recv()
        except EOFError:
            self._process.join(timeout=5)
            raise GeneratorStopped(f"the page generator (process {self._process.pid}) stopped without "
                                   f"sending its work, exit code {self._process.exitcode}") from None
        if kind == "part":
            return value
        if kind == "data-error":
            raise DataError(value)
        raise value

    def close(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.terminate()
            self._process.join(timeout=5)
            if self._process.is_alive():  # stuck where SIGTERM does not reach it
                self._process.kill()
                self._process.join()
            self._receiver.close()
            self._process = None


def _send_parts(parts: Callable[[], Iterable[object]], sender, receiver) -> None:
    # The fork copied the parent's end of the pipe too. Held here, it would keep a part larger than
    # the pipe holds waiting forever for a reader once the build is killed (`timeout`, a cancelled CI
    # job, the out-of-memory killer); closed, that send fails and this process ends.
    receiver.close()
    try:
        _compute_and_send(parts, sender)
    except BrokenPipeError:
        pass  # the build that asked for the parts has ended: no one is left to send them, or an error, to
    finally:
        sender.close()


def _compute_and_send(parts: Callable[[], Iterable[object]], sender) -> None:
    try:
        for part in parts():
            sender.send(("part", part))
    except DataError as error:
        sender.send(("data-error", error.problems))
    except BaseException as error:  # noqa: BLE001 — whatever it was, the parent raises it
        error.add_note("".join(traceback.format_exception(error)))  # where: the parent cannot show it
        sender.send(("error", _picklable(error)))


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001 — an exception whose arguments do not survive the trip
        return RuntimeError("".join(traceback.format_exception(error)))
