"""Project cards and compact lists: views of the projects a page lists, as components.

A template renders a card in well under a tenth of a millisecond, against more than one for
the same card built as docutils nodes and translated, and each page keeps its cards between
builds (:mod:`portfolio.render.card_store`): a grid of a thousand projects written again
renders only the cards whose project changed, and no node tree of it is held on HTML pages.
Owners can override
``portfolio/grid.html``, ``portfolio/card.html`` and ``portfolio/project-list.html`` in their
own ``_templates/portfolio/``.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, overload

from sphinx.util.osutil import copyfile

from portfolio.model import files
from portfolio.model.schema import keyword_slug
from portfolio.render import components
from portfolio.render.card_store import CardStore
from portfolio.render.templates import renderer
from portfolio.render.view import Image, ProjectView, project_view
from portfolio.sphinx.builders import html_templates
from portfolio.sphinx.domain import CardImage, portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from portfolio.sphinx.nodes import component

GRID = "portfolio/grid.html"
CARD = "portfolio/card.html"
LIST = "portfolio/project-list.html"
#: Where the projects' images are copied for their cards, in the output folder.
CARD_IMAGES = "_images/cards"


def card_image_path(docname: str, image: CardImage) -> str:
    """The output path of a project's card image: one file per project, whatever its name."""
    return f"{CARD_IMAGES}/{keyword_slug(docname)}{Path(image.path).suffix.lower()}"


def views(
    app: Sphinx, docname: str, targets: list[str], *, keywords: bool = True, current: str = ""
) -> LazyViews:
    """The projects ``targets`` as the page ``docname`` shows them (keywords linked to their
    pages unless ``keywords`` is false; ``current`` marked as the page's keyword), each made
    when first used."""
    builder = app.builder
    domain = portfolio_domain(app.env)
    projects, registry = domain.projects, domain.registry
    keyword_uri = components.keyword_uri_maker(builder, docname) if keywords else lambda k: ""
    owner = app.config.portfolio_owner
    images = domain.images
    here = posixpath.dirname(builder.get_target_uri(docname)) or "."

    def view(target: str) -> ProjectView:
        uri = builder.get_relative_uri(docname, target)
        made = project_view(projects[target], target, uri, owner, keyword_uri, registry, current)
        if (image := images.get(target)) is not None:
            src = posixpath.relpath(card_image_path(target, image), here)
            made = dataclasses.replace(made, image=Image(src, image.alt, image.width, image.height))
        return made

    return LazyViews(targets, view)


class LazyViews(Sequence[ProjectView]):
    """Views made on first use: a grid whose cards are all kept (see :mod:`card_store`)
    needs none of them, unless an owner's ``grid.html`` reads them."""

    def __init__(self, targets: list[str], view: Callable[[str], ProjectView]) -> None:
        self.targets, self.view = targets, view
        self.made: dict[int, ProjectView] = {}

    def __len__(self) -> int:
        return len(self.targets)

    @overload
    def __getitem__(self, index: int) -> ProjectView: ...
    @overload
    def __getitem__(self, index: slice) -> list[ProjectView]: ...
    def __getitem__(self, index: int | slice) -> ProjectView | list[ProjectView]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self.targets))[index]]
        index = range(len(self.targets))[index]  # negative indexes; IndexError past the end
        if index not in self.made:
            self.made[index] = self.view(self.targets[index])
        return self.made[index]


class PageCards:
    """The cards of a page's grids: rendered, or kept ones taken from the page's
    :class:`~portfolio.render.card_store.CardStore`, all at once when the first grid is
    written, by the process that writes the page (under ``-j``, a writing worker)."""

    def __init__(self, app: Sphinx, docname: str, targets: list[str]) -> None:
        self.app, self.docname, self.targets = app, docname, targets
        self._html: dict[str, str] | None = None

    def grid(self, targets: list[str]) -> component:
        """``targets`` (some of this page's) as a grid of cards; a compact list where
        there is no HTML."""
        cards = views(self.app, self.docname, targets)
        context = {"cards": cards, "rendered": GridHtml(self, targets)}
        return components.component(
            self.app.builder, GRID, context, lambda: components.project_list(cards)
        )

    def html(self, targets: list[str]) -> list[str]:
        """The cards of ``targets``, in order."""
        if self._html is None:
            store = CardStore(self.app, self.docname)
            made = rendered(self.app, views(self.app, self.docname, self.targets), store)
            store.save()
            self._html = dict(zip(self.targets, made, strict=True))
        return [self._html[t] for t in targets]


class GridHtml(Sequence[str]):
    """A grid's cards as ``grid.html`` reads them (``rendered``): made when first read."""

    def __init__(self, page: PageCards, targets: list[str]) -> None:
        self.page, self.targets = page, targets
        self.made: list[str] | None = None

    def __len__(self) -> int:
        return len(self.targets)

    def __iter__(self) -> Iterator[str]:
        return iter(self._made())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self._made()[index]

    def _made(self) -> list[str]:
        if self.made is None:
            self.made = self.page.html(self.targets)
        return self.made


def rendered(app: Sphinx, cards: LazyViews, store: CardStore) -> list[str]:
    """The HTML of ``cards`` (``portfolio/card.html``), in order, kept ones from ``store``;
    none without HTML.

    ``grid.html`` writes these, or includes ``card.html`` itself where they are missing.
    """
    render = renderer(app.builder)
    if render is None:
        return []
    return store.render(cards.targets, lambda i: render(CARD, {"card": cards[i]}))


def project_list(app: Sphinx, docname: str, targets: list[str]) -> component:
    """A compact list of ``targets`` (title, venue and year, TL;DR) on the page ``docname``."""
    items = views(app, docname, targets, keywords=False)
    return components.component(
        app.builder, LIST, {"projects": items}, lambda: components.project_list(items)
    )


def copy_card_images(app: Sphinx, exception: BaseException | None) -> None:
    """Copy each project's image where its cards find it, when it changed (HTML builds).

    The file is checked again as it is copied: it must still be a regular file inside the
    source folder.
    """
    if exception is not None or html_templates(app.builder) is None:
        return
    srcdir, outdir = Path(app.srcdir), Path(app.outdir)
    for docname, image in portfolio_domain(app.env).images.items():
        page = Path(app.env.doc2path(docname))
        target = "/" + image.path
        if files.local_problem(srcdir, page, target):
            continue  # changed since it was read: the next build reads the page again
        dest = outdir / card_image_path(docname, image)
        dest.parent.mkdir(parents=True, exist_ok=True)
        copyfile(srcdir / image.path, dest, force=True)  # only when the bytes differ
