"""Project cards and compact lists: views of the projects a page lists, as components.

A template renders a card in well under a tenth of a millisecond, against more than one for
the same card built as docutils nodes and translated: a grid of a thousand projects costs
little to write again, and no node tree of it is held on HTML pages. Owners can override
``portfolio/grid.html``, ``portfolio/card.html`` and ``portfolio/project-list.html`` in their
own ``_templates/portfolio/``.
"""

from __future__ import annotations

import dataclasses
import posixpath
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.model import files
from portfolio.model.schema import keyword_slug
from portfolio.render import components
from portfolio.render.view import Image, ProjectView, project_view
from portfolio.sphinx.builders import html_templates
from portfolio.sphinx.domain import CardImage, portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from portfolio.sphinx.nodes import component

GRID = "portfolio/grid.html"
LIST = "portfolio/project-list.html"
#: Where the projects' images are copied for their cards, in the output folder.
CARD_IMAGES = "_images/cards"


def card_image_path(docname: str, image: CardImage) -> str:
    """The output path of a project's card image: one file per project, whatever its name."""
    return f"{CARD_IMAGES}/{keyword_slug(docname)}{Path(image.path).suffix.lower()}"


def views(
    app: Sphinx, docname: str, targets: list[str], *, keywords: bool = True
) -> list[ProjectView]:
    """The projects ``targets`` as the page ``docname`` shows them (keywords linked to their
    pages unless ``keywords`` is false)."""
    builder = app.builder
    domain = portfolio_domain(app.env)
    projects, registry = domain.projects, domain.registry
    keyword_uri = components.keyword_uri_maker(builder, docname) if keywords else lambda k: ""
    owner = app.config.portfolio_owner
    images = domain.images
    here = posixpath.dirname(builder.get_target_uri(docname)) or "."
    found = []
    for t in targets:
        uri = builder.get_relative_uri(docname, t)
        view = project_view(projects[t], t, uri, owner, keyword_uri, registry)
        if (image := images.get(t)) is not None:
            src = posixpath.relpath(card_image_path(t, image), here)
            view = dataclasses.replace(view, image=Image(src, image.alt, image.width, image.height))
        found.append(view)
    return found


def grid(app: Sphinx, docname: str, targets: list[str]) -> component:
    """``targets``' cards on the page ``docname``; a compact list where there is no HTML."""
    cards = views(app, docname, targets)
    return components.component(
        app.builder, GRID, {"cards": cards}, lambda: components.project_list(cards)
    )


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
        source, dest = srcdir / image.path, outdir / card_image_path(docname, image)
        if dest.is_file() and dest.read_bytes() == source.read_bytes():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
