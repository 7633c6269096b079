"""BibTeX: generated entries, venue kinds, and the site's publications.bib."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pybtex.database import parse_string
from sphinx.util.console import strip_colors

from portfolio.model import bibtex
from portfolio.model.schema import Author, ProjectMeta, Venue


def meta(**kwargs) -> ProjectMeta:
    values = {"title": "Engines", "authors": (Author("Ada Lovelace"),), "year": 2020, "tldr": "t"}
    return ProjectMeta(**(values | kwargs))


@pytest.mark.parametrize(
    ("venue", "kind"),
    [
        (None, ""),
        (Venue("NeurIPS", "Neural Information Processing Systems"), "conference"),
        (Venue("CVPR"), "conference"),
        (Venue("TIP", "IEEE Transactions on Image Processing"), "journal"),
        (Venue("JMLR", "Journal of Machine Learning Research"), "journal"),
        (Venue("Tech Report", "Technical report (arXiv preprint)"), "report"),
        (Venue("arXiv"), "report"),
        (Venue("PhD Thesis", "Carnegie Mellon University"), "report"),
    ],
)
def test_venue_kind(venue, kind):
    assert bibtex.venue_kind(venue) == kind


@pytest.mark.parametrize(
    ("venue", "entry_type", "field"),
    [
        (Venue("TIP", "IEEE Transactions on Image Processing"), "article", "journal"),
        (
            Venue("ICLR", "International Conference on Learning Representations"),
            "inproceedings",
            "booktitle",
        ),
        (Venue("Tech Report", "Technical report (arXiv preprint)"), "misc", "howpublished"),
        (None, "misc", None),
    ],
)
def test_generated_entry_parses(venue, entry_type, field):
    project = meta(
        title='Engines & "Looms"',
        authors=(Author("José Ñúñez"), Author("Ada Lovelace", equal=True)),
        venue=venue,
        links=(("Paper", "https://example.org/p"),),
    )
    entry = parse_string(bibtex.project_entry(project, "key"), "bibtex").entries["key"]
    assert entry.type == entry_type
    assert [str(p) for p in entry.persons["author"]] == ["Ñúñez, José", "Lovelace, Ada"]
    assert entry.fields["year"] == "2020"
    assert entry.fields["url"] == "https://example.org/p"
    if field:
        assert entry.fields[field] == venue.full


def test_own_entry_is_kept():
    own = "@article{mine,\n  title = {Engines},\n  year = {2020}\n}"
    assert bibtex.project_entry(meta(bibtex=own), "other") == own + "\n"


def bibliography(projects: dict[str, ProjectMeta]) -> tuple[str, list[bibtex.BibProblem]]:
    """The file of ``projects``, each entry checked as when its page is read."""
    entries = {docname: bibtex.check_entry(m, docname) for docname, m in projects.items()}
    return bibtex.bibliography(projects, entries)


def test_bibliography_keys_unique_newest_first():
    own = "@article{{dup,\n  title = {{{t}}},\n  year = {{{y}}}\n}}"
    projects = {
        "projects/old": meta(title="Old", bibtex=own.format(t="Old", y=2019), year=2019),
        "projects/new": meta(title="New", bibtex=own.format(t="New", y=2021), year=2021),
        "projects/dup": meta(title="Dup", bibtex="@misc{DUP, title={Dup}}", year=2020),
        "projects/gen": meta(title="Gen", year=2018),
    }
    text, problems = bibliography(projects)
    assert problems == []
    entries = parse_string(text, "bibtex").entries
    # The newest keeps its key; later ones take their page's slug (BibTeX keys ignore case).
    assert list(entries) == ["dup", "dup-2", "old", "gen"]
    assert [entries[k].fields["title"] for k in entries] == ["New", "Dup", "Old", "Gen"]


INSTEAD = "; publications.bib and the Cite section show one made from the fields"


@pytest.mark.parametrize(
    ("entry", "message", "line"),
    [
        ("@article{bad, title = {unclosed", "syntax error: premature end of file", 1),
        ("not bibtex at all", "expected one entry such as @article{key, ...}, got 0", 1),
        (
            "@misc{a, title={A}}\n@misc{b, title={B}}",
            "expected one entry such as @article{key, ...}, got 2",
            1,
        ),
        (
            "@misc{a, title={A}}\n@string{v = {V}}",
            "expected one entry such as @article{key, ...}, got a @string block",
            2,
        ),
        (
            "@preamble{x}\n@misc{a, title={A}}",
            "expected one entry such as @article{key, ...}, got a @preamble block",
            1,
        ),
        (
            "@misc{a, title={A}}\n@comment{x}",
            "expected one entry such as @article{key, ...}, got a @comment block",
            2,
        ),
    ],
)
def test_broken_entries_are_replaced_and_reported(entry: str, message: str, line: int):
    """Whatever a page's bibtex holds, the file has one parsable entry per project."""
    projects = {
        "projects/bad": meta(title="Bad", bibtex=entry),
        "projects/good": meta(title="Good"),
    }
    text, problems = bibliography(projects)
    entries = parse_string(text, "bibtex").entries
    assert list(entries) == ["bad", "good"]
    assert entries["bad"].fields["title"] == "Bad"  # made from the front matter
    assert problems == [bibtex.BibProblem("projects/bad", f"bibtex: {message}{INSTEAD}", line)]


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_publications_bib(app, file_regression):
    app.build()
    assert app.warning.getvalue() == ""
    text = (Path(app.outdir) / "publications.bib").read_text(encoding="utf-8")
    entries = parse_string(text, "bibtex").entries
    # One entry per project, newest first; old.md's key `ada2023` was taken by lib.md.
    assert list(entries) == ["xss", "ada2023", "zh", "old"]
    assert entries["old"].fields["title"] == "Sketch of the Analytical Engine"
    assert entries["xss"].type == "article"
    assert entries["zh"].type == "inproceedings"
    file_regression.check(text, extension=".bib")


def test_broken_entry_warns_on_every_build_until_fixed(make_app, tmp_path, edit):
    """Entries are checked when a page is read; the file and warnings follow each edit."""
    srcdir = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-seo", srcdir)
    path = srcdir / "projects/old.md"

    def build() -> tuple[str, dict]:
        app = make_app("html", srcdir=srcdir)
        try:
            app.build()
        finally:
            app.cleanup()
        bib = (Path(app.outdir) / "publications.bib").read_text("utf-8")
        return strip_colors(app.warning.getvalue()), parse_string(bib, "bibtex").entries

    edit(path, "year = {2020}\n  }", "year = {2020")
    for _rebuild in range(2):  # the page is read in the first build only
        warnings, entries = build()
        # Line 12 of the page, `year = {2020`, is where the entry ends too early.
        assert warnings == (
            f"{srcdir / 'projects/old.md'}:12: WARNING: bibtex: "
            f"syntax error: premature end of file{INSTEAD} [portfolio.bibtex]\n"
        )
        assert list(entries) == ["xss", "ada2023", "zh", "old"]  # old's made from its fields

    edit(path, "year = {2020", "year = {2020}\n  }")
    edit(path, "title = {Sketch", "title = {A Sketch")
    warnings, entries = build()
    assert warnings == ""
    assert entries["old"].fields["title"] == "A Sketch of the Analytical Engine"
