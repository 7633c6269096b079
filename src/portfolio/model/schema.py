"""The project front-matter contract: :class:`ProjectMeta` and :func:`validate`.

Imports no Sphinx: the build and ``portfolio check`` share these rules and messages.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from portfolio.model import identifiers, limits
from portfolio.model.frontmatter import WHOLE, FrontMatter, FrontMatterError, Problem, read

#: Longest TL;DR accepted, in characters (it becomes the meta description).
TLDR_MAX = 200
#: Earliest year accepted; the latest is next year.
YEAR_MIN = 1950
#: Keys Sphinx or MyST read from front matter, accepted on any page.
SPHINX_KEYS = frozenset({"orphan", "nosearch", "tocdepth", "myst", "html_meta"})
#: Keys docutils would print into the page body.
REJECTED_KEYS = {
    "dedication": "docutils prints it in the page; put the text in the page body",
}
#: Names people use for a field, for "did you mean" hints that spelling alone would miss.
ALIASES = {
    "author": "authors",
    "month": "date",
    "published": "date",
    "summary": "tldr",
    "description": "tldr",
    "tl;dr": "tldr",
    "tl_dr": "tldr",
    "tags": "keywords",
    "url": "links",
    "urls": "links",
    "conference": "venue",
    "journal": "venue",
    "featured": "selected",
    "logo": "image",
    "teaser": "image",
    "bib": "bibtex",
    "eprint": "arxiv",
    "arxiv_id": "arxiv",
    "summary_long": "abstract",
}
EQUAL_MARK = "*"
_SPACE = re.compile(r"\s")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
#: Author entries that stand for the rest of a cut list, not a person (case-folded, no dots).
NOT_PEOPLE = frozenset({"et al", "and others", "others", "et alii"})


# The values a ProjectMeta holds are named tuples, not dataclasses: one object each instead of
# an instance and its __dict__, so the environment holds fewer objects for Python's garbage
# collector to walk where it is not frozen (sphinx/collector.py): while pages are read, and in
# each reader's copy that a -j build loads back (1,000 projects hold about 10,000 of them).


class Venue(NamedTuple):
    """Where a project appeared: a short name for badges and the full name."""

    short: str
    full: str = ""


class Image(NamedTuple):
    """A logo or teaser, its path relative to the page, and its alt text."""

    src: str
    alt: str


class Author(NamedTuple):
    """One author; ``equal`` marks equal contribution (a trailing ``*``)."""

    name: str
    equal: bool = False

    @property
    def is_person(self) -> bool:
        """False for the stand-ins of a cut author list (``et al.``, ``others``)."""
        return self.name.casefold().strip(" .") not in NOT_PEOPLE


@dataclasses.dataclass(frozen=True)
class ProjectMeta:
    """The validated facts of one project page (picklable, immutable)."""

    title: str
    authors: tuple[Author, ...]
    year: int
    tldr: str
    venue: Venue | None = None
    award: str = ""
    keywords: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    image: Image | None = None
    selected: bool = False
    bibtex: str = ""
    #: when it appeared, as precisely as known: ``YYYY-MM`` or ``YYYY-MM-DD``, in ``year``
    date: str = ""
    #: a DOI, bare (``10.1109/TIP.2023.3255104``)
    doi: str = ""
    #: an arXiv identifier, bare (``2505.13447``)
    arxiv: str = ""
    #: an https URL of the full text
    pdf: str = ""
    #: Markdown, shown collapsed under the header
    abstract: str = ""

    @property
    def iso_date(self) -> str:
        """The most precise date known, in ISO 8601: ``2025-12``, ``2025-12-02`` or ``2025``."""
        return self.date or str(self.year)

    @property
    def timestamp(self) -> str:
        """The start of :attr:`iso_date` as an RFC 3339 time (January 1st without a date)."""
        year, month, day = (-part for part in self.newest_first_key)
        return f"{year:04d}-{month or 1:02d}-{day or 1:02d}T00:00:00Z"

    @property
    def newest_first_key(self) -> tuple[int, int, int]:
        """Year, month and day, negated: sorting by it puts the newest first (a project
        without a ``date`` comes after its year's dated ones)."""
        parts = [int(p) for p in self.date.split("-")] if self.date else [self.year]
        year, month, day = [*parts, 0, 0][:3]
        return -year, -month, -day

    @property
    def has_equal_contribution(self) -> bool:
        """Whether any author is marked as an equal contributor."""
        return any(a.equal for a in self.authors)


REQUIRED = ("title", "authors", "year", "tldr")
FIELDS = tuple(f.name for f in dataclasses.fields(ProjectMeta))


def show(value: Any) -> str:
    """Describe a found value briefly, for messages."""
    kind = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        datetime.date: "a date",
        datetime.datetime: "a date",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    if value is None or isinstance(value, (list, dict)):
        return kind
    text = value.isoformat() if isinstance(value, datetime.date) else repr(value)
    return f"{kind} {text[:60]}"


def latest_year() -> int:
    """The latest year accepted: next year, for work to appear."""
    return datetime.date.today().year + 1


class _Checker:
    """Collects problems while converting raw YAML values."""

    def __init__(self, fm: FrontMatter) -> None:
        self.fm = fm
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str, item: str | int | None = None) -> None:
        self.problems.append(Problem(self.fm.line_of(key, item), key, message))

    def text(
        self,
        key: str,
        value: Any,
        *,
        limit: int | None = None,
        item: str | int | None = None,
        multiline: bool = False,
    ) -> str | None:
        """One line of text (whitespace runs become one space), at most ``limit`` long."""
        prefix = "" if item is None or isinstance(item, int) else f"{item}: "
        if not isinstance(value, str):
            self.fail(key, f"{prefix}expected text, got {show(value)}", item)
            return None
        value = value.strip() if multiline else " ".join(value.split())
        if not value:
            self.fail(key, f"{prefix}expected text, got an empty value", item)
            return None
        if limit is not None and len(value) > limit:
            self.fail(
                key,
                f"{prefix}expected at most {limit} characters, got {len(value)}; shorten it",
                item,
            )
            return None
        return value

    def text_list(self, key: str, value: Any, *, limit: int, count: int) -> tuple[str, ...] | None:
        """A list of at most ``count`` one-line texts, each at most ``limit`` long."""
        if isinstance(value, str):
            self.fail(key, f"expected a list ('- item' lines), got text {value[:60]!r}")
            return None
        if not isinstance(value, list):
            self.fail(key, f"expected a list ('- item' lines), got {show(value)}")
            return None
        if len(value) > count:
            self.fail(key, f"expected at most {count} items, got {len(value)}")
            return None
        items = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                found = "an empty value" if isinstance(item, str) else show(item)
                self.fail(key, f"item {i + 1}: expected text, got {found}", i)
                return None
            text = " ".join(item.split())
            if len(text) > limit:
                message = f"item {i + 1}: expected at most {limit} characters, got {len(text)}"
                self.fail(key, message, i)
                return None
            items.append(text)
        return tuple(items)

    def keywords(self, value: Any) -> tuple[str, ...] | None:
        """Keywords, each spelt once: two spellings of one keyword (case, accents) clash."""
        keywords = self.text_list("keywords", value, limit=limits.KEYWORD, count=limits.KEYWORDS)
        if keywords is None:
            return None
        seen: dict[str, str] = {}
        for i, keyword in enumerate(keywords):
            first = seen.setdefault(keyword_identity(keyword), keyword)
            if first != keyword:
                self.fail("keywords", f"{keyword!r} repeats {first!r}; keep one", i)
                return None
        return keywords

    def authors(self, value: Any) -> tuple[Author, ...] | None:
        names = self.text_list("authors", value, limit=limits.AUTHOR, count=limits.AUTHORS)
        if names is None:
            return None
        if not names:
            self.fail("authors", "expected at least one author, got an empty list")
            return None
        authors = []
        for i, name in enumerate(names):
            author = Author(name.removesuffix(EQUAL_MARK).strip(), name.endswith(EQUAL_MARK))
            if not author.name:
                self.fail("authors", f"item {i + 1}: expected a name before {EQUAL_MARK!r}", i)
                return None
            authors.append(author)
        return tuple(authors)

    def year(self, value: Any) -> int | None:
        raw = self.fm.raw.get("year", "")
        if isinstance(value, int) and not isinstance(value, bool) and raw != str(value):
            how = "a number in base 60" if ":" in raw else "an octal number (a leading 0)"
            self.fail(
                "year",
                f"expected a year such as 2024, got {raw[:20]!r}, which YAML reads as {how} "
                f"worth {value}; write the year's four digits",
            )
            return None
        if isinstance(value, str) and value.strip().isdigit():
            self.fail(
                "year", f"expected an integer such as 2024, got text {value!r}; drop the quotes"
            )
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail("year", f"expected an integer such as 2024, got {show(value)}")
            return None
        if not YEAR_MIN <= value <= latest_year():
            self.fail("year", f"expected a year from {YEAR_MIN} to {latest_year()}, got {value}")
            return None
        return value

    def venue(self, value: Any) -> Venue | None:
        if isinstance(value, str):
            short = self.text("venue", value, limit=limits.VENUE_SHORT)
            return Venue(short) if short else None
        if not isinstance(value, dict):
            self.fail("venue", f"expected text or 'short:' and 'full:' lines, got {show(value)}")
            return None
        if not self._known_keys("venue", value, ("short", "full")):
            return None
        short = self.text("venue", value.get("short"), item="short", limit=limits.VENUE_SHORT)
        full = (
            self.text("venue", value["full"], item="full", limit=limits.VENUE_FULL)
            if "full" in value
            else ""
        )
        return Venue(short, full) if short and full is not None else None

    def links(self, value: Any) -> tuple[tuple[str, str], ...] | None:
        if not isinstance(value, dict):
            hint = "; write each link as 'Label: URL'" if isinstance(value, list) else ""
            self.fail("links", f"expected 'Label: URL' lines, got {show(value)}{hint}")
            return None
        if len(value) > limits.LINKS:
            self.fail("links", f"expected at most {limits.LINKS} links, got {len(value)}")
            return None
        links: dict[str, str] = {}
        for key, url in value.items():
            label = " ".join(str(key).split())
            problem = url_problem(url)
            if not label or len(label) > limits.LINK_LABEL:
                problem = f"expected a label of 1 to {limits.LINK_LABEL} characters"
            elif label.casefold() in map(str.casefold, links):
                problem = "the label is used twice; give each link its own"
            if problem:
                self.fail("links", f"{label[:60]}: {problem}", str(key).strip())
                return None
            links[label] = url.strip()
        return tuple(links.items())

    def image(self, value: Any) -> Image | None:
        if not isinstance(value, dict):
            self.fail("image", f"expected 'src:' and 'alt:' lines, got {show(value)}")
            return None
        if not self._known_keys("image", value, ("src", "alt")):
            return None
        src = self.text("image", value.get("src"), item="src", limit=limits.URL)
        alt = self.text("image", value.get("alt"), item="alt", limit=limits.ALT)
        return Image(src, alt) if src and alt else None

    def date(self, value: Any, year: int | None) -> str | None:
        """``YYYY-MM`` or ``YYYY-MM-DD`` (a YAML date too), in the project's ``year``."""
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            text = value.isoformat()
        elif isinstance(value, str) and _DATE.match(value.strip()):
            text = value.strip()
            try:
                datetime.date.fromisoformat(text if text.count("-") == 2 else f"{text}-01")
            except ValueError:
                self.fail("date", f"expected a real month or day, got {text!r}")
                return None
        else:
            self.fail(
                "date",
                f"expected a year and month such as 2025-12 (or a day: 2025-12-02), "
                f"got {show(value)}",
            )
            return None
        if year is not None and int(text[:4]) != year:
            self.fail("date", f"expected a date in {year}, the project's year, got {text}")
            return None
        return text

    def doi(self, value: Any) -> str | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = self.fm.raw.get("doi", str(value))  # `doi: 10.1109` is a number to YAML
        example = "a DOI such as 10.1109/TIP.2023.3255104 (or its https://doi.org/ URL)"
        return self.identifier("doi", value, identifiers.doi, example)

    def arxiv(self, value: Any) -> str | None:
        if isinstance(value, float):  # `arxiv: 2505.13440` is a number to YAML: take the text
            value = self.fm.raw.get("arxiv", str(value))
        example = "an arXiv identifier such as 2505.13447 (or hep-th/9901001)"
        return self.identifier("arxiv", value, identifiers.arxiv, example)

    def identifier(
        self, field: str, value: Any, bare_form: Callable[[str], str], example: str
    ) -> str | None:
        """``value`` as the bare identifier ``bare_form`` finds in it, else a problem."""
        text = self.text(field, value, limit=limits.IDENTIFIER)
        if text is None:
            return None
        if not (bare := bare_form(text)):
            self.fail(field, f"expected {example}, got {text[:60]!r}")
        return bare or None

    def pdf(self, value: Any) -> str | None:
        problem = url_problem(value)
        if not problem and urlsplit(value.strip()).scheme.lower() != "https":
            problem = f"expected an https URL of the full text, got {value.strip()[:80]!r}"
        if problem:
            self.fail("pdf", problem)
            return None
        return value.strip()

    def flag(self, key: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {show(value)}")
            return None
        return value

    def braces(self, values: dict[str, Any]) -> bool:
        """Whether the fields a BibTeX entry is made from balance their braces, as BibTeX
        needs; the first that does not is a problem."""
        venue = values.get("venue")
        texts = [
            ("title", values.get("title") or ""),
            *(("authors", a.name) for a in values.get("authors") or ()),
            ("venue", f"{venue.short} {venue.full}" if venue else ""),
        ]
        for key, text in texts:
            depth = 0
            for char in text:
                depth += {"{": 1, "}": -1}.get(char, 0)
                if depth < 0:
                    break
            if depth:
                self.fail(
                    key,
                    "expected balanced braces { }, which BibTeX needs; remove the stray one",
                )
                return False
        return True

    def unfinished(self) -> None:
        """Each line still saying ``TODO`` (``portfolio new`` and ``import-bib`` write some)."""
        by_line = {line: key for key, line in self.fm.lines.items()}
        for line in self.fm.todo:
            # The field on that line, else the one below (a comment describes what follows).
            later = [n for n in by_line if n >= line]
            key = by_line[min(later)] if later else WHOLE
            message = "still says TODO: finish it, then delete the TODO"
            self.problems.append(Problem(line, key, message, subtype="unfinished"))

    def _known_keys(self, key: str, value: dict[Any, Any], known: tuple[str, ...]) -> bool:
        for name in map(str, value):
            if name not in known:
                self.fail(key, f"{name}: unknown key{_suggest(name, known)}", name)
                return False
        return True


def url_problem(url: Any) -> str:
    """Why ``url`` is not an acceptable link target, or ``''``."""
    if not isinstance(url, str) or not url.strip():
        return f"expected an http(s) URL, got {show(url)}"
    url = url.strip()
    if len(url) > limits.URL:
        return f"expected a URL of at most {limits.URL} characters, got {len(url)}"
    try:
        parts = urlsplit(url)
    except ValueError:  # such as an unclosed `[` of an IPv6 host
        return f"expected a full URL such as https://example.org/paper, got {url[:80]!r}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"expected an http(s) URL, got {url[:80]!r}"
    if not parts.netloc or _SPACE.search(url):
        return f"expected a full URL such as https://example.org/paper, got {url[:80]!r}"
    return ""


def _suggest(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` for a likely typo of one of ``choices``."""
    choices = sorted(choices)
    folded = word.casefold().strip()
    if folded in ALIASES and ALIASES[folded] in choices:
        return f"; did you mean {ALIASES[folded]!r}?"
    match = difflib.get_close_matches(folded, choices, n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def validate(fm: FrontMatter) -> tuple[ProjectMeta | None, list[Problem]]:
    """Check front matter against the contract.

    :returns: the project (``None`` when a required field is unusable) and every problem.
    """
    check = _Checker(fm)
    data = {str(key): value for key, value in fm.data.items()}
    for key in data:
        if key in REJECTED_KEYS:
            check.fail(key, f"not allowed here: {REJECTED_KEYS[key]}")
        elif key not in FIELDS and key not in SPHINX_KEYS:
            check.fail(key, f"unknown field{_suggest(key, FIELDS)}")
    for key in REQUIRED:
        if key not in data:
            check.problems.append(
                Problem(
                    fm.start, key, f"required field is missing; add '{key}:' to the front matter"
                )
            )
    convert = {
        "title": lambda v: check.text("title", v, limit=limits.TITLE),
        "authors": check.authors,
        "year": check.year,
        "tldr": lambda v: check.text("tldr", v, limit=TLDR_MAX),
        "venue": check.venue,
        "award": lambda v: check.text("award", v, limit=limits.AWARD),
        "keywords": check.keywords,
        "links": check.links,
        "image": check.image,
        "selected": lambda v: check.flag("selected", v),
        "bibtex": lambda v: check.text("bibtex", v, limit=limits.BIBTEX, multiline=True),
        "date": lambda v: check.date(v, values.get("year")),
        "doi": check.doi,
        "arxiv": check.arxiv,
        "pdf": check.pdf,
        "abstract": lambda v: check.text("abstract", v, limit=limits.ABSTRACT, multiline=True),
    }
    values: dict[str, Any] = dict.fromkeys(REQUIRED)
    for key, to_value in convert.items():
        # An empty optional field (`award:`) is left out; an empty required one is an error.
        if key in data and (data[key] is not None or key in REQUIRED):
            converted = to_value(data[key])
            if converted is not None:
                values[key] = converted
    balanced = check.braces(values)  # also when the page's own entry is kept: it may fail
    check.unfinished()
    problems = sorted(check.problems, key=lambda p: p.line)
    if any(values[key] is None for key in REQUIRED) or not balanced:
        return None, problems
    return ProjectMeta(**values), problems


#: Runs of what is not a letter or digit, in slugs and in titles compared.
_NON_WORD = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """The form in which two titles count as the same: case, spacing and punctuation ignored."""
    text = unicodedata.normalize("NFKC", title).casefold()
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(words) or " ".join(text.split())


#: The folder of the generated keyword pages: no page of the sources may live there.
KEYWORD_FOLDER = "keywords"
#: Pagename of the generated keyword index.
KEYWORD_INDEX = f"{KEYWORD_FOLDER}/index"


def slug(docname: str) -> str:
    """A page's slug: its file name without folder or suffix (``projects/mean-flows``)."""
    return docname.rsplit("/", 1)[-1]


def keyword_page(keyword: str) -> str:
    """The pagename of the generated page listing a keyword's projects."""
    return f"{KEYWORD_FOLDER}/{keyword_slug(keyword)}"


def keyword_identity(keyword: str) -> str:
    """The form in which two keywords are one: Unicode-normalised (NFKC) and case-folded."""
    return unicodedata.normalize("NFKC", keyword).casefold()


@functools.lru_cache(maxsize=4096)
def keyword_slug(keyword: str) -> str:
    """The page name of a keyword: normalised, words joined by ``-`` (Unicode kept)."""
    return _NON_WORD.sub("-", keyword_identity(keyword)).strip("-") or "keyword"


#: The line of a page's title and of each of its keywords.
EntryLines = tuple[int, tuple[int, ...]]


@dataclasses.dataclass(frozen=True)
class Entry:
    """A project page, as the cross-page checks see it."""

    path: str
    title: str
    title_line: int
    #: each keyword with its line
    keywords: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, path: str, meta: ProjectMeta, lines: EntryLines) -> Entry:
        """The entry of a valid project, with the lines :func:`entry_lines` gave."""
        title_line, keyword_lines = lines
        return cls(
            path, meta.title, title_line, tuple(zip(meta.keywords, keyword_lines, strict=True))
        )

    @property
    def slug(self) -> str:
        return slug(posixpath.splitext(self.path.replace(os.sep, "/"))[0])


def entry_lines(fm: FrontMatter, meta: ProjectMeta) -> EntryLines:
    """The lines an :class:`Entry` needs: the title's and each keyword's."""
    keywords = tuple(fm.line_of("keywords", i) for i in range(len(meta.keywords)))
    return fm.line_of("title"), keywords


def duplicates(entries: list[Entry]) -> list[tuple[str, Problem]]:
    """Problems for each page that repeats an earlier page's title or slug, or has a keyword
    whose page would be another keyword's (``C`` and ``C++`` both make ``keywords/c``) or
    the keyword index's."""
    problems: list[tuple[str, Problem]] = []
    titles: dict[str, Entry] = {}
    slugs: dict[str, Entry] = {}
    keyword_pages: dict[str, tuple[str, Entry]] = {}
    for entry in entries:
        for keyword, line in entry.keywords:
            if keyword_slug(keyword) == "index":
                message = f"{keyword!r} would take the page of the keyword index; rename it"
                problems.append((entry.path, Problem(line, "keywords", message)))
                continue
            name, first = keyword_pages.setdefault(keyword_slug(keyword), (keyword, entry))
            if name != keyword:
                where = "" if first is entry else f" (in {first.path})"
                if unicodedata.normalize("NFC", name) == unicodedata.normalize("NFC", keyword):
                    message = (
                        f"{keyword!r} looks like {name!r}{where} but is written with other "
                        "Unicode characters; type it again"
                    )
                elif keyword_identity(name) == keyword_identity(keyword):
                    message = f"{keyword!r} is spelt {name!r}{where}; use one spelling"
                else:
                    message = (
                        f"{keyword!r} and {name!r}{where} would share the page "
                        f"keywords/{keyword_slug(keyword)}; rename one"
                    )
                problems.append((entry.path, Problem(line, "keywords", message)))
        first = titles.setdefault(normalise_title(entry.title), entry)
        if first is not entry:
            message = f"same title as {first.path}; titles must be unique"
            problems.append((entry.path, Problem(entry.title_line, "title", message)))
        first = slugs.setdefault(entry.slug, entry)
        if first is not entry:
            message = f"file name {entry.slug!r} is also used by {first.path}; rename one file"
            problems.append((entry.path, Problem(1, "slug", message)))
    return problems


def case_clashes(docnames: Iterable[str]) -> list[tuple[str, Problem]]:
    """Pages whose names differ from another's only in case or Unicode normalisation: one
    file on macOS and Windows, and two that look alike anywhere.

    :returns: ``(docname, problem)`` for each page after the first of its kind.
    """
    seen: dict[str, str] = {}
    problems = []
    for docname in sorted(docnames):
        first = seen.setdefault(unicodedata.normalize("NFC", docname).casefold(), docname)
        if first != docname:
            message = (
                f"differs from the page {first!r} only in case or accents; the two are one "
                "file on macOS and Windows: rename one"
            )
            problems.append((docname, Problem(1, "page", message, subtype="page")))
    return problems


def selected_order_problems(order: Iterable[str], selected: Iterable[str]) -> list[str]:
    """Why entries of ``portfolio_selected_order`` pin nothing: each must be the slug of a
    selected project, once."""
    choices = sorted(selected)
    problems, seen = [], set()
    for slug in order:
        if slug in seen:
            problems.append(f"{slug!r} is listed twice; keep one")
        elif slug not in choices:
            match = difflib.get_close_matches(str(slug), choices, n=1)
            hint = f"; did you mean {match[0]!r}?" if match else ""
            problems.append(f"{slug!r} is not the slug of a selected project{hint}")
        seen.add(slug)
    return problems


def unknown_project(target: str, slugs: Iterable[str], line: int = 1) -> Problem:
    """The problem with a ``{project}`` reference that names no project, with a likely slug."""
    match = difflib.get_close_matches(target, list(slugs), n=1)
    hint = f"; did you mean {match[0]!r}?" if match else ""
    return Problem(line, f"project reference {target!r}", f"no project page has this slug{hint}")


def load(path: Path) -> tuple[ProjectMeta | None, list[Problem]]:
    """Read, parse and validate the project page at ``path``."""
    try:
        fm = read(path)
    except FrontMatterError as exc:
        return None, [exc.problem]
    except OSError as exc:
        return None, [Problem(1, WHOLE, f"cannot read the file: {exc.strerror}")]
    return validate(fm)
