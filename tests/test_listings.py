"""Keyword pages, related projects, publications, people and the grid filter markup."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup


def soup(outdir: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


def test_keyword_pages_and_index(build, srcdir):
    out = Path(build(srcdir).outdir)
    computing = soup(out, "keywords/computing.html")
    assert computing.find("h1").get_text() == "Projects on Computing"
    cards = [(a.get_text(), a["href"]) for a in computing.select(".pf-card-title a")]
    assert cards == [
        ("The Analytical Engine", "../projects/engine.html"),
        ("Loom Patterns", "../projects/loom.html"),
    ]
    index = soup(out, "keywords/index.html")
    chips = index.select(".pf-keyword-cloud a")  # the most used first
    assert [a.get_text(" ", strip=True) for a in chips] == ["Computing 2", "Mathematics 1"]
    assert [a.select_one(".pf-count")["aria-label"] for a in chips] == ["2 projects", "1 project"]
    assert [a["href"] for a in chips] == [
        "computing.html",
        "mathematics.html",
    ]
    assert not (srcdir / "keywords").exists()  # generated, never written into the sources


def test_keyword_badges_link_to_keyword_pages(build, srcdir):
    out = Path(build(srcdir).outdir)
    header = soup(out, "projects/engine.html").select_one(".pf-header")
    links = [(a.get_text(), a["href"]) for a in header.select(".pf-keywords a")]
    assert links == [
        ("Computing", "../keywords/computing.html"),
        ("Mathematics", "../keywords/mathematics.html"),
    ]
    grid = soup(out, "projects/index.html")
    card = grid.select_one("#card-projects-engine")
    assert {"pf-kw-computing", "pf-kw-mathematics", "pf-year-2020", "pf-venue-smj"} <= set(
        card["class"]
    )
    assert grid.select_one(".pf-filterable")
    assert grid.select_one('script[src*="portfolio-filter.js"]')
    assert not soup(out, "index.html").select_one('script[src*="portfolio-filter.js"]')


def test_roles_for_generated_pages(build, srcdir):
    out = Path(build(srcdir).outdir)
    page = soup(out, "publications.html")
    hrefs = {a.get_text(): a["href"] for a in page.select("a.reference.internal")}
    assert hrefs["publications.bib"] == "publications.bib"
    assert hrefs["keyword"] == "keywords/index.html"
    assert hrefs["Computing"] == "keywords/computing.html"


def test_unknown_keyword_role_warns(make_app, srcdir):
    (srcdir / "people.md").write_text("# People\n\n{portfolio:keyword}`Cooking`\n", "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "people.md:3: WARNING: keyword 'Cooking': no project has this keyword" in (
        app.warning.getvalue()
    )


def test_publications_grouped_by_year(build, srcdir):
    out = Path(build(srcdir).outdir)
    page = soup(out, "publications.html")
    years = [h.contents[0].strip() for h in page.select("section section > h2")]
    assert years == ["2020", "2019"]
    first = page.select_one(".pf-publication")
    assert first.get_text().startswith(
        "Charles Babbage*, Ada Lovelace*, Luigi Menabrea. The Analytical Engine. Scientific"
    )
    assert first.select_one("strong.pf-owner").get_text() == "Ada Lovelace"
    assert first.select_one("em").get_text() == "Scientific Memoirs (SMJ) 2020"
    assert first.select_one(".pf-award").get_text() == "Best Note"
    assert [a["href"] for a in first.select("a.pf-publication-link")] == [
        "https://example.org/notes.pdf",
        "https://example.org/code",
    ]


def test_people_lists_coauthors_with_shared_projects(build, srcdir):
    out = Path(build(srcdir).outdir)
    people = soup(out, "people.html").select(".pf-people dt")
    assert [dt.get_text(" ", strip=True) for dt in people] == [
        "Charles Babbage (1 project)",
        "Luigi Menabrea (1 project)",
    ]
    assert "Ada Lovelace" not in soup(out, "people.html").select_one(".pf-people").get_text()
    assert [a["href"] for a in people[0].find_next("dd").select("a")] == ["projects/engine.html"]


def test_collaborators_names_are_searchable_their_lists_are_not(build, srcdir, search_index):
    index = search_index(Path(build(srcdir).outdir))
    people, publications = (
        index["docnames"].index("people"),
        index["docnames"].index("publications"),
    )
    pages = {word: index["terms"].get(word, []) for word in ("menabrea", "babbag", "analyt")}
    pages = {word: [p] if isinstance(p, int) else p for word, p in pages.items()}
    assert people in pages["menabrea"] and people in pages["babbag"]
    assert people not in pages["analyt"]  # a shared project's title: its own page has it
    assert publications not in pages["menabrea"] + pages["analyt"]


def test_related_projects_ranked_and_updated(build, edit, srcdir):
    (srcdir / "projects/mill.md").write_text(
        "---\ntitle: The Mill\nauthors: [Ada Lovelace, Charles Babbage]\nyear: 2018\n"
        "tldr: Arithmetic.\nkeywords: [Computing, Mathematics]\n---\n\nBody.\n",
        encoding="utf-8",
    )
    out = Path(build(srcdir).outdir)
    related = soup(out, "projects/engine.html").select(".pf-project-list > li > p:first-child > a")
    # The Mill shares two keywords and a co-author; Loom shares one keyword.
    assert [a.get_text() for a in related] == ["The Mill", "Loom Patterns"]

    edit(srcdir / "projects/loom.md", "[Computing]", "[Weaving]")
    build(srcdir)
    related = soup(out, "projects/engine.html").select(".pf-project-list > li > p:first-child > a")
    assert [a.get_text() for a in related] == ["The Mill"]
    assert [
        a.get_text() for a in soup(out, "keywords/weaving.html").select(".pf-card-title a")
    ] == ["Loom Patterns"]
    chips = soup(out, "keywords/index.html").select(".pf-keyword-cloud a")
    assert [a.find(string=True).strip() for a in chips] == ["Computing", "Mathematics", "Weaving"]
    computing = soup(out, "keywords/computing.html").select(".pf-card-title a")
    assert [a.get_text() for a in computing] == ["The Analytical Engine", "The Mill"]


def test_filter_form_is_written_with_the_grid(build, srcdir):
    out = Path(build(srcdir).outdir)
    form = soup(out, "projects/index.html").select_one(".pf-filterable > form.pf-filter")
    assert "pst-js-only" in form["class"]  # hidden without JavaScript

    def chips(name: str) -> list[tuple[str, str]]:
        return [
            (i["value"], i.parent.get_text(" ", strip=True)) for i in form.select(f"[name={name}]")
        ]

    assert chips("kw") == [("computing", "Computing 2"), ("mathematics", "Mathematics 1")]
    assert chips("year") == [("", "All"), ("2020", "2020 1"), ("2019", "2019 1")]
    assert chips("venue") == [("", "All"), ("smj", "SMJ 1")]
    assert [i["value"] for i in form.select("input[checked]")] == ["", ""]  # All, All
    assert form.select_one("[role=status]").get_text() == "2 projects"
