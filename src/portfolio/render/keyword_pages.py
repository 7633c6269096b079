"""Generated pages (one per keyword, the keyword index) and page-specific scripts.

Generated pages are never written to the sources.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import _

from portfolio.model import relations, schema
from portfolio.render import cards, components
from portfolio.render.card_store import CardStore
from portfolio.render.identity import OutputRecord, identity_digest
from portfolio.render.resolve import navbar
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def keyword_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield ``keywords/<slug>`` for each keyword, then ``keywords/index`` with counts.

    A page whose content is unchanged since it was last written is not yielded again
    (:class:`~portfolio.render.identity.OutputRecord`); cards come from
    :mod:`portfolio.render.cards`.
    """
    domain = portfolio_domain(app.env)
    builder = app.builder
    groups = relations.keywords(domain.projects)
    record = OutputRecord.load(app, "pages")
    people = domain.registry.digest_source()  # who the cards' authors are
    shared = [identity_digest(app), navbar(app.env, app.config.root_doc), people]
    for keyword, members in groups.items():
        pagename = schema.keyword_page(keyword)
        shown = [*shared, keyword, [(d, domain.fingerprints[d]) for d in members]]
        if record.unchanged(pagename, _written(builder, pagename), shown):
            continue
        views = cards.views(app, pagename, members, current=keyword)
        store = CardStore(app, pagename)
        html_cards = cards.rendered(app, views, store)
        store.save()
        yield (
            pagename,
            {
                # Like a document's, the context title is HTML: the theme prints it as is.
                "title": html.escape(_("Projects on %s") % keyword),
                "keyword": keyword,
                "count": components.count_text(len(members)),
                "cards": views,
                "rendered": html_cards,
                "index_uri": builder.get_relative_uri(pagename, schema.KEYWORD_INDEX),
                "parents": [
                    {
                        "link": builder.get_relative_uri(pagename, schema.KEYWORD_INDEX),
                        "title": html.escape(_("Keywords")),
                    }
                ],
            },
            "portfolio/keyword.html",
        )
    index = [
        {
            "name": keyword,
            "uri": builder.get_relative_uri(schema.KEYWORD_INDEX, schema.keyword_page(keyword)),
            "count": len(members),
            "count_text": components.count_text(len(members)),
        }
        for keyword, members in groups.items()
    ]
    written = _written(builder, schema.KEYWORD_INDEX)
    if not record.unchanged(schema.KEYWORD_INDEX, written, [*shared, index]):
        yield (
            schema.KEYWORD_INDEX,
            {"title": html.escape(_("Keywords")), "keywords": index},
            "portfolio/keywords.html",
        )
    # Sphinx has written every page yielded above: only now are they recorded.
    record.save(keys=[schema.keyword_page(k) for k in groups] + [schema.KEYWORD_INDEX])


def _written(builder: Builder, pagename: str) -> Path:
    return Path(builder.get_outfilename(pagename))


def add_filter_script(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Load the grid filter only on pages with a filterable grid."""
    if "pf-filterable" in context.get("body", ""):
        app.add_js_file("portfolio-filter.js", loading_method="defer")
