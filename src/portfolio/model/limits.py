"""The limits on what a page may hold, and the check of a YAML tree against them.

Every page is hostile until checked: these bound the time and memory one page can cost and
keep characters that no output format can carry (control characters, which XML forbids,
and lone surrogates, which UTF-8 cannot encode) out of every value. The README's "Limits
and safety" lists them. Imports no Sphinx.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from collections.abc import Iterator

#: Bytes of one page: more is refused unread (MyST's time grows with it).
PAGE_BYTES = 4 * 2**20
#: Characters between the ``---`` lines of one page's front matter.
FRONT_MATTER_CHARS = 64 * 1024
#: Lines searched for the closing ``---``.
FRONT_MATTER_LINES = 2000
#: Values (scalars, lists, mappings) in one front matter.
NODES = 5000
#: Levels of lists and mappings inside one another.
DEPTH = 10
#: Digits of a number.
DIGITS = 30

#: Characters of each one-line field.
TITLE = 300
AUTHOR = 100
KEYWORD = 60
VENUE_SHORT = 40
VENUE_FULL = 200
AWARD = 60
LINK_LABEL = 40
URL = 2000
ALT = 300
BIBTEX = 20_000
ABSTRACT = 5_000
IDENTIFIER = 200
#: Items of each list.
AUTHORS = 200
KEYWORDS = 20
LINKS = 20
#: Characters of ``people.yaml``, and of an affiliation in it.
PEOPLE_CHARS = 1024 * 1024
AFFILIATION = 200
#: Other spellings of one person.
SPELLINGS = 20
#: Bytes of an image a page shows, and of an SVG read to look for script.
IMAGE_BYTES = 10 * 1024 * 1024

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
#: Terminal escape sequences: CSI (``ESC [`` or 0x9b, parameters, one final byte); OSC, DCS,
#: SOS, PM and APC strings ended by BEL or ST; any other ``ESC``, intermediate bytes (as in
#: ``ESC ( B``) and one final character.
ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]"
)
#: C0 and C1 control characters but newline and tab, DEL, and lone surrogates.
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: What no value may hold: :data:`CONTROLS`, and the non-characters U+FFFE and U+FFFF.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class LimitError(Exception):
    """A YAML tree breaks a limit: ``line`` (1-based, in the file), ``field``, ``message``."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(message)
        self.line, self.field, self.message = line, field, message


def forbidden_character(text: str) -> str:
    """Why ``text`` cannot be published (a control character or lone surrogate), or ``''``."""
    match = _FORBIDDEN.search(text)
    if match is None:
        return ""
    char, where = match[0], match.start() + 1
    if "\ud800" <= char <= "\udfff":
        return f"contains a lone surrogate U+{ord(char):04X} at character {where}; remove it"
    if char in "\ufffe\uffff":
        return f"contains the non-character U+{ord(char):04X} at character {where}; remove it"
    return f"contains the control character U+{ord(char):04X} at character {where}; remove it"


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: no escape sequences, no control characters.

    ANSI/VT escape sequences (CSI, OSC/DCS/SOS/PM/APC strings, other ``ESC`` sequences, in
    their 7- and 8-bit forms; see ``ESCAPES``) are removed; every other C0 or C1 control
    character (newline and tab are kept), DEL and lone surrogates are replaced with U+FFFD, so
    the reader sees that something was there. Newlines are never removed, so line numbers stay
    right.
    """
    return CONTROLS.sub("\ufffd", ESCAPES.sub("", text))


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``): for a file
    name, which must stay recognisable rather than lose characters."""
    if not CONTROLS.search(text):
        return text
    return CONTROLS.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def check_tree(root: yaml.Node | None, offset: int = 2) -> None:
    """Check a composed YAML tree before it becomes Python values.

    No aliases (a "billion laughs" of ``*refs`` costs nothing to compose and exponential
    time to walk), at most :data:`DEPTH` levels and :data:`NODES` values, keys that are
    text, numbers of at most :data:`DIGITS` digits, no unpublishable characters.

    ``offset`` turns a mark's 0-based line into the file's: 2 below a ``---`` line (front
    matter), 1 for a whole YAML file.

    :raises LimitError: at the first problem, with its line and top-level field.
    """
    seen: set[int] = set()
    for node, depth, field in _walk(root, offset):
        line = node.start_mark.line + offset
        if id(node) in seen:
            raise LimitError(
                line, field, "YAML aliases (*name) are not allowed here; write the value out"
            )
        seen.add(id(node))
        if len(seen) > NODES:
            raise LimitError(line, field, f"expected at most {NODES} values in the front matter")
        if depth > DEPTH:
            raise LimitError(
                line, field, f"expected lists and mappings at most {DEPTH} levels deep"
            )
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, line, field)


def _walk(root: yaml.Node | None, offset: int) -> Iterator[tuple[yaml.Node, int, str]]:
    """Every node with its depth and its top-level key, without recursion; checks keys."""
    if root is None:
        return
    stack: list[tuple[yaml.Node, int, str]] = [(root, 0, "front matter")]
    while stack:
        node, depth, field = stack.pop()
        yield node, depth, field
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1, field) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else field
                if not isinstance(key, yaml.ScalarNode):
                    raise LimitError(
                        key.start_mark.line + offset,
                        field,
                        "expected a key of text, got a list or mapping",
                    )
                if depth == 0 and key.tag != _STR:
                    raise LimitError(
                        key.start_mark.line + offset,
                        name,
                        f"expected a field name of text, got {key.value!r}; "
                        "put it in quotes or rename it",
                    )
                stack.append((value, depth + 1, name if depth == 0 else field))
                stack.append((key, depth + 1, name if depth == 0 else field))


def _check_scalar(node: yaml.ScalarNode, line: int, field: str) -> None:
    if node.tag in (_INT, _FLOAT) and sum(c.isdigit() for c in node.value) > DIGITS:
        raise LimitError(
            line,
            field,
            f"expected a number of at most {DIGITS} digits, "
            f"got one of {sum(c.isdigit() for c in node.value)}",
        )
    if node.tag == _TIMESTAMP:
        try:
            yaml.SafeLoader("").construct_yaml_timestamp(node)
        except ValueError as exc:
            raise LimitError(line, field, f"{node.value!r} is not a date: {exc}") from None
    problem = forbidden_character(node.value)
    if problem:
        raise LimitError(line, field, problem)
