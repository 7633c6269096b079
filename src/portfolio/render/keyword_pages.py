"""Generated pages (one per keyword, the keyword index) and page-specific scripts.

Generated pages are never written to the sources.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import _

from portfolio.model import relations, schema
from portfolio.render import background, cards, components
from portfolio.render.card_store import CardStore
from portfolio.render.identity import OutputRecord, identity_digest
from portfolio.render.resolve import navbar
from portfolio.sphinx.builders import writes_keyword_pages
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
    :mod:`portfolio.render.cards`, most of them already rendered in the background
    (:func:`render_cards_early`).
    """
    background.wait(app)
    domain = portfolio_domain(app.env)
    builder = app.builder
    groups = relations.keywords(domain.projects)
    record = OutputRecord.load(app, "pages")
    shared = _shared(app)
    for keyword, pagename, members in _changed_pages(app, record, shared, groups):
        views, html_cards = _cards(app, keyword, pagename, members)
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


def render_cards_early(app: Sphinx, builder: Builder) -> None:
    """As Sphinx starts writing the documents, render the cards of the keyword pages it will
    write afterwards, in the background (:mod:`~portfolio.render.background`): they are kept
    in the pages' card stores, where :func:`keyword_pages` finds them."""
    if not writes_keyword_pages(builder):
        return

    def render() -> None:
        groups = relations.keywords(portfolio_domain(app.env).projects)
        record = OutputRecord.load(app, "pages")
        for keyword, pagename, members in _changed_pages(app, record, _shared(app), groups):
            _cards(app, keyword, pagename, members)

    background.start(app, render)


def _shared(app: Sphinx) -> list[object]:
    """What every keyword page shows besides its projects."""
    people = portfolio_domain(app.env).registry.digest_source()  # who the cards' authors are
    return [identity_digest(app), navbar(app.env, app.config.root_doc), people]


def _changed_pages(
    app: Sphinx, record: OutputRecord, shared: list[object], groups: dict[str, list[str]]
) -> Iterator[tuple[str, str, list[str]]]:
    """The keyword, page name and projects of each keyword page that shows something else
    than when it was last written."""
    fingerprints = portfolio_domain(app.env).fingerprints
    for keyword, members in groups.items():
        pagename = schema.keyword_page(keyword)
        shown = [*shared, keyword, [(d, fingerprints[d]) for d in members]]
        if not record.unchanged(pagename, _written(app.builder, pagename), shown):
            yield keyword, pagename, members


def _cards(
    app: Sphinx, keyword: str, pagename: str, members: list[str]
) -> tuple[cards.LazyViews, list[str]]:
    """The views and the HTML of the cards of the page of ``keyword``, kept in its store."""
    views = cards.views(app, pagename, members, current=keyword)
    store = CardStore(app, pagename)
    html_cards = cards.rendered(app, views, store)
    store.save()
    return views, html_cards


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
