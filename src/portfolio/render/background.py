"""Work done by a background process while Sphinx writes the documents (``-j N``, N > 1).

Under ``-j 2`` Sphinx writes with the main process and one worker: the main process
resolves every document in about a quarter of the time the worker takes to write them, then
waits, its core idle, until the worker is done. What the extension does after the documents
(the keyword pages' cards) can be done on that core, in the meantime: a process forked when
writing starts does it, at a lower priority, so it takes what the main process and the worker
leave. It only prepares what the main process would otherwise make (files the main process
reads afterwards); where it fails or is not used, the main process makes the same things
itself, and reports what goes wrong.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from typing import TYPE_CHECKING

from sphinx.util.parallel import ParallelTasks, parallel_available

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: How much lower the background process's priority is (``os.nice``).
NICENESS = 10

_running: weakref.WeakKeyDictionary[Sphinx, ParallelTasks] = weakref.WeakKeyDictionary()


def start(app: Sphinx, work: Callable[[], object]) -> None:
    """Run ``work`` in a background process when the build runs in parallel, else not at
    all (the main process does it later)."""
    if app.parallel <= 1 or not parallel_available or app in _running:
        return
    tasks = ParallelTasks(1)
    tasks.add_task(_quietly, work)
    _running[app] = tasks


def wait(app: Sphinx) -> None:
    """Wait for the background work of ``app``, if any."""
    tasks = _running.pop(app, None)
    if tasks is not None:
        tasks.join()


def _quietly(work: Callable[[], object]) -> None:
    """``work`` at a lower priority; what fails, the main process does again and reports."""
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    with contextlib.suppress(Exception):
        work()


def wait_at_end(app: Sphinx, exception: BaseException | None) -> None:
    """At the end of the build (``build-finished``), whether or not the work was used: no
    process is left behind, even when the build stopped before its pages were collected."""
    wait(app)
