"""Site-wide files written at ``build-finished``: ``publications.bib``, Atom feed,
``llms.txt``, ``robots.txt`` (and, in ``sitemap.py``, ``sitemap.xml``).

Everything is derived from the environment, never gathered while pages are written, so
incremental builds stay complete; a file is made again only when what it is made from
(:func:`site_state`) changed or the file is missing.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote
from xml.etree import ElementTree

from sphinx.util import logging

from portfolio.model import bibtex, relations
from portfolio.model.relations import NOBODY
from portfolio.publish import commit_dates
from portfolio.render.identity import OutputRecord, identity_digest
from portfolio.sphinx.builders import writes_site
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from portfolio.model.people import Registry
    from portfolio.model.schema import ProjectMeta

logger = logging.getLogger(__name__)

FEED = "feed.xml"
LLMS = "llms.txt"
ROBOTS = "robots.txt"
ATOM = "http://www.w3.org/2005/Atom"
#: Characters XML 1.0 forbids: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
#: (Written as the characters refused, not the complement of those allowed: the complement
#: spans a million code points and takes milliseconds to compile, on every build.)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What opens a Markdown block at the start of a line: headings, quotes, lists, rules,
#: tables, fences and setext underlines. The group keeps an ordered list's number.
_BLOCK_START = re.compile(r"^(\d+(?=[.)])|(?=[#>+*=|~`_-]))")


def xml_chars(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (one makes the whole file unreadable)."""
    return _NOT_XML.sub("", text)


def url_path(path: str) -> str:
    """``path`` percent-encoded (RFC 3986, UTF-8), as Sphinx's HTML builder encodes page URIs."""
    return quote(path)


def site_url(config: Config) -> str:
    """``html_baseurl`` ending in ``/``, or ``""`` when it is not set."""
    base = xml_chars(config.html_baseurl or "").strip()
    return base.rstrip("/") + "/" if base else ""


def excluded(path: str, patterns: list[str]) -> bool:
    """Whether the page at ``path`` (relative, percent-encoded) matches an exclude pattern."""
    return any(fnmatch.fnmatch(unquote(path), pattern) for pattern in patterns)


def page_path(builder: Builder, docname: str) -> str:
    """The page's URL path relative to the site, percent-encoded once whatever the builder.

    Sphinx's html builder encodes its target URIs and dirhtml does not; decoding first
    makes both the encoded form of the canonical link, as in the sitemap.
    """
    return url_path(unquote(builder.get_target_uri(docname)))


def _page_url(app: Sphinx, base: str, pagename: str) -> str:
    return base + page_path(app.builder, pagename)


def _drop_non_xml(root: ElementTree.Element) -> None:
    """Strip the characters XML forbids from every text and attribute under ``root``."""
    for element in root.iter():
        if element.text:
            element.text = xml_chars(element.text)
        for key, value in list(element.attrib.items()):
            element.set(key, xml_chars(value))


def atom_feed(
    app: Sphinx,
    base: str,
    projects: dict[str, ProjectMeta],
    registry: Registry = NOBODY,
    changed: dict[str, str] | None = None,
) -> str:
    """The projects as an Atom feed, newest first; an author's ``uri`` is their homepage in
    ``registry``.

    An entry's ``published`` is the project's ``date`` (its first day), else January 1st of
    its year: publication, never a commit. Its ``updated`` is that ``date`` when there is
    one, else the last commit that changed the page (``changed``), else ``published``. The
    feed's ``updated`` is the newest entry's.
    """
    config = app.config
    feed = ElementTree.Element("feed", xmlns=ATOM)
    ElementTree.SubElement(feed, "title").text = config.project
    if config.portfolio_description:
        ElementTree.SubElement(feed, "subtitle").text = config.portfolio_description
    ElementTree.SubElement(feed, "link", rel="self", type="application/atom+xml", href=base + FEED)
    ElementTree.SubElement(feed, "link", rel="alternate", type="text/html", href=base)
    ElementTree.SubElement(feed, "id").text = base + FEED
    owner_name = config.portfolio_owner
    order = relations.newest_first(projects)
    updated = {d: entry_updated(projects[d], (changed or {}).get(d)) for d in order}
    newest = max(updated.values(), key=_instant, default="1970-01-01T00:00:00Z")
    ElementTree.SubElement(feed, "updated").text = newest
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
        ElementTree.SubElement(entry, "updated").text = updated[docname]
        ElementTree.SubElement(entry, "published").text = meta.timestamp
        ElementTree.SubElement(entry, "summary").text = meta.tldr
        for author in (a for a in meta.authors if a.is_person):  # not "et al."
            person = ElementTree.SubElement(entry, "author")
            ElementTree.SubElement(person, "name").text = author.name
            known = registry.find(author.name)  # a homepage from people.yaml
            if known and known.homepage and not registry.is_owner(author.name, owner_name):
                ElementTree.SubElement(person, "uri").text = known.homepage
        for keyword in meta.keywords:
            ElementTree.SubElement(entry, "category", term=keyword)
    _drop_non_xml(feed)  # titles, names and settings may hold any character
    ElementTree.indent(feed)
    body = ElementTree.tostring(feed, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def entry_updated(meta: ProjectMeta, committed: str | None) -> str:
    """A feed entry's ``updated``: the ``date``, else the commit date (never before the
    year began), else the start of the year."""
    if meta.date or not committed or _instant(committed) < _instant(meta.timestamp):
        return meta.timestamp
    return committed


def _instant(timestamp: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(timestamp)


def md_text(text: str) -> str:
    """A value as inline Markdown that cannot add structure to ``llms.txt``.

    Whitespace (line breaks too) is collapsed to one line, control characters dropped,
    backslashes and brackets escaped (no links), and a leading block marker (``#``, ``>``,
    ``-``, ``1.``) escaped, so the value can start no heading, quote or list.
    """
    # Split first (vertical tabs and form feeds are spaces), then drop what XML forbids in
    # one pass, and split again where that leaves a word empty.
    text = " ".join(xml_chars(" ".join(text.split())).split())
    text = re.sub(r"([\\\[\]])", r"\\\1", text)
    return _BLOCK_START.sub(r"\1\\", text, count=1)


def llms_txt(app: Sphinx, base: str, projects: dict[str, ProjectMeta]) -> str:
    """The site for language models (https://llmstxt.org): projects, pages, extras."""
    config = app.config
    lines = [f"# {md_text(config.project)}", ""]
    if config.portfolio_description:
        lines += [f"> {md_text(config.portfolio_description)}", ""]
    lines += ["Every project below has its own page: authors, venue, links and BibTeX.", ""]
    lines += ["## Projects", ""]
    for docname in relations.newest_first(projects):
        meta = projects[docname]
        venue = f"{md_text(meta.venue.short)} {meta.year}" if meta.venue else str(meta.year)
        url = _page_url(app, base, docname)
        lines.append(f"- [{md_text(meta.title)}]({url}): {md_text(meta.tldr)} ({venue})")
    lines += ["", "## Pages", ""]
    others = sorted(app.env.found_docs - set(projects), key=lambda d: (d != config.root_doc, d))
    for docname in others:
        path = page_path(app.builder, docname)
        if excluded(path, config.portfolio_sitemap_excludes):
            continue  # not for search engines: not for language models either
        title = app.env.titles[docname].astext() if docname in app.env.titles else docname
        lines.append(f"- [{md_text(title)}]({base + path})")
    lines += ["", "## Optional", ""]
    lines.append(f"- [{bibtex.BIBFILE}]({base + bibtex.BIBFILE}): BibTeX for every project")
    if base:
        lines.append(f"- [Atom feed]({base + FEED}): the projects, newest first")
    return "\n".join(lines) + "\n"


def robots_txt(config: Config) -> str:
    """Allow everything and point to the sitemap."""
    sitemap = site_url(config) + "sitemap.xml"
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"


def write_site_files(app: Sphinx, exception: BaseException | None) -> None:
    """Write the feed, ``llms.txt`` and ``robots.txt`` at the output root.

    Without ``html_baseurl`` only ``llms.txt`` is written, with relative links. A
    ``robots.txt`` of the user's own (in ``html_extra_path``) is left alone.
    """
    if exception is not None or not writes_site(app.builder):
        return
    domain = portfolio_domain(app.env)
    projects = domain.projects
    base = site_url(app.config)
    files = {LLMS: lambda: llms_txt(app, base, projects)}
    changed: dict[str, str] = {}
    if base:
        changed = commit_times(app, projects)
        files[FEED] = lambda: atom_feed(app, base, projects, domain.registry, changed)
        extra = [Path(app.confdir, path) for path in app.config.html_extra_path]
        if not any((path / ROBOTS).is_file() for path in extra):
            files[ROBOTS] = lambda: robots_txt(app.config)
    write_derived(app, "site-files", files, [site_state(app), sorted(changed.items())])


def site_state(app: Sphinx) -> list[object]:
    """What the site-wide files are made from: configuration, templates and code, every
    project's fields, the people registry, and the titles of the other pages."""
    env, config = app.env, app.config
    domain = portfolio_domain(env)
    others = sorted(d for d in env.found_docs if d not in domain.projects)
    return [
        identity_digest(app),  # html options, templates and code, the owner
        config.project,  # the options that re-read every page are not in the identity
        config.root_doc,
        config.portfolio_projects_dir,
        sorted(domain.fingerprints.items()),
        domain.registry.digest_source(),
        [(d, env.titles[d].astext() if d in env.titles else "") for d in others],
    ]


def write_derived(
    app: Sphinx, kind: str, files: dict[str, Callable[[], str]], state: object
) -> None:
    """Write each of ``files`` (a name at the output root: what makes its text) unless it
    exists and was made from the same ``state`` (recorded per ``kind`` of files)."""
    record = OutputRecord.load(app, kind)
    outdir = Path(app.outdir)
    for name, make in files.items():
        if not record.unchanged(name, outdir / name, state):
            write_if_changed(outdir / name, make())
    record.save()


def commit_times(app: Sphinx, projects: dict[str, ProjectMeta]) -> dict[str, str]:
    """The last commit date of each project page without a ``date``, when the source is a
    git checkout (Read the Docs builds are)."""
    undated = {Path(app.env.doc2path(d)): d for d, meta in projects.items() if not meta.date}
    if not undated:
        return {}
    folder = Path(app.srcdir, app.config.portfolio_projects_dir)
    dates = commit_dates.last_changed(folder if folder.is_dir() else Path(app.srcdir), undated)
    return {undated[path]: date for path, date in dates.items()}


def write_bibliography(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``publications.bib`` at the output root from the domain, on every HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    domain = portfolio_domain(app.env)
    text, problems = bibtex.bibliography(domain.projects, domain.entries)
    for problem in problems:  # on every build, not only when the page is read
        logger.warning(
            problem.message,
            location=(problem.docname, problem.line),
            type="portfolio",
            subtype="bibtex",
        )
    write_if_changed(Path(app.outdir) / bibtex.BIBFILE, text)


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (keeps mtimes for rsync and servers)."""
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
