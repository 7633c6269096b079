"""The publication list and the collaborators list, as components
(``portfolio/publication-list.html``, ``portfolio/coauthor-list.html``).

Both repeat the project pages, where a search should land: on HTML pages the search index
reads only the collaborators' names from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from portfolio.model import relations
from portfolio.render import cards, components
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from portfolio.sphinx.nodes import component

PUBLICATIONS = "portfolio/publication-list.html"
COAUTHORS = "portfolio/coauthor-list.html"


def publication_list(app: Sphinx, docname: str, targets: list[str]) -> component:
    """``targets`` as citations on the page ``docname``: authors, title, venue, links."""
    items = cards.views(app, docname, targets, keywords=False)
    return components.component(
        app.builder, PUBLICATIONS, {"publications": items}, lambda: components.publications(items)
    )


def coauthor_list(app: Sphinx, docname: str) -> component:
    """The owner's co-authors, most shared projects first, each with those projects; a
    person of the registry once whatever their spellings, linked to their homepage."""
    domain = portfolio_domain(app.env)
    projects, registry = domain.projects, domain.registry
    uri = app.builder.get_relative_uri
    people = []
    for name, shared in relations.coauthors(projects, app.config.portfolio_owner, registry):
        known = registry.find(name)
        people.append(
            {
                "name": name,
                "url": known.homepage if known else "",
                "count": components.count_text(len(shared)),
                "projects": [{"title": projects[t].title, "uri": uri(docname, t)} for t in shared],
            }
        )
    names = " ".join(person["name"] for person in people)
    return components.component(
        app.builder,
        COAUTHORS,
        {"people": people},
        lambda: components.people(people),
        lambda: [nodes.paragraph(names, names)],
    )
