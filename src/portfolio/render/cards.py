"""Project cards and compact lists: views of the projects a page lists, as components.

A template renders a card in well under a tenth of a millisecond, against more than one for
the same card built as docutils nodes and translated: a grid of a thousand projects costs
little to write again, and no node tree of it is held on HTML pages. Owners can override
``portfolio/grid.html``, ``portfolio/card.html`` and ``portfolio/project-list.html`` in their
own ``_templates/portfolio/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.render import components
from portfolio.render.view import ProjectView, project_view
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from portfolio.sphinx.nodes import component

GRID = "portfolio/grid.html"
LIST = "portfolio/project-list.html"


def views(
    app: Sphinx, docname: str, targets: list[str], *, keywords: bool = True
) -> list[ProjectView]:
    """The projects ``targets`` as the page ``docname`` shows them (keywords linked to their
    pages unless ``keywords`` is false)."""
    builder = app.builder
    domain = portfolio_domain(app.env)
    projects, registry = domain.projects, domain.registry
    keyword_uri = components.keyword_uri_maker(builder, docname) if keywords else lambda k: ""
    owner = app.config.portfolio_owner
    return [
        project_view(
            projects[t], t, builder.get_relative_uri(docname, t), owner, keyword_uri, registry
        )
        for t in targets
    ]


def grid(app: Sphinx, docname: str, targets: list[str]) -> component:
    """``targets``' cards on the page ``docname``; a compact list where there is no HTML."""
    cards = views(app, docname, targets)
    return components.component(
        app.builder, GRID, {"cards": cards}, lambda: components.project_list(cards)
    )


def project_list(app: Sphinx, docname: str, targets: list[str]) -> component:
    """A compact list of ``targets`` (title, venue and year, TL;DR) on the page ``docname``."""
    items = views(app, docname, targets, keywords=False)
    return components.component(
        app.builder, LIST, {"projects": items}, lambda: components.project_list(items)
    )
