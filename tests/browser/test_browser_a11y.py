"""Accessibility: axe-core on every page type in both themes and viewports, and visible focus."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import PAGE_TYPES, SCHEMES, VIEWPORTS, PageType, require_page

MATRIX = [
    pytest.param(page, viewport, scheme, id=f"{page.name}-{viewport}-{scheme}")
    for page in PAGE_TYPES
    for viewport in VIEWPORTS
    for scheme in SCHEMES
]
#: axe's defaults (WCAG 2.x A and AA, and best practices such as heading order and landmarks),
#: plus a rule axe still calls experimental: a control's name must contain its visible label.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}


def describe(violations: list[dict]) -> str:
    """One line per failing element: rule, impact, selector, and axe's explanation."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(
                f"{violation['id']} ({violation['impact']}) {node['target']}: {summary[:300]}"
            )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    """axe-core, as shipped by axe-playwright-python."""
    return Axe()


@pytest.mark.parametrize(("page", "viewport", "scheme"), MATRIX)
def test_axe_finds_nothing(open_page, site_dir, axe, page: PageType, viewport: str, scheme: str):
    """Zero axe violations: names, alt text, landmarks, heading order, colour contrast."""
    require_page(site_dir, page)
    visit = open_page(page.path, viewport, scheme)
    # Colours are checked once they have settled (the theme animates some of them).
    visit.page.evaluate(
        """() => Promise.all([document.fonts.ready, ...document.getAnimations()
            .filter((animation) => animation instanceof CSSTransition)
            .map((animation) => animation.finished)])"""
    )
    results = axe.run(visit.page, options=AXE_OPTIONS)
    violations = results.response["violations"]
    assert violations == [], describe(violations)


#: Whether the focused element, or a box around it styled with :focus-within (the theme rings the
#: search form, not its input), looks different from an unfocused copy of itself.
FOCUS_INDICATOR = """async () => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    // Some controls fade in on focus (copy buttons): judge them once the fade is over.
    await Promise.all(el.getAnimations().map((animation) => animation.finished));
    const props = ["outline-style", "outline-width", "outline-color", "box-shadow",
        "border-top-color", "border-bottom-color", "background-color", "text-decoration-line"];
    const look = (node) => {
        const style = getComputedStyle(node);
        const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return props.map((p) => (p.startsWith("outline") && !ring ? "" : style.getPropertyValue(p)))
            .join("|");
    };
    const changed = (node) => {
        const copy = node.cloneNode(false);
        copy.removeAttribute("id");
        node.after(copy);
        const differs = look(copy) !== look(node);
        copy.remove();
        return differs;
    };
    let shown = el.matches(":focus-visible") && changed(el);
    for (let up = el.parentElement, i = 0; !shown && up !== document.body && i < 3;
        up = up.parentElement, i++) {
        shown = up.matches(":focus-within") && changed(up);
    }
    let opacity = 1;
    for (let node = el; node; node = node.parentElement) {
        opacity *= parseFloat(getComputedStyle(node).opacity);
    }
    const box = el.getBoundingClientRect();
    return {
        id: el.dataset.pfFocusId || null,
        what: el.outerHTML.slice(0, 120),
        visible: shown,
        onscreen: box.width > 0 && box.height > 0 && opacity >= 0.5,
    };
}"""


@pytest.mark.parametrize(("page", "viewport", "scheme"), MATRIX)
def test_focus_is_visible_and_reaches_every_control(
    open_page, site_dir, page: PageType, viewport: str, scheme: str
):
    """Tab walks through every visible control, and each one shows where the focus is."""
    require_page(site_dir, page)
    visit = open_page(page.path, viewport, scheme)
    browser_page = visit.page
    controls = set(
        browser_page.evaluate(
            """() => {
                // Start from the top, whatever the page focused on load (search does).
                const start = document.createElement("span");
                start.tabIndex = -1;
                document.body.prepend(start);
                start.focus();
                window.__pfId = 0;
                const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
                const closed = "[inert], dialog:not([open]), details:not([open]) > :not(summary)";
                return [...document.querySelectorAll(selector)]
                    .filter((el) => el.tabIndex >= 0 && !el.disabled && !el.closest(closed)
                        && el.checkVisibility({visibilityProperty: true}))
                    // A radio group is one stop for Tab (its checked button); arrows move on.
                    .filter((el) => el.type !== "radio" || el.checked)
                    .map((el) => {
                        el.dataset.pfFocusId = String(++window.__pfId);
                        return el.dataset.pfFocusId;
                    });
            }"""
        )
    )
    reached: set[str] = set()
    unseen: list[str] = []
    for _ in range(len(controls) + 10):
        browser_page.keyboard.press("Tab")
        focus = browser_page.evaluate(FOCUS_INDICATOR)
        if focus is None:
            break
        if not (focus["visible"] and focus["onscreen"]):
            unseen.append(focus["what"])
        if focus["id"] in reached:
            break
        if focus["id"]:
            reached.add(focus["id"])
    assert unseen == [], "focus not visible on:\n" + "\n".join(unseen)
    missing = browser_page.evaluate(
        """(ids) => ids.map((id) => document.querySelector(`[data-pf-focus-id="${id}"]`)
            .outerHTML.slice(0, 120))""",
        sorted(controls - reached),
    )
    assert missing == [], "not reachable with Tab:\n" + "\n".join(missing)
