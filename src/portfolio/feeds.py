"""Site-wide files written at ``build-finished``: ``publications.bib``, Atom feed,
``llms.txt``, ``robots.txt``.

Also completes sphinx-sitemap's list of pages. Everything is derived from the environment
on every build, never gathered while pages are written, so incremental builds stay complete.
"""

from __future__ import annotations

import fnmatch
import queue
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from sphinx.util import logging
from sphinx_sitemap import add_html_link

from portfolio import bibtex, frontmatter, relations, render
from portfolio.domain import portfolio_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from portfolio.schema import ProjectMeta

logger = logging.getLogger(__name__)

FEED = "feed.xml"
LLMS = "llms.txt"
ROBOTS = "robots.txt"
ATOM = "http://www.w3.org/2005/Atom"
#: Runs before sphinx-sitemap's ``create_sitemap`` (500), which writes what is queued.
SITEMAP_PRIORITY = 400
#: Pages left out of the sitemap unless ``sitemap_excludes`` is set.
SITEMAP_EXCLUDES = ["search.html", "genindex.html", "404.html", "search/", "genindex/", "404/"]
_SITEMAP_SCHEME = "{lang}{version}{link}"  # sphinx-sitemap's default


def site_url(config: Config) -> str:
    """``html_baseurl`` ending in ``/``, or ``""`` when it is not set."""
    base = (config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""


def is_site_builder(builder: Builder) -> bool:
    """Whether the builder writes a web site (html, dirhtml), not a single page or e-book."""
    return (
        builder.format == "html"
        and not getattr(builder, "embedded", False)
        and builder.name != "singlehtml"
    )


def configure_sitemap(app: Sphinx, config: Config) -> None:
    """Make sphinx-sitemap's URLs those of Sphinx's canonical links, and skip utility pages.

    Without ``html_baseurl`` there is no sitemap, feed or ``robots.txt``: say so once
    instead of sphinx-sitemap's warning, so ``-W`` builds of local previews pass.
    """
    base = site_url(config)
    if base and not config.site_url:
        config.site_url = base  # sphinx-sitemap appends page links to it as is
    if config.sitemap_url_scheme == _SITEMAP_SCHEME:
        # The default inserts `language/` (Sphinx defaults it to "en") and `version/`.
        config.sitemap_url_scheme = "{link}"
    if not config.sitemap_excludes:
        config.sitemap_excludes = list(SITEMAP_EXCLUDES)
    if not base and not config.site_url:
        config.suppress_warnings = [*config.suppress_warnings, "sitemap.configuration"]
        logger.info("portfolio: html_baseurl is not set: no sitemap.xml, feed.xml or robots.txt")


def queue_pages_at_build_end(app: Sphinx) -> None:
    """Have sphinx-sitemap's list of documents filled once, at ``build-finished``.

    sphinx-sitemap queues each page as it is written, a round trip to a shared queue
    (about 0.3 s a thousand pages) that also misses every page an incremental build
    does not write. :func:`complete_sitemap` queues every document anyway, so its
    per-page listener is replaced by one for generated pages only.
    """
    for listener in list(app.events.listeners["html-page-context"]):
        if listener.handler is add_html_link:
            app.disconnect(listener.id)
    app.connect("html-page-context", _queue_generated_page)


def _queue_generated_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename not in app.env.found_docs:  # documents: complete_sitemap
        add_html_link(app, pagename, templatename, context, doctree)


def complete_sitemap(app: Sphinx, exception: BaseException | None) -> None:
    """Queue every document for sphinx-sitemap, not only those written in this build.

    sphinx-sitemap would list only the pages a build wrote (jdillard/sphinx-sitemap#13);
    keyword pages, too, are written only when they change (pages.py). The queue is put
    back deduplicated and sorted, so the sitemap is the same whatever was rebuilt.
    """
    links = getattr(app, "sitemap_links", None)
    if exception is not None or links is None or not is_site_builder(app.builder):
        return
    found: dict[str, Any] = {}
    _drain(links, found)  # generated pages queued while they were written
    # Writing is over: a plain queue now serves, much cheaper to fill than the shared one.
    app.sitemap_links = local = queue.Queue()  # type: ignore[attr-defined]
    projects = portfolio_domain(app.env).projects
    keyword_pages = [render.keyword_page(k) for k in relations.keywords(projects)]
    for pagename in [*sorted(app.env.found_docs), *keyword_pages, render.KEYWORD_INDEX]:
        add_html_link(app, pagename, "page.html", {}, None)  # honours excludes, dirhtml, lastmod
    _drain(local, found)
    for link in sorted(found):
        local.put((link, found[link]))


def _drain(links: Any, found: dict[str, Any]) -> None:
    """Move every queued ``(link, lastmod)`` into ``found``, keeping a known lastmod."""
    while True:
        try:
            link, lastmod = links.get_nowait()
        except queue.Empty:
            return
        if found.get(link) is None:
            found[link] = lastmod


def _page_url(app: Sphinx, base: str, pagename: str) -> str:
    return base + app.builder.get_target_uri(pagename)


def atom_feed(app: Sphinx, base: str, projects: dict[str, ProjectMeta]) -> str:
    """The projects as an Atom feed, newest first; ``updated`` is January 1st of the year."""
    config = app.config
    feed = ElementTree.Element("feed", xmlns=ATOM)
    ElementTree.SubElement(feed, "title").text = config.project
    if config.portfolio_description:
        ElementTree.SubElement(feed, "subtitle").text = config.portfolio_description
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml", href=base + FEED)
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=base)
    ElementTree.SubElement(feed, "id").text = base + FEED
    order = relations.newest_first(projects)
    newest = projects[order[0]].year if order else 1970
    ElementTree.SubElement(feed, "updated").text = f"{newest}-01-01T00:00:00Z"
    if config.portfolio_owner:
        owner = ElementTree.SubElement(feed, "author")
        ElementTree.SubElement(owner, "name").text = config.portfolio_owner
        ElementTree.SubElement(owner, "uri").text = base
    for docname in order:
        meta = projects[docname]
        url = _page_url(app, base, docname)
        entry = ElementTree.SubElement(feed, "entry")
        ElementTree.SubElement(entry, "title").text = meta.title
        ElementTree.SubElement(entry, "link", rel="alternate", type="text/html", href=url)
        ElementTree.SubElement(entry, "id").text = url
        ElementTree.SubElement(entry, "updated").text = f"{meta.year}-01-01T00:00:00Z"
        ElementTree.SubElement(entry, "summary").text = meta.tldr
        for author in meta.authors:
            person = ElementTree.SubElement(entry, "author")
            ElementTree.SubElement(person, "name").text = author.name
        for keyword in meta.keywords:
            ElementTree.SubElement(entry, "category", term=keyword)
    ElementTree.indent(feed)
    body = ElementTree.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _md_text(text: str) -> str:
    """One line of Markdown link text: whitespace collapsed, brackets escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))


def llms_txt(app: Sphinx, base: str, projects: dict[str, ProjectMeta]) -> str:
    """The site for language models (https://llmstxt.org): projects, pages, extras."""
    config = app.config
    lines = [f"# {' '.join(config.project.split())}", ""]
    if config.portfolio_description:
        lines += [f"> {' '.join(config.portfolio_description.split())}", ""]
    lines += ["Every project below has its own page: authors, venue, links and BibTeX.", ""]
    lines += ["## Projects", ""]
    for docname in relations.newest_first(projects):
        meta = projects[docname]
        venue = f"{meta.venue.short} {meta.year}" if meta.venue else str(meta.year)
        url = _page_url(app, base, docname)
        lines.append(f"- [{_md_text(meta.title)}]({url}): {_md_text(meta.tldr)} ({venue})")
    lines += ["", "## Pages", ""]
    excludes = config.sitemap_excludes or SITEMAP_EXCLUDES
    others = sorted(app.env.found_docs - set(projects), key=lambda d: (d != config.root_doc, d))
    for docname in others:
        uri = app.builder.get_target_uri(docname)
        if any(fnmatch.fnmatch(uri, pattern) for pattern in excludes):
            continue
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        lines.append(f"- [{_md_text(title)}]({base + uri})")
    lines += ["", "## Optional", ""]
    lines.append(f"- [{render.BIBFILE}]({base + render.BIBFILE}): BibTeX for every project")
    if base:
        lines.append(f"- [Atom feed]({base + FEED}): the projects, newest first")
    return "\n".join(lines) + "\n"


def robots_txt(config: Config) -> str:
    """Allow everything and point to the sitemap."""
    sitemap = (config.site_url or site_url(config)) + config.sitemap_filename
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"


def write_site_files(app: Sphinx, exception: BaseException | None) -> None:
    """Write the feed, ``llms.txt`` and ``robots.txt`` at the output root.

    Without ``html_baseurl`` only ``llms.txt`` is written, with relative links. A
    ``robots.txt`` of the user's own (in ``html_extra_path``) is left alone.
    """
    if exception is not None or not is_site_builder(app.builder):
        return
    projects = portfolio_domain(app.env).projects
    base = site_url(app.config)
    outdir = Path(app.outdir)
    write_if_changed(outdir / LLMS, llms_txt(app, base, projects))
    if not base:
        return
    write_if_changed(outdir / FEED, atom_feed(app, base, projects))
    extra = [Path(app.confdir, path) for path in app.config.html_extra_path]
    if not any((path / ROBOTS).is_file() for path in extra):
        write_if_changed(outdir / ROBOTS, robots_txt(app.config))


def write_bibliography(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``publications.bib`` at the output root from the domain, on every HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    domain = portfolio_domain(app.env)
    text, problems = bibtex.bibliography(domain.projects, domain.data["bibtex"])
    for problem in problems:
        try:
            fm = frontmatter.read(app.env.doc2path(problem.docname))
            line: int | None = fm.line_of("bibtex") + problem.line  # the entry starts below
        except (frontmatter.FrontMatterError, OSError):
            line = None
        logger.warning(
            problem.message,
            location=(problem.docname, line),
            type="portfolio",
            subtype="bibtex",
        )
    write_if_changed(Path(app.outdir) / render.BIBFILE, text)


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (keeps mtimes for rsync and servers)."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
