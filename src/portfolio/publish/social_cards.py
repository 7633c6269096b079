"""Which preview card (``og:image``) each HTML page gets, and writing it once.

A project page gets its title, venue, award and TL;DR (beside its own image when it has
one); any other page its title with the owner's photo and the site's description. A card's
file name is a hash of everything drawn on it (``card_spec.digest``), so a card is drawn only
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

from docutils import nodes
from sphinx.util import logging

from portfolio.model import files, limits
from portfolio.publish import card_spec, feeds
from portfolio.sphinx.builders import writes_site
from portfolio.sphinx.domain import portfolio_domain, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from portfolio.model.schema import ProjectMeta

logger = logging.getLogger(__name__)

#: Where preview cards go; Sphinx puts images flat in ``_images`` (the grid's logos: ``cards/``).
CARD_DIR = "_images/previews"


@dataclasses.dataclass(frozen=True)
class Preview:
    """A page's preview image: its absolute URL, alt text, and size when known."""

    url: str
    alt: str
    width: int = 0
    height: int = 0


def check_card_config(app: Sphinx, config: Config) -> None:
    """The owner's name and the description must be drawable on the cards."""
    if not config.portfolio_social_cards:
        return
    for problem in card_spec.config_problems(config.portfolio_owner, config.portfolio_description):
        logger.warning(limits.printable(str(problem)), type="portfolio", subtype="config")


def note_photo(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the page's first ``pf-avatar`` image (the owner's photo) for the cards.

    Runs after Sphinx's image collector, which has dropped what ``guard.py`` refused and
    put each image's file, relative to the source folder, in its ``candidates``.
    """
    for node in doctree.findall(nodes.image):
        if "pf-avatar" in node.get("classes", ()):
            source = node.get("candidates", {}).get("*", "")
            if source and not files.is_remote(source):
                portfolio_domain(app.env).photos[app.env.docname] = source
            return


def site_label(config: Config) -> str:
    """The site's address as shown on a card: ``example.org/ada``."""
    parts = urlsplit(feeds.site_url(config))
    return (parts.netloc + parts.path).rstrip("/")


def plain_title(title: str) -> str:
    """A page title from the template context (HTML) as text."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", title)).split())


def _venue(meta: ProjectMeta) -> str:
    return f"{meta.venue.short} {meta.year}" if meta.venue else str(meta.year)


def _picture(app: Sphinx, relative: str | None) -> Path | None:
    """A file of the source folder to draw, or ``None`` (Pillow draws no SVG)."""
    if not relative or relative.lower().endswith(".svg"):
        return None
    return Path(app.srcdir, relative)


def card_for(
    app: Sphinx, pagename: str, context: dict[str, Any], meta: ProjectMeta | None
) -> card_spec.Card:
    """What the card of ``pagename`` shows."""
    config = app.config
    domain = portfolio_domain(app.env)
    owner = config.portfolio_owner or config.author or ""
    site = site_label(config)
    if meta is not None:
        image = domain.images.get(pagename)  # checked when read: a file inside the source
        picture = _picture(app, image.path if image else None)
        return card_spec.ProjectCard(
            meta.title, _venue(meta), meta.award, meta.tldr, owner, site, picture, accent(config)
        )
    title = plain_title(context.get("title") or "") or config.project
    photo = _picture(app, domain.photos.get(config.root_doc))
    description = config.portfolio_description
    return card_spec.SiteCard(title, owner, description, site, photo, accent(config))


def accent(config: Config) -> str:
    """The theme's ``primary_color`` (light mode) when set as ``#rrggbb``, else the parent's."""
    color = str((config.html_theme_options or {}).get("primary_color") or "")
    return color if re.fullmatch(r"#[0-9a-fA-F]{6}", color) else card_spec.PRIMARY


def _alt(card: card_spec.Card) -> str:
    if isinstance(card, card_spec.ProjectCard):
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
        for problem in card_spec.project_problems(meta, line):
            warn(pagename, problem)
    base = feeds.site_url(app.config)
    if not base:
        return None
    card = card_for(app, pagename, context, meta)
    name = _write(app, card, pagename)
    return Preview(base + name, _alt(card), card_spec.WIDTH, card_spec.HEIGHT)


def _write(app: Sphinx, card: card_spec.Card, pagename: str) -> str:
    """Draw ``card`` unless its file exists; its path relative to the output."""
    name = f"{CARD_DIR}/{card_spec.digest(card)}.png"
    path = Path(app.outdir, name)
    if path.is_file():
        return name
    from portfolio.publish import card_art  # Pillow is loaded only when a card is drawn

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
        name = f"{CARD_DIR}/{card_spec.digest(card)}.png"
        path = Path(app.outdir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".png")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; the site is public
    os.replace(temporary, path)
    return name


def _picture_field(card: card_spec.Card) -> str:
    return "image" if isinstance(card, card_spec.ProjectCard) else "photo"
