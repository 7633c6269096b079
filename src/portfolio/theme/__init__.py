"""The ``portfolio`` HTML theme: pydata-sphinx-theme, inherited, with a portfolio's defaults.

Registered by the extension; a site chooses it with ``html_theme = "portfolio"``. The theme's
files are in ``portfolio/`` beside this module: ``theme.toml`` (parent, defaults, options),
``layout.html`` (blocks of the parent's layout), one replaced parent component, and the CSS.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util import logging

from portfolio.theme.icons import inline_icons, unknown_icons

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

NAME = "portfolio"
THEME_DIR = Path(__file__).parent / "portfolio"
#: Parent components this theme replaces. On Sphinx's template path they must come before the
#: parent's own components folder, which pydata-sphinx-theme adds when it is set up.
COMPONENTS = THEME_DIR / "components"
#: ``#rgb`` or ``#rrggbb``: a colour option goes into a ``<style>`` element as it is.
_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
COLOR_OPTIONS = {"primary_color": "light", "primary_color_dark": "dark"}
#: The theme's own options (``theme.toml`` holds their defaults), for the reference.
OPTIONS = {
    "primary_color": "Links, buttons and accents in light mode, as `#rrggbb`; empty: the "
    "parent theme's.",
    "primary_color_dark": "The same in dark mode.",
    "toc_min_sections": 'The fewest sections (`##` headings) a page needs for the "On this '
    'page" contents beside it; the text column stays put either way.',
}
#: Runs before pydata-sphinx-theme's handler (500) renders the secondary sidebar's items.
BEFORE_PARENT = 400
#: The parent's "On this page" component, as ``secondary_sidebar_items`` may name it.
PAGE_TOC = ("page-toc", "page-toc.html")


def register_theme(app: Sphinx) -> None:
    """Add the theme, its template folder and its page context."""
    app.add_html_theme(NAME, str(THEME_DIR))
    app.connect("config-inited", check_theme_config)
    app.connect("html-page-context", add_theme_context)
    app.connect("html-page-context", contents_where_needed, priority=BEFORE_PARENT)


def uses_theme(config: Config) -> bool:
    """Whether the site is drawn with the portfolio theme."""
    return config.html_theme == NAME


def check_theme_config(app: Sphinx, config: Config) -> None:
    """Put the replaced components on the template path; report options the theme cannot use."""
    if not uses_theme(config):
        return
    config.templates_path = [*config.templates_path, str(COMPONENTS)]
    options = config.html_theme_options or {}
    for problem in unknown_icons(options.get("icon_links") or []):
        logger.warning(problem, type="portfolio", subtype="theme")
    for name in COLOR_OPTIONS:
        value = options.get(name, "")
        if value and not _HEX_COLOR.fullmatch(str(value)):
            logger.warning(
                "html_theme_options: %s: expected a colour such as '#1a5fb4', got %r; "
                "the theme's colour is used",
                name,
                value,
                type="portfolio",
                subtype="theme",
            )


def add_theme_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: object
) -> None:
    """Give the theme's templates the icon rewriter and the colour options' CSS."""
    if not uses_theme(app.config):
        return
    context["pf_inline_icons"] = inline_icons
    context["pf_colors"] = colors_css(context)


def contents_where_needed(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Leave out "On this page" where the page has fewer sections than ``toc_min_sections``.

    It is taken out of the page's ``secondary_sidebar_items`` before the parent theme renders
    each item to see whether it is empty (about 0.4 ms a page for the contents).
    """
    items = context.get("theme_secondary_sidebar_items")
    if not uses_theme(app.config) or not items:
        return
    if doctree is not None and sections(doctree) >= int(context.get("theme_toc_min_sections") or 0):
        return
    if isinstance(items, dict):  # glob pattern -> items, as the parent theme allows
        context["theme_secondary_sidebar_items"] = {p: _without_toc(i) for p, i in items.items()}
    else:
        context["theme_secondary_sidebar_items"] = _without_toc(items)


def _without_toc(items: str | list[str]) -> list[str]:
    """``items`` (a list, or names separated by commas) without the page's contents."""
    names = [name.strip() for name in items.split(",")] if isinstance(items, str) else items
    return [name for name in names if name not in PAGE_TOC]


def sections(doctree: nodes.document) -> int:
    """How many sections the page's first-level sections hold (its ``##`` headings)."""
    return sum(
        isinstance(child, nodes.section)
        for top in doctree.findall(nodes.section)
        if isinstance(top.parent, nodes.document)
        for child in top.children
    )


def colors_css(context: dict[str, Any]) -> str:
    """CSS that sets the theme's primary colour per mode, from the colour options."""
    rules = []
    for name, mode in COLOR_OPTIONS.items():
        value = str(context.get(f"theme_{name}") or "")
        if _HEX_COLOR.fullmatch(value):
            rules.append(f'html[data-theme="{mode}"]{{--pst-color-primary:{value};}}')
    return "".join(rules)
