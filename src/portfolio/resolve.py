"""Fill listing placeholders at ``doctree-resolved``; rewrite listings whose data changed."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from portfolio import render
from portfolio.domain import PortfolioDomain
from portfolio.nodes import project_listing

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from portfolio.schema import ProjectMeta


def _domain(env: BuildEnvironment) -> PortfolioDomain:
    return env.get_domain(PortfolioDomain.name)  # type: ignore[return-value]


def newest_first(
    projects: dict[str, ProjectMeta], *, selected: bool
) -> list[tuple[str, ProjectMeta]]:
    """Projects by year (newest first), then title."""
    chosen = [(d, m) for d, m in projects.items() if m.selected or not selected]
    return sorted(chosen, key=lambda item: (-item[1].year, item[1].title.casefold(), item[0]))


def backlink_index(env: BuildEnvironment) -> dict[str, list[str]]:
    """Project docname -> the other pages that cite it, in name order."""
    domain = _domain(env)
    index: dict[str, list[str]] = {}
    for source, targets in sorted(domain.data["refs"].items()):
        for docname in dict.fromkeys(map(domain.project_for, targets)):
            if docname is not None and docname != source:
                index.setdefault(docname, []).append(source)
    return index


def fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder of ``docname`` with the listing it stands for."""
    for node in list(doctree.findall(project_listing)):
        if node["kind"] == "grid":
            node.replace_self(_grid(app, docname, node))
        else:
            node.replace_self(_backlinks(app, docname))


def _grid(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    env, builder = app.env, app.builder
    owner = env.config.portfolio_owner
    projects = newest_first(_domain(env).projects, selected=node["selected"])

    def keyword_uri(keyword: str) -> str | None:
        if builder.format != "html":
            return None
        return builder.get_relative_uri(docname, f"keywords/{render.keyword_slug(keyword)}")

    def cards(items: list[tuple[str, ProjectMeta]]) -> nodes.container:
        return render.card_grid(
            render.project_card(meta, builder.get_relative_uri(docname, target), owner, keyword_uri)
            for target, meta in items
        )

    if node["group_by"] != "year":
        return [cards(projects)]
    sections: list[nodes.Node] = []
    for year in sorted({meta.year for meta in dict(projects).values()}, reverse=True):
        section = nodes.section(ids=[f"year-{year}"], names=[str(year)])
        section += nodes.title(str(year), str(year))
        section += cards([(d, m) for d, m in projects if m.year == year])
        sections.append(section)
    return sections


def _backlinks(app: Sphinx, docname: str) -> list[nodes.Node]:
    env, builder = app.env, app.builder
    sources = backlink_index(env).get(docname, [])
    if not sources:
        return []
    label = _("Discussed in:")
    para = nodes.paragraph("", "", nodes.strong(label, label), classes=["pf-backlinks"])
    for i, source in enumerate(sources):
        title = _title(env, source)
        para += nodes.Text(", " if i else " ")
        para += nodes.reference(
            "", title, internal=True, refuri=builder.get_relative_uri(docname, source)
        )
    return [para]


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show other pages' data which has changed: they must be written again.

    A grid shows every project, a project page its backlinks, and a page citing projects
    their titles; each page's digest of that data is kept and compared on every build.
    """
    domain = _domain(env)
    digests = domain.data["digests"]
    refs = domain.data["refs"]
    listings = domain.data["listings"]
    backlinks = backlink_index(env)
    all_projects = _digest(sorted((d, dataclasses.asdict(m)) for d, m in domain.projects.items()))
    pages = set(listings) | set(domain.projects) | set(refs)
    stale = []
    for docname in sorted(pages):
        shown = [
            all_projects if docname in listings else "",
            [(s, _title(env, s)) for s in backlinks.get(docname, [])],
            [(t, _cited_title(domain, t)) for t in refs.get(docname, ())],
        ]
        digest = _digest(shown)
        if digests.get(docname) != digest:
            digests[docname] = digest
            stale.append(docname)
    for docname in set(digests) - pages:
        del digests[docname]
    return stale


def _cited_title(domain: PortfolioDomain, target: str) -> str | None:
    docname = domain.project_for(target)
    return domain.projects[docname].title if docname else None
