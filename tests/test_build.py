"""Build a small project with Sphinx and check what the extension put in the HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from portfolio.model import frontmatter, schema


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def built(make_app, app_params):
    args, kwargs = app_params
    app = make_app(*args, freshenv=True, **kwargs)
    app.build()
    assert app.warning.getvalue() == ""
    return app


@pytest.mark.sphinx("html", testroot="basic")
def test_project_header(built):
    page = soup(built, "projects/engine.html")
    assert page.find("h1").get_text(strip=True).startswith("The Analytical Engine")
    assert page.title.get_text().startswith("The Analytical Engine")
    description = page.find("meta", attrs={"name": "description"})
    assert description["content"] == "A general-purpose machine that computes Bernoulli numbers."

    header = page.select_one(".pf-header")
    authors = header.select_one(".pf-authors")
    assert authors.get_text() == "Charles Babbage*, Ada Lovelace*, Luigi Menabrea"
    assert [s.get_text() for s in authors.select("strong.pf-owner")] == ["Ada Lovelace"]
    assert header.select_one(".pf-equal-note").get_text() == "* Equal contribution"
    assert header.select_one(".pf-venue abbr")["title"] == "Scientific Memoirs"
    badges = [b.get_text() for b in header.select(".pf-facts .pf-badge")]
    assert badges == ["SMJ", "2020", "Best Note"]
    assert "Bernoulli numbers" in header.select_one(".pf-tldr").get_text()
    assert [k.get_text() for k in header.select(".pf-keyword")] == ["Computing", "Mathematics"]
    links = header.select(".pf-links a.external")
    assert [(a.get_text(), a["href"], a["rel"]) for a in links] == [
        ("Paper", "https://example.org/notes.pdf", ["noopener"]),
        ("Code", "https://example.org/code", ["noopener"]),
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_cite_section_holds_the_bibtex(built, search_index):
    page = soup(built, "projects/engine.html")
    button = page.select(".pf-links a")[-1]
    assert (button.get_text(), button["href"]) == ("Cite", "#cite")
    section = page.find(id="cite")
    assert section.find("h2").get_text(strip=True).startswith("Cite")
    entry = parse_string(section.select_one("pre").get_text(), "bibtex").entries["engine"]
    assert entry.fields["title"] == "The Analytical Engine"
    assert [str(p) for p in entry.persons["author"]][1] == "Lovelace, Ada"
    # Not in the page's table of contents, and left out of the search index.
    assert "cite" not in [a["href"].lstrip("#") for a in page.select(".bd-toc a")]
    index = search_index(Path(built.outdir))
    engine = index["docnames"].index("projects/engine")
    assert "booktitle" in section.get_text()
    pages = index["terms"].get("booktitl", [])  # a word of the entry alone
    assert engine not in ([pages] if isinstance(pages, int) else pages)


@pytest.mark.sphinx("html", testroot="basic")
def test_grid_newest_first_grouped_by_year(built):
    page = soup(built, "projects/index.html")
    years = [h.contents[0].strip() for h in page.select("section section > h2")]
    assert years == ["2020", "2019"]
    titles = [a.get_text() for a in page.select(".pf-card-title a")]
    assert titles == ["The Analytical Engine", "Loom Patterns"]
    assert page.select_one(".pf-card-title a")["href"] == "engine.html"


@pytest.mark.sphinx("html", testroot="basic")
def test_selected_cards_on_home(built):
    page = soup(built, "index.html")
    assert [a.get_text() for a in page.select(".pf-card-title a")] == ["The Analytical Engine"]
    assert page.select_one(".pf-card-title a")["href"] == "projects/engine.html"


@pytest.mark.sphinx("html", testroot="basic")
def test_references_and_backlinks(built):
    notes = soup(built, "notes.html")
    refs = [(a.get_text(), a["href"]) for a in notes.select("a.reference.internal")]
    assert ("The Analytical Engine", "projects/engine.html") in refs
    assert ("Loom patterns", "projects/loom.html") in refs
    backlinks = soup(built, "projects/engine.html").select_one(".pf-backlinks")
    assert [(a.get_text(), a["href"]) for a in backlinks.select("a")] == [
        ("Notes", "../notes.html")
    ]


def test_project_without_backlinks_has_none(make_app, srcdir):
    (srcdir / "notes.md").write_text("# Notes\n\nNothing cited.\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert soup(app, "projects/engine.html").select_one(".pf-backlinks") is None


def test_unknown_project_reference_warns_with_suggestion(make_app, srcdir):
    """(A copy of the root: an edited shared root would change the tests run after it.)"""
    (srcdir / "notes.md").write_text("# Notes\n\nSee {project}`engin`.\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    assert (
        "notes.md:3: WARNING: project reference 'engin': no project page has this slug" in warnings
    )
    assert "did you mean 'engine'?" in warnings


@pytest.mark.sphinx("text", testroot="basic", freshenv=True)
def test_other_builders_get_the_header_and_plain_lists(app):
    app.build()
    assert app.warning.getvalue() == ""
    grid = (Path(app.outdir) / "projects/index.txt").read_text(encoding="utf-8")
    assert "* The Analytical Engine SMJ 2020" in grid
    assert "A general-purpose machine that computes Bernoulli numbers." in grid
    engine = (Path(app.outdir) / "projects/engine.txt").read_text(encoding="utf-8")
    assert "Charles Babbage^*, **Ada Lovelace**^*, Luigi Menabrea" in engine
    assert "@inproceedings{engine," in engine
    publications = (Path(app.outdir) / "publications.txt").read_text(encoding="utf-8")
    assert "* **Ada Lovelace**. **Loom Patterns**. *2019*." in publications
    people = (Path(app.outdir) / "people.txt").read_text(encoding="utf-8")
    assert "Luigi Menabrea (1 project)\n   * The Analytical Engine" in people


@pytest.mark.sphinx("singlehtml", testroot="basic", freshenv=True)
def test_singlehtml_holds_every_project_once(app):
    """One tree holds every page: each project gets its own header and Cite section."""
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "index.html")
    authors = [h.select_one(".pf-authors").get_text() for h in page.select(".pf-header")]
    assert authors == ["Charles Babbage*, Ada Lovelace*, Luigi Menabrea", "Ada Lovelace"]
    cites = [s["id"] for s in page.select("section.pf-cite")]
    assert cites == ["cite-projects-engine", "cite-projects-loom"]
    buttons = [a["href"] for a in page.select(".pf-header .pf-cite-link")]
    assert buttons == ["#cite-projects-engine", "#cite-projects-loom"]
    # No keyword pages are written beside a single page: nothing links to them.
    assert not [a for a in page.select("a[href]") if "keywords/" in a["href"]]


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_latex_gets_each_projects_header_and_bibtex(app):
    app.build()
    assert app.warning.getvalue() == ""
    (tex,) = Path(app.outdir).glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    # engine's header, and the publications list, which shows its mark
    assert text.count("Equal contribution") == 2
    assert "Bernoulli numbers" in text and "Punched cards weave patterns" in text
    # Each Cite button leads to its own project's Cite section, whose entry follows.
    for slug, entry_type in (("engine", "inproceedings"), ("loom", "misc")):
        label = f"\\detokenize{{projects/{slug}:cite-projects-{slug}}}"
        assert f"\\hyperref[{label}]" in text
        section = text[text.index(f"\\label{{{label}}}") :]
        assert section.index(f"@{entry_type}") < section.index(f"{{{slug}}}") < 300


@pytest.mark.parametrize("builder", ["text", "singlehtml", "latex"])
def test_other_builders_keep_every_projects_facts(make_app, tmp_path, builder):
    """The same view as the HTML templates, as ordinary nodes: nothing lost on the way."""
    srcdir = tmp_path / "src"
    shutil.copytree(Path(__file__).parent / "roots" / "test-basic", srcdir)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    outputs = [p for p in Path(app.outdir).rglob("*.*") if p.suffix in (".txt", ".html", ".tex")]
    text = "\n".join(p.read_text("utf-8") for p in outputs)
    text = " ".join(text.replace("\\sphinxhyphen{}", "-").split())
    for page in (srcdir / "projects").glob("[!i]*.md"):
        meta, problems = schema.validate(frontmatter.read(page))
        assert meta is not None and not problems
        facts = [meta.title, meta.tldr, *(a.name for a in meta.authors), *meta.keywords]
        facts += [url for _, url in meta.links]
        for fact in facts:
            assert fact in text, (builder, page.name, fact)


def test_only_project_pages_turn_their_title_into_a_heading(make_app, srcdir):
    """The extension asks MyST for `title_to_header` on project pages, not site-wide."""
    notes = srcdir / "notes.md"
    notes.write_text("---\ntitle: A Front-Matter Title\n---\n" + notes.read_text("utf-8"), "utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    assert [h.get_text() for h in soup(app, "notes.html").select("h1")] == ["Notes¶"]
    engine = soup(app, "projects/engine.html").select_one("h1").get_text()
    assert engine == "The Analytical Engine¶"
