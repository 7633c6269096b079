"""Hostile and broken input: every case gets its message from `portfolio check` and from the
build alike, and whatever the pages hold, nothing outside the source folder is published,
the site-wide files still parse, and no file the user wrote changes.

The corpus is the root ``test-hostile`` (its ``expected.txt`` lists each message once); what
git cannot hold (symlinks, a FIFO, two names differing in case, files outside the site) is
made here by :func:`make_site`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import tracemalloc
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pybtex.database import parse_file
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from portfolio.cli import main
from portfolio.model import frontmatter, limits

HOSTILE = Path(__file__).parent / "roots" / "test-hostile"
WARNING = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[(?P<type>[\w.]+)\]$"
)
#: Sphinx's own warning, which names no line; `portfolio check` prints it at line 1.
NOT_INCLUDED = re.compile(
    r"^(?P<path>.+?): WARNING: (?P<message>document isn't included in any toctree)"
)
#: What the outside files hold; none of it may reach the output.
SECRETS = ("SECRET-MARKER-FILE", "SECRET-MARKER-PAGE", "ENV-MARKER-7f3a")


def make_site(folder: Path) -> Path:
    """A copy of the corpus in ``folder/site``, with secrets beside it and links out of it."""
    site = folder / "site"
    shutil.copytree(HOSTILE, site)
    (folder / "secret.txt").write_text(SECRETS[0] + "\n", encoding="utf-8")
    shutil.copy(folder / "secret.txt", folder / "secret.png")
    (folder / "secret-page.md").write_text(
        f"---\ntitle: Linked\nauthors: [Ada Lovelace]\nyear: 2020\ntldr: {SECRETS[1]}\n---\n",
        encoding="utf-8",
    )
    (site / "projects" / "linked.md").symlink_to("../../secret-page.md")
    (site / "projects" / "img" / "environ.png").symlink_to("/proc/self/environ")
    (site / "_static" / "leak.txt").symlink_to("../../secret.txt")
    os.mkfifo(site / "projects" / "img" / "fifo.png")
    (site / "projects" / "image-fifo.md").write_text(
        "---\ntitle: Image Fifo\nauthors: [Ada Lovelace]\nyear: 2020\ntldr: A project.\n"
        "image:\n  src: img/fifo.png\n  alt: A pipe\n---\n",
        encoding="utf-8",
    )
    big = "---\ntitle: Too Big\nauthors: [Ada Lovelace]\nyear: 2020\ntldr: A project.\n---\n"
    (site / "projects" / "too-big.md").write_text(big + "word " * 900_000, encoding="utf-8")
    (site / "notes\x1b[2J.md").write_text("# A page whose name clears the screen\n", "utf-8")
    good = (site / "projects" / "good.md").read_text(encoding="utf-8")
    twice = good.replace("The Good Project", "The Good Project Twice")
    (site / "projects" / "Good.md").write_text(twice, encoding="utf-8")
    return site


def expected() -> list[str]:
    """``expected.txt`` without its comments: ``path:line: field: message`` lines."""
    lines = (HOSTILE / "expected.txt").read_text(encoding="utf-8").splitlines()
    return sorted(line for line in lines if line.strip() and not line.startswith("#"))


def sources(site: Path) -> dict[str, str]:
    """A digest of every regular file the user wrote (links and pipes as what they are)."""
    digests = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith("_build"):
            continue
        if path.is_symlink():
            digests[relative] = "link " + os.readlink(path)
        elif path.is_file():
            digests[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            digests[relative] = "folder" if path.is_dir() else "other"
    return digests


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Check, then build with ``-W``, one copy of the corpus; what each said and left."""
    folder = tmp_path_factory.mktemp("hostile")
    site = make_site(folder)
    before = sources(site)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        check_status = main(["check", str(site)])
    os.environ["PORTFOLIO_TEST_SECRET"] = SECRETS[2]  # in /proc/self/environ from here on
    try:
        app = SphinxTestApp("html", srcdir=site, freshenv=True, warningiserror=True)
        try:
            app.build()
        finally:
            app.cleanup()
    finally:
        del os.environ["PORTFOLIO_TEST_SECRET"]
    return {
        "site": site,
        "outdir": Path(app.outdir),
        "check": (check_status, out.getvalue(), err.getvalue()),
        "build": (app.statuscode, strip_escape_sequences(app.warning.getvalue())),
        "raw": out.getvalue() + err.getvalue() + app.warning.getvalue() + app.status.getvalue(),
        "before": before,
        "after": sources(site),
    }


def test_check_reports_each_problem_with_file_line_and_field(run: dict) -> None:
    status, out, err = run["check"]
    site = str(run["site"]) + "/"
    assert sorted(line.removeprefix(site) for line in out.splitlines()) == expected()
    assert status == 1
    assert "Traceback" not in err


def messages(warnings: str, site: Path) -> tuple[list[str], list[str]]:
    """A build's warnings as ``expected.txt`` lines, and any other line it printed."""
    found, other = [], []
    for line in warnings.splitlines():
        line = line.removeprefix("checking consistency... ")
        if toc := NOT_INCLUDED.match(line):
            path = Path(toc["path"]).relative_to(site).as_posix()
            found.append(f"{path}:1: toctree: {toc['message']}")
            continue
        match = WARNING.match(line)
        if match is None or not match["type"].startswith("portfolio."):
            other.append(line)
            continue
        path = Path(match["path"]).relative_to(site).as_posix()
        found.append(f"{path}:{match['line']}: {match['message']}")
    return sorted(found), other


def test_build_reports_the_same_and_fails_under_w(run: dict) -> None:
    status, warnings = run["build"]
    found, other = messages(warnings, run["site"])
    assert found == expected()
    assert other == []  # no traceback, no follow-on warning of Sphinx's or MyST's
    assert status == 1


def test_every_class_of_the_issue_is_in_the_corpus() -> None:
    text = "\n".join(expected())
    for phrase in [
        "is outside the source folder",  # parent paths, symlinks to /proc, includes
        "is a link to a file outside",  # a page that is a symlink
        "html_static_path: links to a file outside",  # a symlink among the static files
        "expected a file in the source folder or an https:// URL",  # data:, javascript:, http:
        "SVG with script",
        "is not a regular file",  # a FIFO
        "YAML aliases",  # alias bombs, in our fields and Sphinx's
        "levels deep",
        "at most 30 digits",
        "control character",
        "expected a field name of text",
        "expected balanced braces",
        "expected at most 60 characters",  # a keyword too long for a file name
        "octal",
        "base 60",
        "the label is used twice",
        "expected a name before '*'",
        "show one made from the fields",  # a broken or non-entry bibtex
        "@string block",
        "still says TODO",
        "only in case or accents",
        "written with other Unicode characters",
        "holds the generated keyword pages",
        "a page named index lists its folder",
        "invalid Unicode character escape",  # a lone surrogate
        "isn't included in any toctree",  # Sphinx's own, which check reports too
        "expected a page of at most 4 MiB",
        "the file name contains the control character",
    ]:
        assert phrase in text, phrase


def test_nothing_from_outside_the_source_folder_is_published(run: dict) -> None:
    build = run["outdir"].parent  # the output and the doctrees
    for path in build.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(secret.encode() in data for secret in SECRETS), path
    site = [p for p in run["site"].rglob("*") if p.is_file() and "_build" not in p.parts]
    inside = {hashlib.sha256(p.read_bytes()).digest() for p in site}
    for image in (run["outdir"] / "_images").rglob("*"):  # cards/ too
        if image.parent.name == "previews":  # preview cards, drawn by the extension
            assert image.suffix == ".png", image
        elif image.is_file():
            assert hashlib.sha256(image.read_bytes()).digest() in inside, image
    assert not (run["outdir"] / "_downloads").exists()


def test_site_wide_files_parse(run: dict) -> None:
    outdir = run["outdir"]
    feed = ElementTree.parse(outdir / "feed.xml").getroot()
    ElementTree.parse(outdir / "sitemap.xml")
    entries = parse_file(outdir / "publications.bib", "bibtex").entries
    atom = "{http://www.w3.org/2005/Atom}"
    projects = feed.findall(f"{atom}entry")
    assert len(entries) == len(projects)  # one entry for each project the site shows
    keys = Counter(key.casefold() for key in entries)
    assert max(keys.values()) == 1
    authors = {name.text for name in feed.iter(f"{atom}name")}
    assert "et al." not in authors
    llms = (outdir / "llms.txt").read_text(encoding="utf-8")
    assert not re.search(r"^#+ Injected", llms, re.M)


def test_no_escape_sequence_from_a_file_reaches_the_terminal(run: dict) -> None:
    """A file name or a value holding ``ESC [2J`` would clear the screen of whoever builds.

    Sphinx's own colours aside (which only it writes), no escape reaches the output.
    """
    assert "\x1b" not in strip_escape_sequences(run["raw"])
    assert "\\x1b[2J" in run["raw"]  # shown as an escape instead


def test_nothing_the_user_wrote_changes(run: dict) -> None:
    assert run["after"] == run["before"]


@pytest.mark.parametrize(
    "block",
    [
        "a: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n"
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "x: " + "[" * 999 + "]" * 999,
        "x: " + "9" * 100_000,
        "x: " + "[1, " * 5000 + "]" * 5000,
    ],
    ids=["alias-bomb", "deep", "long-number", "wide-and-deep"],
)
def test_parsing_a_hostile_page_is_bounded(block: str) -> None:
    """Memory (deterministic, unlike time) stays small whatever one page holds."""
    tracemalloc.start()
    try:
        with pytest.raises(frontmatter.FrontMatterError):
            frontmatter.parse(f"---\n{block}\n---\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * limits.FRONT_MATTER_CHARS * 16, peak


def test_a_parallel_build_gives_the_same_messages(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    app = SphinxTestApp("html", srcdir=site, freshenv=True, parallel=2)
    try:
        app.build()
    finally:
        app.cleanup()
    assert messages(strip_escape_sequences(app.warning.getvalue()), site) == (expected(), [])
