"""A project as docutils nodes and text: its page header, compact and citation lists for
the builders that do not write HTML from the templates (:mod:`portfolio.cards`,
:mod:`portfolio.header`, :mod:`portfolio.lists`), the grid around the cards, and the
names, counts and classes both share.

Every value is placed in ``Text`` nodes or escaped attributes, never in raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import _

from portfolio.bibtex import BIBFILE
from portfolio.nodes import external_link
from portfolio.schema import KEYWORD_FOLDER, keyword_slug

__all__ = ["BIBFILE"]  # the site's BibTeX file, for the pages that link to it

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from portfolio.schema import ProjectMeta

#: Pagename of the generated keyword index.
KEYWORD_INDEX = f"{KEYWORD_FOLDER}/index"

#: Turns a keyword into the URI of its page, or ``None`` when there is none.
KeywordUri = Callable[[str], "str | None"]


def div(*children: nodes.Node, classes: list[str]) -> nodes.container:
    """A plain ``<div>``: sphinx-design writes ``is_div`` containers without docutils classes."""
    return nodes.container("", *children, is_div=True, classes=classes)


def count_text(count: int) -> str:
    """``1 project`` or ``N projects``."""
    return _("1 project") if count == 1 else _("%d projects") % count


def has_keyword_pages(builder: Builder) -> bool:
    """Whether ``builder`` writes the keyword pages: HTML builders but singlehtml, which
    writes one page and collects no others."""
    return builder.format == "html" and not isinstance(builder, SingleFileHTMLBuilder)


def keyword_page(keyword: str) -> str:
    """The pagename of the generated page listing a keyword's projects."""
    return f"{KEYWORD_FOLDER}/{keyword_slug(keyword)}"


def filter_classes(meta: ProjectMeta) -> list[str]:
    """Classes the grid filter reads: ``pf-kw-<slug>``, ``pf-year-<year>``, ``pf-venue-<slug>``."""
    classes = [f"pf-kw-{keyword_slug(k)}" for k in meta.keywords]
    classes.append(f"pf-year-{meta.year}")
    if meta.venue:
        classes.append(f"pf-venue-{keyword_slug(meta.venue.short)}")
    return classes


def authors_line(meta: ProjectMeta, owner: str) -> nodes.paragraph:
    """Authors in order, the owner in bold, equal contributors marked with ``*``."""
    para = nodes.paragraph(classes=["pf-authors"])
    for i, author in enumerate(meta.authors):
        if i:
            para += nodes.Text(", ")
        name: nodes.Node = nodes.Text(author.name)
        if owner and author.name == owner:
            name = nodes.strong(author.name, author.name, classes=["pf-owner"])
        para += name
        if author.equal:
            para += nodes.superscript("*", "*", classes=["pf-equal"])
    return para


def equal_note() -> nodes.paragraph:
    """The footnote explaining the ``*`` mark."""
    text = _("* Equal contribution")
    return nodes.paragraph(text, text, classes=["pf-equal-note"])


def facts_line(meta: ProjectMeta) -> nodes.paragraph:
    """Venue (full name on hover), year and award as badges."""
    para = nodes.paragraph(classes=["pf-facts"])
    if meta.venue:
        venue = meta.venue
        inner: nodes.Node = nodes.Text(venue.short)
        if venue.full and venue.full != venue.short:
            inner = nodes.abbreviation(venue.short, venue.short, explanation=venue.full)
        para += nodes.inline("", "", inner, classes=["pf-badge", "pf-venue"])
    year = str(meta.year)
    para += nodes.inline(year, year, classes=["pf-badge", "pf-year"])
    if meta.award:
        para += nodes.inline(meta.award, meta.award, classes=["pf-badge", "pf-award"])
    return para


def tldr(meta: ProjectMeta) -> nodes.paragraph:
    """The TL;DR, with a visible label."""
    label = _("TL;DR")
    return nodes.paragraph(
        "",
        "",
        nodes.strong(label, label, classes=["pf-tldr-label", "no-search"]),
        nodes.Text(" " + meta.tldr),
        classes=["pf-tldr"],
    )


def keyword_links(meta: ProjectMeta, uri: KeywordUri) -> nodes.paragraph:
    """Keyword badges, each linked to its keyword page where ``uri`` gives one."""
    para = nodes.paragraph(classes=["pf-keywords"])
    for keyword in meta.keywords:
        badge = nodes.inline(keyword, keyword, classes=["pf-badge", "pf-keyword"])
        target = uri(keyword)
        para += nodes.reference("", "", badge, internal=True, refuri=target) if target else badge
    return para


def link_buttons(meta: ProjectMeta) -> nodes.paragraph:
    """The project's links as buttons, in the order written."""
    para = nodes.paragraph(classes=["pf-links", "no-search"])  # labels only: Paper, Code
    for label, url in meta.links:
        para += external_link(
            label, label, refuri=url, classes=["sd-btn", "sd-btn-outline-primary", "pf-link"]
        )
        para += nodes.Text(" ")
    return para


def project_header(
    meta: ProjectMeta,
    owner: str,
    image: nodes.Node | None,
    keyword_uri: KeywordUri,
    cite_uri: str,
) -> nodes.container:
    """Everything above a project page's body; the last button leads to its BibTeX."""
    header = div(classes=["pf-header"])
    if image is not None:
        header += image
    header += authors_line(meta, owner)
    if meta.has_equal_contribution:
        header += equal_note()
    header += facts_line(meta)
    header += tldr(meta)
    if meta.keywords:
        header += keyword_links(meta, keyword_uri)
    links = link_buttons(meta)
    label = _("Cite")
    links += nodes.reference(
        "",
        label,
        internal=True,
        refuri=cite_uri,
        classes=["sd-btn", "sd-btn-outline-secondary", "pf-link", "pf-cite-link"],
    )
    header += links
    return header


def facts_text(meta: ProjectMeta) -> str:
    """``NeurIPS 2025``, or the year alone."""
    return f"{meta.venue.short} {meta.year}" if meta.venue else str(meta.year)


def project_list(items: Iterable[tuple[ProjectMeta, str]]) -> nodes.bullet_list:
    """A compact list of projects: linked title, venue and year, then the TL;DR."""
    listing = nodes.bullet_list(classes=["pf-project-list"])
    for meta, page_uri in items:
        title = nodes.reference("", meta.title, internal=True, refuri=page_uri)
        facts = facts_text(meta)
        listing += nodes.list_item(
            "",
            nodes.paragraph(
                "", "", title, nodes.Text(" "), nodes.inline(facts, facts, classes=["pf-muted"])
            ),
            nodes.paragraph(meta.tldr, meta.tldr, classes=["pf-related-tldr"]),
        )
    return listing


def venue_text(meta: ProjectMeta) -> str:
    """``Full Name (SHORT)``, or whichever of the two exists."""
    if not meta.venue:
        return ""
    short, full = meta.venue.short, meta.venue.full
    return f"{full} ({short})" if full and full != short else full or short


def where_text(meta: ProjectMeta) -> str:
    """``Full Name (SHORT) 2025``: where and when a project appeared, for a citation."""
    return f"{venue_text(meta)} {meta.year}".strip()


def publication(meta: ProjectMeta, page_uri: str, owner: str) -> nodes.paragraph:
    """One line of a publication list: authors. Title. Venue year, award. Links."""
    para = nodes.paragraph(classes=["pf-publication"])
    para.extend(authors_line(meta, owner).children)
    para += nodes.Text(". ")
    para += nodes.strong("", "", nodes.reference("", meta.title, internal=True, refuri=page_uri))
    para += nodes.Text(". ")
    where = where_text(meta)
    para += nodes.emphasis(where, where)
    if meta.award:
        para += nodes.Text(", ")
        para += nodes.inline(meta.award, meta.award, classes=["pf-badge", "pf-award"])
    para += nodes.Text(".")
    for label, url in meta.links:
        para += nodes.Text(" ")
        para += external_link(label, f"[{label}]", refuri=url, classes=["pf-publication-link"])
    return para


def card_grid(cards: Iterable[nodes.Node]) -> nodes.container:
    """A responsive grid: one column on phones, two from tablets up."""
    row = div(
        *cards, classes=["sd-row", "sd-row-cols-1", "sd-row-cols-md-2", "sd-g-3", "pf-grid-row"]
    )
    # no-search: a search should land on the project's own page, not on every listing.
    return div(
        row,
        classes=["sd-container-fluid", "sd-sphinx-override", "sd-mb-4", "pf-grid", "no-search"],
    )
