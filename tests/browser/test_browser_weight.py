"""Page weight on a first visit, gzip as a static host serves it; icons without icon fonts."""

from __future__ import annotations

import re

import pytest

from .helpers import PAGE_TYPES, VIEWPORTS, WEIGHTS, PageType, require_page

KB = 1000
#: Budgets in bytes on the wire: the page, everything it loads, headers included.
PROJECT_BUDGET = 200 * KB
HOME_BUDGET = 250 * KB
JS_BUDGET = 100 * KB
PAGES = [pytest.param(page, id=page.name) for page in PAGE_TYPES]


def budget(page: PageType) -> int | None:
    """The whole-page budget of a page type, if it has one."""
    if page.name == "home":
        return HOME_BUDGET
    if page.name == "project":
        return PROJECT_BUDGET
    return None


def weigh(visit, path: str) -> tuple[int, int, list[tuple[str, str, int]]]:
    """Total and JavaScript bytes of a first visit, and the rows they come from."""
    visit.goto(path, wait_until="networkidle")
    rows = visit.transfers()
    total = sum(size for _, _, size in rows)
    scripts = sum(size for _, kind, size in rows if kind == "script")
    return total, scripts, rows


def breakdown(rows: list[tuple[str, str, int]], base_url: str) -> str:
    """The heaviest requests, for a failure message."""
    heavy = sorted(rows, key=lambda row: -row[2])[:8]
    lines = [f"{size / KB:7.1f} KB {kind:10} {url[len(base_url) :]}" for url, kind, size in heavy]
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", [pytest.param(v, id=v) for v in VIEWPORTS])
@pytest.mark.parametrize("page", PAGES)
def test_page_weight_within_budget(
    request, open_page, site_dir, base_url, page: PageType, viewport: str
):
    """A project page <= 200 KB, the home page <= 250 KB, JavaScript <= 100 KB on any page."""
    require_page(site_dir, page)
    visit = open_page(None, viewport)
    total, scripts, rows = weigh(visit, page.path)
    request.config.stash.setdefault(WEIGHTS, {})[(page.name, viewport)] = (total, scripts)
    assert not [url for url, _, _ in rows if "fontawesome" in url], "an icon font or script loads"
    assert scripts <= JS_BUDGET, f"JavaScript {scripts / KB:.1f} KB:\n{breakdown(rows, base_url)}"
    limit = budget(page)
    if limit is not None:
        assert total <= limit, f"{total / KB:.1f} KB:\n{breakdown(rows, base_url)}"


@pytest.mark.parametrize("viewport", [pytest.param(v, id=v) for v in VIEWPORTS])
def test_every_project_page_within_budget(open_page, site_dir, base_url, viewport: str):
    """Every project page, with its logo if it has one, stays within 200 KB."""
    projects = sorted(p for p in (site_dir / "projects").glob("*.html") if p.stem != "index")
    assert projects
    heavy = {}
    for path in projects:
        visit = open_page(None, viewport)
        total, _, rows = weigh(visit, f"projects/{path.name}")
        if total > PROJECT_BUDGET:
            heavy[path.name] = f"{total / KB:.1f} KB:\n{breakdown(rows, base_url)}"
    assert heavy == {}


def test_icons_are_inline_svg(open_page):
    """Every icon is drawn from the inline sprite; no FontAwesome markup is left."""
    page = open_page("projects/mean-flows.html").page
    icons = page.evaluate(
        """() => [...document.querySelectorAll("svg.pf-icon use")].map((use) => {
            const id = use.getAttribute("href").slice(1);
            const symbol = document.getElementById(id);
            return {id, drawn: Boolean(symbol?.querySelector("path[d]"))};
        })"""
    )
    assert icons, "no inline icon"
    assert [icon["id"] for icon in icons if not icon["drawn"]] == []
    assert page.locator("i[class*='fa-'], span[class*='fa-']").count() == 0
    links = page.locator(".navbar-icon-links a >> visible=true")
    assert links.count() == 3
    for link in links.all():
        box = link.locator("svg").bounding_box()
        assert box and box["width"] >= 12 and box["height"] >= 12, link.get_attribute("href")


def test_theme_css_icons_never_load_the_icon_font(open_page):
    """The theme's CSS icons (admonitions, GitHub links, downloads...) are masks, not glyphs."""
    visit = open_page("research.html")
    page = visit.page
    page.evaluate(
        """() => {
            const article = document.querySelector("article");
            article.insertAdjacentHTML("beforeend", `
                <div class="admonition note"><p class="admonition-title">Note</p></div>
                <div class="admonition warning"><p class="admonition-title">Warning</p></div>
                <p><a class="reference external github" href="#">owner/repo</a>
                <a class="reference download internal" href="#">slides.pdf</a>
                <span class="versionmodified added">Added</span></p>
                <div id="searchbox"><p class="highlight-link"><a href="#">Hide</a></p></div>`);
        }"""
    )
    masks = page.evaluate(
        """() => [
            [".admonition.note > .admonition-title", "::after"],
            [".admonition.warning > .admonition-title", "::after"],
            ["a.github", "::before"],
            ["a.reference.download", "::before"],
            ["span.versionmodified", "::before"],
            ["#searchbox p.highlight-link a", "::before"],
            ["ul.bd-breadcrumbs li.breadcrumb-item:not(.breadcrumb-home)", "::before"],
        ].map(([selector, pseudo]) => {
            const style = getComputedStyle(document.querySelector(selector), pseudo);
            return [selector, style.maskImage.startsWith('url("data:image/svg+xml'),
                    style.fontFamily.includes("Font Awesome")];
        })"""
    )
    for selector, masked, font in masks:
        assert masked and not font, selector
    page.wait_for_timeout(300)
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("[...document.fonts].filter((f) => f.status !== 'unloaded').length")
    assert loaded == 0
    assert not [url for url, _, _ in visit.transfers() if "fontawesome" in url]


def test_no_icon_font_markup_in_any_page(site_dir):
    """No page of the build asks for a FontAwesome glyph or script (each would pull a font)."""
    offenders = {}
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] == "_static":
            continue  # the theme's own template sources, copied along, are not pages
        text = path.read_text(encoding="utf-8")
        found = re.findall(r'<(?:i|span) class="[^"]*\bfa-[^"]*"|fontawesome\.js', text)
        if found:
            offenders[path.relative_to(site_dir).as_posix()] = sorted(set(found))
    assert offenders == {}
