"""Every page type, at 1440x900 and 320x568, light and dark: loads cleanly and reflows."""

from __future__ import annotations

import itertools

import pytest

from .helpers import PAGE_TYPES, SCHEMES, VIEWPORTS, PageType, require_page

MATRIX = [
    pytest.param(page, viewport, scheme, id=f"{page.name}-{viewport}-{scheme}")
    for page in PAGE_TYPES
    for viewport in VIEWPORTS
    for scheme in SCHEMES
]
PAGES = [pytest.param(page, id=page.name) for page in PAGE_TYPES]


@pytest.mark.parametrize(("page", "viewport", "scheme"), MATRIX)
def test_page_loads_cleanly(open_page, site_dir, page: PageType, viewport: str, scheme: str):
    """No console error, no failed request, nothing from another host, no sideways scroll."""
    require_page(site_dir, page)
    visit = open_page(page.path, viewport, scheme, wait_until="networkidle")

    assert visit.console_errors == []
    assert visit.failed_requests == []
    assert visit.foreign_requests == []
    # The system colour scheme is followed on a first visit ("auto" mode).
    assert visit.page.evaluate("document.documentElement.dataset.theme") == scheme
    overflow = visit.page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll("body *")].filter((el) => {
                const box = el.getBoundingClientRect();
                return box.width > 0 && box.right > width + 1 && el.checkVisibility();
            }).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join("."));
            return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
        }"""
    )
    assert overflow["scroll"] <= overflow["width"], f"scrolls sideways: {overflow}"


IMAGES = """() => [...document.images].map((img) => ({
    src: img.getAttribute("src"),
    alt: img.getAttribute("alt"),
    sized: Boolean((img.getAttribute("width") && img.getAttribute("height"))
        || (img.style.width && img.style.height)),
    lazy: img.loading === "lazy",
    top: img.getBoundingClientRect().top + window.scrollY,
    shown: img.checkVisibility(),
    thumbnail: img.classList.contains("pf-card-image"),
}))"""


def image_problems(visit, path: str, viewport: str) -> list[str]:
    """What is wrong with the images of a page: alt text, size, lazy loading against the fold.

    Above the fold an image must load at once (it may be the largest paint). Below the fold of the
    desktop viewport it must be lazy; on a phone's shorter screen an image can fall below the fold
    and still load at once, as one attribute serves both. A card's logo is a thumbnail (3.5 rem),
    never the largest paint, and lazy wherever its card is: it must be lazy.
    """
    fold = VIEWPORTS[viewport][1]
    visit.goto(path)
    problems = []
    for image in visit.page.evaluate(IMAGES):
        where = f"{path}: {image['src']}"
        if not image["alt"]:
            problems.append(f"{where}: no alt text")
        if not image["sized"]:
            problems.append(f"{where}: no width and height")
        if image["thumbnail"]:
            if not image["lazy"]:
                problems.append(f"{where}: a card's thumbnail, yet loaded at once")
            continue
        if image["shown"] and image["top"] < fold and image["lazy"]:
            problems.append(f"{where}: above the fold, yet lazy")
        below = image["shown"] and image["top"] >= fold
        if below and viewport == "desktop" and not image["lazy"]:
            problems.append(f"{where}: below the fold, yet loaded at once")
    return problems


@pytest.mark.parametrize("viewport", [pytest.param(v, id=v) for v in VIEWPORTS])
def test_every_image_has_alt_size_and_loading(open_page, site_dir, viewport: str):
    """Every image of every page: alt text, width and height set, lazy only below the fold."""
    pages = sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*.html")
        if "<img" in path.read_text(encoding="utf-8")
    )
    assert "index.html" in pages, "the home page shows no photo"
    visit = open_page(None, viewport)
    problems = [p for path in pages for p in image_problems(visit, path, viewport)]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("page", PAGES)
def test_headings_in_order(open_page, site_dir, page: PageType):
    """One h1, first; no level skipped on the way down (the theme's own chrome included)."""
    require_page(site_dir, page)
    visit = open_page(page.path)
    levels = visit.page.evaluate(
        """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
            .filter((h) => h.checkVisibility())
            .map((h) => [Number(h.tagName[1]), h.textContent.trim()])"""
    )
    assert levels, "no visible heading"
    assert [level for level, _ in levels].count(1) == 1, levels
    assert levels[0][0] == 1, levels
    for (before, _), (level, text) in itertools.pairwise(levels):
        assert level <= before + 1, f"h{before} then h{level} ({text!r})"


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_the_photo_stays_round_and_undimmed_in_dark_mode(open_page, viewport: str):
    """The theme's dark-mode rule for images would dim it and square it on white."""
    styles = {}
    for scheme in ("light", "dark"):
        page = open_page("index.html", viewport, scheme).page
        styles[scheme] = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('img.pf-avatar'));"
            " return [s.filter, s.borderRadius, s.backgroundColor]; }"
        )
    assert styles["dark"] == styles["light"] == ["none", "50%", "rgba(0, 0, 0, 0)"]
