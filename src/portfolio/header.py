"""A project page's header (authors, venue and year, TL;DR, keywords, link buttons).

HTML builders write it from the template ``portfolio/header.html``, which shares its parts
with the cards (``portfolio/project-parts.html``); a thousand headers built as docutils
nodes and translated cost about a second. Other builders get the nodes of
:func:`portfolio.render.project_header`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from portfolio import cards, render
from portfolio.nodes import search_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from portfolio.schema import ProjectMeta

TEMPLATE = "portfolio/header.html"


def project_header(
    app: Sphinx, docname: str, meta: ProjectMeta, image: nodes.Node | None, cite_uri: str
) -> list[nodes.Node]:
    """The header of the project page ``docname``; ``image`` comes first, if any."""
    owner = app.config.portfolio_owner
    keyword_uri = cards.keyword_uri_maker(app.builder, docname)
    templates = cards.html_templates(app)
    if templates is None:
        return [render.project_header(meta, owner, image, keyword_uri, cite_uri)]
    project = cards.card_context(meta, "", owner, keyword_uri, docname)
    project["equal_note"] = meta.has_equal_contribution
    html = templates.render(TEMPLATE, {"project": project, "cite_uri": cite_uri})
    # no-search: Sphinx would index the HTML's entities as words; search_text has the words.
    header = render.div(classes=["pf-header", "no-search"])
    if image is not None:
        header += image
    header += nodes.raw("", html + "\n", format="html")
    return [header, search_text("", " ".join(_searchable(meta)))]


def _searchable(meta: ProjectMeta) -> list[str]:
    """The header's words a visitor may search for: not its labels and button texts."""
    words = [author.name for author in meta.authors]
    if meta.has_equal_contribution:
        words.append(_("* Equal contribution"))
    if meta.venue:
        words.append(meta.venue.short)
    words += [str(meta.year), meta.award or "", meta.tldr, *meta.keywords]
    return words
