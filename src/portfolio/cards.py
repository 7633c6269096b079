"""Project cards and lists: HTML from templates (``portfolio/card.html``,
``portfolio/project-list.html``), docutils nodes for the other builders.

A template renders a card in well under a tenth of a millisecond, against more than one
for the same card built as docutils nodes and translated: a grid of a thousand projects
costs little to write again, and no node tree of it is ever held in memory. Owners can
override the template in their own ``_templates/portfolio/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from portfolio import render
from portfolio.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.jinja2glue import BuiltinTemplateLoader

    from portfolio.schema import ProjectMeta

TEMPLATE = "portfolio/card.html"
LIST_TEMPLATE = "portfolio/project-list.html"


def html_templates(app: Sphinx) -> BuiltinTemplateLoader | None:
    """The builder's Jinja templates, or ``None`` where it writes no HTML pages."""
    templates = getattr(app.builder, "templates", None)
    return templates if app.builder.format == "html" else None


def keyword_uri_maker(builder: Builder, docname: str) -> render.KeywordUri:
    """Links from ``docname`` to keyword pages (none where there are none)."""
    if not render.has_keyword_pages(builder):
        return lambda keyword: None
    return lambda keyword: builder.get_relative_uri(docname, render.keyword_page(keyword))


def grid(app: Sphinx, docname: str, targets: list[str]) -> nodes.Element:
    """``targets``' cards on the page ``docname``; a list of them where there is no HTML."""
    builder = app.builder
    projects = portfolio_domain(app.env).projects
    templates = html_templates(app)
    if templates is None:
        uri = builder.get_relative_uri
        return render.project_list((projects[t], uri(docname, t)) for t in targets)
    keyword_uri = keyword_uri_maker(builder, docname)
    owner = app.config.portfolio_owner
    html = "".join(
        templates.render(
            TEMPLATE,
            {
                "card": card_context(
                    projects[t], builder.get_relative_uri(docname, t), owner, keyword_uri, t
                )
            },
        )
        for t in targets
    )
    return render.card_grid([nodes.raw("", html, format="html")])


def project_list(app: Sphinx, docname: str, targets: list[str]) -> nodes.Element:
    """A compact list of ``targets`` (title, venue and year, TL;DR) on the page ``docname``."""
    builder = app.builder
    projects = portfolio_domain(app.env).projects
    items = [(projects[t], builder.get_relative_uri(docname, t)) for t in targets]
    templates = html_templates(app)
    if templates is None:
        return render.project_list(items)
    context = [
        {"title": m.title, "uri": uri, "facts": render.facts_text(m), "tldr": m.tldr}
        for m, uri in items
    ]
    return nodes.raw("", templates.render(LIST_TEMPLATE, {"projects": context}), format="html")


def card_context(
    meta: ProjectMeta, page_uri: str, owner: str, keyword_uri: render.KeywordUri, docname: str
) -> dict[str, Any]:
    """What ``portfolio/card.html`` shows of a project."""
    venue = meta.venue
    return {
        "title": meta.title,
        "uri": page_uri,
        "year": meta.year,
        "venue": venue.short if venue else "",
        "venue_full": venue.full if venue and venue.full != venue.short else "",
        "award": meta.award,
        "authors": [
            {"name": a.name, "owner": bool(owner) and a.name == owner, "equal": a.equal}
            for a in meta.authors
        ],
        "tldr": meta.tldr,
        "keywords": [{"name": k, "uri": keyword_uri(k) or ""} for k in meta.keywords],
        "links": [{"label": label, "url": url} for label, url in meta.links],
        "classes": render.filter_classes(meta),
        "id": f"card-{render.keyword_slug(docname)}",
    }
