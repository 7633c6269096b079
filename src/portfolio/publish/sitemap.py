"""``sitemap.xml``: every page of the site, written at ``build-finished`` from the environment.

A sitemap gathered while pages are written lists only the pages a build wrote, and an
incremental build writes few (jdillard/sphinx-sitemap#13, which offers no public way to add
the others). Derived from the environment on every build, this one is complete and the same
whatever was rebuilt.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary
from xml.etree import ElementTree

from sphinx.util import logging

from portfolio.model import relations, schema
from portfolio.publish.feeds import excluded, page_path, site_url, write_if_changed
from portfolio.sphinx.builders import writes_site
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

SITEMAP = "sitemap.xml"
#: Pages that other extensions generate (``html_additional_pages``, ``html-collect-pages``),
#: seen as they are written in this build, per application.
_generated: WeakKeyDictionary[Sphinx, set[str]] = WeakKeyDictionary()
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def say_without_baseurl(app: Sphinx, config: Config) -> None:
    """Without ``html_baseurl`` there are no absolute URLs: say once what is left out."""
    if not site_url(config):
        logger.info("portfolio: html_baseurl is not set: no sitemap.xml, feed.xml or robots.txt")


def note_generated_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Remember a page that is no document (written by the main process, also under -j)."""
    if pagename not in app.env.found_docs:
        _generated.setdefault(app, set()).add(pagename)


def sitemap_paths(app: Sphinx) -> list[str]:
    """Every page's path, sorted: documents, keyword pages and their index, other generated
    pages, but the excluded."""
    projects = portfolio_domain(app.env).projects
    pages = {*app.env.found_docs, schema.KEYWORD_INDEX, *_generated.get(app, ())}
    pages.update(schema.keyword_page(k) for k in relations.keywords(projects))
    patterns = app.config.portfolio_sitemap_excludes
    paths = {page_path(app.builder, page) for page in pages}
    return sorted(path for path in paths if not excluded(path, patterns))


def sitemap_xml(base: str, paths: list[str]) -> str:
    """A sitemap (sitemaps.org 0.9) of the pages at ``paths`` under ``base``."""
    urlset = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for path in paths:
        ElementTree.SubElement(ElementTree.SubElement(urlset, "url"), "loc").text = base + path
    ElementTree.indent(urlset)
    body = ElementTree.tostring(urlset, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def write_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``sitemap.xml`` at the output root, when the site has a base URL."""
    base = site_url(app.config)
    if exception is not None or not base or not writes_site(app.builder):
        return
    write_if_changed(Path(app.outdir) / SITEMAP, sitemap_xml(base, sitemap_paths(app)))
