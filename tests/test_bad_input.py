"""Every page of the bad-input corpus gets its exact message, from `portfolio check` and the build.

The corpus, the root ``test-bad-corpus``, is a site; its ``expected.txt`` lists each message once.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from pybtex.database import parse_file
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from portfolio.cli import main
from portfolio.model import schema

BAD = Path(__file__).parent / "roots" / "test-bad-corpus"
PAGES = sorted(p.relative_to(BAD).as_posix() for p in BAD.rglob("*.md"))
WARNING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<type>[\w.]+)\]$"
)

Messages = dict[str, list[str]]


def expected() -> Messages:
    """``expected.txt`` as path -> ``line: message`` strings."""
    found: Messages = defaultdict(list)
    for raw in (BAD / "expected.txt").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            path, rest = raw.split(":", 1)
            found[path].append(rest.replace("{latest}", str(schema.latest_year())))
    return found


@pytest.fixture(scope="module")
def check_output() -> tuple[int, Messages, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", str(BAD)])
    found: Messages = defaultdict(list)
    for line in out.getvalue().splitlines():
        path, rest = line.split(":", 1)
        found[Path(path).relative_to(BAD).as_posix()].append(rest)
    return status, found, err.getvalue()


@pytest.fixture(scope="module")
def corpus_build(sphinx_test_tempdir: Path) -> tuple[Messages, list[str], list[str], int]:
    """Build the corpus once, with ``-W``: its messages, its warning types, other output."""
    srcdir = sphinx_test_tempdir / "bad-corpus"
    shutil.rmtree(srcdir, ignore_errors=True)
    shutil.copytree(BAD, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, warningiserror=True)
    try:
        app.build()
        status = app.statuscode
    finally:
        app.cleanup()
    found: Messages = defaultdict(list)
    types, other = [], []
    for line in strip_escape_sequences(app.warning.getvalue()).splitlines():
        match = WARNING.match(line)
        if match is None:
            other.append(line)
            continue
        path = Path(match["path"]).relative_to(srcdir).as_posix()
        found[path].append(f"{match['line']}: {match['message']}")
        types.append(match["type"])
    return found, types, other, status


def test_corpus_covers_at_least_25_bad_pages() -> None:
    assert len(expected()) >= 25
    assert set(expected()) <= set(PAGES), "expected.txt names a page that does not exist"


@pytest.mark.parametrize("page", PAGES)
def test_check_message(check_output: tuple[int, Messages, str], page: str) -> None:
    assert check_output[1].get(page, []) == expected().get(page, [])


@pytest.mark.parametrize("page", PAGES)
def test_build_message(corpus_build: tuple[Messages, list[str], list[str], int], page: str) -> None:
    assert sorted(corpus_build[0].get(page, [])) == sorted(expected().get(page, []))


def test_check_exits_1_and_counts(check_output: tuple[int, Messages, str]) -> None:
    status, _, err = check_output
    total = sum(len(v) for v in expected().values())
    assert status == 1
    assert err == f"{total} problem(s) in {len(expected())} file(s)\n"
    assert "Traceback" not in err


def test_build_warns_only_through_portfolio(
    corpus_build: tuple[Messages, list[str], list[str], int],
) -> None:
    """No traceback, no follow-on warning from Sphinx or MyST: one message per problem."""
    _, types, other, status = corpus_build
    assert other == []
    assert set(types) == {"portfolio.frontmatter", "portfolio.reference"}
    assert status == 1  # -W: the build fails on them


def test_check_is_clean_without_the_bad_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(BAD, site)
    for page in expected():
        (site / page).unlink()
    (site / "notes.md").write_text("# Notes\n\nSee {project}`good-engine`.\n", encoding="utf-8")
    assert main(["check", str(site)]) == 0


def test_unreadable_title_falls_back_to_the_slug(
    corpus_build: object, sphinx_test_tempdir: Path
) -> None:
    """A page whose front matter cannot be read still gets a heading: its file name."""
    html = (sphinx_test_tempdir / "bad-corpus" / "_build" / "html" / "projects").glob("*.html")
    pages = {p.stem: p.read_text(encoding="utf-8") for p in html}
    assert "<h1>unclosed" in pages["unclosed"]
    assert "<h1>empty" in pages["empty"]
    assert "not-utf8" not in pages  # not read: Sphinx would abort on it


def _build_copy(tmp_path: Path, **kwargs: object) -> tuple[SphinxTestApp, Path]:
    srcdir = tmp_path / "corpus"
    if not srcdir.exists():
        shutil.copytree(BAD, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, **kwargs)  # type: ignore[arg-type]
    try:
        app.build()
    finally:
        app.cleanup()
    return app, srcdir


def test_parallel_build_gives_the_same_messages(
    tmp_path: Path, corpus_build: tuple[Messages, list[str], list[str], int]
) -> None:
    app, _ = _build_copy(tmp_path, parallel=2, freshenv=True)
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    assert len(lines) == sum(len(v) for v in corpus_build[0].values())
    assert all(WARNING.match(line) for line in lines)


def test_a_fixed_page_is_read_on_the_next_build(tmp_path: Path) -> None:
    app, srcdir = _build_copy(tmp_path, freshenv=True)
    assert "not-utf8.md:2: WARNING" in app.warning.getvalue()
    page = srcdir / "projects" / "not-utf8.md"
    page.write_bytes(page.read_bytes().replace(b"Caf\xe9", "Café".encode()))
    app, _ = _build_copy(tmp_path)
    assert "not-utf8" not in app.warning.getvalue()
    html = (Path(app.outdir) / "projects" / "not-utf8.html").read_text(encoding="utf-8")
    assert "Café latin-1" in html


def test_publications_bib_parses_with_one_entry_per_project(
    corpus_build: object, sphinx_test_tempdir: Path
) -> None:
    """Whatever the corpus's pages hold, the site's BibTeX file parses, a key per project."""
    out = sphinx_test_tempdir / "bad-corpus" / "_build" / "html"
    entries = parse_file(out / "publications.bib", "bibtex").entries
    projects = [
        p for p in (out / "projects").rglob("*.html") if "pf-header" in p.read_text("utf-8")
    ]
    assert len(entries) == len(projects) > 0
    assert len({key.casefold() for key in entries}) == len(entries)
