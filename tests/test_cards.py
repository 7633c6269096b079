"""Cards are rendered once and reused across pages and builds, never shown stale."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portfolio import render


@pytest.fixture
def rendered(monkeypatch) -> Counter[str]:
    """How many times each project's card is rendered (as docutils nodes)."""
    counts: Counter[str] = Counter()
    original = render.project_card

    def counting(*args, **kwargs):
        counts[kwargs["docname"]] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "project_card", counting)
    return counts


def tldrs(outdir: Path, page: str) -> list[str]:
    html = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return [p.get_text(" ", strip=True) for p in html.select(".pf-card .pf-tldr")]


def test_each_card_is_rendered_once_per_depth(build, srcdir, rendered):
    build(srcdir)
    # Engine is shown on the home page (depth 0), on projects/index and on two keyword pages
    # (all at depth 1); loom on projects/index and one keyword page.
    assert rendered == {"projects/engine": 2, "projects/loom": 1}


def test_cards_are_rendered_again_only_when_their_project_changes(build, edit, srcdir, rendered):
    build(srcdir)
    rendered.clear()
    loom = srcdir / "projects/loom.md"
    edit(loom, "The body of the loom page.", "A new body.")
    app = build(srcdir)  # rewrites projects/index, Sphinx's toctree parent of loom
    assert rendered == {}
    out = Path(app.outdir)
    assert tldrs(out, "projects/index.html")[1] == "TL;DR Punched cards weave patterns."

    edit(loom, "tldr: Punched cards weave patterns.", "tldr: Cards weave silk.")
    build(srcdir)
    assert rendered == {"projects/loom": 1}
    assert tldrs(out, "projects/index.html")[1] == "TL;DR Cards weave silk."
    assert tldrs(out, "keywords/computing.html")[1] == "TL;DR Cards weave silk."


def test_a_new_owner_renders_every_card_again(build, srcdir, rendered):
    build(srcdir)
    rendered.clear()
    app = build(srcdir, confoverrides={"portfolio_owner": "Charles Babbage"})
    assert rendered == {"projects/engine": 2, "projects/loom": 1}
    html = (Path(app.outdir) / "projects/index.html").read_text(encoding="utf-8")
    owners = BeautifulSoup(html, "html.parser").select(".pf-card .pf-owner")
    assert [o.get_text() for o in owners] == ["Charles Babbage"]


def mtimes(outdir: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (outdir / "keywords").glob("*.html")}


def test_keyword_pages_are_written_again_only_when_they_change(build, edit, srcdir):
    out = Path(build(srcdir).outdir)
    first = mtimes(out)
    assert set(first) == {"computing.html", "mathematics.html", "index.html"}
    build(srcdir)
    assert mtimes(out) == first

    edit(srcdir / "projects/loom.md", "tldr: Punched cards weave patterns.", "tldr: Silk.")
    build(srcdir)
    changed = {name for name, mtime in mtimes(out).items() if mtime != first[name]}
    assert changed == {"computing.html"}  # mathematics shows only engine; the counts stay

    (out / "keywords/mathematics.html").unlink()
    build(srcdir)
    assert (out / "keywords/mathematics.html").is_file()
