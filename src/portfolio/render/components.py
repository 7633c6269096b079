"""Components: a template for HTML builders, the same content as ordinary docutils nodes
for the others, both from :class:`~portfolio.render.view.ProjectView` values.

:func:`component` is the one place that chooses between them. Every value is placed in
``Text`` nodes or escaped by the templates, never in raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import _

from portfolio.model.schema import keyword_page
from portfolio.sphinx.builders import html_templates, writes_keyword_pages
from portfolio.sphinx.nodes import component as component_node

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from portfolio.render.view import KeywordUri, Link, ProjectView


def component(
    builder: Builder,
    template: str,
    context: dict[str, Any],
    content: Callable[[], Sequence[nodes.Node]],
    searchable: Callable[[], Sequence[nodes.Node]] = lambda: (),
) -> component_node:
    """The ``template`` with its ``context`` where the builder writes HTML, rendered as the
    page is written (:func:`~portfolio.sphinx.nodes.visit_component`), else the nodes
    ``content`` makes; ``searchable`` makes what the search index reads on an HTML page
    (nothing, unless given)."""
    if html_templates(builder) is None:
        return component_node("", *content())
    return component_node("", *searchable(), template=template, context=context)


def div(*children: nodes.Node, classes: list[str]) -> nodes.container:
    """A plain ``<div>``: sphinx-design writes ``is_div`` containers without docutils classes."""
    return nodes.container("", *children, is_div=True, classes=classes)


def count_text(count: int) -> str:
    """``1 project`` or ``N projects``."""
    return _("1 project") if count == 1 else _("%d projects") % count


def keyword_uri_maker(builder: Builder, docname: str) -> KeywordUri:
    """Links from ``docname`` to keyword pages (``""`` where there are none)."""
    if not writes_keyword_pages(builder):
        return lambda keyword: ""
    uris: dict[str, str] = {}  # a grid links the same few keywords hundreds of times

    def uri(keyword: str) -> str:
        if keyword not in uris:
            uris[keyword] = builder.get_relative_uri(docname, keyword_page(keyword))
        return uris[keyword]

    return uri


# The nodes of each component, from views.


def authors_line(view: ProjectView, *, linked: bool = False) -> nodes.paragraph:
    """Authors in order, the owner in bold, equal contributors marked with ``*``; with
    ``linked``, each co-author with a homepage linked to it."""
    para = nodes.paragraph(classes=["pf-authors"])
    for i, author in enumerate(view.authors):
        if i:
            para += nodes.Text(", ")
        name = author.name
        if author.owner:
            para += nodes.strong(name, name, classes=["pf-owner"])
        elif linked and author.url:
            para += nodes.reference(name, name, refuri=author.url, classes=["pf-person"])
        else:
            para += nodes.Text(name)
        if author.equal:
            para += nodes.superscript("*", "*", classes=["pf-equal"])
    return para


def equal_note() -> nodes.paragraph:
    """The footnote explaining the ``*`` mark."""
    text = _("* Equal contribution")
    return nodes.paragraph(text, text, classes=["pf-equal-note"])


def facts_line(view: ProjectView) -> nodes.paragraph:
    """Venue (full name on hover), year and award as badges."""
    para = nodes.paragraph(classes=["pf-facts"])
    if view.venue:
        inner: nodes.Node = nodes.Text(view.venue)
        if view.venue_full:
            inner = nodes.abbreviation(view.venue, view.venue, explanation=view.venue_full)
        para += nodes.inline("", "", inner, classes=["pf-badge", "pf-venue"])
    year = str(view.year)
    para += nodes.inline(year, year, classes=["pf-badge", "pf-year"])
    if view.award:
        para += nodes.inline(view.award, view.award, classes=["pf-badge", "pf-award"])
    return para


def tldr(view: ProjectView) -> nodes.paragraph:
    """The TL;DR, after a visible label."""
    label = _("TL;DR")
    return nodes.paragraph(
        "",
        "",
        nodes.strong(label, label, classes=["pf-tldr-label"]),
        nodes.Text(" " + view.tldr),
        classes=["pf-tldr"],
    )


def keyword_links(view: ProjectView) -> nodes.paragraph:
    """Keyword badges, each linked to its keyword page where there is one."""
    para = nodes.paragraph(classes=["pf-keywords"])
    for keyword in view.keywords:
        badge = nodes.inline(keyword.name, keyword.name, classes=["pf-badge", "pf-keyword"])
        if keyword.uri:
            badge = nodes.reference("", "", badge, internal=True, refuri=keyword.uri)
        para += badge
    return para


def link_buttons(view: ProjectView, cite_uri: str = "") -> nodes.paragraph:
    """The project's links in the order written, then Cite where ``cite_uri`` is given."""
    para = nodes.paragraph(classes=["pf-links"])
    for link in view.links:
        para += link_text(link)
        para += nodes.Text(" ")
    if cite_uri:
        label = _("Cite")
        para += nodes.reference(
            "", label, internal=True, refuri=cite_uri, classes=["pf-link", "pf-cite-link"]
        )
    return para


def link_text(link: Link) -> list[nodes.Node]:
    """A link as text and print show it: its label, linked, then its URL (``Code <url>``)."""
    return [
        nodes.reference(link.label, link.label, refuri=link.url, classes=["pf-link"]),
        nodes.Text(f" <{link.url}>"),
    ]


def header(view: ProjectView, cite_uri: str) -> list[nodes.Node]:
    """A project page's header: authors, note, facts, TL;DR, keywords and buttons."""
    parts: list[nodes.Node] = [authors_line(view, linked=True)]
    if view.equal_note:
        parts.append(equal_note())
    parts += [facts_line(view), tldr(view)]
    if view.keywords:
        parts.append(keyword_links(view))
    parts.append(link_buttons(view, cite_uri))
    if view.abstract:
        label = _("Abstract")
        parts.append(
            nodes.paragraph(
                "",
                "",
                nodes.strong(label, label),
                nodes.Text(" " + view.abstract),
                classes=["pf-abstract"],
            )
        )
    return parts


def project_list(views: Iterable[ProjectView]) -> list[nodes.Node]:
    """A compact list of projects: linked title, venue and year, then the TL;DR."""
    listing = nodes.bullet_list(classes=["pf-project-list"])
    for view in views:
        title = nodes.reference("", view.title, internal=True, refuri=view.uri)
        facts = nodes.inline(view.facts, view.facts, classes=["pf-muted"])
        listing += nodes.list_item(
            "",
            nodes.paragraph("", "", title, nodes.Text(" "), facts),
            nodes.paragraph(view.tldr, view.tldr, classes=["pf-related-tldr"]),
        )
    return [listing]


def publications(views: Iterable[ProjectView]) -> list[nodes.Node]:
    """Citations, one per line: authors. Title. Venue year, award. Links."""
    listing = nodes.bullet_list(classes=["pf-publications"])
    for view in views:
        para = nodes.paragraph(classes=["pf-publication"])
        para.extend(authors_line(view).children)
        para += nodes.Text(". ")
        title = nodes.reference("", view.title, internal=True, refuri=view.uri)
        para += [
            nodes.strong("", "", title),
            nodes.Text(". "),
            nodes.emphasis(view.where, view.where),
        ]
        if view.award:
            para += [nodes.Text(", "), nodes.inline(view.award, view.award, classes=["pf-award"])]
        para += nodes.Text(".")
        for link in view.links:
            para += [nodes.Text(" "), *link_text(link)]
        listing += nodes.list_item("", para)
    return [listing]


def people(rows: Iterable[dict[str, Any]]) -> list[nodes.Node]:
    """Each co-author (``name``, ``url``, ``count``) with the ``projects`` shared (``title``,
    ``uri``), as ``portfolio/coauthor-list.html`` is given them."""
    listing = nodes.definition_list(classes=["pf-people"])
    for row in rows:
        name, count = row["name"], row["count"]
        links = nodes.bullet_list()
        for shared in row["projects"]:
            ref = nodes.reference("", shared["title"], internal=True, refuri=shared["uri"])
            links += nodes.list_item("", nodes.paragraph("", "", ref))
        shown: nodes.Node = nodes.Text(name)
        if row.get("url"):
            shown = nodes.reference(name, name, refuri=row["url"], classes=["pf-person"])
        term = nodes.term("", "", shown, nodes.inline(count, f" ({count})", classes=["pf-count"]))
        listing += nodes.definition_list_item("", term, nodes.definition("", links))
    return [listing]


def cite_blocks(context: dict[str, Any]) -> list[nodes.Node]:
    """The Cite section's blocks, as ``portfolio/bibtex.html`` is given them: the BibTeX
    ``entry``, each of ``citations`` after its style's label, and ``cff`` if any."""
    parts = [("BibTeX", context["entry"], "bibtex")]
    parts += [(c.label, c.text, "text") for c in context["citations"]]
    if context["cff"]:
        parts.append(("CITATION.cff", context["cff"], "yaml"))
    blocks: list[nodes.Node] = []
    for label, text, language in parts:
        blocks.append(nodes.paragraph(label, label, classes=["pf-cite-style"]))
        blocks.append(nodes.literal_block(text, text, language=language))
    return blocks
