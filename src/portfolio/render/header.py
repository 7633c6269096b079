"""A project page's header (authors, venue and year, TL;DR, keywords, link buttons).

HTML builders write it from ``portfolio/header.html``, which shares its parts with the cards
(``portfolio/project-parts.html``); a thousand headers built as docutils nodes and translated
cost about a second. The search index reads the header's words from ordinary nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from portfolio.render import components
from portfolio.render.view import ProjectView, project_view
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATE = "portfolio/header.html"


def searchable(view: ProjectView) -> nodes.paragraph:
    """The header's words a search should find on an HTML page, as one paragraph the index
    reads: authors, the equal-contribution note, venue, year, award, TL;DR, keywords and
    the abstract (not labels or button texts). Building the whole header as nodes costs
    ten times more."""
    words = [author.name for author in view.authors]
    if view.equal_note:
        words.append(_("* Equal contribution"))
    words += [view.venue, str(view.year), view.award, view.tldr]
    words += [keyword.name for keyword in view.keywords]
    words.append(view.abstract)
    text = " ".join(word for word in words if word)
    return nodes.paragraph(text, text)


def project_header(
    app: Sphinx, docname: str, project: str, image: nodes.Node | None, cite_uri: str
) -> list[nodes.Node]:
    """The header of the project page ``project`` as written on ``docname``; ``image`` first."""
    domain = portfolio_domain(app.env)
    keyword_uri = components.keyword_uri_maker(app.builder, docname)
    owner = app.config.portfolio_owner
    view = project_view(domain.projects[project], project, "", owner, keyword_uri, domain.registry)
    header = components.component(
        app.builder,
        TEMPLATE,
        {"project": view, "cite_uri": cite_uri},
        lambda: components.header(view, cite_uri),
        lambda: [searchable(view)],
    )
    return [components.div(*([image] if image is not None else []), header, classes=["pf-header"])]
