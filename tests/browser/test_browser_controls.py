"""Interactive controls, by keyboard alone: theme switch, search, menus, copy buttons, filters."""

from __future__ import annotations

import re

import pytest

from .helpers import VIEWPORTS, wait_for_search_results

#: How many cards a visitor sees (not merely lacking the hidden attribute), compared with n.
VISIBLE_CARDS = (
    "(n) => [...document.querySelectorAll('.pf-card-col')]"
    ".filter((c) => c.checkVisibility()).length"
)

BY_VIEWPORT = [pytest.param(viewport, id=viewport) for viewport in VIEWPORTS]
MEAN_FLOWS = "Mean Flows for One-step Generative Modeling"


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def open_site_menu(page) -> None:
    """On a phone the header's links live in the site menu: open it with the keyboard."""
    tab_to(page, "button.primary-toggle")
    page.keyboard.press("Enter")
    page.wait_for_selector("#pst-primary-sidebar-modal[open]")


def background(page) -> str:
    """The page's background colour, as computed."""
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.mark.parametrize("viewport", BY_VIEWPORT)
def test_theme_switch_by_keyboard_is_remembered(open_page, viewport: str):
    """Choose dark with the keyboard: the page turns dark, and stays dark after reload and on
    another page."""
    visit = open_page("projects/mean-flows.html", viewport, "light")
    page = visit.page
    light = background(page)
    if viewport == "mobile":
        open_site_menu(page)
    tab_to(page, "button.theme-switch-button")
    page.keyboard.press("Enter")
    dark_item = page.locator(".dropdown-menu.show .theme-change-button[data-mode=dark]")
    dark_item.wait_for()
    for _ in range(3):
        if page.evaluate("document.activeElement.dataset.mode") == "dark":
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.mode") == "dark"
    page.keyboard.press("Enter")

    root = page.locator("html")
    assert root.get_attribute("data-mode") == "dark"
    assert root.get_attribute("data-theme") == "dark"
    page.wait_for_function(
        "(light) => getComputedStyle(document.body).backgroundColor !== light", arg=light
    )
    icon = page.locator(".theme-switch-button .theme-switch[data-mode=dark] >> visible=true").first
    assert icon.bounding_box() is not None, "the dark-mode icon is not shown"

    page.reload()
    assert root.get_attribute("data-theme") == "dark"
    visit.goto("index.html")
    assert root.get_attribute("data-mode") == "dark"
    assert root.get_attribute("data-theme") == "dark"
    assert background(page) != light
    assert visit.console_errors == []


@pytest.mark.parametrize("viewport", BY_VIEWPORT)
def test_search_by_keyboard_finds_mean_flows(open_page, viewport: str):
    """The search button opens the search box; "Mean Flows" and Enter list the project first."""
    visit = open_page("index.html", viewport)
    page = visit.page
    tab_to(page, "button.search-button__button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#pst-search-dialog[open]")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("Mean Flows")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q=Mean\+Flows"))
    wait_for_search_results(page)

    first = page.locator("#search-results ul.search > li > a").first
    assert first.inner_text().strip() == MEAN_FLOWS
    assert first.get_attribute("href").startswith("projects/mean-flows.html")
    tab_to(page, "#search-results ul.search > li:first-child > a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/projects/mean-flows\.html"))
    assert page.locator("h1").inner_text().strip().startswith(MEAN_FLOWS)
    assert visit.console_errors == []


def test_search_shortcut_opens_and_escape_closes(open_page):
    """Ctrl+K opens the search box with the cursor in it; Escape closes it."""
    page = open_page("research.html").page
    page.keyboard.press("Control+k")
    page.wait_for_selector("#pst-search-dialog[open]")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.press("Escape")
    page.wait_for_selector("#pst-search-dialog:not([open])", state="attached")


def test_site_menu_by_keyboard(open_page):
    """On a phone, the menu button opens the site menu with every section; Escape closes it."""
    page = open_page("research.html", "mobile").page
    open_site_menu(page)
    links = page.locator("#pst-primary-sidebar-modal a.nav-link")
    names = [name.strip() for name in links.all_inner_texts()]
    assert {"Research", "Projects"} <= set(names), names
    tab_to(page, "#pst-primary-sidebar-modal a.nav-link[href='projects/index.html']")
    page.keyboard.press("Escape")
    page.wait_for_selector("#pst-primary-sidebar-modal:not([open])", state="attached")


@pytest.mark.parametrize("viewport", BY_VIEWPORT)
def test_copy_button_by_keyboard(open_page, base_url, viewport: str):
    """The BibTeX copy button is reached with Tab, shows when focused, and copies the entry."""
    visit = open_page(None, viewport)
    visit.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    visit.goto("projects/mean-flows.html")
    page = visit.page
    page.wait_for_selector("button.copybtn", state="attached")
    tab_to(page, "button.copybtn")
    # Hidden until hovered or focused; it fades in.
    page.wait_for_function("getComputedStyle(document.activeElement).opacity === '1'")
    page.keyboard.press("Enter")
    page.wait_for_function("navigator.clipboard.readText().then((t) => t.length > 0)")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@article{meanflow,")
    assert "title={Mean Flows for One-step Generative Modeling}" in copied


def test_grid_filters_by_keyboard(open_page):
    """The projects grid's filters work from the keyboard: a venue, a keyword, then clear."""
    visit = open_page("projects/index.html", "desktop")
    page = visit.page
    assert page.locator("form.pf-filter").count() == 1
    cards = page.locator(".pf-card-col")
    total = cards.count()

    # Venue chips are a radio group: Tab reaches the chosen one ("All"), arrows move on.
    tab_to(page, "form.pf-filter input[name=venue]:checked")
    target = "neurips"
    while page.evaluate("document.activeElement.value") != target:
        page.keyboard.press("ArrowRight")
    page.wait_for_function(VISIBLE_CARDS + " < n", arg=total)
    venues = [card.locator(".pf-venue").inner_text() for card in cards.all() if card.is_visible()]
    assert venues and all(text.strip() == "NeurIPS" for text in venues), venues
    chip = page.locator("form.pf-filter label.pf-chip", has=page.locator("input[value=neurips]"))
    filled = chip.evaluate("(e) => getComputedStyle(e).backgroundColor")
    unfilled = page.locator("form.pf-filter label.pf-chip").first.evaluate(
        "(e) => getComputedStyle(e).backgroundColor"
    )
    assert filled != unfilled  # the chosen chip is filled

    tab_to(page, "form.pf-filter button[type=reset]")
    page.keyboard.press("Enter")
    page.wait_for_function(VISIBLE_CARDS + " === n", arg=total)

    tab_to(page, "form.pf-filter summary")
    page.keyboard.press("Enter")
    tab_to(page, "form.pf-filter input[name=kw][value=fixed-points]")
    page.keyboard.press("Space")
    page.wait_for_function(VISIBLE_CARDS + " < n", arg=total)
    for card in cards.all():
        if card.is_visible():
            keywords = card.locator(".pf-keyword").all_inner_texts()
            assert "Fixed Points" in keywords, keywords
    assert "kw=fixed-points" in page.url
    assert visit.console_errors == []


def test_a_shared_filter_url_opens_filtered(open_page):
    """A URL with filters (as the form writes it) opens with those filters applied."""
    visit = open_page("projects/index.html?kw=fixed-points", "desktop")
    page = visit.page
    box = page.locator("form.pf-filter input[name=kw][value=fixed-points]")
    assert box.is_checked()
    chip = page.locator("label.pf-chip", has=page.locator("input[name=kw][value=fixed-points]"))
    assert chip.is_visible()
    shown = [card for card in page.locator(".pf-card-col").all() if card.is_visible()]
    assert 0 < len(shown) < page.locator(".pf-card-col").count()
    for card in shown:
        assert "Fixed Points" in card.locator(".pf-keyword").all_inner_texts()
    status = page.locator(".pf-filter-status").inner_text()
    assert status == f"{len(shown)} of {page.locator('.pf-card-col').count()} projects shown"
    assert visit.console_errors == []


LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 1000);
})"""


def test_grid_filters_move_nothing_and_hide_without_javascript(open_page):
    """The filter form is in the page as written: no layout shift when its script runs
    (Lighthouse counted 0.116 when the script built it); without JavaScript it is hidden
    and every project is listed."""
    visit = open_page("projects/index.html", "mobile")
    assert visit.page.locator("form.pf-filter").is_visible()
    assert visit.page.evaluate(LAYOUT_SHIFT) < 0.01

    static = open_page("projects/index.html", "mobile", java_script_enabled=False)
    assert static.page.locator("form.pf-filter").count() == 1
    assert not static.page.locator("form.pf-filter").is_visible()
    cards = static.page.locator(".pf-card-col")
    assert cards.count() > 0
    assert all(card.is_visible() for card in cards.all())


def test_missing_page_gets_the_404_page(open_page):
    """An unknown address deep in the site answers 404 with the styled "Page not found" page."""
    visit = open_page(None)
    response = visit.goto("projects/no/such/page.html")
    assert response.status == 404
    page = visit.page
    assert page.locator("h1").inner_text().strip().startswith("Page not found")
    # Its styles and scripts load from the site root, whatever the depth.
    others = [failure for failure in visit.failed_requests if "no/such/page.html" not in failure]
    assert others == []
    assert page.evaluate("getComputedStyle(document.querySelector('.bd-header')).position") == (
        "sticky"
    )
