"""The people registry, ``docs/people.yaml``: who the authors are under each of their
spellings, with homepage, ORCID iD and affiliation (no Sphinx; the build and ``portfolio
check`` read it with the same function and report the same problems).

The file is a list, one item per person::

    - name: J. Zico Kolter              # as the site shows them
      spellings: [Zico Kolter]          # as author lists also write them
      homepage: https://zicokolter.com/
      orcid: 0000-0002-1825-0097        # checked, ISO 7064 check character included
      affiliation: Carnegie Mellon University

Spellings match whatever their case, spacing and full stops (``J Zico Kolter`` is
``J. Zico Kolter``). The site's owner (``portfolio_owner``) is one of the people.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from portfolio.model import identifiers, limits
from portfolio.model.frontmatter import FrontMatterError as _DecodeError
from portfolio.model.frontmatter import Problem, decode
from portfolio.model.schema import url_problem

#: The registry's file name, in the source folder.
FILE = "people.yaml"
KEYS = ("name", "spellings", "homepage", "orcid", "affiliation")
SUBTYPE = "people"
#: How alike an author and a registered spelling must be to be worth a hint (difflib ratio).
NEAR_MISS = 0.85
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=1 << 14)  # asked for each author of each card shown
def name_key(name: str) -> str:
    """The form in which two spellings are one: NFKC, case-folded, full stops and runs of
    spaces as one space."""
    text = unicodedata.normalize("NFKC", name).casefold().replace(".", " ")
    return " ".join(text.split())


@dataclasses.dataclass(frozen=True)
class Person:
    """One person of the registry; ``line`` is where their item starts in the file."""

    name: str
    spellings: tuple[str, ...] = ()
    homepage: str = ""
    orcid: str = ""
    affiliation: str = ""
    line: int = 1

    @property
    def names(self) -> tuple[str, ...]:
        """The display name, then the other spellings."""
        return (self.name, *self.spellings)

    @property
    def same_as(self) -> list[str]:
        """Homepage and ORCID record: the URLs that identify the person."""
        urls = [self.homepage] if self.homepage else []
        return urls + ([identifiers.orcid_url(self.orcid)] if self.orcid else [])


@dataclasses.dataclass(frozen=True)
class Registry:
    """Everyone in ``people.yaml`` (none when there is no file)."""

    people: tuple[Person, ...] = ()

    @functools.cached_property
    def _index(self) -> dict[str, Person]:
        index: dict[str, Person] = {}
        for person in self.people:
            for name in person.names:
                index.setdefault(name_key(name), person)
        return index

    def find(self, name: str) -> Person | None:
        """The person an author ``name`` is, under any of their spellings."""
        return self._index.get(name_key(name))

    def identity(self, name: str) -> str:
        """Who ``name`` is: a registered person's display name, else the name as written."""
        person = self.find(name)
        return person.name if person else name

    def key(self, name: str) -> str:
        """The form in which every spelling of the person ``name`` is one."""
        return name_key(self.identity(name))

    def is_owner(self, name: str, owner: str) -> bool:
        """Whether ``name`` is the owner ``owner``, under any spelling the registry knows."""
        return bool(owner) and self.key(name) == self.key(owner)

    def digest_source(self) -> list[tuple[str, ...]]:
        """What the registry says, for a digest of what pages show."""
        return [dataclasses.astuple(p)[:-1] for p in self.people]


def load(srcdir: Path) -> tuple[Registry, list[Problem]]:
    """``srcdir/people.yaml`` read within :mod:`limits` and checked; an empty registry and no
    problem when there is no such file. Entries with a problem are left out."""
    path = srcdir / FILE
    if not path.is_file():
        return Registry(), []
    if not path.resolve().is_relative_to(srcdir.resolve()):
        message = (
            "is a link to a file outside the source folder; only files inside it are read "
            "(copy the file instead)"
        )
        return Registry(), [Problem(1, "people", message, subtype=SUBTYPE)]
    try:
        raw = path.read_bytes()
        if len(raw) > limits.PEOPLE_CHARS:
            message = f"expected at most {limits.PEOPLE_CHARS // 1024} KiB, got {len(raw)} bytes"
            return Registry(), [Problem(1, "people", message, subtype=SUBTYPE)]
        return parse(decode(raw))
    except _DecodeError as exc:
        return Registry(), [dataclasses.replace(exc.problem, field="people", subtype=SUBTYPE)]
    except OSError as exc:
        return Registry(), [Problem(1, "people", f"cannot read: {exc.strerror}", subtype=SUBTYPE)]


def parse(text: str) -> tuple[Registry, list[Problem]]:
    """The registry in ``text`` and its problems, each with its line."""
    for number, line_text in enumerate(text.split("\n"), 1):
        if problem := limits.forbidden_character(line_text):
            return Registry(), [Problem(number, "people", problem, subtype=SUBTYPE)]
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        limits.check_tree(node, offset=1)
        data = loader.construct_document(node) if node is not None else []
    except limits.LimitError as exc:
        return Registry(), [Problem(exc.line, "people", exc.message, subtype=SUBTYPE)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        message = f"invalid YAML: {exc.problem or exc}"
        return Registry(), [Problem(line, "people", message, subtype=SUBTYPE)]
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        return Registry(), [Problem(1, "people", f"invalid YAML: {exc}", subtype=SUBTYPE)]
    finally:
        loader.dispose()
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode | type(None)):
        message = "expected a list of people, each item starting '- name: ...'"
        return Registry(), [Problem(1, "people", message, subtype=SUBTYPE)]
    checker = _Checker()
    people = []
    for item, item_node in zip(data, node.value if node else [], strict=True):
        person = checker.person(item, item_node)
        if person is not None:
            people.append(person)
    checker.claims(people)
    return Registry(tuple(people)), sorted(checker.problems, key=lambda p: p.line)


class _Checker:
    """Converts items to :class:`Person` values, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(line, field, message, subtype=SUBTYPE))

    def person(self, item: Any, node: yaml.Node) -> Person | None:
        line = node.start_mark.line + 1
        if not isinstance(item, dict):
            self.fail(line, "person", "expected 'name:' and the other fields of one person")
            return None
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        for key in map(str, item):
            if key not in KEYS:
                match = difflib.get_close_matches(key, KEYS, n=1)
                hint = f"; did you mean {match[0]!r}?" if match else f"; use {', '.join(KEYS)}"
                self.fail(lines[key], key, f"unknown field{hint}")
                return None
        name = self.text(item.get("name"), "name", lines.get("name", line), limits.AUTHOR)
        if name is None:
            return None
        spellings = self.spellings(item.get("spellings", []), lines.get("spellings", line))
        homepage = item.get("homepage") or ""
        if homepage and (problem := url_problem(homepage)):
            self.fail(lines["homepage"], "homepage", problem)
            return None
        orcid = item.get("orcid") or ""
        if orcid and not identifiers.orcid(str(orcid)):
            self.fail(
                lines["orcid"],
                "orcid",
                f"expected an ORCID iD such as 0000-0002-1825-0097 (its last character checks "
                f"the others, ISO 7064 MOD 11-2), got {str(orcid)[:40]!r}",
            )
            return None
        affiliation = ""
        if item.get("affiliation"):
            where = lines["affiliation"]
            found = self.text(item["affiliation"], "affiliation", where, limits.AFFILIATION)
            if found is None:
                return None
            affiliation = found
        if spellings is None:
            return None
        return Person(
            name,
            spellings,
            homepage.strip(),
            identifiers.orcid(str(orcid)) if orcid else "",
            affiliation,
            line,
        )

    def text(self, value: Any, field: str, line: int, limit: int) -> str | None:
        if not isinstance(value, str) or not value.strip():
            found = "nothing" if value is None else repr(value)[:40]
            self.fail(line, field, f"expected text, got {found}")
            return None
        text = " ".join(value.split())
        if len(text) > limit:
            self.fail(line, field, f"expected at most {limit} characters, got {len(text)}")
            return None
        return text

    def spellings(self, value: Any, line: int) -> tuple[str, ...] | None:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or len(value) > limits.SPELLINGS:
            self.fail(
                line, "spellings", f"expected a list of at most {limits.SPELLINGS} other names"
            )
            return None
        found = []
        for item in value:
            text = self.text(item, "spellings", line, limits.AUTHOR)
            if text is None:
                return None
            found.append(text)
        return tuple(found)

    def claims(self, people: list[Person]) -> None:
        """Two people who claim one spelling: the later one is reported."""
        owners: dict[str, Person] = {}
        for person in people:
            for name in dict.fromkeys(person.names):
                first = owners.setdefault(name_key(name), person)
                if first is not person:
                    self.fail(
                        person.line,
                        "spellings",
                        f"{name!r} is also claimed by {first.name!r} (line {first.line}); "
                        "keep it in one entry",
                    )


def unused(registry: Registry, authors: Iterable[str]) -> list[Problem]:
    """A problem for each registered person no project lists as an author."""
    used = {id(p) for name in authors if (p := registry.find(name))}
    return [
        Problem(
            p.line,
            "name",
            f"{p.name!r} is the author of no project; remove the entry or add the spelling "
            "the project uses",
            subtype=SUBTYPE,
        )
        for p in registry.people
        if id(p) not in used
    ]


def near_misses(registry: Registry, authors: Mapping[str, int]) -> list[Problem]:
    """A hint for each author (with its line) that matches no registered spelling but looks
    like one (``Zico Koltre`` and ``Zico Kolter``)."""
    spellings = {name_key(n): (n, p) for p in registry.people for n in p.names}
    hints = []
    for author, line in authors.items():
        key = name_key(author)
        if key in spellings:
            continue
        match = difflib.get_close_matches(key, list(spellings), n=1, cutoff=NEAR_MISS)
        if match:
            spelling, person = spellings[match[0]]
            hints.append(
                Problem(
                    line,
                    "authors",
                    f"hint: {author!r} looks like {spelling!r} of {FILE} (line {person.line}) "
                    "but is not one of its spellings; fix it, or add it to 'spellings'",
                    subtype="hint",
                )
            )
    return hints
