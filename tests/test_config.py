"""Options: the reference cannot drift from the code, and conflicting settings are reported."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from portfolio import reference
from portfolio.sphinx.config import OPTIONS
from portfolio.theme import OPTIONS as THEME_OPTIONS

README = Path(__file__).parent.parent / "README.md"


def test_the_readme_reference_is_the_codes() -> None:
    text = README.read_text(encoding="utf-8")
    assert reference.with_reference(text) == text, "run `make reference` and commit README.md"
    for option in OPTIONS:
        assert f"| `{option.name}` |" in text
    for name in THEME_OPTIONS:
        assert f"| `{name}` |" in text


def test_the_reference_follows_a_new_option(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    monkeypatch.setitem(THEME_OPTIONS, "primary_color", "Something else entirely.")
    assert reference.with_reference(text) != text


@pytest.mark.parametrize(
    ("conf", "message"),
    [
        ({"extensions": ["portfolio", "sphinx_sitemap"]}, "extensions: sphinx_sitemap writes"),
        ({"exclude_patterns": ["projects/*"]}, "exclude_patterns: a pattern excludes projects/"),
        ({"exclude_patterns": ["projects"]}, "exclude_patterns: a pattern excludes projects/"),
    ],
)
def test_conflicting_settings_are_reported(
    make_app: Callable[..., SphinxTestApp],
    srcdir: Path,
    conf: dict,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # sphinx-sitemap need not be installed: a stand-in of that name is loaded.
    (tmp_path / "sphinx_sitemap.py").write_text("def setup(app):\n    return {}\n")
    monkeypatch.syspath_prepend(tmp_path)
    monkeypatch.delitem(sys.modules, "sphinx_sitemap", raising=False)
    app = make_app("html", srcdir=srcdir, confoverrides=conf)
    assert message in app.warning.getvalue()


def test_a_draft_pattern_is_no_conflict(
    make_app: Callable[..., SphinxTestApp], srcdir: Path
) -> None:
    app = make_app("html", srcdir=srcdir, confoverrides={"exclude_patterns": ["projects/draft-*"]})
    assert app.warning.getvalue() == ""
