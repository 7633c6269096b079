"""Shared fixtures: Sphinx's testing fixtures and our test roots."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ROOTS = Path(__file__).parent / "roots"
#: The real site, this owner's docs/.
DOCS = Path(__file__).parent.parent / "docs"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (docs/) built once per test session, warnings as errors, in a process
    of its own as `make html` runs it; shared by the site and browser tests."""
    out = tmp_path_factory.mktemp("site")
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q"]
    proc = subprocess.run([*cmd, str(DOCS), str(out)], capture_output=True, text=True, check=False)
    if proc.returncode or proc.stderr:
        pytest.fail(f"sphinx-build failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return out


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOTS


@pytest.fixture
def srcdir(tmp_path: Path) -> Path:
    """A fresh copy of ``test-basic`` to edit (tests may override it with another root)."""
    dest = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", dest)
    return dest


@pytest.fixture
def build(make_app: Callable[..., SphinxTestApp]) -> Callable[..., SphinxTestApp]:
    """Build ``srcdir`` with a new app (as a new ``sphinx-build`` run would); no warnings."""

    def run(srcdir: Path, **kwargs: Any) -> SphinxTestApp:
        app = make_app("html", srcdir=srcdir, **kwargs)
        try:
            app.build()
        finally:
            app.cleanup()  # the next app registers the same nodes afresh
        assert app.warning.getvalue() == ""
        return app

    return run


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) and move the mtime on, as an editor would."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime + 5, stat.st_mtime + 5))


@pytest.fixture(name="edit")
def edit_fixture() -> Callable[[Path, str, str], None]:
    """:func:`edit`, for tests."""
    return edit


def search_index(outdir: Path) -> dict[str, Any]:
    """The built site's ``searchindex.js`` as data (``docnames``, ``terms``, ``titles``...)."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.fixture(name="search_index")
def search_index_fixture() -> Callable[[Path], dict[str, Any]]:
    """:func:`search_index`, for tests."""
    return search_index
