"""The filter form above a filterable grid: facets from the projects, markup from a template.

The form is part of the page as written (``portfolio/filter-form.html``), so the page does
not shift when ``portfolio-filter.js`` runs; the script only gives it behaviour. Builders
that write no HTML show no form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.model.schema import keyword_slug
from portfolio.render import components

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx

    from portfolio.model.schema import ProjectMeta
    from portfolio.sphinx.nodes import component

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
            keywords.setdefault(keyword_slug(keyword), keyword)
        if meta.venue:
            venues.setdefault(keyword_slug(meta.venue.short), meta.venue.short)
    return {
        "keywords": sorted(keywords.items(), key=lambda item: item[1].casefold()),
        "years": sorted({meta.year for meta in projects.values()}, reverse=True),
        "venues": sorted(venues.items(), key=lambda item: item[1].casefold()),
    }


def filter_form(app: Sphinx, projects: Mapping[str, ProjectMeta]) -> component:
    """The form for a grid of ``projects``."""
    context = {**facets(projects), "count": components.count_text(len(projects))}
    return components.component(app.builder, TEMPLATE, context, lambda: ())
