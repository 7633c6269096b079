"""Head tags: the meta description of every page, and the site's stylesheet."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from portfolio.config import STATIC
from portfolio.domain import PortfolioDomain

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def add_assets(app: Sphinx) -> None:
    """Ship ``portfolio.css`` with HTML builds."""
    if app.builder.format != "html":
        return
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
    app.add_css_file("portfolio.css")


def add_head_tags(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Describe each page: a project by its TL;DR, any other page by the site description."""
    domain: PortfolioDomain = app.env.get_domain(PortfolioDomain.name)  # type: ignore[assignment]
    meta = domain.projects.get(pagename)
    description = meta.tldr if meta else app.config.portfolio_description
    if description:
        tag = f'<meta name="description" content="{html.escape(description, quote=True)}" />\n'
        context["metatags"] = context.get("metatags", "") + tag
