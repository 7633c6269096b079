"""The objects a build loads before reading are left out of the collector's passes, and
handed back when the build ends, whether or not it failed; while Sphinx loads them, the
collector is off."""

from __future__ import annotations

import gc
import os
import re
import weakref
from pathlib import Path

import pytest
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError, SphinxError


def test_loaded_objects_are_frozen_while_pages_are_read_and_thawed_after(make_app, srcdir):
    app = make_app("html", srcdir=srcdir)
    frozen_while_reading: list[int] = []
    app.connect(
        "doctree-read", lambda app, doctree: frozen_while_reading.append(gc.get_freeze_count())
    )
    app.build()
    assert frozen_while_reading and min(frozen_while_reading) > 0
    assert gc.get_freeze_count() == 0


def test_a_failed_build_thaws_them_too(make_app, srcdir):
    app = make_app("html", srcdir=srcdir)

    def fail(app, doctree):
        raise RuntimeError("a broken extension")

    app.connect("doctree-read", fail)
    with pytest.raises(ExtensionError):
        app.build()
    assert gc.get_freeze_count() == 0


def test_a_writing_worker_freezes_what_it_inherits(make_app, srcdir):
    """Under ``-j 2`` a worker writes every page but the first: the objects it inherits
    (more than the main process had frozen) are frozen in it; the main process thaws its
    own when the build ends."""
    app = make_app("html", srcdir=srcdir, parallel=2)
    in_main: dict[str, int] = {}

    def note_main(app, builder):
        in_main.update(pid=os.getpid(), frozen=gc.get_freeze_count())

    def note_writer(app, pagename, templatename, context, doctree):
        frozen = f"{os.getpid()} {gc.get_freeze_count()}"
        context["metatags"] += f'<meta name="test-frozen" content="{frozen}" />'

    app.connect("write-started", note_main)
    app.connect("html-page-context", note_writer)
    app.build()
    written = [
        tuple(map(int, re.search(r'name="test-frozen" content="(\d+) (\d+)"', page).groups()))
        for page in (p.read_text("utf-8") for p in Path(app.outdir).rglob("*.html"))
    ]
    by_worker = [frozen for pid, frozen in written if pid != in_main["pid"]]
    assert by_worker, "no page was written by a worker"
    assert min(by_worker) > in_main["frozen"] > 0
    assert gc.get_freeze_count() == 0


@pytest.fixture
def collector_restored():
    """Whatever a test leaves, the rest of the session runs with the collector on."""
    yield
    gc.unfreeze()
    gc.enable()


def test_the_collector_is_off_while_the_last_environment_loads(
    make_app, srcdir, monkeypatch, collector_restored
):
    make_app("html", srcdir=srcdir).build()
    gc.collect()  # what the first build left is collected, not frozen with the next
    enabled_while_loading: list[bool] = []
    setup = BuildEnvironment.setup

    def recording_setup(env: BuildEnvironment, app: object) -> None:
        enabled_while_loading.append(gc.isenabled())
        setup(env, app)

    monkeypatch.setattr(BuildEnvironment, "setup", recording_setup)
    make_app("html", srcdir=srcdir)
    assert enabled_while_loading == [False]  # the pickled environment was loaded
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # and frozen, once the builder was ready


def test_an_application_that_fails_to_start_leaves_it_to_the_next(
    make_app, srcdir, collector_restored
):
    with pytest.raises(SphinxError):
        make_app("no-such-builder", srcdir=srcdir)
    assert not gc.isenabled()  # the failed one never got to its builder
    make_app("html", srcdir=srcdir)
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off(make_app, srcdir, collector_restored):
    gc.disable()
    make_app("html", srcdir=srcdir)
    assert not gc.isenabled()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_what_an_application_never_built_left_frozen_is_collected_by_the_next(
    make_app, srcdir, collector_restored
):
    garbage = _Cycle()
    left = weakref.ref(garbage)
    make_app("html", srcdir=srcdir)  # never built: what it loaded stays frozen
    del garbage
    gc.collect()
    assert left() is not None  # frozen: no pass reaches it
    make_app("html", srcdir=srcdir)
    assert left() is None
