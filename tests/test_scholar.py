"""``portfolio check --scholar``: what Google Scholar needs and a page lacks, as advice."""

from __future__ import annotations

import shutil
from pathlib import Path

from portfolio.cli import main

ROOT = Path(__file__).parent / "roots" / "test-citations"


def test_check_scholar_lists_what_each_page_lacks(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT, docs)
    page = docs / "projects" / "conference.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("  - Mary Somerville\n", "  - et al.\n").replace(
            "title = {Bernoulli Numbers by Machine}", "title = {Bernoulli Numbers by a Machine}"
        ),
        encoding="utf-8",
    )
    assert main(["check", str(docs), "--scholar"]) == 0  # advice is no failure
    out, err = capsys.readouterr()
    projects = docs / "projects"
    assert out.splitlines() == [
        f"{projects / 'conference.md'}:2: title: Scholar wants the paper's full title; the "
        "BibTeX entry says 'Bernoulli Numbers by a Machine'",
        f"{projects / 'conference.md'}:3: authors: Scholar wants every author; the list is "
        "cut ('et al.')",
        f"{projects / 'conference.md'}:1: abstract: Scholar wants the abstract on the page; "
        "add 'abstract:'",
        # The library has a code link and no paper: nothing for Scholar to index it by.
        f"{projects / 'library.md'}:1: pdf: Scholar wants a link to the full text; add 'pdf:' "
        "(an https URL of the PDF) or an arXiv link",
        f"{projects / 'library.md'}:1: abstract: Scholar wants the abstract on the page; "
        "add 'abstract:'",
    ]
    assert "Google Scholar: 5 piece(s) of advice for 2 page(s)" in err


def test_check_without_scholar_gives_no_advice(capsys):
    assert main(["check", str(ROOT)]) == 0
    assert capsys.readouterr().out == ""
