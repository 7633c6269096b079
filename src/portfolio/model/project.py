"""One page's file as the build and ``portfolio check`` both read it: front matter parsed
within limits, facts validated, files and BibTeX checked, every problem with its line.

Imports no Sphinx: :class:`portfolio.sphinx.domain.PortfolioDomain` and :mod:`portfolio.cli.check`
call the same functions, so they report the same problems.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from portfolio.model import bibtex, files, frontmatter, limits, schema
from portfolio.model.frontmatter import FrontMatter, FrontMatterError, Problem

#: ``tocdepth`` values Sphinx can use.
_TOCDEPTH = range(0, 11)


@dataclasses.dataclass(frozen=True)
class ProjectFile:
    """What a project page's file gives: its facts (``None`` when unusable), the lines the
    cross-page checks need, its checked BibTeX entry, and its problems."""

    meta: schema.ProjectMeta | None
    lines: schema.EntryLines = (1, ())
    entry: bibtex.CheckedEntry | None = None
    problems: tuple[Problem, ...] = ()
    readable: bool = True


def read_project(text: str, page: Path, srcdir: Path, docname: str) -> ProjectFile:
    """Parse and check the project page ``docname`` (its ``text`` read from ``page``)."""
    try:
        fm = frontmatter.parse(text)
    except FrontMatterError as exc:
        return ProjectFile(None, problems=(exc.problem,), readable=False)
    meta, problems = schema.validate(fm)
    problems += sphinx_key_problems(fm)
    if meta is None:
        return ProjectFile(None, problems=tuple(sorted(problems, key=_line)))
    if meta.image and (problem := files.reference_problem(srcdir, page, meta.image.src)):
        problems.append(Problem(fm.line_of("image", "src"), "image", f"src: {problem}"))
        meta = dataclasses.replace(meta, image=None)
    entry = bibtex.check_entry(meta, docname)
    if entry.problem is not None:
        # The entry's lines start below `bibtex: |`; a generated entry's problem is the page's.
        line = fm.line_of("bibtex") + entry.problem.line if meta.bibtex else fm.start
        entry = entry._replace(problem=dataclasses.replace(entry.problem, line=line))
        message = entry.problem.message.removeprefix("bibtex: ")
        problems.append(Problem(line, "bibtex", message, subtype="bibtex"))
    return ProjectFile(
        meta, schema.entry_lines(fm, meta), entry, tuple(sorted(problems, key=_line))
    )


def read_page(text: str, *, listing: bool = False) -> tuple[Problem, ...]:
    """The problems of the front matter of a page that is not a project, if it has one.

    ``listing``: the page is an ``index`` in the projects folder, which lists it; project
    fields there mean someone meant a project.
    """
    if not frontmatter.has_front_matter(text):
        return ()
    try:
        fm = frontmatter.parse(text)
    except FrontMatterError as exc:
        return (exc.problem,)
    problems = sphinx_key_problems(fm)
    fields = [key for key in schema.REQUIRED if key != "title" and key in fm.lines]
    if listing and fields:
        message = "a page named index lists its folder and is not a project; rename the file"
        problems.append(Problem(fm.line_of(fields[0]), fields[0], message))
    return tuple(problems)


def is_listing(config_folder: str, docname: str) -> bool:
    """Whether ``docname`` is an ``index`` page in the projects folder or one inside it."""
    return docname.startswith(config_folder + "/") and schema.slug(docname) == "index"


def sphinx_key_problems(fm: FrontMatter) -> list[Problem]:
    """Values of the keys Sphinx and MyST read that they would choke on or misprint."""
    problems = []
    data = {str(k): v for k, v in fm.data.items()}
    depth = data.get("tocdepth")
    if "tocdepth" in data and (isinstance(depth, bool) or depth not in _TOCDEPTH):
        message = f"expected a number from 0 to 10, got {schema.show(depth)}"
        problems.append(Problem(fm.line_of("tocdepth"), "tocdepth", message))
    meta = data.get("html_meta")
    if "html_meta" in data and not (
        isinstance(meta, dict)
        and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in meta.values())
    ):
        message = f"expected 'name: content' lines of text, got {schema.show(meta)}"
        problems.append(Problem(fm.line_of("html_meta"), "html_meta", message))
    if "myst" in data and not isinstance(data["myst"], dict):
        message = f"expected MyST options as 'name: value' lines, got {schema.show(data['myst'])}"
        problems.append(Problem(fm.line_of("myst"), "myst", message))
    return problems


def _line(problem: Problem) -> int:
    return problem.line


def is_project(config_folder: str, docname: str) -> bool:
    """Whether ``docname`` is a project page (in the projects folder, not its index)."""
    return docname.startswith(config_folder + "/") and schema.slug(docname) != "index"


def unreadable(root: Path, docname: str, path: Path) -> frontmatter.Problem | None:
    """Why the page ``docname`` at ``path`` in the source folder ``root`` (resolved: asked of
    every page, it is resolved once by the caller) must not be read, if so: its name holds control
    characters (which would reach the terminal), it is in the folder of the generated
    keyword pages (which would replace it), it is a symlink to a file outside the source
    folder (its text would be published), it is bigger than :data:`limits.PAGE_BYTES`, or its
    bytes are not UTF-8."""
    if problem := limits.forbidden_character(docname):
        message = f"the file name {problem.replace('; remove it', '; rename the file')}"
        return frontmatter.Problem(1, "page", message, subtype="page")
    if docname.startswith(schema.KEYWORD_FOLDER + "/"):
        message = (
            f"{schema.KEYWORD_FOLDER}/ holds the generated keyword pages, which would replace "
            "this one; move it to another folder"
        )
        return frontmatter.Problem(1, "page", message, subtype="page")
    if not path.resolve().is_relative_to(root):
        message = (
            "is a link to a file outside the source folder; only files inside it are "
            "published (copy the file instead)"
        )
        return frontmatter.Problem(1, "page", message, subtype="files")
    try:
        size = path.stat().st_size
        if size > limits.PAGE_BYTES:
            message = (
                f"expected a page of at most {limits.PAGE_BYTES // 2**20} MiB, got "
                f"{size / 2**20:.1f} MiB; split it or move data out of it"
            )
            return frontmatter.Problem(1, "page", message, subtype="page")
        frontmatter.decode(path.read_bytes())
    except frontmatter.FrontMatterError as exc:
        return exc.problem
    except OSError:
        return None  # Sphinx reports unreadable files itself
    return None
