"""The publication list and the collaborators list: HTML from templates
(``portfolio/publication-list.html``, ``portfolio/coauthor-list.html``), docutils nodes
for the other builders.

Both repeat the project pages, where a search should land: they are kept out of the
search index, but for the collaborators' names (a :class:`~portfolio.nodes.search_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from portfolio import cards, relations, render
from portfolio.domain import portfolio_domain
from portfolio.nodes import search_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

PUBLICATIONS = "portfolio/publication-list.html"
COAUTHORS = "portfolio/coauthor-list.html"


def publication_list(app: Sphinx, docname: str, targets: list[str]) -> nodes.Element:
    """``targets`` as citations on the page ``docname``: authors, title, venue, links."""
    projects, owner = portfolio_domain(app.env).projects, app.config.portfolio_owner
    uris = {t: app.builder.get_relative_uri(docname, t) for t in targets}
    templates = cards.html_templates(app)
    if templates is None:
        items = nodes.bullet_list(classes=["pf-publications"])
        for t in targets:
            items += nodes.list_item("", render.publication(projects[t], uris[t], owner))
        return items
    context = []
    for t in targets:
        meta = projects[t]
        publication = cards.card_context(meta, uris[t], owner, _no_page, t)
        publication["where"] = render.where_text(meta)
        context.append(publication)
    html = templates.render(PUBLICATIONS, {"publications": context})
    return nodes.raw("", html, format="html", classes=["no-search"])


def coauthor_list(app: Sphinx, docname: str) -> list[nodes.Node]:
    """The owner's co-authors, most shared projects first, each with those projects."""
    projects = portfolio_domain(app.env).projects
    people = relations.coauthors(projects, app.config.portfolio_owner)
    uri = app.builder.get_relative_uri
    templates = cards.html_templates(app)
    if templates is None:
        listing = nodes.definition_list(classes=["pf-people"])
        for name, shared in people:
            links = nodes.bullet_list()
            for target in shared:
                ref = nodes.reference(
                    "", projects[target].title, internal=True, refuri=uri(docname, target)
                )
                links += nodes.list_item("", nodes.paragraph("", "", ref))
            count = render.count_text(len(shared))
            term = nodes.term("", name, nodes.inline(count, f" ({count})", classes=["pf-count"]))
            listing += nodes.definition_list_item("", term, nodes.definition("", links))
        return [listing]
    context = [
        {
            "name": name,
            "count": render.count_text(len(shared)),
            "projects": [{"title": projects[t].title, "uri": uri(docname, t)} for t in shared],
        }
        for name, shared in people
    ]
    html = templates.render(COAUTHORS, {"people": context})
    names = search_text("", " ".join(name for name, _shared in people))
    return [nodes.raw("", html, format="html", classes=["no-search"]), names]


def _no_page(keyword: str) -> None:
    """Keywords are not linked in a citation."""
    return None
