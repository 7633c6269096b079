"""BibTeX for projects: the entry shown on each page and the site's ``publications.bib``.

Pure functions: :func:`portfolio.publish.feeds.write_bibliography` writes the file at
``build-finished`` from the entries checked when each page was read.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import TYPE_CHECKING, NamedTuple

from portfolio.model import relations, schema

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pybtex.database import BibliographyData, Person

    from portfolio.model.schema import ProjectMeta, Venue

_REPORT = re.compile(
    r"\b(tech(nical)?\.? reports?|preprints?|arxiv|thesis|working papers?)\b", re.I
)
_JOURNAL = re.compile(r"\b(journals?|transactions|letters|magazine|review)\b", re.I)
# The key of the first entry: `@type{key,` or `@type(key,`, spaces and newlines allowed.
_KEY = re.compile(r"^(\s*@\s*\w+\s*[{(]\s*)([^,\s]+)")
#: Blocks that are not entries; one page's would change every other entry of the file.
_NOT_ENTRIES = re.compile(r"@\s*(string|preamble|comment)\s*[{(]", re.IGNORECASE)
#: Characters a generated key may not hold (a file name may have spaces, commas, braces).
_KEY_UNSAFE = re.compile(r"[^\w:./+-]+")
#: File name of the site's BibTeX file, at the output root.
BIBFILE = "publications.bib"


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
    # pybtex is loaded when a page is read, not by every build (a rebuild may read none).
    from pybtex.database import BibliographyData, Entry, Person
    from pybtex.database.output.bibtex import Writer

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
    people = [_person(a.name) if a.is_person else Person("others") for a in meta.authors]
    entry = Entry(entry_type, fields=fields, persons={"author": people})
    safe_key = _KEY_UNSAFE.sub("-", key).strip("-") or "project"
    # The writer class directly: to_string looks it up in package metadata each time.
    return Writer().to_string(BibliographyData(entries={safe_key: entry}))


def _person(name: str) -> Person:
    """``name`` as pybtex reads an author; one it cannot split stays whole."""
    from pybtex.database import Person
    from pybtex.exceptions import PybtexError

    try:
        return Person(name)
    except PybtexError:  # "A, B, C, D": too many commas
        return Person(last=name.replace(",", ""))


@dataclasses.dataclass(frozen=True)
class BibProblem:
    """A project whose BibTeX cannot go into the site's file."""

    docname: str
    message: str
    #: line of the problem: within the entry (1 = its first line) when checked, in the
    #: page once :func:`portfolio.model.project.read_project` has placed it
    line: int = 1


class CheckedEntry(NamedTuple):
    """A project's entry, parsed once when its page is read, with its key; ``problem`` says
    why the page's own entry was replaced (a tuple: kept per project, see ``schema.Venue``)."""

    text: str
    key: str = ""
    problem: BibProblem | None = None


def check_entry(meta: ProjectMeta, docname: str) -> CheckedEntry:
    """The entry of the project page ``docname``, checked with pybtex's parser: exactly one
    entry, nothing else (``@string``, ``@preamble``, ``@comment``), balanced braces.

    An entry that fails is replaced by one made from the front matter, so every project has
    exactly one entry; the problem is kept to be reported.
    """
    slug = schema.slug(docname)
    text = project_entry(meta, slug)
    problem = _entry_problem(text)
    if problem is None:
        return CheckedEntry(text, _key_of(text))
    reason, line = problem
    message = f"bibtex: {reason}; {BIBFILE} and the Cite section show one made from the fields"
    made = project_entry(dataclasses.replace(meta, bibtex=""), slug)
    return CheckedEntry(made, _key_of(made), BibProblem(docname, message, line))


def _key_of(text: str) -> str:
    """The key of an entry :func:`_entry_problem` accepts (or that pybtex wrote)."""
    match = _KEY.match(text)
    return match[2] if match else ""


def _entry_problem(text: str) -> tuple[str, int] | None:
    """What is wrong with an entry, and the line (1 = its first), if anything."""
    extra = _NOT_ENTRIES.search(text)
    if extra:
        line = text.count("\n", 0, extra.start()) + 1
        return (
            f"expected one entry such as @article{{key, ...}}, got a @{extra[1].lower()} block",
            line,
        )
    from pybtex.exceptions import PybtexError

    try:
        count = len(parse(text).entries)
    except PybtexError as exc:
        return re.sub(r" in line \d+", "", str(exc)), getattr(exc, "lineno", None) or 1
    if count != 1 or not _KEY.match(text):
        return f"expected one entry such as @article{{key, ...}}, got {count}", 1
    if text.count("{") != text.count("}"):
        return "unbalanced braces outside the entry", 1
    return None


@functools.lru_cache(maxsize=16)
def parse(text: str) -> BibliographyData:
    """``text`` read by pybtex's parser, once for the checks and the CSL record that follow
    (callers must not change the result); raises ``PybtexError``."""
    # pybtex is loaded when a page is read, not by every build (a rebuild may read none).
    from pybtex.database.input.bibtex import Parser

    # The parser class directly: parse_string looks it up in package metadata each time.
    return Parser().parse_string(text)


def unique_keys(
    projects: Mapping[str, ProjectMeta], entries: Mapping[str, CheckedEntry]
) -> dict[str, str]:
    """Each project's key in the site's files, newest project first: a key already taken by
    a newer project becomes the page's slug (then ``slug-2`` ...); BibTeX keys ignore case."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for docname in relations.newest_first(dict(projects)):
        key = entries[docname].key
        if key.casefold() in taken:
            key = _free_key(schema.slug(docname), taken)
        taken.add(key.casefold())
        keys[docname] = key
    return keys


def bibliography(
    projects: Mapping[str, ProjectMeta], entries: Mapping[str, CheckedEntry]
) -> tuple[str, list[BibProblem]]:
    """Every project's entry (from :func:`check_entry`), newest first, with the keys of
    :func:`unique_keys`.

    :returns: the file's text and the problems of the entries replaced.
    """
    chunks: list[str] = []
    problems: list[BibProblem] = []
    for docname, key in unique_keys(projects, entries).items():
        entry = entries[docname]
        if entry.problem is not None:
            problems.append(entry.problem)
        text = entry.text
        if key != entry.key:
            text = _KEY.sub(lambda m, key=key: m[1] + key, text, count=1)
        chunks.append(text.strip() + "\n")
    return "\n".join(chunks), problems


def _free_key(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3`` ... whichever is not taken (BibTeX keys ignore case)."""
    key, n = slug, 1
    while key.casefold() in taken:
        n += 1
        key = f"{slug}-{n}"
    return key
