"""Generated pages (one per keyword, the keyword index) and page-specific scripts.

Generated pages are never written to the sources.
"""

from __future__ import annotations

import dataclasses
import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.locale import _

from portfolio.model import relations, schema
from portfolio.render import cards, components
from portfolio.render.card_store import CardStore
from portfolio.render.identity import digest, identity_digest
from portfolio.render.resolve import navbar
from portfolio.render.view import ProjectView
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx


def keyword_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield ``keywords/<slug>`` for each keyword, then ``keywords/index`` with counts.

    A page whose content is unchanged since it was last written is not yielded again
    (see :class:`PageRecord`); cards come from :mod:`portfolio.render.cards`.
    """
    domain = portfolio_domain(app.env)
    builder = app.builder
    groups = relations.keywords(domain.projects)
    record = PageRecord.load(app)
    people = domain.registry.digest_source()  # who the cards' authors are
    shared = [identity_digest(app), navbar(app.env, app.config.root_doc), people]
    for keyword, members in groups.items():
        pagename = schema.keyword_page(keyword)
        shown = [*shared, keyword, [(d, domain.fingerprints[d]) for d in members]]
        if record.unchanged(pagename, shown):
            continue
        plain = cards.views(app, pagename, members)
        views = cards.LazyViews(members, lambda d, k=keyword, v=plain.view: marked(v(d), k))
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
    if not record.unchanged(schema.KEYWORD_INDEX, [*shared, index]):
        yield (
            schema.KEYWORD_INDEX,
            {"title": html.escape(_("Keywords")), "keywords": index},
            "portfolio/keywords.html",
        )
    # Sphinx has written every page yielded above: only now are they recorded.
    record.save(pagenames=[schema.keyword_page(k) for k in groups] + [schema.KEYWORD_INDEX])


def marked(view: ProjectView, keyword: str) -> ProjectView:
    """``view`` with ``keyword`` marked as the current page's among its keywords."""
    keywords = tuple(dataclasses.replace(k, current=k.name == keyword) for k in view.keywords)
    return dataclasses.replace(view, keywords=keywords)


class PageRecord:
    """Digests of the generated pages as last written, kept beside the doctrees.

    A page is written again when its digest changes or its file is missing. The record is
    saved only after the pages are written, so an interrupted build rewrites them next time.
    """

    def __init__(self, app: Sphinx, path: Path, digests: dict[str, str]) -> None:
        self.app, self.path = app, path
        self.old, self.new = digests, dict[str, str]()

    @classmethod
    def load(cls, app: Sphinx) -> PageRecord:
        """The record of this builder and output folder (empty when there is none)."""
        path = Path(app.doctreedir) / f"portfolio-pages-{app.builder.name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict) or data.get("outdir") != str(app.outdir):
            data = {}
        return cls(app, path, data.get("pages", {}))

    def unchanged(self, pagename: str, shown: object) -> bool:
        """Record what ``pagename`` shows; whether its written file already shows it."""
        self.new[pagename] = digest(shown)
        written = Path(self.app.builder.get_outfilename(pagename)).is_file()
        return written and self.old.get(pagename) == self.new[pagename]

    def save(self, pagenames: list[str]) -> None:
        """Keep the digests of ``pagenames`` (the pages that exist now)."""
        pages = {p: self.new[p] for p in pagenames if p in self.new}
        data = {"outdir": str(self.app.outdir), "pages": pages}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")


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
