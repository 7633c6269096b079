"""Turn BibTeX entries (Google Scholar exports and the like) into project pages, with pybtex."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml
from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.database.input.bibtex import UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from portfolio.cli import newpage
from portfolio.model import frontmatter, identifiers, latex, limits, schema

#: The largest .bib file import-bib reads (5 MiB: a Google Scholar export of 1,000 entries is
#: about 0.5 MiB); larger files, and anything not a regular file, are refused before reading.
BIB_MAX_BYTES = 5 * 1024 * 1024
#: BibTeX fields left out of the page's ``bibtex``: long (abstract) or private (local files).
DROPPED_FIELDS = frozenset({"abstract", "file", "mendeley-tags", "timestamp"})
#: Full venue names (a phrase, lower case) -> the short name on badges; first match wins.
VENUES = (
    ("north american chapter", "NAACL"),
    ("empirical methods in natural language processing", "EMNLP"),
    ("association for computational linguistics", "ACL"),
    ("neural information processing systems", "NeurIPS"),
    ("international conference on machine learning", "ICML"),
    ("international conference on learning representations", "ICLR"),
    ("computer vision and pattern recognition", "CVPR"),
    ("international conference on computer vision", "ICCV"),
    ("european conference on computer vision", "ECCV"),
    ("pattern analysis and machine intelligence", "TPAMI"),
    ("journal of machine learning research", "JMLR"),
    ("transactions on machine learning research", "TMLR"),
    ("conference on robot learning", "CoRL"),
    ("uncertainty in artificial intelligence", "UAI"),
    ("artificial intelligence and statistics", "AISTATS"),
    ("international joint conference on artificial intelligence", "IJCAI"),
    ("aaai conference on artificial intelligence", "AAAI"),
    ("arxiv", "arXiv"),
)
_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^\s,{}()]+)[ \t]*,")
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)")
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID.pattern, re.IGNORECASE)
_ARXIV_IN_TEXT = re.compile(
    r"\barxiv\s*(?:preprint)?\s*(?:arxiv)?\s*:?\s*" + _ARXIV_ID.pattern, re.I
)
_URL_LIKE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
#: Characters left as they are in a DOI link; others (spaces, <, >, ") are percent-encoded.
_DOI_SAFE = "/:;()._-+~@!$&'*,=[]"
_UNPRINTABLE = re.compile(f"{limits.ESCAPES.pattern}|{limits.CONTROLS.pattern}")
#: Where the next entry may start: a line whose first non-blank character is ``@``.
_NEXT_ENTRY = re.compile(r"\n[ \t]*@")
_COMMAND = re.compile(r"@[ \t]*([A-Za-z]*)[ \t]*[{(]?")


class BibError(Exception):
    """The file cannot be imported at all; the message names the line."""


@dataclasses.dataclass(frozen=True)
class Planned:
    """A page to write for one entry."""

    key: str
    line: int
    path: Path
    text: str
    notes: tuple[str, ...] = ()


@dataclasses.dataclass
class Plan:
    """What an import would do: pages to write, entries skipped (with why), and warnings."""

    pages: list[Planned] = dataclasses.field(default_factory=list)
    duplicates: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)


def one_line(text: str) -> str:
    """:func:`limits.printable`, with newlines and tabs as spaces too: for one-line messages."""
    return limits.printable(text).replace("\n", " ").replace("\t", " ")


def read(bib: Path) -> str:
    """The text of ``bib``, decoded as UTF-8 with ``\\n`` line endings.

    The file type and size are checked (with ``stat``) before opening, so a folder, a FIFO or a
    device is refused instead of blocking or reading forever; at most :data:`BIB_MAX_BYTES` + 1
    bytes are read, in case the size said by ``stat`` is wrong (``/proc`` files) or grows.

    :raises BibError: the file is missing, not a regular file, too big, or not UTF-8.
    """
    try:
        _check_kind(bib, os.stat(bib))
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # then never block, never a terminal:
        flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with os.fdopen(os.open(bib, flags), "rb") as file:
            _check_kind(bib, os.fstat(file.fileno()))  # replaced since the stat: check again
            raw = file.read(BIB_MAX_BYTES + 1)
    except OSError as exc:
        raise BibError(f"{bib}: cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > BIB_MAX_BYTES:
        raise BibError(_too_big(bib, None))
    try:
        return frontmatter.decode(raw)
    except frontmatter.FrontMatterError as exc:
        raise BibError(f"{bib}:{exc.problem.line}: {exc.problem.message}") from None


def _check_kind(bib: Path, info: os.stat_result) -> None:
    """Refuse anything but a regular file of at most :data:`BIB_MAX_BYTES`."""
    if stat.S_ISDIR(info.st_mode):
        raise BibError(f"{bib}: is a folder; give the path of a .bib file")
    if not stat.S_ISREG(info.st_mode):
        kinds = (
            (stat.S_ISFIFO, "a FIFO (named pipe)"),
            (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"),
            (stat.S_ISSOCK, "a socket"),
        )
        kind = next((name for test, name in kinds if test(info.st_mode)), "a special file")
        raise BibError(f"{bib}: is {kind}, not a regular file; give the path of a .bib file")
    if info.st_size > BIB_MAX_BYTES:
        raise BibError(_too_big(bib, info.st_size))


def _too_big(bib: Path, size: int | None) -> str:
    has = f"{size:,} bytes" if size is not None else f"more than {BIB_MAX_BYTES:,} bytes"
    return (
        f"{bib}: the file has {has}; import-bib reads at most {BIB_MAX_BYTES:,} bytes: "
        "split it into smaller .bib files"
    )


def _unprintable_line(text: str) -> int | None:
    """The 1-based line of the first character :func:`limits.printable` would change, if any."""
    found = _UNPRINTABLE.search(text)
    return _line_of(text, found.start()) if found else None


def _line_of(text: str, offset: int) -> int:
    """The 1-based line of ``text`` holding the character at ``offset``."""
    return text.count("\n", 0, offset) + 1


def entry_lines(text: str) -> dict[str, list[int]]:
    """Entry key -> the 1-based lines where an entry with that key starts."""
    lines: dict[str, list[int]] = {}
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() not in ("string", "comment", "preamble"):
            line = _line_of(text, match.start())
            lines.setdefault(match.group(2), []).append(line)
    return lines


def parse(text: str, name: str) -> BibliographyData:
    """Parse BibTeX strictly: any error raises :class:`BibError` naming the line."""
    starts = entry_lines(text)
    try:
        return parse_string(text, "bibtex")
    except PybtexError as exc:
        raise BibError(_explain(exc, text, name, starts)) from None


def _explain(exc: PybtexError, text: str, name: str, starts: dict[str, list[int]]) -> str:
    message = re.sub(r"^syntax error in line \d+: ", "", str(exc))
    line = getattr(exc, "lineno", None)
    if isinstance(exc, PybtexSyntaxError) and not isinstance(exc, UndefinedMacro):
        start = _command_start(exc, text)
        if start is not None:
            return f"{name}:{_entry_problem(exc, message, text, start)}"
    if line is None:
        repeated = re.match(r"repeated bibliogra(?:phy|hpy) entry: (.+)", message)
        quoted = re.search(r"'(.+?)'", message)
        if repeated and len(starts.get(repeated.group(1), [])) > 1:
            line = starts[repeated.group(1)][1]
            message = f"entry key {repeated.group(1)!r} is used twice; keys must be unique"
        elif quoted and quoted.group(1) in text:
            line = _line_of(text, text.index(quoted.group(1)))
        else:
            line = 1
    return f"{name}:{line}: malformed BibTeX: {message}"


def _command_start(exc: PybtexError, text: str) -> int | None:
    """Where the ``@`` of the entry pybtex was reading when it failed.

    pybtex records it (``error_context_info``); failing that, the last entry starting on or
    before the line of the error.
    """
    info = getattr(exc, "error_context_info", None)
    if isinstance(info, tuple) and len(info) == 3 and isinstance(info[0], int):
        at = info[0]
        if 0 <= at < len(text) and text[at] == "@":
            return at
    end = len("".join(text.splitlines(keepends=True)[: getattr(exc, "lineno", None) or 0]))
    before = [m.start() for m in _ENTRY_START.finditer(text, 0, end)]
    return before[-1] if before else None


def _entry_problem(exc: PybtexError, message: str, text: str, start: int) -> str:
    """``LINE: malformed BibTeX: ...``, LINE being where the broken entry starts."""
    first = _line_of(text, start)
    line = getattr(exc, "lineno", None)
    if line is not None and line != first and "end of file" not in message:
        message += f" on line {line}"
    command = _COMMAND.match(text, start)
    key = getattr(getattr(exc, "parser", None), "current_entry_key", None)
    entry = _ENTRY_START.match(text, start)
    if not key and entry:
        key = entry.group(2)
    what = f"entry {key!r}" if key else f"'@{command.group(1) if command else ''}'"
    hint = _brace_hint(text, command.end() if command else start + 1)
    return f"{first}: malformed BibTeX: {message} (in {what} starting on line {first}: {hint})"


def _brace_hint(text: str, body: int) -> str:
    """What to check in an entry whose body starts at ``body``: which ``{`` is never closed.

    A heuristic (BibTeX cannot know which brace was meant to close): the entry is taken to end
    at the next line starting with ``@``, or at the end of the file.
    """
    following = _NEXT_ENTRY.search(text, body)
    end = following.start() if following else len(text)
    opened: list[int] = []
    for found in re.finditer(r"[{}]", text[body:end]):
        if found.group() == "{":
            opened.append(body + found.start())
        elif not opened:
            return "check its braces, quotes and commas"  # the entry's own closing brace
        else:
            opened.pop()
    if opened:
        return f"the '{{' on line {_line_of(text, opened[0])} is never closed"
    return "a '{' in it is not closed, or its closing '}' is missing"


def person_name(person: Person) -> str:
    """``First von Last Jr`` as plain text; Chinese, Japanese or Korean names family first."""
    given = latex.to_text(" ".join([*person.first_names, *person.middle_names]))
    family = latex.to_text(" ".join([*person.prelast_names, *person.last_names]))
    lineage = latex.to_text(" ".join(person.lineage_names))
    if given and _is_cjk(given + family):
        return family + given
    return " ".join(part for part in (given, family, lineage) if part)


def _is_cjk(text: str) -> bool:
    return all(unicodedata.east_asian_width(c) in "WF" for c in text if not c.isspace())


def authors_of(entry: Entry) -> list[str]:
    """Author names in order, then ``et al.`` if the list was cut.

    ``and others`` (or ``et al.``: any name :attr:`schema.Author.is_person` says is not a
    person) never becomes a co-author: wherever it is, in the middle or at the end, it is taken
    out, and the list ends with one ``et al.``. A list of only ``others`` has no author.
    """
    names: list[str] = []
    cut = False
    for person in entry.persons.get("author", []):
        name = person_name(person)
        if name and not schema.Author(name).is_person:
            cut = True
        elif name:
            names.append(name)
    return [*names, "et al."] if names and cut else names


def year_of(entry: Entry) -> int | None:
    """The year, from ``year`` or else a biblatex ``date``."""
    for field in ("year", "date"):
        match = re.match(r"\s*\{*\s*(\d{4})\b", entry.fields.get(field, ""))
        if match:
            return int(match.group(1))
    return None


def venue_of(entry: Entry) -> dict[str, str] | None:
    """``short`` (a known acronym when there is one) and ``full`` venue names."""
    for field in ("booktitle", "journal", "howpublished", "publisher", "school", "institution"):
        full = latex.to_text(entry.fields.get(field, ""))
        if full and not _URL_LIKE.match(full):
            break
    else:
        return None
    folded = full.lower()
    short = next((acronym for phrase, acronym in VENUES if phrase in folded), "")
    if not short:
        bracketed = re.search(r"\(([A-Z][A-Za-z]{1,11})\)", full)
        short = bracketed.group(1) if bracketed else full
    return {"short": short, "full": full} if short != full else {"short": full}


def links_of(entry: Entry) -> tuple[dict[str, str], list[str]]:
    """Links to the paper (``url``), arXiv and DOI; and notes on values left out."""
    url = latex.url_text(entry.fields.get("url", ""))
    if not url:
        # @misc entries often give their only link as `howpublished = {\url{...}}`.
        published = re.sub(r"^\\url\s*", "", entry.fields.get("howpublished", "").strip())
        if _URL_LIKE.match(latex.url_text(published)):
            url = latex.url_text(published)
    arxiv = _arxiv_id(entry)
    in_url = _ARXIV_URL.search(url)
    if in_url:
        arxiv, url = arxiv or in_url.group(1), ""
    doi = _DOI_PREFIX.sub("", latex.url_text(entry.fields.get("doi", "")))
    if _DOI_PREFIX.match(url):
        doi, url = doi or _DOI_PREFIX.sub("", url), ""
    candidates = [
        (_url_label(url), url),
        ("arXiv", f"https://arxiv.org/abs/{arxiv}" if arxiv else ""),
        ("DOI", f"https://doi.org/{quote(doi, safe=_DOI_SAFE)}" if doi else ""),
    ]
    links: dict[str, str] = {}
    notes: list[str] = []
    for label, link in candidates:
        problem = schema.url_problem(link) if link else ""
        if problem:
            notes.append(f"{label} link left out: {problem}")
        elif link:
            links[label] = link
    return links, notes


def identifiers_of(entry: Entry) -> tuple[dict[str, str], list[str]]:
    """The ``doi``, ``arxiv``, ``pdf`` (an https ``url`` to a PDF) and ``abstract`` fields the
    entry gives; and notes on values left out."""
    fields: dict[str, str] = {}
    url = latex.url_text(entry.fields.get("url", ""))
    doi = identifiers.doi(latex.url_text(entry.fields.get("doi", ""))) or identifiers.doi(url)
    if doi:
        fields["doi"] = doi
    arxiv = identifiers.arxiv(_arxiv_id(entry)) or identifiers.arxiv_in_links([url])
    if arxiv:
        fields["arxiv"] = arxiv
    if url.lower().startswith("https://") and url.lower().endswith(".pdf"):
        fields["pdf"] = url
    notes = []
    abstract = latex.to_text(entry.fields.get("abstract", ""))
    if len(abstract) > limits.ABSTRACT:
        notes.append(f"abstract left out: longer than {limits.ABSTRACT} characters")
    elif abstract:
        fields["abstract"] = abstract
    return fields, notes


def _url_label(url: str) -> str:
    """``Code`` for a repository, ``PDF`` for a PDF, else ``Paper``."""
    if re.match(r"https?://(?:www\.)?(?:github|gitlab)\.com/", url, re.I):
        return "Code"
    return "PDF" if url.lower().endswith(".pdf") else "Paper"


def _arxiv_id(entry: Entry) -> str:
    """The arXiv identifier: ``eprint`` with an arXiv prefix, or ``arXiv:ID`` in a venue field."""
    fields = entry.fields
    prefix = fields.get("archiveprefix", "") or fields.get("eprinttype", "")
    if fields.get("eprint") and prefix.strip().lower() == "arxiv":
        return fields["eprint"].strip()
    for field in ("journal", "howpublished", "note", "volume"):
        match = _ARXIV_IN_TEXT.search(fields.get(field, ""))
        if match:
            return match.group(1)
    return ""


def to_bibtex(key: str, entry: Entry) -> str:
    """The entry as BibTeX: braces around values, ``@string`` macros expanded."""
    items: list[tuple[str, str]] = []
    fields = [(name, value) for name, value in entry.fields.items()]
    items += [(n, v) for n, v in fields if n.lower() == "title"]
    for role, persons in entry.persons.items():
        items.append((role, " and ".join(str(p) for p in persons)))
    items += [(n, v) for n, v in fields if n.lower() not in DROPPED_FIELDS | {"title"}]
    width = max(len(name) for name, _ in items) if items else 0
    body = ",\n".join(
        f"  {name.ljust(width)} = {{{' '.join(value.split())}}}" for name, value in items
    )
    return f"@{entry.original_type}{{{key},\n{body}\n}}\n"


def tldr_of(entry: Entry, title: str) -> tuple[str, bool]:
    """A TL;DR: the abstract's first sentence when short enough, else the title.

    :returns: the text, and whether it is only a stand-in to replace.
    """
    abstract = latex.to_text(entry.fields.get("abstract", ""))
    first = re.split(r"(?<=[.!?])\s+", abstract, maxsplit=1)[0] if abstract else ""
    if first and len(first) <= schema.TLDR_MAX:
        return first, False
    text = title
    if len(text) > schema.TLDR_MAX:
        text = text[: schema.TLDR_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text, True


class _Dumper(yaml.SafeDumper):
    """Safe YAML: list items indented under their key, multi-line text as a ``|`` block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def page_text(data: dict[str, Any], source: str, key: str, stand_in_tldr: bool) -> str:
    """The page: front matter written by PyYAML, then a comment naming where it came from."""
    dumped = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**9)
    if stand_in_tldr:
        comment = "# TODO: tldr is a copy of the title; write one sentence on the project.\n"
        dumped = re.sub(r"^tldr:", lambda m: comment + m.group(0), dumped, count=1, flags=re.M)
    note = f"% Imported from {one_line(source)} (entry {key}). Write about the project here."
    return f"---\n{dumped}---\n\n{note}\n"


def plan(bib: Path, folder: Path) -> Plan:
    """Decide, without writing anything, which pages the entries of ``bib`` become.

    :raises BibError: the file cannot be read or parsed.
    """
    raw = read(bib)
    text = limits.printable(raw)
    data = parse(text, str(bib))
    if not data.entries:
        raise BibError(f"{bib}:1: no BibTeX entries found (expected '@article{{key, ...}}')")
    starts = entry_lines(text)
    titles = {t: str(p) for t, p in newpage.existing_titles(folder).items()}
    taken = {p.stem for p in folder.rglob("*.md")}
    result = Plan()
    changed = _unprintable_line(raw)
    if changed:
        result.warnings.append(
            f"{bib}:{changed}: warning: terminal escape sequences or control characters (the "
            "first on this line): left out, or replaced with U+FFFD, in pages and messages"
        )
    for key, entry in data.entries.items():
        line = starts.get(key, [1])[0]
        where = f"{bib}:{line}: entry {key!r}"
        title = latex.to_text(entry.fields.get("title", ""))
        authors, year = authors_of(entry), year_of(entry)
        missing = [n for n, v in (("title", title), ("author", authors), ("year", year)) if not v]
        if missing:
            result.problems.append(
                f"{where}: skipped: no {' and no '.join(missing)} (a page needs all three)"
            )
            continue
        assert year is not None
        if not schema.YEAR_MIN <= year <= schema.latest_year():
            result.problems.append(
                f"{where}: skipped: year: expected a year from {schema.YEAR_MIN} to "
                f"{schema.latest_year()}, got {year}"
            )
            continue
        normal = schema.normalise_title(title)
        if normal in titles:
            result.duplicates.append(f"{where}: skipped: same title as {titles[normal]}")
            continue
        titles[normal] = f"entry {key!r} (line {line})"
        page, notes = _page(bib, key, entry, title, authors, year)
        problems = _validate(page)
        if problems:
            result.problems.append(f"{where}: skipped: {problems[0]}")
            continue
        slug = _free_slug(newpage.slugify(title) or newpage.slugify(key) or "project", taken)
        taken.add(slug)
        result.pages.append(Planned(key, line, folder / f"{slug}.md", page, tuple(notes)))
    return result


def _page(
    bib: Path, key: str, entry: Entry, title: str, authors: list[str], year: int
) -> tuple[str, list[str]]:
    links, notes = links_of(entry)
    tldr, stand_in = tldr_of(entry, title)
    data: dict[str, Any] = {"title": title, "authors": authors, "year": year}
    venue = venue_of(entry)
    if venue:
        data["venue"] = venue
    data["tldr"] = tldr
    keywords = [latex.to_text(k) for k in re.split(r"[,;]", entry.fields.get("keywords", ""))]
    if any(keywords):
        data["keywords"] = list(dict.fromkeys(k for k in keywords if k))
    if links:
        data["links"] = links
    fields, more = identifiers_of(entry)
    data.update(fields)
    notes += more
    data["bibtex"] = to_bibtex(key, entry)
    return page_text(data, bib.name, key, stand_in), notes


def _validate(page: str) -> list[str]:
    """What is wrong with a page to write, but the ``TODO`` it holds on purpose (stand-in tldr)."""
    try:
        meta, problems = schema.validate(frontmatter.parse(page))
    except frontmatter.FrontMatterError as exc:
        return [str(exc.problem)]
    wrong = [str(p) for p in problems if p.subtype != "unfinished"]
    return wrong or ([] if meta else ["the page would not be valid"])


def _free_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-2``, ``slug-3``… when a page already has it: never overwrite."""
    if slug not in taken and slug != "index":
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def write(planned: Planned) -> None:
    """Write one planned page; refuse if the file appeared meanwhile."""
    with planned.path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(planned.text)
