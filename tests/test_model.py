"""The pure rules of the model and the views, without a build: slugs, keyword identity,
facets, relatedness inputs and what a view shows."""

from __future__ import annotations

import pytest

from portfolio.model import relations, schema
from portfolio.model.schema import Author, ProjectMeta, Venue
from portfolio.publish import seo
from portfolio.render.filters import facets
from portfolio.render.view import project_view


def meta(title: str, year: int = 2024, **fields) -> ProjectMeta:
    fields.setdefault("authors", (Author("Ada Lovelace"),))
    return ProjectMeta(title=title, year=year, tldr="A project.", **fields)


@pytest.mark.parametrize(
    ("docname", "slug"),
    [("projects/mean-flows", "mean-flows"), ("mean-flows", "mean-flows"), ("a/b/c", "c")],
)
def test_slug(docname: str, slug: str) -> None:
    assert schema.slug(docname) == slug


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("GANs", "gans", True),
        ("Caf\u00e9", "Cafe\u0301", True),  # NFC and NFD
        ("Stra\u00dfe", "STRASSE", True),  # case folding, not lower()
        ("C", "C++", False),  # different keywords, one page: reported elsewhere
        ("\uff27\uff21\uff2e", "GAN", True),  # full-width letters (NFKC)
    ],
)
def test_keyword_identity(a: str, b: str, same: bool) -> None:
    assert (schema.keyword_identity(a) == schema.keyword_identity(b)) is same
    if same:
        assert schema.keyword_page(a) == schema.keyword_page(b)


def test_keyword_pages_names() -> None:
    assert schema.keyword_page("Fixed Points") == "keywords/fixed-points"
    assert schema.keyword_page("!!!") == "keywords/keyword"
    assert schema.KEYWORD_INDEX == "keywords/index"


def test_facets_use_first_spelling_and_sort() -> None:
    projects = {
        "p/a": meta("A", 2023, keywords=("Zeta", "alpha"), venue=Venue("ICML")),
        "p/b": meta("B", 2025, keywords=("Alpha",), venue=Venue("NeurIPS")),
    }
    assert facets(projects) == {
        "keywords": [("alpha", "alpha", 2), ("zeta", "Zeta", 1)],
        "years": [(2025, 1), (2023, 1)],
        "venues": [("icml", "ICML", 1), ("neurips", "NeurIPS", 1)],
    }


def test_keywords_group_spellings_of_one_keyword() -> None:
    projects = {"p/a": meta("A", 2023, keywords=("Café",)), "p/b": meta("B", keywords=("CAFÉ",))}
    assert relations.keywords(projects) == {"CAFÉ": ["p/b", "p/a"]}  # newest spelling first


def test_view_shows_what_templates_and_nodes_need() -> None:
    project = meta(
        "Mean Flows",
        2025,
        authors=(Author("Zhengyang Geng", equal=True), Author("Kaiming He"), Author("et al.")),
        venue=Venue("NeurIPS", "Neural Information Processing Systems"),
        keywords=("Fixed Points",),
        links=(("Paper", "https://arxiv.org/abs/2505.13447"),),
        award="Oral",
    )
    view = project_view(project, "projects/mean-flows", "mean-flows.html", "Zhengyang Geng", str)
    assert [(p.name, p.owner, p.equal) for p in view.authors] == [
        ("Zhengyang Geng", True, True),
        ("Kaiming He", False, False),
        ("et al.", False, False),
    ]
    assert view.equal_note
    assert (view.venue, view.venue_full, view.facts) == (
        "NeurIPS",
        "Neural Information Processing Systems",
        "NeurIPS 2025",
    )
    assert view.where == "Neural Information Processing Systems (NeurIPS) 2025"
    assert [(k.name, k.uri) for k in view.keywords] == [("Fixed Points", "Fixed Points")]
    assert view.classes == ("pf-kw-fixed-points", "pf-year-2025", "pf-venue-neurips")
    assert view.id == "card-projects-mean-flows"


def test_view_without_venue() -> None:
    view = project_view(meta("Alone", 2020), "projects/alone", "", "", lambda keyword: "")
    assert (view.venue, view.venue_full, view.facts, view.where) == ("", "", "2020", "2020")


def test_newest_first_within_a_year_by_date() -> None:
    projects = {
        "p/easy": meta("Consistency Models Made Easy", 2025, date="2025-04"),
        "p/mean": meta("Mean Flows", 2025, date="2025-12"),
        "p/undated": meta("Another", 2025),
        "p/day": meta("A Day", 2025, date="2025-12-02"),
        "p/old": meta("Old", 2024, date="2024-07"),
    }
    order = relations.newest_first(projects)
    assert order == ["p/day", "p/mean", "p/easy", "p/undated", "p/old"]


def test_pinned_selected_projects_come_first_in_their_order() -> None:
    projects = {
        "p/a": meta("A", 2020, selected=True),
        "p/b": meta("B", 2025, selected=True),
        "p/c": meta("C", 2023, selected=True),
        "p/d": meta("D", 2024),
    }
    assert relations.newest_first(projects, selected=True, pinned=["p/a"]) == ["p/a", "p/b", "p/c"]
    assert schema.selected_order_problems(["a", "x", "a", "d"], ["a", "b", "c"]) == [
        "'x' is not the slug of a selected project",
        "'a' is listed twice; keep one",
        "'d' is not the slug of a selected project",
    ]


@pytest.mark.parametrize(
    ("date", "iso", "timestamp"),
    [
        ("", "2025", "2025-01-01T00:00:00Z"),
        ("2025-12", "2025-12", "2025-12-01T00:00:00Z"),
        ("2025-12-02", "2025-12-02", "2025-12-02T00:00:00Z"),
    ],
)
def test_dates_as_published(date: str, iso: str, timestamp: str) -> None:
    """The most precise date known, for JSON-LD and Scholar, and the feed's time."""
    project = meta("Dated", 2025, date=date)
    assert (project.iso_date, project.timestamp) == (iso, timestamp)
    tags = dict(seo.highwire_tags(project, ""))
    assert tags["citation_publication_date"] == iso.replace("-", "/")
    assert seo.project_jsonld(project, "", "", "", None)["datePublished"] == iso
