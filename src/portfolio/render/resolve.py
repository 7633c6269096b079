"""Fill listing placeholders at ``doctree-resolved``; rewrite listings whose data changed.

What listings show across pages (backlinks, related projects) is derived once per build in
``env-get-updated`` and kept in the domain's ``derived`` table, so writing a page (in any
process) only looks it up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.locale import _

from portfolio.model import relations
from portfolio.publish.citations import cite_context
from portfolio.render import cards, components, header, lists
from portfolio.render.filters import filter_form
from portfolio.render.identity import digest
from portfolio.sphinx.builders import html_templates
from portfolio.sphinx.domain import PortfolioDomain, portfolio_domain
from portfolio.sphinx.nodes import project_listing

BIBTEX = "portfolio/bibtex.html"
BACKLINKS = "portfolio/backlinks.html"

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


def _title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


def backlink_index(domain: PortfolioDomain) -> dict[str, list[str]]:
    """Project docname -> the other pages that cite it, in name order."""
    index: dict[str, list[str]] = {}
    for source, targets in sorted(domain.refs.items()):
        for docname in dict.fromkeys(map(domain.project_for, targets)):
            if docname is not None and docname != source:
                index.setdefault(docname, []).append(source)
    return index


def fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each placeholder in the tree written as ``docname`` with its listing.

    Links are relative to ``docname``; a project page's own listings name that page
    themselves, as latex and singlehtml resolve every page in one tree.
    """
    fillers: dict[str, Callable[[Sphinx, str, project_listing], list[nodes.Node]]] = {
        "header": _header,
        "cite": _cite,
        "grid": _grid,
        "publications": _publications,
        "people": _people,
        "backlinks": _backlinks,
        "related": _related,
    }
    for node in list(doctree.findall(project_listing)):
        node.replace_self(fillers[node["kind"]](app, docname, node))


def _header(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    image = node.children[0] if node.children else None
    cite_uri = "#" + _cite_id(docname, node)
    return header.project_header(app, docname, node["docname"], image, cite_uri)


def _cite_id(docname: str, node: project_listing) -> str:
    """``cite``, unless the page uses that id already, or the tree being written holds
    other pages too (latex, singlehtml): then the project's own ``cite-<docname>``."""
    if node["docname"] != docname:
        return nodes.make_id(f"cite-{node['docname']}")
    return "cite" if "cite" not in node.document.ids else "pf-cite"


def _cite(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    """A "Cite" section: the project's BibTeX, its reference formatted in each of
    ``portfolio_citation_styles`` and, for software, a ``CITATION.cff``, each copyable.

    Built here rather than when the page is read, it stays out of the page's table of
    contents (the header's Cite button links to it) and out of the kept doctrees. The entry
    repeats the title and authors, which the page already shows: it is not searched.
    """
    context = cite_context(portfolio_domain(app.env), node["docname"])
    label = _("Cite")
    section = nodes.section("", nodes.title(label, label), classes=["pf-cite"])
    section["ids"] = [_cite_id(docname, node)]
    section += components.component(
        app.builder, BIBTEX, context, lambda: components.cite_blocks(context)
    )
    return [section]


def _by_year(targets: list[str], domain: PortfolioDomain) -> list[tuple[int, list[str]]]:
    years: dict[int, list[str]] = {}
    for target in targets:
        years.setdefault(domain.projects[target].year, []).append(target)
    return list(years.items())


def _year_section(year: int, *children: nodes.Node) -> nodes.section:
    section = nodes.section("", nodes.title(str(year), str(year)), *children)
    section["ids"], section["names"] = [f"year-{year}"], [str(year)]
    return section


def _grid(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    domain = portfolio_domain(app.env)
    pinned = [domain.project_for(slug) for slug in app.config.portfolio_selected_order]
    targets = relations.newest_first(
        domain.projects, selected=node["selected"], pinned=[d for d in pinned if d]
    )
    page = cards.PageCards(app, docname, targets)
    listing: list[nodes.Node]
    if node["group_by"] != "year":
        listing = [page.grid(targets)]
    else:
        listing = [
            _year_section(year, page.grid(members)) for year, members in _by_year(targets, domain)
        ]
    if html_templates(app.builder) is not None:  # elsewhere a grid is a list without authors
        listing = _with_equal_note(listing, domain, targets)
    if node["filter"]:
        form = filter_form(app, {t: domain.projects[t] for t in targets})
        return [components.div(form, *listing, classes=["pf-filterable"])]
    return listing


def _publications(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    domain = portfolio_domain(app.env)
    targets = relations.newest_first(domain.projects)
    sections: list[nodes.Node] = [
        _year_section(year, lists.publication_list(app, docname, members))
        for year, members in _by_year(targets, domain)
    ]
    return _with_equal_note(sections, domain, targets)


def _with_equal_note(
    listing: list[nodes.Node], domain: PortfolioDomain, targets: list[str]
) -> list[nodes.Node]:
    """``listing`` with the note explaining the ``*`` mark at its end, when it shows one (in
    its last section, if it ends with one: nothing may follow a section)."""
    if not any(domain.projects[t].has_equal_contribution for t in targets):
        return listing
    if listing and isinstance(listing[-1], nodes.section):
        listing[-1] += components.equal_note()
        return listing
    return [*listing, components.equal_note()]


def _people(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    return lists.coauthor_list(app, docname)


def _backlinks(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    sources = portfolio_domain(app.env).derived.get("backlinks", {}).get(node["docname"], [])
    if not sources:
        return []
    pages = [
        {"title": _title(app.env, s), "uri": app.builder.get_relative_uri(docname, s)}
        for s in sources
    ]

    def content() -> list[nodes.Node]:
        label = _("Discussed in:")
        para = nodes.paragraph("", "", nodes.strong(label, label), classes=["pf-backlinks"])
        for i, page in enumerate(pages):
            para += nodes.Text(", " if i else " ")
            para += nodes.reference("", page["title"], internal=True, refuri=page["uri"])
        return [para]

    return [components.component(app.builder, BACKLINKS, {"pages": pages}, content)]


def _related(app: Sphinx, docname: str, node: project_listing) -> list[nodes.Node]:
    others = portfolio_domain(app.env).derived.get("related", {}).get(node["docname"], [])
    if not others:
        return []
    label = _("Related projects")
    section = nodes.section("", nodes.title(label, label), classes=["pf-related"])
    section["ids"], section["names"] = ["related-projects"], ["related projects"]
    section += cards.project_list(app, docname, others)
    return [section]


def listings_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages that show other pages' data which has changed: they must be written again.

    A listing shows every project; a project page its backlinks and related projects (and
    their data); a page citing projects their titles; every page the navbar, its
    breadcrumbs and its previous and next page (Sphinx rewrites none of these when they
    are renamed, added or removed). Each page's digest of what it shows is kept and
    compared on every build that read or removed a page, or found the registry or the owner
    changed (all else a page shows comes from pages).
    """
    domain = portfolio_domain(env)
    owner = app.config.portfolio_owner
    registry = domain.registry
    people = digest(registry.digest_source())
    if not domain.pages_changed and domain.derived.get("shown_with") == [owner, people]:
        return []
    projects, refs, listings = domain.projects, domain.refs, domain.listings
    shape = domain.fingerprints
    listed = {
        False: digest(sorted(shape.items())),
        True: digest(sorted((d, v) for d, v in shape.items() if projects[d].selected)),
    }
    backlinks = backlink_index(domain)
    derived = domain.derived
    derived["shown_with"] = [owner, people]
    if derived.get("related_of") != [listed[False], owner, people]:  # ranking all: ~0.1 s
        derived.update(
            related=relations.related(projects, owner, registry),
            related_of=[listed[False], owner, people],
        )
    related = derived["related"]
    derived["backlinks"] = backlinks
    neighbours = env.collect_relations()
    top = navbar(env, app.config.root_doc)
    digests = domain.digests
    stale = []
    for docname in sorted(env.found_docs):
        parent, prev, following = neighbours.get(docname, (None, None, None))
        ancestors = []
        while parent and len(ancestors) < 20:  # breadcrumbs; a cycle is Sphinx's to report
            ancestors.append((parent, _title(env, parent)))
            parent = neighbours.get(parent, (None,))[0]
        shown = [
            top,
            ancestors,
            listed[listings[docname]] if docname in listings else "",
            # who the authors are: shown by listings and project headers
            people if docname in listings or docname in projects else "",
            [(s, _title(env, s)) for s in backlinks.get(docname, [])],
            [(r, shape[r]) for r in related.get(docname, [])],
            [(t, _cited_title(domain, t)) for t in refs.get(docname, ())],
            [(n, _title(env, n)) for n in (prev, following) if n],
        ]
        now = digest(shown)
        if digests.get(docname) != now:
            digests[docname] = now
            stale.append(docname)
    for docname in set(digests) - env.found_docs:
        del digests[docname]
    return stale


def navbar(env: BuildEnvironment, root_doc: str) -> list[tuple[str, str]]:
    """The pages of the navigation bar (the root's toctree) with their titles."""
    return [(d, _title(env, d)) for d in env.toctree_includes.get(root_doc, [])]


def _cited_title(domain: PortfolioDomain, target: str) -> str | None:
    docname = domain.project_for(target)
    return domain.projects[docname].title if docname else None
