"""One steady layout: the text column, the header, titles and cards, measured in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import DOCS, PAGE_TYPES

ARTICLE_X = "() => Math.round(document.querySelector('.bd-main h1').getBoundingClientRect().x)"
HEADER_HEIGHT = (
    "() => Math.round(document.querySelector('header.bd-header').getBoundingClientRect().height)"
)


def test_the_text_column_starts_at_one_x_on_every_page_type(open_page):
    """At 1440 px, whether or not a page has "On this page" beside it."""
    xs = {page.name: open_page(page.path).page.evaluate(ARTICLE_X) for page in PAGE_TYPES}
    assert len(set(xs.values())) == 1, xs


def test_contents_only_where_a_page_needs_them(open_page):
    """ "On this page" (and its toggle on phones) where the source has four `##` sections."""
    for page in PAGE_TYPES:
        source = DOCS / Path(page.file).with_suffix(".md")
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        sections = sum(line.startswith("## ") for line in text.splitlines())
        visit = open_page(page.path, "mobile")
        has_contents = visit.page.evaluate(
            "() => !!document.querySelector('#pst-secondary-sidebar')"
        )
        has_toggle = visit.page.evaluate("() => !!document.querySelector('.secondary-toggle')")
        assert has_contents == has_toggle == (sections >= 4), (page.name, sections)


@pytest.mark.parametrize("width", [768, 900, 960, 992, 1024, 1050, 1100, 1200, 1280, 1366, 1440])
def test_the_header_is_one_row(open_page, width: int):
    visit = open_page("projects/index.html")
    visit.page.set_viewport_size({"width": width, "height": 900})
    assert visit.page.evaluate(HEADER_HEIGHT) <= 80
    middles = visit.page.evaluate(
        """() => [...document.querySelectorAll('.bd-header .navbar-item, .bd-header .navbar-brand')]
            .filter((e) => e.checkVisibility())
            .map((e) => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2; })"""
    )
    assert max(middles) - min(middles) <= 8, middles


def test_project_titles_take_at_most_three_lines_on_a_phone(open_page, site_dir: Path):
    for path in sorted((site_dir / "projects").glob("*.html")):
        visit = open_page(f"projects/{path.name}")
        visit.page.set_viewport_size({"width": 390, "height": 844})
        lines = visit.page.evaluate(
            "() => { const h = document.querySelector('article h1');"
            " const line = parseFloat(getComputedStyle(h).lineHeight);"
            " return h.getBoundingClientRect().height / line; }"
        )
        assert round(lines) <= 3, (path.name, lines)
        crumbs = visit.page.evaluate(
            "() => [...document.querySelectorAll('.bd-breadcrumbs li')]"
            ".map((li) => Math.round(li.getBoundingClientRect().top))"
        )
        assert len(set(crumbs)) <= 1, (path.name, crumbs)


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_cards_line_up_with_the_text(open_page, viewport: str):
    for path in ("index.html", "projects/index.html"):
        page = open_page(path, viewport).page
        text, card = page.evaluate(
            """() => ['article.bd-article p', '.pf-card']
                .map((s) => Math.round(document.querySelector(s).getBoundingClientRect().x))"""
        )
        assert abs(card - text) <= 1, (path, text, card)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_logos_show_on_cards(open_page, scheme: str):
    """The projects with a logo show it on their cards, sized, lazy, loaded, undimmed."""
    page = open_page("projects/index.html", "desktop", scheme).page
    images = page.evaluate(
        """async () => Promise.all([...document.querySelectorAll('.pf-card img.pf-card-image')]
            .map(async (img) => { img.loading = 'eager'; await img.decode();
              const s = getComputedStyle(img);
              return [img.closest('.pf-card-col').id, img.getAttribute('width') !== null,
                      img.getAttribute('height') !== null, img.naturalWidth > 0, s.filter]; }))"""
    )
    assert sorted(images) == [
        ["card-projects-medusa", True, True, True, "none"],
        ["card-projects-torchdeq", True, True, True, "none"],
    ]
