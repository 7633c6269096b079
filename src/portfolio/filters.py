"""The filter form above a filterable grid: facets from the projects, markup from a template.

The form is part of the page as written (``portfolio/filter-form.html``), so the page does
not shift when ``portfolio-filter.js`` runs; the script only gives it behaviour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from portfolio import render
from portfolio.cards import html_templates

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx

    from portfolio.schema import ProjectMeta

TEMPLATE = "portfolio/filter-form.html"


def facets(projects: Mapping[str, ProjectMeta]) -> dict[str, list]:
    """Keywords and venues as ``(slug, name)`` by name, years newest first.

    Slugs are those of the cards' ``pf-kw-``/``pf-venue-`` classes; a name is its first
    spelling in ``projects``' order.
    """
    keywords: dict[str, str] = {}
    venues: dict[str, str] = {}
    for meta in projects.values():
        for keyword in meta.keywords:
            keywords.setdefault(render.keyword_slug(keyword), keyword)
        if meta.venue:
            venues.setdefault(render.keyword_slug(meta.venue.short), meta.venue.short)
    return {
        "keywords": sorted(keywords.items(), key=lambda item: item[1].casefold()),
        "years": sorted({meta.year for meta in projects.values()}, reverse=True),
        "venues": sorted(venues.items(), key=lambda item: item[1].casefold()),
    }


def filter_form(app: Sphinx, projects: Mapping[str, ProjectMeta]) -> nodes.raw | None:
    """The form for a grid of ``projects``; ``None`` where pages have no templates."""
    templates = html_templates(app)
    if templates is None:
        return None
    context = {**facets(projects), "count": render.count_text(len(projects))}
    return nodes.raw("", templates.render(TEMPLATE, context), format="html")
