"""The objects a build loads before reading are left out of the collector's passes, and
handed back when the build ends, whether or not it failed."""

from __future__ import annotations

import gc

import pytest
from sphinx.errors import ExtensionError


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
