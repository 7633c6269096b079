"""The filter form above a filterable grid: facets from the projects, markup from a template.

The form is part of the page as written (``portfolio/filter-form.html``), so the page does
not shift when ``portfolio-filter.js`` runs; the script only gives it behaviour. Builders
that write no HTML show no form.
"""

from __future__ import annotations

from collections import Counter
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
    """Keywords and venues as ``(slug, name, count)`` by name, years as ``(year, count)``
    newest first: the choices of the filter, with how many projects each keeps.

    Slugs are those of the cards' ``pf-kw-``/``pf-venue-`` classes; a name is its first
    spelling in ``projects``' order.
    """
    keywords: dict[str, str] = {}
    venues: dict[str, str] = {}
    counts: Counter[tuple[str, str | int]] = Counter()
    for meta in projects.values():
        for slug in {keyword_slug(k) for k in meta.keywords}:
            counts["kw", slug] += 1
        for keyword in meta.keywords:
            keywords.setdefault(keyword_slug(keyword), keyword)
        if meta.venue:
            venues.setdefault(keyword_slug(meta.venue.short), meta.venue.short)
            counts["venue", keyword_slug(meta.venue.short)] += 1
        counts["year", meta.year] += 1
    by_name = {"key": lambda item: item[1].casefold()}
    years = sorted({meta.year for meta in projects.values()}, reverse=True)
    return {
        "keywords": [(s, n, counts["kw", s]) for s, n in sorted(keywords.items(), **by_name)],
        "years": [(year, counts["year", year]) for year in years],
        "venues": [(s, n, counts["venue", s]) for s, n in sorted(venues.items(), **by_name)],
    }


def filter_form(app: Sphinx, projects: Mapping[str, ProjectMeta]) -> component:
    """The form for a grid of ``projects``."""
    context = {**facets(projects), "count": components.count_text(len(projects))}
    return components.component(app.builder, TEMPLATE, context, lambda: ())
