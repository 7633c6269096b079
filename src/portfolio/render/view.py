"""A project as a page shows it: :class:`ProjectView`, computed once from its validated front
matter and the page's links, and the only thing templates and node builders are given.

Templates (``templates/portfolio/*.html``) read its fields by name;
:mod:`portfolio.render.components` builds the same content as docutils nodes from it for the
other builders.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from portfolio.model import abstract
from portfolio.model.people import Registry
from portfolio.model.schema import keyword_slug

if TYPE_CHECKING:
    from portfolio.model.schema import Author, ProjectMeta

#: Turns a keyword into the URI of its page from the page being written (``""``: none).
KeywordUri = Callable[[str], str]


@dataclasses.dataclass(frozen=True)
class Person:
    """An author as shown: the owner in bold (under any spelling of the registry), equal
    contributors marked, a co-author's homepage from the registry (linked where a page
    says so: a project's header)."""

    name: str
    owner: bool = False
    equal: bool = False
    url: str = ""


@dataclasses.dataclass(frozen=True)
class Keyword:
    """A keyword badge, linked to its page where the page being written has one."""

    name: str
    uri: str = ""
    #: whether this is the keyword of the page being written
    current: bool = False


@dataclasses.dataclass(frozen=True)
class Link:
    """A link button."""

    label: str
    url: str


@dataclasses.dataclass(frozen=True)
class Image:
    """A project's image on a card: its URI from the page being written, and its size."""

    uri: str
    alt: str
    width: int
    height: int


@dataclasses.dataclass(frozen=True)
class ProjectView:
    """Everything a card, a header, a list entry or a citation shows of one project."""

    docname: str
    title: str
    #: the project page, relative to the page being written
    uri: str
    year: int
    venue: str
    #: the venue's full name, when it says more than ``venue``
    venue_full: str
    award: str
    authors: tuple[Person, ...]
    #: whether an author is marked as an equal contributor (a note explains the ``*``)
    equal_note: bool
    tldr: str
    keywords: tuple[Keyword, ...]
    links: tuple[Link, ...]
    #: classes the grid filter reads: ``pf-kw-<slug>``, ``pf-year-<year>``, ``pf-venue-<slug>``
    classes: tuple[str, ...]
    #: the card's HTML id
    id: str
    #: ``NeurIPS 2025``, or the year alone
    facts: str
    #: ``Full Name (SHORT) 2025``: where and when, for a citation
    where: str
    #: the abstract as HTML (Markdown rendered, raw HTML escaped) and as plain text
    abstract_html: str = ""
    abstract: str = ""
    #: the project's logo or teaser, on cards
    image: Image | None = None


def project_view(
    meta: ProjectMeta,
    docname: str,
    uri: str,
    owner: str,
    keyword_uri: KeywordUri,
    registry: Registry | None = None,
    current: str = "",
) -> ProjectView:
    """How the page at the other end of ``uri``'s links shows the project ``docname``, its
    authors known by ``registry``; on the page of the keyword ``current``, that keyword is
    marked as the page's."""
    registry = registry or Registry()
    owner_key = registry.key(owner) if owner else None
    venue = meta.venue
    short = venue.short if venue else ""
    full = venue.full if venue and venue.full != venue.short else ""
    where = f"{full} ({short})" if full else short
    classes = [f"pf-kw-{keyword_slug(k)}" for k in meta.keywords]
    classes.append(f"pf-year-{meta.year}")
    if venue:
        classes.append(f"pf-venue-{keyword_slug(venue.short)}")
    return ProjectView(
        docname=docname,
        title=meta.title,
        uri=uri,
        year=meta.year,
        venue=short,
        venue_full=full,
        award=meta.award,
        authors=tuple(_person(a, owner_key, registry) for a in meta.authors),
        equal_note=meta.has_equal_contribution,
        tldr=meta.tldr,
        keywords=tuple(Keyword(k, keyword_uri(k), k == current) for k in meta.keywords),
        links=tuple(Link(label, url) for label, url in meta.links),
        classes=tuple(classes),
        id=f"card-{keyword_slug(docname)}",
        facts=f"{short} {meta.year}" if venue else str(meta.year),
        where=f"{where} {meta.year}".strip(),
        abstract_html=abstract.to_html(meta.abstract) if meta.abstract else "",
        abstract=abstract.to_text(meta.abstract) if meta.abstract else "",
    )


def _person(author: Author, owner_key: str | None, registry: Registry) -> Person:
    """``author`` as shown: the owner (``owner_key`` is theirs), or linked to the homepage
    the registry knows."""
    if registry.key(author.name) == owner_key:
        return Person(author.name, True, author.equal)
    known = registry.find(author.name) if author.is_person else None
    return Person(author.name, False, author.equal, known.homepage if known else "")
