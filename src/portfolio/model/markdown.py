"""What a page's Markdown points at, with lines: ``{project}`` roles and the files it
names (images, figures, downloads, includes).

Read with markdown-it and the block and role syntax of MyST's default parser, so
``portfolio check`` finds what the build finds without running Sphinx.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from portfolio.model import frontmatter

#: Names of the ``project`` role (it is registered plain and in the domain).
ROLE_NAMES = ("project", "portfolio:project")
#: Directives whose argument is a file to show or read, by name.
FILE_DIRECTIVES = ("image", "figure", "include", "literalinclude")
#: Directives that read a file given as their ``:file:`` option.
FILE_OPTION_DIRECTIVES = ("raw", "csv-table")
#: The kinds of :class:`Reference` that name a file.
FILE_KINDS = ("image", "download", *FILE_DIRECTIVES, *FILE_OPTION_DIRECTIVES)
_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<(.*?)>$", re.DOTALL)
#: Directives whose content is code, not Markdown.
_LITERAL_DIRECTIVES = ("code", "code-block", "sourcecode", "code-cell", "literalinclude", "math")


@dataclasses.dataclass(frozen=True)
class Reference:
    """Something a page points at: ``kind`` (``project``, ``image``, ``download``,
    ``include``, ``toctree`` or ``toctree-glob`` for an entry of a toctree ...), its target
    as written, and the line of its block."""

    line: int
    kind: str
    target: str


def parser() -> MarkdownIt:
    """The block and role syntax of MyST's default parser, enough to find roles and lines."""
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(myst_block_plugin)
        .use(myst_role_plugin)
        .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    )


def references(text: str, md: MarkdownIt | None = None) -> list[Reference]:
    """Every reference of ``text`` in order; cheap for a page that can have none."""
    if not any(mark in text for mark in ("{", "![")):
        return []  # most pages: skip parsing
    return list(_references(md or parser(), text, 0))


def _references(md: MarkdownIt, text: str, offset: int) -> Iterator[Reference]:
    line = offset + 1
    for token in md.parse(text):
        if token.map is not None:
            line = offset + token.map[0] + 1
        if token.type == "inline":
            yield from _inline(token.children or [], line)
        elif token.type == "fence" and token.map is not None:
            name = token.info.strip()
            if name.startswith("{") and "}" in name:
                directive = name[1 : name.index("}")].strip()
                argument = name[name.index("}") + 1 :].strip()
                start = offset + token.map[0] + 1
                yield from _directive(md, directive, argument, token.content, start)


def _directive(
    md: MarkdownIt, directive: str, argument: str, content: str, start: int
) -> Iterator[Reference]:
    skipped, options, body = _directive_parts(content)
    if directive in FILE_DIRECTIVES and argument:
        yield Reference(start, directive, argument)
    if directive in FILE_OPTION_DIRECTIVES and options.get("file"):
        yield Reference(start, directive, options["file"])
    if directive == "toctree":
        kind = "toctree-glob" if "glob" in options else "toctree"
        for entry in body.split("\n"):
            target = role_target(entry)  # `Title <name>` or `name`
            if target and not target.startswith("#"):
                yield Reference(start, kind, target)
        return
    if directive not in _LITERAL_DIRECTIVES and "eval-rst" not in directive:
        yield from _references(md, body, start + skipped)


def _directive_parts(content: str) -> tuple[int, dict[str, str], str]:
    """A directive's ``:option:`` lines or ``---`` option block: (lines, options, body)."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    skip = 0
    if lines and lines[0].strip() == "---":
        close = frontmatter.closing_line(lines)
        skip = close + 1 if close is not None else 0
        pairs = (line.split(":", 1) for line in lines[1 : skip - 1] if ":" in line)
    else:
        while skip < len(lines) and re.match(r"^:[\w-]+:", lines[skip]):
            skip += 1
        pairs = (line[1:].split(":", 1) for line in lines[:skip])
    for name, value in pairs:
        options[name.strip()] = value.strip()
    return skip, options, "\n".join(lines[skip:])


def _inline(children: list[Token], line: int) -> Iterator[Reference]:
    for child in children:
        if child.type == "image":
            yield Reference(line, "image", str(child.attrs.get("src", "")))
        elif child.type == "myst_role" and child.meta.get("name") in ROLE_NAMES:
            target = role_target(child.content)
            if target:
                yield Reference(line, "project", target)
        elif child.type == "myst_role" and child.meta.get("name") == "download":
            target = role_target(child.content)
            if target:
                yield Reference(line, "download", target)


def role_target(content: str) -> str | None:
    """The target of an ``XRefRole`` text, as Sphinx reads it (``!`` means no link)."""
    text = content.strip()
    if text.startswith("!"):
        return None
    match = _EXPLICIT_TITLE.match(text)
    target = match.group(2) if match else text
    return " ".join(target.split()) or None
