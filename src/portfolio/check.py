"""Validate a whole site's pages without Sphinx, with the build's rules and messages.

The build reads every page (``PortfolioDomain.process_doc``), then compares projects
(``check_duplicates``), then resolves ``{project}`` references (``warn_unknown_project``);
:func:`check_site` does the same in the same order, sharing :mod:`schema`'s messages.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

from portfolio import frontmatter, schema
from portfolio.frontmatter import Problem

#: Names of the ``project`` role (it is registered plain and in the domain).
ROLE_NAMES = ("project", "portfolio:project")
_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\x00)<(.*?)>$", re.DOTALL)
#: Folders of a Sphinx project that hold no pages.
_SKIPPED = frozenset({"_build", "_static", "_templates"})
#: Directives whose content is code, not Markdown.
_LITERAL_DIRECTIVES = ("code", "code-block", "sourcecode", "code-cell", "literalinclude", "math")


@dataclasses.dataclass(frozen=True)
class Report:
    """One problem in one file, printed ``path:line: field: message``."""

    path: Path
    problem: Problem

    def __str__(self) -> str:
        return f"{self.path}:{self.problem.line}: {self.problem}"


@dataclasses.dataclass
class _Page:
    docname: str
    path: Path
    text: str  # what MyST parses
    project: schema.ProjectMeta | None = None
    lines: schema.EntryLines = (1, ())


def conf_value(docs: Path, name: str) -> Any:
    """A literal assigned to ``name`` in ``docs/conf.py`` (read, never run), else ``None``."""
    try:
        tree = ast.parse((docs / "conf.py").read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None


def markdown_files(docs: Path) -> Iterator[tuple[str, Path]]:
    """``(docname, path)`` of every ``.md`` page Sphinx would read.

    Skips hidden folders, ``_build``, ``_static``, ``_templates`` and the ``exclude_patterns``
    of ``conf.py`` when it lists them literally.
    """
    excluded = conf_value(docs, "exclude_patterns")
    patterns = [p for p in excluded if isinstance(p, str)] if isinstance(excluded, list) else []
    found = []
    for folder, subfolders, files in os.walk(docs):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d not in _SKIPPED]
        for name in files:
            path = Path(folder, name)
            relative = path.relative_to(docs).as_posix()
            if name.endswith(".md") and not any(_excluded(relative, p) for p in patterns):
                found.append((relative.removesuffix(".md"), path))
    yield from sorted(found)


def _excluded(relative: str, pattern: str) -> bool:
    """Whether a page is under or matches an ``exclude_patterns`` entry."""
    return fnmatch.fnmatch(relative, pattern) or relative.startswith(pattern.rstrip("/") + "/")


def check_site(docs: Path, projects_dir: str = "projects") -> list[Report]:
    """Every problem the build would report for the pages under ``docs``."""
    folder = projects_dir.strip("/")
    reports: list[Report] = []
    pages: list[_Page] = []
    for docname, path in markdown_files(docs):
        slug = docname.rsplit("/", 1)[-1]
        is_project = docname.startswith(folder + "/") and slug != "index"
        try:
            text = frontmatter.decode(path.read_bytes())
        except frontmatter.FrontMatterError as exc:
            reports.append(Report(path, exc.problem))
            continue  # Sphinx does not read it either (sources.skip_undecodable)
        except OSError as exc:
            reports.append(Report(path, Problem(1, frontmatter.WHOLE, f"cannot read: {exc}")))
            continue
        page = _Page(docname, path, text)
        if is_project:
            page.project, page.lines, problems, readable = _read_project(text)
            if not readable:
                # what `sources.safe_project_source` gives MyST instead of an unreadable block
                page.text = frontmatter.build_source(text, slug, schema.SPHINX_KEYS) or text
        else:
            problems = _check_yaml(text)
        reports.extend(Report(path, p) for p in problems)
        pages.append(page)
    projects = [p for p in pages if p.project is not None]
    entries = [
        schema.Entry.of(p.path.relative_to(docs).as_posix(), p.project, p.lines)
        for p in projects
        if p.project is not None
    ]
    by_entry = {p.path.relative_to(docs).as_posix(): p.path for p in projects}
    reports.extend(Report(by_entry[path], problem) for path, problem in schema.duplicates(entries))
    known = {p.docname for p in projects}
    slugs = [p.docname.rsplit("/", 1)[-1] for p in projects]
    md = _parser()
    for page in pages:
        for line, target in references(page.text, md):
            if target not in known and f"{folder}/{target}" not in known:
                reports.append(Report(page.path, schema.unknown_project(target, slugs, line)))
    return reports


def _read_project(
    text: str,
) -> tuple[schema.ProjectMeta | None, schema.EntryLines, list[Problem], bool]:
    """The project, its lines for cross-page checks, its problems, and whether its front
    matter was readable."""
    try:
        fm = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        return None, (1, ()), [exc.problem], False
    meta, problems = schema.validate(fm)
    return meta, schema.entry_lines(fm, meta) if meta else (1, ()), problems, True


def _check_yaml(text: str) -> list[Problem]:
    if not frontmatter.has_front_matter(text):
        return []
    try:
        frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        return [exc.problem]
    return []


def _parser() -> MarkdownIt:
    """The block and role syntax of MyST's default parser, enough to find roles and lines."""
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(myst_block_plugin)
        .use(myst_role_plugin)
        .use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    )


def references(text: str, md: MarkdownIt | None = None) -> list[tuple[int, str]]:
    """``(line, target)`` of each ``{project}`` role in order, the line being its block's first."""
    if not any(f"{{{name}}}`" in text for name in ROLE_NAMES):
        return []  # most pages: skip parsing
    return list(_references(md or _parser(), text, 0))


def _references(md: MarkdownIt, text: str, offset: int) -> Iterator[tuple[int, str]]:
    line = offset + 1
    for token in md.parse(text):
        if token.map is not None:
            line = offset + token.map[0] + 1
        if token.type == "inline":
            yield from _roles(token.children or [], line)
        elif token.type == "fence" and token.map is not None:
            name = token.info.strip()
            if name.startswith("{") and "}" in name:
                directive = name[1 : name.index("}")].strip()
                if directive not in _LITERAL_DIRECTIVES and "eval-rst" not in directive:
                    body = _directive_body(token.content)
                    start = offset + token.map[0] + 1 + body[0]
                    yield from _references(md, body[1], start)


def _directive_body(content: str) -> tuple[int, str]:
    """Skip a directive's ``:option:`` lines or ``---`` option block: (lines skipped, body)."""
    lines = content.split("\n")
    skip = 0
    if lines and lines[0].strip() == "---":
        close = frontmatter.closing_line(lines)
        skip = close + 1 if close is not None else 0
    else:
        while skip < len(lines) and re.match(r"^:[\w-]+:", lines[skip]):
            skip += 1
    return skip, "\n".join(lines[skip:])


def _roles(children: list[Token], line: int) -> Iterator[tuple[int, str]]:
    for child in children:
        if child.type == "myst_role" and child.meta.get("name") in ROLE_NAMES:
            target = _target(child.content)
            if target:
                yield line, target


def _target(content: str) -> str | None:
    """The target of an ``XRefRole`` text, as Sphinx reads it (``!`` means no link)."""
    text = content.strip()
    if text.startswith("!"):
        return None
    match = _EXPLICIT_TITLE.match(text)
    target = match.group(2) if match else text
    return " ".join(target.split()) or None
