"""Cards (from a template) and the keyword pages that show them, across builds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.parallel import parallel_available

from portfolio.render.card_store import CardStore
from portfolio.render.templates import renderer
from portfolio.sphinx import nodes


def tldrs(outdir: Path, page: str) -> list[str]:
    html = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return [p.get_text(" ", strip=True) for p in html.select(".pf-card .pf-tldr")]


def test_cards_follow_edits_on_every_page(build, edit, srcdir):
    out = Path(build(srcdir).outdir)
    edit(srcdir / "projects/loom.md", "tldr: Punched cards weave patterns.", "tldr: Silk.")
    build(srcdir)
    assert tldrs(out, "projects/index.html")[1] == "TL;DR Silk."
    assert tldrs(out, "keywords/computing.html")[1] == "TL;DR Silk."


def build_with_own_template(build, srcdir: Path, name: str, text: str) -> Path:
    """Build with ``text`` as the owner's ``_templates/portfolio/<name>``; the output folder."""
    templates = srcdir / "_templates" / "portfolio"
    templates.mkdir(parents=True)
    (templates / name).write_text(text, encoding="utf-8")
    return Path(build(srcdir, confoverrides={"templates_path": ["_templates"]}).outdir)


def test_an_owner_can_override_the_card_template(build, srcdir):
    card = '<div class="pf-card-col my-card">{{ card.title|e }} ({{ card.year }})</div>\n'
    out = build_with_own_template(build, srcdir, "card.html", card)
    for page in ("projects/index.html", "keywords/computing.html"):
        html = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
        cards = [c.get_text() for c in html.select(".my-card")]
        assert cards == ["The Analytical Engine (2020)", "Loom Patterns (2019)"], page


def test_cards_follow_an_edit_of_the_owners_card_template(build, edit, srcdir):
    # Pages keep their cards between builds: a template edit must still reach every card.
    card = '<div class="pf-card-col my-card">{{ card.title|e }}</div>\n'
    out = build_with_own_template(build, srcdir, "card.html", card)
    edit(srcdir / "_templates/portfolio/card.html", "{{ card.title|e }}", "{{ card.year }}")
    build(srcdir, confoverrides={"templates_path": ["_templates"]})
    for page in ("projects/index.html", "keywords/computing.html"):
        html = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
        assert [c.get_text() for c in html.select(".my-card")] == ["2020", "2019"], page


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


def test_the_header_is_searchable_by_its_words_only(build, edit, srcdir, search_index):
    """The header is written from a template; its words, not its markup, are indexed."""
    edit(
        srcdir / "projects/engine.md",
        "tldr: A general-purpose machine",
        'tldr: Babbage\'s "noted" <general> & purposeful machine',
    )
    terms = search_index(Path(build(srcdir).outdir))["terms"]
    for word in ("menabrea", "babbag", "purpos", "smj", "best", "mathemat", "bernoulli"):
        assert word in terms, word
    for markup in ("39", "34", "amp", "lt", "gt", "quot", "pf", "href", "noopen"):
        assert markup not in terms, markup


def test_an_owner_can_override_the_header_template(build, srcdir):
    header = '<p class="my-header">{{ project.title|e }}: {{ project.venue_full|e }}</p>\n'
    out = build_with_own_template(build, srcdir, "header.html", header)
    html = BeautifulSoup((out / "projects/engine.html").read_text(encoding="utf-8"), "html.parser")
    assert html.select_one(".pf-header .my-header").get_text() == (
        "The Analytical Engine: Scientific Memoirs"
    )


def test_card_images_follow_the_projects_image(build, tmp_path):
    """A project's image reaches its cards' copy; a rebuild leaves an unchanged copy alone."""
    src = tmp_path / "seo"
    shutil.copytree(Path(__file__).parent / "roots" / "test-seo", src)
    out = Path(build(src).outdir)
    home = BeautifulSoup((out / "projects/index.html").read_text("utf-8"), "html.parser")
    (img,) = home.select("img.pf-card-image")
    copy = out / "projects" / img["src"]
    logo = src / "projects/img/logo.png"
    assert copy.read_bytes() == logo.read_bytes()
    before = copy.stat().st_mtime_ns
    build(src)
    assert copy.stat().st_mtime_ns == before
    logo.write_bytes(logo.read_bytes() + b"\0")  # the same picture, other bytes
    build(src)
    assert copy.read_bytes() == logo.read_bytes()


@pytest.mark.skipif(not parallel_available, reason="parallel builds need os.fork")
def test_under_j2_keyword_cards_are_rendered_while_the_documents_are_written(
    build, srcdir, tmp_path, monkeypatch
):
    """The main process finds every keyword page's cards ready (a background process made
    them as writing began) and renders none after the documents; a serial build renders
    them itself."""
    log = tmp_path / "renders.log"
    store_render = CardStore.render

    def render(self: CardStore, docnames: list[str], make) -> list[str]:
        def logged(index: int) -> str:
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{os.getpid()} {self.identity[1]}\n")
            return make(index)

        return store_render(self, docnames, logged)

    monkeypatch.setattr(CardStore, "render", render)
    serial = tmp_path / "serial"
    build(srcdir, builddir=serial)
    renders = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    keyword_cards = [pid for pid, page in renders if page.startswith("keywords/")]
    assert keyword_cards and set(keyword_cards) == {str(os.getpid())}

    log.unlink()
    parallel = tmp_path / "parallel"
    build(srcdir, builddir=parallel, parallel=2)
    renders = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    keyword_cards = [pid for pid, page in renders if page.startswith("keywords/")]
    assert keyword_cards and str(os.getpid()) not in keyword_cards
    for page in ("keywords/computing.html", "keywords/index.html"):
        assert (parallel / "html" / page).read_bytes() == (serial / "html" / page).read_bytes()


@pytest.mark.skipif(not parallel_available, reason="parallel builds need os.fork")
@pytest.mark.parametrize(("jobs", "in_main"), [(2, True), (4, False)])
def test_which_process_renders_the_components(build, srcdir, tmp_path, monkeypatch, jobs, in_main):
    """With one or two writing workers the main process, which waits for them, renders the
    pages' components; with more, the workers do, as they write the pages."""
    log = tmp_path / "renders.log"

    def logging_renderer(builder):
        render = renderer(builder)

        def logged(template: str, context: dict) -> str:
            with log.open("a", encoding="utf-8") as out:
                out.write(f"{os.getpid()} {template}\n")
            return render(template, context)

        return logged

    monkeypatch.setattr(nodes, "renderer", logging_renderer)
    build(srcdir, parallel=jobs)
    headers = [
        line.split()[0]
        for line in log.read_text(encoding="utf-8").splitlines()
        if line.endswith(" portfolio/header.html")
    ]
    assert len(headers) == 2  # the two project pages
    assert (set(headers) == {str(os.getpid())}) is in_main
