"""A project page's header (authors, venue and year, TL;DR, keywords, link buttons).

HTML builders write it from ``portfolio/header.html``, which shares its parts with the cards
(``portfolio/project-parts.html``); a thousand headers built as docutils nodes and translated
cost about a second. The search index reads the header's words from ordinary nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio import render
from portfolio.domain import portfolio_domain
from portfolio.view import project_view

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

TEMPLATE = "portfolio/header.html"


def project_header(
    app: Sphinx, docname: str, project: str, image: nodes.Node | None, cite_uri: str
) -> list[nodes.Node]:
    """The header of the project page ``project`` as written on ``docname``; ``image`` first."""
    meta = portfolio_domain(app.env).projects[project]
    keyword_uri = render.keyword_uri_maker(app.builder, docname)
    view = project_view(meta, project, "", app.config.portfolio_owner, keyword_uri)
    header = render.component(
        app.builder,
        TEMPLATE,
        {"project": view, "cite_uri": cite_uri},
        lambda: render.header(view, cite_uri),
        lambda: render.header(view, cite_uri, buttons=False),
    )
    return [render.div(*([image] if image is not None else []), header, classes=["pf-header"])]
