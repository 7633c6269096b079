"""Incremental and parallel builds give the same site as a clean serial build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).parent / "roots" / "test-basic"


def text_of(outdir: Path, page: str, selector: str) -> list[str]:
    html = (outdir / page).read_text(encoding="utf-8")
    return [
        n.get_text(" ", strip=True) for n in BeautifulSoup(html, "html.parser").select(selector)
    ]


def test_front_matter_edit_updates_every_listing(build, edit, srcdir):
    app = build(srcdir)
    out = Path(app.outdir)
    assert text_of(out, "index.html", ".pf-card-title") == ["The Analytical Engine"]

    edit(
        srcdir / "projects/engine.md",
        "title: The Analytical Engine",
        "title: The Difference Engine",
    )
    edit(
        srcdir / "projects/loom.md",
        "tldr: Punched cards weave patterns.",
        "tldr: Cards.\nselected: true",
    )
    build(srcdir)

    assert text_of(out, "projects/index.html", ".pf-card-title") == [
        "The Difference Engine",
        "Loom Patterns",
    ]
    assert text_of(out, "index.html", ".pf-card-title") == [
        "The Difference Engine",
        "Loom Patterns",
    ]
    assert text_of(out, "index.html", ".pf-tldr")[1] == "TL;DR Cards."
    assert "The Difference Engine" in text_of(out, "notes.html", "a.reference.internal")
    assert text_of(out, "projects/engine.html", "h1")[0].startswith("The Difference Engine")


def test_backlinks_follow_the_citing_page(build, edit, srcdir):
    app = build(srcdir)
    out = Path(app.outdir)
    edit(srcdir / "notes.md", "# Notes", "# Field notes")
    build(srcdir)
    assert text_of(out, "projects/engine.html", ".pf-backlinks a") == ["Field notes"]

    edit(srcdir / "notes.md", "Engines compute: {project}`engine`.", "Engines compute.")
    build(srcdir)
    assert text_of(out, "projects/engine.html", ".pf-backlinks") == []
    assert text_of(out, "projects/loom.html", ".pf-backlinks a") == ["Field notes"]


def test_new_and_deleted_pages_update_listings(build, edit, srcdir):
    app = build(srcdir)
    out = Path(app.outdir)
    (srcdir / "projects/lace.md").write_text(
        "---\ntitle: Lace\nauthors: [A. B.]\nyear: 2021\ntldr: Threads.\n---\n\nBody.\n",
        encoding="utf-8",
    )
    (srcdir / "projects/loom.md").unlink()
    edit(srcdir / "notes.md", " See also {project}`Loom patterns <loom>`.", "")
    build(srcdir)
    assert text_of(out, "projects/index.html", ".pf-card-title") == [
        "Lace",
        "The Analytical Engine",
    ]
    assert text_of(out, "projects/index.html", "section section > h2") == ["2021 ¶", "2020 ¶"]


def test_parallel_build_equals_serial(build, tmp_path):
    pages = []
    for jobs in (1, 2):
        src = tmp_path / f"src{jobs}"
        shutil.copytree(ROOT, src)
        for i in range(12):  # enough documents for Sphinx to split the reading into chunks
            (src / f"projects/p{i:02}.md").write_text(
                f"---\ntitle: Project {i}\nauthors: [Ada Lovelace]\nyear: {2000 + i % 4}\n"
                f"tldr: Number {i}.\n---\n\nSee {{project}}`p{(i + 1) % 12:02}`.\n",
                encoding="utf-8",
            )
        app = build(src, parallel=jobs)
        out = Path(app.outdir)
        pages.append(
            {
                str(p.relative_to(out)): p.read_text(encoding="utf-8")
                for p in sorted(out.rglob("*.html"))
            }
        )
    serial, parallel = pages
    assert serial.keys() == parallel.keys()
    for name in serial:
        assert serial[name] == parallel[name], name
    cards = BeautifulSoup(serial["projects/index.html"], "html.parser").select(".pf-card")
    assert len(cards) == 14


def written(app) -> set[str]:
    """Docnames Sphinx wrote in this build, from its 'writing output' log."""
    log = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    return {
        line.rsplit("] ", 1)[1].strip()
        for line in log.splitlines()
        if "writing output... [" in line and "] " in line
    }


def test_only_pages_showing_a_project_are_rewritten(build, edit, srcdir):
    build(srcdir)
    edit(srcdir / "projects/loom.md", "The body of the loom page.", "A new body.")
    # Sphinx itself rewrites the toctree parent of a changed page (8.1: every ancestor); we
    # add nothing to that.
    assert written(build(srcdir)) - {"index"} == {"projects/loom", "projects/index"}

    edit(srcdir / "projects/loom.md", "keywords: [Computing]", "keywords: [Computing, Weaving]")
    rewritten = written(build(srcdir))
    # The grid, the corpus listings, and the page whose related projects include loom, plus
    # "index", which Sphinx adds as the toctree parent of a rewritten page; not the notes
    # that cite loom by title.
    assert rewritten == {
        "index",
        "projects/loom",
        "projects/index",
        "publications",
        "people",
        "projects/engine",
    }
