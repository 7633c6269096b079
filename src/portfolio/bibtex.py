"""BibTeX for projects: the entry shown on each page and the site's ``publications.bib``.

Rendering is pure; :func:`write_bibliography` writes the file at ``build-finished``.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import TYPE_CHECKING

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from sphinx.util import logging

from portfolio import frontmatter, relations, render
from portfolio.domain import portfolio_domain

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sphinx.application import Sphinx

    from portfolio.schema import ProjectMeta, Venue

logger = logging.getLogger(__name__)

_REPORT = re.compile(
    r"\b(tech(nical)?\.? reports?|preprints?|arxiv|thesis|working papers?)\b", re.I
)
_JOURNAL = re.compile(r"\b(journals?|transactions|letters|magazine|review)\b", re.I)
# The key of the first entry: `@type{key,` or `@type(key,`, spaces and newlines allowed.
_KEY = re.compile(r"^(\s*@\s*\w+\s*[{(]\s*)([^,\s]+)")


def venue_kind(venue: Venue | None) -> str:
    """``"journal"``, ``"conference"``, ``"report"``, or ``""`` without a venue.

    A venue whose name says technical report, preprint, arXiv or thesis is a report; one
    that says journal, transactions, letters, magazine or review is a journal; any other
    venue is a conference.
    """
    if venue is None:
        return ""
    names = f"{venue.short} {venue.full}"
    if _REPORT.search(names):
        return "report"
    if _JOURNAL.search(names):
        return "journal"
    return "conference"


def project_entry(meta: ProjectMeta, key: str) -> str:
    """The project's own BibTeX, or one generated from its front matter."""
    if meta.bibtex:
        return meta.bibtex.strip() + "\n"
    fields = {"title": meta.title, "year": str(meta.year)}
    kind = venue_kind(meta.venue)
    entry_type = {"journal": "article", "conference": "inproceedings"}.get(kind, "misc")
    if meta.venue:
        name = meta.venue.full or meta.venue.short
        field = {"journal": "journal", "conference": "booktitle"}.get(kind, "howpublished")
        fields[field] = name
    url = next((u for _, u in meta.links), "")
    if url:
        fields["url"] = url
    entry = Entry(
        entry_type, fields=fields, persons={"author": [Person(a.name) for a in meta.authors]}
    )
    return BibliographyData(entries={key: entry}).to_string("bibtex")


@dataclasses.dataclass(frozen=True)
class BibProblem:
    """A project whose BibTeX cannot go into the site's file."""

    docname: str
    message: str
    #: line of the problem within the entry (1 = its first line)
    line: int = 1


def bibliography(projects: Mapping[str, ProjectMeta]) -> tuple[str, list[BibProblem]]:
    """Every project's entry, newest first, with unique keys.

    A key already taken by a newer project becomes the page's slug (then ``slug-2`` ...).
    An entry pybtex cannot parse is left out and reported.

    :returns: the file's text and the problems.
    """
    chunks: list[str] = []
    problems: list[BibProblem] = []
    taken: set[str] = set()
    for docname in relations.newest_first(dict(projects)):
        slug = docname.rsplit("/", 1)[-1]
        text = project_entry(projects[docname], slug)
        try:
            # The parser class directly: parse_string looks it up in package metadata each time.
            keys = list(Parser().parse_string(text).entries)
        except PybtexError as exc:
            reason = re.sub(r" in line \d+", "", str(exc))
            message = f"bibtex: left out of {render.BIBFILE}: {reason}"
            problems.append(BibProblem(docname, message, getattr(exc, "lineno", None) or 1))
            continue
        if len(keys) != 1:
            message = f"bibtex: left out of {render.BIBFILE}: expected one entry, got {len(keys)}"
            problems.append(BibProblem(docname, message))
            continue
        key = keys[0]
        if key.casefold() in taken:
            key = _free_key(slug, taken)
            text = _KEY.sub(lambda m, key=key: m[1] + key, text, count=1)
        taken.add(key.casefold())
        chunks.append(text.strip() + "\n")
    return "\n".join(chunks), problems


def _free_key(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` ... whichever is not taken (BibTeX keys ignore case)."""
    key, n = slug, 1
    while key.casefold() in taken:
        n += 1
        key = f"{slug}-{n}"
    return key


def write_bibliography(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``publications.bib`` at the output root from the domain, on every HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    projects = portfolio_domain(app.env).projects
    text, problems = bibliography(projects)
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
