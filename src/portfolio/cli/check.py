"""Validate a whole site's pages without Sphinx, with the build's rules and messages.

The build reads every page (``PortfolioDomain.process_doc``), then compares projects
(``check_duplicates``), then resolves ``{project}`` references (``warn_unknown_project``);
:func:`check_site` does the same in the same order, sharing :mod:`schema`'s messages.
"""

from __future__ import annotations

import ast
import dataclasses
import fnmatch
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from portfolio.model import (
    files,
    frontmatter,
    limits,
    markdown,
    people,
    project,
    schema,
    scholar,
)
from portfolio.model.frontmatter import Problem
from portfolio.publish import card_spec


@dataclasses.dataclass(frozen=True)
class Report:
    """One problem in one file, printed ``path:line: field: message``."""

    path: Path
    problem: Problem

    def __str__(self) -> str:
        path = limits.visible(str(self.path))
        return limits.printable(f"{path}:{self.problem.line}: {self.problem}")


@dataclasses.dataclass
class _Page:
    docname: str
    path: Path
    text: str  # what MyST parses
    project: schema.ProjectMeta | None = None
    lines: schema.EntryLines = (1, ())
    references: list[markdown.Reference] = dataclasses.field(default_factory=list)


#: One parser for every page: making one costs more than parsing most pages.
_MD = markdown.parser()


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
    """``(docname, path)`` of every ``.md`` page Sphinx would read, found by Sphinx's own
    discovery with the patterns the build uses (those ``conf.py`` lists literally): its
    ``exclude_patterns``, ``templates_path`` and static folders excluded, its
    ``include_patterns`` included."""
    from sphinx.project import Project  # ~30 ms, and none of the rest of Sphinx

    excluded = [
        pattern
        for name in ("exclude_patterns", "templates_path", *files.STATIC_OPTIONS)
        for pattern in _strings(conf_value(docs, name))
    ]
    included = _strings(conf_value(docs, "include_patterns")) or ["**"]
    project = Project(docs, {".md": "markdown"})
    for docname in sorted(project.discover(excluded, included)):
        yield docname, Path(project.doc2path(docname, absolute=True))


def _strings(value: Any) -> list[str]:
    """The text items of a literal list from ``conf.py`` (nothing for anything else)."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def check_site(docs: Path, projects_dir: str = "projects") -> list[Report]:
    """Every problem the build would report for the pages under ``docs``."""
    folder = projects_dir.strip("/")
    registry, registry_problems = people.load(docs)
    reports = [Report(docs / people.FILE, problem) for problem in registry_problems]
    pages: list[_Page] = []
    cards = conf_value(docs, "portfolio_social_cards") is not False
    if cards:
        owner, description = (
            value if isinstance(value := conf_value(docs, name), str) else ""
            for name in ("portfolio_owner", "portfolio_description")
        )
        reports += [
            Report(docs / "conf.py", p) for p in card_spec.config_problems(owner, description)
        ]
    root = docs.resolve()
    for docname, path in markdown_files(docs):
        slug = schema.slug(docname)
        problem = project.unreadable(root, docname, path)
        if problem is not None:
            reports.append(Report(path, problem))
            continue  # Sphinx does not read it either (sources.skip_unreadable)
        try:
            text = frontmatter.decode(path.read_bytes())
        except OSError as exc:
            reports.append(Report(path, Problem(1, frontmatter.WHOLE, f"cannot read: {exc}")))
            continue
        page = _Page(docname, path, text)
        if project.is_project(folder, docname):
            read = project.read_project(text, path, docs, docname)
            page.project, page.lines, problems = read.meta, read.lines, list(read.problems)
            if cards and read.meta is not None:
                problems += card_spec.project_problems(read.meta, read.lines[0])
            if read.meta is not None and registry.people:
                problems += _near_misses(registry, text, read.meta)
            if not read.readable:
                # what `sources.safe_source` gives MyST instead of an unreadable block
                page.text = frontmatter.build_source(text, slug, schema.SPHINX_KEYS) or text
        else:
            problems = list(project.read_page(text, listing=project.is_listing(folder, docname)))
        page.references = markdown.references(page.text, _MD)
        problems += _file_problems(docs, path, page.references)
        reports.extend(Report(path, p) for p in sorted(problems, key=lambda p: p.line))
        pages.append(page)
    projects = [p for p in pages if p.project is not None]
    entries = [
        schema.Entry.of(p.path.relative_to(docs).as_posix(), p.project, p.lines)
        for p in projects
        if p.project is not None
    ]
    by_entry = {p.path.relative_to(docs).as_posix(): p.path for p in projects}
    reports.extend(Report(by_entry[path], problem) for path, problem in schema.duplicates(entries))
    reports += _static_links(docs)
    authors = [a.name for p in projects if p.project for a in p.project.authors if a.is_person]
    reports += [Report(docs / people.FILE, p) for p in people.unused(registry, authors)]
    by_docname = {p.docname: p.path for p in pages}
    for docname, problem in schema.case_clashes(by_docname):
        reports.append(Report(by_docname[docname], problem))
    reports += _not_in_a_toctree(docs, pages, folder)
    order = _strings(conf_value(docs, "portfolio_selected_order"))
    selected = [schema.slug(p.docname) for p in projects if p.project and p.project.selected]
    for message in schema.selected_order_problems(order, selected):
        problem = Problem(1, "portfolio_selected_order", message, subtype="config")
        reports.append(Report(docs / "conf.py", problem))
    known = {p.docname for p in projects}
    slugs = [schema.slug(p.docname) for p in projects]
    for page in pages:
        for ref in page.references:
            target = ref.target
            if ref.kind == "project" and target not in known and f"{folder}/{target}" not in known:
                reports.append(Report(page.path, schema.unknown_project(target, slugs, ref.line)))
    return reports


def _near_misses(registry: people.Registry, text: str, meta: schema.ProjectMeta) -> list[Problem]:
    """What :meth:`portfolio.sphinx.domain.PortfolioDomain._hint_near_misses` says."""
    fm = frontmatter.parse(text)
    lines = {a.name: fm.line_of("authors", i) for i, a in enumerate(meta.authors)}
    return people.near_misses(registry, lines)


def scholar_advice(docs: Path, projects_dir: str = "projects") -> list[Report]:
    """What Google Scholar needs that each valid project page lacks (:mod:`scholar`)."""
    folder = projects_dir.strip("/")
    reports, root = [], docs.resolve()
    for docname, path in markdown_files(docs):
        if not project.is_project(folder, docname) or project.unreadable(root, docname, path):
            continue
        text = frontmatter.decode(path.read_bytes())
        read = project.read_project(text, path, docs, docname)
        if read.meta is None or read.entry is None:
            continue
        advice = scholar.advice(read.meta, read.entry.text, frontmatter.parse(text))
        reports += [Report(path, problem) for problem in advice]
    return reports


def _not_in_a_toctree(docs: Path, pages: list[_Page], folder: str) -> list[Report]:
    """Sphinx's ``toc.not_included``: pages no toctree lists, but the root, orphans and
    project pages (which the extension marks as orphans)."""
    root = conf_value(docs, "root_doc") or conf_value(docs, "master_doc") or "index"
    docnames = [p.docname for p in pages]
    included: set[str] = set()
    for page in pages:
        for ref in page.references:
            if ref.kind in ("toctree", "toctree-glob") and not markdown_url(ref.target):
                base = posixpath.dirname(page.docname)
                name = posixpath.normpath(posixpath.join(base, ref.target.lstrip("/")))
                name = ref.target.lstrip("/") if ref.target.startswith("/") else name
                if ref.kind == "toctree":
                    included.add(name.removesuffix(".md"))
                else:
                    included.update(d for d in docnames if _glob_match(d, name))
    problem = Problem(1, "toctree", "document isn't included in any toctree", subtype="toc")
    return [
        Report(page.path, problem)
        for page in pages
        if page.docname not in included
        and page.docname != root
        and not project.is_project(folder, page.docname)
        and not _orphan(page.text)
    ]


def markdown_url(target: str) -> bool:
    """Whether a toctree entry is a URL (or ``self``), not a page."""
    return target == "self" or "://" in target or target.startswith("mailto:")


def _glob_match(docname: str, pattern: str) -> bool:
    """Sphinx's toctree glob: ``*`` and ``?`` stay within a folder, ``**`` crosses them."""
    if "**" in pattern:
        return fnmatch.fnmatchcase(docname, pattern)
    parts, wanted = docname.split("/"), pattern.split("/")
    return len(parts) == len(wanted) and all(map(fnmatch.fnmatchcase, parts, wanted))


def _orphan(text: str) -> bool:
    """Whether the front matter MyST is given says ``orphan`` (see sources.safe_source)."""
    if not frontmatter.has_front_matter(text):
        return False
    try:
        return "orphan" in frontmatter.parse(text).data
    except frontmatter.FrontMatterError:
        return False


def _static_links(docs: Path) -> list[Report]:
    """What :func:`portfolio.sphinx.guard.exclude_outside_static` reports."""
    return [
        Report(link, Problem(1, name, files.STATIC_LINK, subtype="files"))
        for name in files.STATIC_OPTIONS
        for _folder, link in files.outside_links(docs, _strings(conf_value(docs, name)))
    ]


def _file_problems(docs: Path, path: Path, references: list[markdown.Reference]) -> list[Problem]:
    """What :mod:`portfolio.sphinx.guard` reports of the files a page names."""
    problems = []
    for ref in references:
        if ref.kind not in markdown.FILE_KINDS:
            continue
        image = ref.kind in ("image", "figure")
        problem = files.reference_problem(docs, path, ref.target, image=image)
        if problem:
            field = "image" if image else ref.kind
            problems.append(Problem(ref.line, field, problem, subtype="files"))
    return problems
