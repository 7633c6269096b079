"""The project front-matter contract: :class:`ProjectMeta` and :func:`validate`.

Imports no Sphinx: the build and ``portfolio check`` share these rules and messages.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from portfolio.frontmatter import WHOLE, FrontMatter, FrontMatterError, Problem, read

#: Longest TL;DR accepted, in characters (it becomes the meta description).
TLDR_MAX = 200
#: Earliest year accepted; the latest is next year.
YEAR_MIN = 1950
#: Keys Sphinx or MyST read from front matter, accepted on any page.
SPHINX_KEYS = frozenset({"orphan", "nosearch", "tocdepth", "myst", "html_meta"})
#: Keys docutils would print into the page body.
REJECTED_KEYS = {
    "abstract": "docutils prints it in the page; put the text in the page body",
    "dedication": "docutils prints it in the page; put the text in the page body",
}
EQUAL_MARK = "*"


@dataclasses.dataclass(frozen=True)
class Venue:
    """Where a project appeared: a short name for badges and the full name."""

    short: str
    full: str = ""


@dataclasses.dataclass(frozen=True)
class Image:
    """A logo or teaser, its path relative to the page, and its alt text."""

    src: str
    alt: str


@dataclasses.dataclass(frozen=True)
class Author:
    """One author; ``equal`` marks equal contribution (a trailing ``*``)."""

    name: str
    equal: bool = False


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

    @property
    def has_equal_contribution(self) -> bool:
        """Whether any author is marked as an equal contributor."""
        return any(a.equal for a in self.authors)


REQUIRED = ("title", "authors", "year", "tldr")
FIELDS = tuple(f.name for f in dataclasses.fields(ProjectMeta))


def _show(value: Any) -> str:
    """Describe a found value briefly, for messages."""
    kind = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        datetime.date: "a date",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)
    if isinstance(value, (list, dict)):
        return kind
    text = repr(value) if not isinstance(value, datetime.date) else value.isoformat()
    return f"{kind} {text[:60]}" if value is not None else kind


class _Checker:
    """Collects problems while converting raw YAML values."""

    def __init__(self, fm: FrontMatter) -> None:
        self.fm = fm
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.fm.line_of(key), key, message))

    def text(self, key: str, value: Any, *, limit: int | None = None) -> str | None:
        if not isinstance(value, str):
            self.fail(key, f"expected text, got {_show(value)}")
            return None
        value = value.strip()
        if not value:
            self.fail(key, "expected text, got an empty value")
            return None
        if limit is not None and len(value) > limit:
            self.fail(key, f"expected at most {limit} characters, got {len(value)}; shorten it")
            return None
        return value

    def text_list(self, key: str, value: Any) -> tuple[str, ...] | None:
        if isinstance(value, str):
            self.fail(key, f"expected a list ('- item' lines), got text {value[:60]!r}")
            return None
        if not isinstance(value, list):
            self.fail(key, f"expected a list ('- item' lines), got {_show(value)}")
            return None
        items = []
        for i, item in enumerate(value, 1):
            if not isinstance(item, str) or not item.strip():
                self.fail(key, f"item {i}: expected text, got {_show(item)}")
                return None
            items.append(item.strip())
        return tuple(items)

    def authors(self, value: Any) -> tuple[Author, ...] | None:
        names = self.text_list("authors", value)
        if names is None:
            return None
        if not names:
            self.fail("authors", "expected at least one author, got an empty list")
            return None
        return tuple(
            Author(n.removesuffix(EQUAL_MARK).strip(), n.endswith(EQUAL_MARK)) for n in names
        )

    def year(self, value: Any) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail("year", f"expected an integer such as 2024, got {_show(value)}")
            return None
        latest = datetime.date.today().year + 1
        if not YEAR_MIN <= value <= latest:
            self.fail("year", f"expected a year from {YEAR_MIN} to {latest}, got {value}")
            return None
        return value

    def venue(self, value: Any) -> Venue | None:
        if isinstance(value, str):
            short = self.text("venue", value)
            return Venue(short) if short else None
        if not isinstance(value, dict):
            self.fail("venue", f"expected text or a mapping with 'short' and 'full', got {_show(value)}")
            return None
        unknown = sorted(set(map(str, value)) - {"short", "full"})
        if unknown:
            self.fail("venue", f"unknown key {unknown[0]!r}{_suggest(unknown[0], ('short', 'full'))}")
            return None
        short = self.text("venue", value.get("short"))
        full = value.get("full", "")
        if full and not isinstance(full, str):
            self.fail("venue", f"full: expected text, got {_show(full)}")
            return None
        return Venue(short, full.strip()) if short else None

    def links(self, value: Any) -> tuple[tuple[str, str], ...] | None:
        if not isinstance(value, dict):
            self.fail("links", f"expected a mapping of 'Label: URL' lines, got {_show(value)}")
            return None
        links = []
        for label, url in value.items():
            problem = _url_problem(url)
            if problem:
                self.fail("links", f"{label}: {problem}")
                return None
            links.append((str(label).strip(), url.strip()))
        return tuple(links)

    def image(self, value: Any) -> Image | None:
        if not isinstance(value, dict) or set(map(str, value)) != {"src", "alt"}:
            self.fail("image", f"expected a mapping with 'src' and 'alt', got {_show(value)}")
            return None
        src, alt = self.text("image", value["src"]), self.text("image", value["alt"])
        return Image(src, alt) if src and alt else None

    def flag(self, key: str, value: Any) -> bool | None:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_show(value)}")
            return None
        return value


def _url_problem(url: Any) -> str:
    """Why ``url`` is not an acceptable link target, or ``''``."""
    if not isinstance(url, str) or not url.strip():
        return f"expected an http(s) URL, got {_show(url)}"
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return f"expected an http(s) URL, got {url.strip()[:80]!r}"
    if not parts.netloc or " " in url.strip():
        return f"expected a full URL such as https://example.org/paper, got {url.strip()[:80]!r}"
    return ""


def _suggest(word: str, choices: tuple[str, ...] | frozenset[str]) -> str:
    """``"; did you mean 'x'?"`` for a likely typo of one of ``choices``."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def validate(fm: FrontMatter) -> tuple[ProjectMeta | None, list[Problem]]:
    """Check front matter against the contract.

    :returns: the project (``None`` when a required field is unusable) and every problem.
    """
    check = _Checker(fm)
    data = fm.data
    for key in data:
        key = str(key)
        if key in REJECTED_KEYS:
            check.fail(key, f"not allowed here: {REJECTED_KEYS[key]}")
        elif key not in FIELDS and key not in SPHINX_KEYS:
            check.fail(key, f"unknown field{_suggest(key, frozenset(FIELDS))}")
    for key in REQUIRED:
        if data.get(key) is None:
            check.problems.append(
                Problem(fm.start, key, f"required field is missing; add '{key}:' to the front matter")
            )
    values: dict[str, Any] = {
        "title": check.text("title", data["title"]) if data.get("title") is not None else None,
        "authors": check.authors(data["authors"]) if data.get("authors") is not None else None,
        "year": check.year(data["year"]) if data.get("year") is not None else None,
        "tldr": (
            check.text("tldr", data["tldr"], limit=TLDR_MAX) if data.get("tldr") is not None else None
        ),
    }
    optional = {
        "venue": check.venue,
        "award": lambda v: check.text("award", v),
        "keywords": lambda v: check.text_list("keywords", v),
        "links": check.links,
        "image": check.image,
        "selected": lambda v: check.flag("selected", v),
        "bibtex": lambda v: check.text("bibtex", v),
    }
    for key, convert in optional.items():
        if data.get(key) is not None:
            converted = convert(data[key])
            if converted is not None:
                values[key] = converted
    if any(values[key] is None for key in REQUIRED):
        return None, sorted(check.problems, key=lambda p: p.line)
    return ProjectMeta(**values), sorted(check.problems, key=lambda p: p.line)


@dataclasses.dataclass(frozen=True)
class Entry:
    """A project page, as the cross-page checks see it."""

    path: str
    title: str
    title_line: int

    @property
    def slug(self) -> str:
        return Path(self.path).stem


def duplicates(entries: list[Entry]) -> list[tuple[str, Problem]]:
    """Problems for each page that repeats an earlier page's title or slug."""
    problems: list[tuple[str, Problem]] = []
    titles: dict[str, Entry] = {}
    slugs: dict[str, Entry] = {}
    for entry in entries:
        first = titles.setdefault(" ".join(entry.title.casefold().split()), entry)
        if first is not entry:
            problems.append(
                (entry.path, Problem(entry.title_line, "title", f"same title as {first.path}; titles must be unique"))
            )
        first = slugs.setdefault(entry.slug, entry)
        if first is not entry:
            problems.append(
                (entry.path, Problem(1, "slug", f"file name {entry.slug!r} is also used by {first.path}; rename one file"))
            )
    return problems


def load(path: Path) -> tuple[ProjectMeta | None, list[Problem]]:
    """Read, parse and validate the project page at ``path``."""
    try:
        fm = read(path)
    except FrontMatterError as exc:
        return None, [exc.problem]
    except OSError as exc:
        return None, [Problem(1, WHOLE, f"cannot read the file: {exc.strerror}")]
    return validate(fm)
