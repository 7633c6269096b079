"""Which preview card (``og:image``) each HTML page gets, and writing it once.

A project page gets its title, venue, award and TL;DR (beside its own image when it has
one); any other page its title with the owner's photo and the site's description. A card's
file name is a hash of everything drawn on it (``card_art.digest``), so a card is drawn only
when what it shows changes: an edit of a page's body rewrites the page, not its card. Cards
are written to a temporary file and renamed, so workers of a ``-j`` build writing the same
card never leave half a file.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from sphinx.util import logging

from portfolio.model import files, limits
from portfolio.publish import card_art, feeds
from portfolio.sphinx.builders import writes_site
from portfolio.sphinx.domain import portfolio_domain, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from portfolio.model.schema import ProjectMeta

logger = logging.getLogger(__name__)

#: Where cards go in the output; Sphinx puts images flat in ``_images``, so no name meets it.
CARD_DIR = "_images/cards"


@dataclasses.dataclass(frozen=True)
class Preview:
    """A page's preview image: its absolute URL, alt text, and size when known."""

    url: str
    alt: str
    width: int = 0
    height: int = 0


def check_card_config(app: Sphinx, config: Config) -> None:
    """``portfolio_photo`` must be a picture inside the source folder, else it is dropped;
    the owner's name and the description must be drawable."""
    if not config.portfolio_social_cards:
        return
    for problem in card_art.config_problems(config.portfolio_owner, config.portfolio_description):
        logger.warning(limits.printable(str(problem)), type="portfolio", subtype="config")
    photo = config.portfolio_photo
    if not photo:
        return
    srcdir = Path(app.srcdir)
    problem = files.local_problem(srcdir, srcdir / "conf.py", photo)
    if problem:
        logger.warning(
            "portfolio_photo: %s; the cards show no photo",
            problem,
            type="portfolio",
            subtype="config",
        )
        config.portfolio_photo = ""


def site_label(config: Config) -> str:
    """The site's address as shown on a card: ``example.org/ada``."""
    parts = urlsplit(feeds.site_url(config))
    return (parts.netloc + parts.path).rstrip("/")


def plain_title(title: str) -> str:
    """A page title from the template context (HTML) as text."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", title)).split())


def _venue(meta: ProjectMeta) -> str:
    return f"{meta.venue.short} {meta.year}" if meta.venue else str(meta.year)


def _picture(app: Sphinx, pagename: str, meta: ProjectMeta) -> Path | None:
    """The project's image file, if Sphinx copied it (refused files are never drawn)."""
    if meta.image is None or files.is_remote(meta.image.src):
        return None
    key = app.env.relfn2path(meta.image.src, pagename)[0]
    if key not in getattr(app.builder, "images", {}) or key.lower().endswith(".svg"):
        return None  # Pillow draws no SVG: the card is text only
    return Path(app.srcdir, key)


def card_for(
    app: Sphinx, pagename: str, context: dict[str, Any], meta: ProjectMeta | None
) -> card_art.Card:
    """What the card of ``pagename`` shows."""
    config = app.config
    owner = config.portfolio_owner or config.author or ""
    site = site_label(config)
    if meta is not None:
        picture = _picture(app, pagename, meta)
        return card_art.ProjectCard(
            meta.title, _venue(meta), meta.award, meta.tldr, owner, site, picture
        )
    title = plain_title(context.get("title") or "") or config.project
    srcdir = Path(app.srcdir)
    photo = None
    if config.portfolio_photo:  # checked at config-inited: a file inside the source folder
        photo = files.resolve(srcdir, srcdir / "conf.py", config.portfolio_photo)
    return card_art.SiteCard(title, owner, config.portfolio_description, site, photo)


def _alt(card: card_art.Card) -> str:
    if isinstance(card, card_art.ProjectCard):
        return f"{card.title} ({card.venue}), {card.owner}".removesuffix(", ")
    return f"{card.title}, {card.owner}".removesuffix(", ")


def page_card(
    app: Sphinx, pagename: str, context: dict[str, Any], meta: ProjectMeta | None
) -> Preview | None:
    """The page's card, drawn unless its file exists; ``None`` where there are no cards.

    What a project's card cannot draw is reported whether or not cards are made (without
    ``html_baseurl`` they are not), as ``portfolio check`` reports it.
    """
    if not app.config.portfolio_social_cards or not writes_site(app.builder):
        return None
    if meta is not None:
        line = portfolio_domain(app.env).lines.get(pagename, (1, ()))[0]
        for problem in card_art.project_problems(meta, line):
            warn(pagename, problem)
    base = feeds.site_url(app.config)
    if not base:
        return None
    card = card_for(app, pagename, context, meta)
    name = _write(app, card, pagename)
    return Preview(base + name, _alt(card), card_art.WIDTH, card_art.HEIGHT)


def _write(app: Sphinx, card: card_art.Card, pagename: str) -> str:
    """Draw ``card`` unless its file exists; its path relative to the output."""
    name = f"{CARD_DIR}/{card_art.digest(card)}.png"
    path = Path(app.outdir, name)
    if path.is_file():
        return name
    data, problem = card_art.render(card)
    if problem:
        logger.warning(
            "preview card: cannot draw the image (%s); the card shows the text only",
            problem,
            location=pagename,
            type="portfolio",
            subtype="card",
        )
        # Named as the text-only card: the next build tries the picture again, and warns.
        card = dataclasses.replace(card, **{_picture_field(card): None})
        name = f"{CARD_DIR}/{card_art.digest(card)}.png"
        path = Path(app.outdir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".png")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; the site is public
    os.replace(temporary, path)
    return name


def _picture_field(card: card_art.Card) -> str:
    return "image" if isinstance(card, card_art.ProjectCard) else "photo"
