"""Split the leading YAML block of a page and map each key (and list item) to its file line.

Imports no Sphinx, so ``portfolio check`` reports exactly what the build reports.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from portfolio.model import limits

#: Field name used for problems that concern the whole front matter block.
WHOLE = "front matter"
#: libyaml is ~15x faster; the pure-Python loader, used only to explain an error, words it better.
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: libyaml's emitter where PyYAML has it: four times faster, for every project page's title.
_FAST_DUMPER: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
#: Hints for the YAML mistakes people make in front matter, by a phrase of the parser's message.
_YAML_HINTS = {
    "'\\t'": "indent with spaces, not tabs",
    "mapping values are not allowed": "a value containing ': ' must be put in quotes",
    "cannot start any token": "a value starting with @, ` or % must be put in quotes",
    "could not find expected ':'": "each line needs 'field: value'",
    "expected ',' or ']'": "close the '[' list with ']'",
    "expected ',' or '}'": "close the '{' mapping with '}'",
    "end of stream": "close the quote",
    "undefined alias": "a value starting with * or & must be put in quotes",
}


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with a page: where, which field, and what."""

    line: int
    field: str
    message: str
    #: the warning subtype the build reports it under (``portfolio.<subtype>``)
    subtype: str = "frontmatter"

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
    #: (top-level key, item key or 0-based index) -> 1-based line, for nested values
    items: dict[tuple[str, str | int], int] = dataclasses.field(default_factory=dict)
    #: top-level key -> its scalar value as written (``02024`` for a value read as 1044)
    raw: dict[str, str] = dataclasses.field(default_factory=dict)
    #: 1-based lines of the block that still say ``TODO``
    todo: tuple[int, ...] = ()

    def line_of(self, key: str, item: str | int | None = None) -> int:
        """The file line of ``key`` (or of its ``item``), else of the opening ``---``."""
        if item is not None and (key, item) in self.items:
            return self.items[key, item]
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
                f"expected UTF-8 text, got the byte 0x{raw[exc.start]:02x} (offset {exc.start}), "
                "which is not UTF-8; save the file as UTF-8",
            )
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_front_matter(text: str) -> bool:
    """Whether the page starts with a ``---`` line."""
    return text.split("\n", 1)[0].rstrip() == "---"


def closing_line(lines: list[str], limit: int | None = None) -> int | None:
    """The 0-based index of the line closing the block opened on line 0, if any (looking
    no further than ``limit`` lines)."""
    end = len(lines) if limit is None else min(len(lines), limit + 2)
    return next((i for i in range(1, end) if lines[i].rstrip() in ("---", "...")), None)


@functools.lru_cache(maxsize=16)
def parse(text: str) -> FrontMatter:
    """Parse the leading ``---`` YAML block of ``text``, within the limits of :mod:`limits`.

    Cached: a build parses each project page twice (at ``source-read`` and in the domain).

    :raises FrontMatterError: empty page, no or unclosed block, a block too big, bad YAML,
        YAML beyond the limits (aliases, depth, size, numbers, control characters), not a
        mapping.
    """
    if not text.strip():
        raise FrontMatterError(
            Problem(
                1,
                WHOLE,
                "expected a '---' block with title, authors, year and tldr, got an empty file",
            )
        )
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise FrontMatterError(
            Problem(
                1, WHOLE, f"expected the file to start with a '---' line, got {lines[0][:40]!r}"
            )
        )
    close = closing_line(lines, limits.FRONT_MATTER_LINES)
    if close is None:
        raise FrontMatterError(
            Problem(
                1,
                WHOLE,
                "expected a closing '---' line after the last field, got the end of the file"
                if len(lines) <= limits.FRONT_MATTER_LINES
                else f"expected a closing '---' line within {limits.FRONT_MATTER_LINES} lines",
            )
        )
    block = "\n".join(lines[1:close])
    if len(block) > limits.FRONT_MATTER_CHARS:
        raise FrontMatterError(
            Problem(
                1,
                WHOLE,
                f"expected at most {limits.FRONT_MATTER_CHARS} characters between the '---' "
                f"lines, got {len(block)}; move long text into the page body",
            )
        )
    loader = _FAST_LOADER(block)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            raise FrontMatterError(_yaml_problem(block, lines, exc)) from None
        try:
            limits.check_tree(node)
        except limits.LimitError as exc:
            raise FrontMatterError(Problem(exc.line, exc.field, exc.message)) from None
        data = _construct(loader, node)
    finally:
        loader.dispose()
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"{type(data).__name__} {data!r:.40}"
        raise FrontMatterError(Problem(2, WHOLE, f"expected 'field: value' lines, got {kind}"))
    key_lines, items, raw = _positions(node)
    todo = tuple(i + 1 for i in range(1, close) if "TODO" in lines[i])
    return FrontMatter(
        data=data, lines=key_lines, start=1, end=close + 2, items=items, raw=raw, todo=todo
    )


def _construct(loader: yaml.SafeLoader, node: yaml.Node | None) -> Any:
    """The Python value of ``node``; an unknown tag or an impossible value is a problem."""
    if node is None:
        return None
    try:
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or "").replace("tag:yaml.org,2002:", "!!")
        if "constructor for the tag" in problem:
            problem += "; remove the tag or put the value in quotes"
        line = mark.line + 2 if mark is not None else 2
        raise FrontMatterError(Problem(line, WHOLE, f"invalid YAML: {problem}")) from None
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as exc:
        raise FrontMatterError(Problem(2, WHOLE, f"invalid YAML: {exc}")) from None


def _yaml_problem(block: str, lines: list[str], fast: yaml.YAMLError) -> Problem:
    """Explain a YAML error with the pure-Python parser, at the line most likely to blame
    (libyaml's own error, ``fast``, where that parser finds none)."""
    try:
        yaml.compose(block, Loader=yaml.SafeLoader)
    except RecursionError:  # nesting past libyaml's own limit, which it reports
        return Problem(2, WHOLE, f"invalid YAML: nested more than {limits.DEPTH} levels deep")
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
        context = getattr(exc, "context", None) or ""
        # A scan that started earlier (a quote, a flow list, a key) is where the mistake is.
        mark = getattr(exc, "problem_mark", None)
        if getattr(exc, "context_mark", None) is not None and "block" not in context:
            mark = exc.context_mark
        line = mark.line + 2 if mark is not None else 2
        hint = next((h for phrase, h in _YAML_HINTS.items() if phrase in problem), "")
        found = lines[line - 1].strip() if line - 1 < len(lines) else ""
        message = f"invalid YAML: {problem}"
        if found:
            message += f" in {found[:60]!r}"
        return Problem(line, WHOLE, message + (f"; {hint}" if hint else ""))
    # libyaml refused what PyYAML accepts (an escaped lone surrogate, say): its own words.
    mark = getattr(fast, "problem_mark", None)
    problem = getattr(fast, "problem", None) or "not readable"
    return Problem(mark.line + 2 if mark else 2, WHOLE, f"invalid YAML: {problem}")


def _positions(
    node: yaml.Node | None,
) -> tuple[dict[str, int], dict[tuple[str, str | int], int], dict[str, str]]:
    """Lines of top-level keys, and of the items (keys or list entries) one level down;
    the text of each top-level scalar as written.

    :raises FrontMatterError: a key appears twice (YAML would silently keep the last), at
        the top level or in a mapping one level down.
    """
    key_lines: dict[str, int] = {}
    items: dict[tuple[str, str | int], int] = {}
    raw: dict[str, str] = {}
    if not isinstance(node, yaml.MappingNode):
        return key_lines, items, raw
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in key_lines:
            raise FrontMatterError(
                Problem(line, key, f"appears twice (first on line {key_lines[key]}); keep one")
            )
        key_lines[key] = line
        if isinstance(value_node, yaml.ScalarNode):
            raw[key] = value_node.value
        elif isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                items[key, i] = item.start_mark.line + 2
        elif isinstance(value_node, yaml.MappingNode):
            for item_key, _ in value_node.value:
                name, item_line = str(item_key.value).strip(), item_key.start_mark.line + 2
                if (key, name) in items:
                    first = items[key, name]
                    message = f"{name}: appears twice (first on line {first}); keep one"
                    raise FrontMatterError(Problem(item_line, key, message))
                items[key, name] = item_line
    return key_lines, items, raw


def read(path: Path) -> FrontMatter:
    """Read and parse the front matter of the page at ``path``."""
    return parse(decode(path.read_bytes()))


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(text: str) -> str:
    """``text`` with every ASCII punctuation mark backslash-escaped, so Markdown shows it as is."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def build_source(text: str, fallback_title: str, keep: frozenset[str]) -> str | None:
    """What MyST should parse instead of a project page, or ``None`` to parse it unchanged.

    MyST renders a front-matter ``title`` as Markdown (raw HTML included) and shows nothing
    for a block it cannot read. So the block is replaced, line for line, by one that holds
    only the title as literal text, ``orphan``, MyST's ``title_to_header`` and the keys in
    ``keep`` (Sphinx's and MyST's own).
    An unreadable block becomes a heading with ``fallback_title``; the body keeps its lines.
    """
    heading = f"# {markdown_literal(fallback_title)}\n"
    if not text.strip():
        return heading
    if not has_front_matter(text):
        return None
    lines = text.split("\n")
    close = closing_line(lines)
    if close is None:
        return heading
    try:
        data = parse(text).data
    except FrontMatterError:
        return heading + "\n" * close + "\n".join(lines[close + 1 :])
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        title = fallback_title
    kept = {str(k): v for k, v in data.items() if str(k) in keep}
    if close == 1:  # `---` then `---`: no room for a front-matter line
        return heading + "\n" + "\n".join(lines[2:])
    # Project pages are listed by the extension: they need no toctree (Sphinx warns without).
    # Their title is their H1: MyST is told so for them alone, not for the whole site.
    own = kept.get("myst") if isinstance(kept.get("myst"), dict) else {}
    myst = {**own, "title_to_header": True}
    head = {"title": markdown_literal(title), "orphan": True, **kept, "myst": myst}
    flow = yaml.dump(
        head,
        Dumper=_FAST_DUMPER,
        default_flow_style=True,
        allow_unicode=True,
        width=10**9,
        sort_keys=False,
    )
    block = ["---", flow.strip(), *[""] * (close - 2), "---"]
    return "\n".join(block + lines[close + 1 :])


def without_front_matter(text: str) -> str:
    """``text`` with its front matter replaced by blank lines (so line numbers stay)."""
    lines = text.split("\n")
    close = closing_line(lines)
    if close is None:
        return text
    return "\n".join(["", *[""] * close, *lines[close + 1 :]])
