"""The pure rules of the model and the views, without a build: slugs, keyword identity,
facets, relatedness inputs and what a view shows."""

from __future__ import annotations

import pytest

from portfolio.model import relations, schema
from portfolio.model.schema import Author, ProjectMeta, Venue
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
        "keywords": [("alpha", "alpha"), ("zeta", "Zeta")],
        "years": [2025, 2023],
        "venues": [("icml", "ICML"), ("neurips", "NeurIPS")],
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
