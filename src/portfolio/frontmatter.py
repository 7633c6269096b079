"""Split the leading YAML block of a page and map each top-level key to its file line.

Imports no Sphinx, so ``portfolio check`` reports exactly what the build reports.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

#: Field name used for problems that concern the whole front matter block.
WHOLE = "front matter"


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: where, which field, and what."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclasses.dataclass(frozen=True)
class FrontMatter:
    """The parsed leading YAML block of one page."""

    data: dict[str, Any]
    #: top-level key -> 1-based line in the file
    lines: dict[str, int]
    #: 1-based line of the opening ``---``
    start: int = 1
    #: 1-based line of the first line after the closing ``---``
    end: int = 1

    def line_of(self, key: str) -> int:
        """The file line of ``key``, or of the opening ``---`` when it is absent."""
        return self.lines.get(key, self.start)


class FrontMatterError(Exception):
    """The front matter cannot be read at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def decode(raw: bytes) -> str:
    """Decode page bytes as UTF-8 (a BOM is allowed), with ``\\n`` line endings."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            Problem(
                line,
                WHOLE,
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
                f"{exc.start}); save it as UTF-8",
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_front_matter(text: str) -> bool:
    """Whether the page starts with a ``---`` line."""
    return text.split("\n", 1)[0].rstrip() == "---"


def parse(text: str) -> FrontMatter:
    """Parse the leading ``---`` YAML block of ``text``.

    :raises FrontMatterError: empty page, no or unclosed block, bad YAML, not a mapping.
    """
    if not text.strip():
        raise FrontMatterError(
            Problem(1, WHOLE, "the file is empty; expected a '---' YAML block with title, authors, year, tldr")
        )
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise FrontMatterError(
            Problem(1, WHOLE, f"expected the file to start with a '---' line, got {lines[0][:40]!r}")
        )
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    except StopIteration:
        raise FrontMatterError(
            Problem(1, WHOLE, "the '---' block opened on line 1 is never closed; add a '---' line after the last field")
        ) from None
    block = "\n".join(lines[1:close])
    try:
        node = yaml.compose(block, Loader=yaml.SafeLoader)
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        reason = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(Problem(line, WHOLE, f"invalid YAML: {reason}")) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            Problem(2, WHOLE, f"expected a mapping of 'field: value' lines, got {type(data).__name__}")
        )
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 2
            if key in key_lines:
                raise FrontMatterError(
                    Problem(line, key, f"appears twice (first on line {key_lines[key]}); keep one")
                )
            key_lines[key] = line
    return FrontMatter(data=data, lines=key_lines, start=1, end=close + 2)


def read(path: Path) -> FrontMatter:
    """Read and parse the front matter of the page at ``path``."""
    return parse(decode(path.read_bytes()))
