"""Font Awesome icons as inline SVG, in place of the parent theme's web fonts and script.

pydata-sphinx-theme writes icons as ``<i class="fa-solid fa-sun">`` and loads about 250 KB of
FontAwesome to draw them. The portfolio theme rewrites each such tag into an ``<svg>`` that
uses a symbol of a sprite holding the page's icons, written once at the end of the page.

Paths: Font Awesome Free 7.2.0 by @fontawesome, https://fontawesome.com (icons: CC BY 4.0,
https://fontawesome.com/license/free).
"""

from __future__ import annotations

import difflib
import json
import re
from importlib import resources

#: name -> (viewBox, path), from ``icons.json``. Add an icon there by copying the ``viewBox``
#: and path of the Font Awesome Free SVG of the same version.
ICONS: dict[str, tuple[str, str]] = {
    name: (icon["viewBox"], icon["path"])
    for name, icon in json.loads(
        (resources.files("portfolio") / "theme" / "icons.json").read_text(encoding="utf-8")
    ).items()
}

#: A FontAwesome icon element as the parent theme writes it: ``<i class="... fa-NAME ...">``
#: (or ``<span>``), empty, with any other attributes.
_ICON_TAG = re.compile(
    r'<(?P<tag>i|span) class="(?P<classes>[^"]*\bfa-(?:solid|brands|regular)\b[^"]*)"'
    r"(?P<attrs>[^>]*)>\s*</(?P=tag)>"
)
_STYLE_CLASSES = frozenset({"fa-solid", "fa-brands", "fa-regular"})


def icon_name(spec: str) -> str:
    """The known icon a class list names (``"fa-brands fa-github fa-lg"`` -> ``github``)."""
    for word in spec.split():
        if word.startswith("fa-") and word not in _STYLE_CLASSES and word[3:] in ICONS:
            return word[3:]
    return ""


def svg(name: str, classes: str = "", attrs: str = "") -> str:
    """An inline, decorative ``<svg>`` of icon ``name``: the control around it has the name."""
    view_box = ICONS[name][0]
    return (
        f'<svg class="{" ".join(["pf-icon", *classes.split()])}" viewBox="{view_box}" '
        f'aria-hidden="true" focusable="false"{attrs}><use href="#pf-icon-{name}"></use></svg>'
    )


def inline_icons(page: str) -> str:
    """``page`` with every known FontAwesome tag drawn as SVG, and the sprite they use appended.

    An unknown icon is left as it is (and draws nothing): ``unknown_icons`` reports the
    configured ones at config-inited.
    """
    used: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = icon_name(match["classes"])
        if not name:
            return match[0]
        used.add(name)
        keep = [c for c in match["classes"].split() if c not in _STYLE_CLASSES | {f"fa-{name}"}]
        return svg(name, " ".join(keep), match["attrs"].replace(' aria-hidden="true"', ""))

    page = _ICON_TAG.sub(replace, page)
    return page + sprite(used) if used else page


def sprite(names: set[str]) -> str:
    """One hidden ``<svg>`` with a ``<symbol>`` per icon in ``names``."""
    symbols = "".join(
        f'<symbol id="pf-icon-{name}" viewBox="{ICONS[name][0]}">'
        f'<path fill="currentColor" d="{ICONS[name][1]}"/></symbol>'
        for name in sorted(names)
    )
    return (
        '<svg class="pf-icon-sprite" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">{symbols}</svg>'
    )


def unknown_icons(icon_links: list[object]) -> list[str]:
    """One message per FontAwesome icon link whose icon the theme does not draw."""
    problems = []
    for link in icon_links:
        if not isinstance(link, dict) or link.get("type", "fontawesome") != "fontawesome":
            continue
        spec = str(link.get("icon", ""))
        if icon_name(spec):
            continue
        words = [w[3:] for w in spec.split() if w.startswith("fa-") and w not in _STYLE_CLASSES]
        close = difflib.get_close_matches(words[0], ICONS, n=1) if words else []
        hint = f"; did you mean 'fa-{close[0]}'?" if close else ""
        problems.append(
            f"icon_links: {link.get('name', '?')!r} has icon {spec!r}, which the portfolio "
            f"theme does not draw (it draws: {', '.join(sorted(ICONS))}){hint}"
        )
    return problems
