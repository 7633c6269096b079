"""The real site's details a visitor notices: breadcrumbs, buttons, notes, footer, 404."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

DOCS = Path(__file__).parent.parent / "docs"


def page(site_dir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / name).read_text(encoding="utf-8"), "html.parser")


def test_a_keyword_page_sits_under_keywords_and_marks_its_keyword(site_dir):
    kw = page(site_dir, "keywords/fixed-points.html")
    crumbs = [li.get_text(strip=True) for li in kw.select(".bd-breadcrumbs li")]
    assert crumbs[1:] == ["Keywords", "Projects on Fixed Points"]
    assert kw.select(".bd-breadcrumbs li")[1].a["href"] == "index.html"
    cards = kw.select(".pf-card")
    assert cards
    for card in cards:
        current = card.select('.pf-keyword[aria-current="page"]')
        assert [c.get_text() for c in current] == ["Fixed Points"]
    assert not page(site_dir, "projects/index.html").select(".pf-keyword-current")


def test_the_cite_button_looks_like_the_other_buttons(site_dir):
    header = page(site_dir, "projects/mean-flows.html").select_one(".pf-header")
    classes = {
        " ".join(c for c in a["class"] if c.startswith("sd-btn")) for a in header.select(".pf-link")
    }
    assert classes == {"sd-btn sd-btn-outline-primary"}


def test_the_equal_contribution_mark_is_explained(site_dir):
    for name in ("index.html", "projects/index.html", "publications.html"):
        soup = page(site_dir, name)
        marks = soup.select("sup.pf-equal")
        assert marks, name
        assert all(m["title"] == "Equal contribution" for m in marks)
        assert soup.select_one(".pf-equal-note").get_text(strip=True) == "* Equal contribution"
    # a keyword page whose projects have no equal contributors has no note
    soup = page(site_dir, "keywords/pytorch.html")
    assert not soup.select("sup.pf-equal") and not soup.select(".pf-equal-note")


def test_the_footer_names_the_owner_and_years(site_dir):
    footer = page(site_dir, "index.html").select_one(".bd-footer").get_text(" ", strip=True)
    assert footer.startswith("© 2021") and footer.endswith("Zhengyang Geng")
    assert "Copyright" not in footer


def test_the_404_page_links_to_search(site_dir):
    links = {
        a.get_text(strip=True): a["href"] for a in page(site_dir, "404.html").select("article a")
    }
    assert links["search the site"].endswith("search.html")


def test_project_bodies_do_not_restate_the_header():
    for path in sorted((DOCS / "projects").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        for phrase in ("In one line", "The BibTeX entry on this page", "In short:"):
            assert phrase not in body, (path.name, phrase)


def test_collaborators_most_frequent_first_linked_as_on_the_home_page(site_dir):
    people = page(site_dir, "people.html").select(".pf-people .pf-person-card")
    counts = [len(card.select("dd li")) for card in people]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    linked = {a.get_text(): a["href"] for a in page(site_dir, "people.html").select("a.pf-person")}
    about = page(site_dir, "index.html").select_one("#about-me")
    for a in about.select("p")[0].select("a.reference.external"):  # the people named first
        name = a.get_text()
        match = [n for n in linked if n.endswith(name.split()[-1]) and name.split()[0] in n]
        assert match and linked[match[0]] == a["href"], name
