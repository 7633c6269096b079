"""Generated pages (one per keyword, the keyword index) and page-specific scripts.

Generated pages are never written to the sources.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from sphinx.locale import _

from portfolio import relations, render
from portfolio.domain import PortfolioDomain
from portfolio.resolve import card_grid

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils import nodes
    from sphinx.application import Sphinx


def keyword_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """Yield ``keywords/<slug>`` for each keyword, then ``keywords/index`` with counts."""
    domain: PortfolioDomain = app.env.get_domain(PortfolioDomain.name)  # type: ignore[assignment]
    builder = app.builder
    groups = relations.keywords(domain.projects)
    for keyword, members in groups.items():
        pagename = render.keyword_page(keyword)
        cards = builder.render_partial(card_grid(app, pagename, members))["fragment"]
        yield (
            pagename,
            {
                # Like a document's, the context title is HTML: the theme prints it as is.
                "title": html.escape(_("Projects on %s") % keyword),
                "keyword": keyword,
                "projects": [_summary(app, pagename, d) for d in members],
                "count": count_text(len(members)),
                "cards": cards,
                "index_uri": builder.get_relative_uri(pagename, render.KEYWORD_INDEX),
            },
            "portfolio/keyword.html",
        )
    index = [
        {
            "name": keyword,
            "uri": builder.get_relative_uri(render.KEYWORD_INDEX, render.keyword_page(keyword)),
            "count": len(members),
            "count_text": count_text(len(members)),
        }
        for keyword, members in groups.items()
    ]
    yield (
        render.KEYWORD_INDEX,
        {"title": html.escape(_("Keywords")), "keywords": index},
        "portfolio/keywords.html",
    )


def count_text(count: int) -> str:
    """``1 project`` or ``N projects``."""
    return _("1 project") if count == 1 else _("%d projects") % count


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


def _summary(app: Sphinx, pagename: str, docname: str) -> dict[str, Any]:
    """What a template needs to show a project without our card markup."""
    domain: PortfolioDomain = app.env.get_domain(PortfolioDomain.name)  # type: ignore[assignment]
    meta = domain.projects[docname]
    return {
        "title": meta.title,
        "uri": app.builder.get_relative_uri(pagename, docname),
        "year": meta.year,
        "venue": meta.venue.short if meta.venue else "",
        "tldr": meta.tldr,
    }
