"""PortfolioDomain: every per-document fact the extension keeps, and the ``project`` role.

Data lives in ``env.domaindata["portfolio"]`` keyed by docname, as picklable values, so it
is purged per document on re-read and merged per document after parallel reads.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.images import get_image_size
from sphinx.util.nodes import make_refnode
from sphinx.util.osutil import relative_uri

from portfolio.model import (
    bibtex,
    csl,
    exports,
    files,
    frontmatter,
    limits,
    people,
    project,
    schema,
)
from portfolio.sphinx.builders import writes_keyword_pages
from portfolio.sphinx.nodes import project_listing

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

#: Bump when what the domain keeps changes shape: Sphinx then discards pickled environments
#: (it is also the extension's ``env_version``).
DATA_VERSION = 11


class ProjectRole(XRefRole):
    """``{project}`slug``` links to a project page, its title as the link text."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        # Registered under a plain name too, so pin the domain here.
        self.name = "portfolio:project"
        return super().run()


@dataclasses.dataclass(frozen=True)
class CardImage:
    """A project's image as its cards show it: a file of the source folder, and its size."""

    #: the file, relative to the source folder (checked: inside it, a regular file)
    path: str
    alt: str
    width: int
    height: int


#: Title lengths (characters) from which narrow screens set a project's title smaller, so that
#: it takes at most three lines at 390 px (portfolio.css).
LONG_TITLES = ((45, "pf-title-long"), (65, "pf-title-longer"))


def title_length_classes(title: str) -> list[str]:
    """The classes that mark a long title, for a type scale that keeps it short on phones."""
    return [name for length, name in LONG_TITLES if len(title) > length]


class PortfolioDomain(Domain):
    """Projects, the pages that cite them, and the pages that list them."""

    name = "portfolio"
    label = "Portfolio"
    object_types: ClassVar[dict[str, ObjType]] = {"project": ObjType("project", "project")}
    roles: ClassVar[dict[str, XRefRole]] = {
        "project": ProjectRole(),
        "keyword": XRefRole(innernodeclass=nodes.inline, warn_dangling=True),
        "keywords": XRefRole(innernodeclass=nodes.inline),
        "bibfile": XRefRole(innernodeclass=nodes.inline),
        "cslfile": XRefRole(innernodeclass=nodes.inline),
        "risfile": XRefRole(innernodeclass=nodes.inline),
    }
    data_version = DATA_VERSION
    dangling_warnings: ClassVar[dict[str, str]] = {
        "keyword": "keyword %(target)r: no project has this keyword",
    }
    initial_data: ClassVar[dict[str, dict[str, Any]]] = {
        "projects": {},  # docname -> ProjectMeta
        "fingerprints": {},  # docname -> digest of its ProjectMeta and CardImage, made when read
        "lines": {},  # docname -> lines of the title and each keyword (for cross-page checks)
        "refs": {},  # docname -> project targets cited there, in order
        "listings": {},  # docname -> whether its listings show only selected projects
        "bibtex": {},  # docname -> bibtex.CheckedEntry of a project
        "images": {},  # docname -> CardImage: a project's local image, for its cards
        "csl": {},  # docname -> the project's CSL-JSON item (csl.csl_item), as JSON text
        "citations": {},  # docname -> its reference formatted in each style (csl.Formatted)
        "ids": {},  # docname -> csl.Identifiers: DOI, arXiv id, full text
        "photos": {},  # docname -> the owner's photo on it (pf-avatar), for preview cards
        "digests": {},  # docname -> digest of what its listings showed when last written
        "derived": {},  # backlinks and related projects, derived from the tables above
    }
    #: The tables filled when a document is read: purged and merged per document.
    read_tables = (
        "projects",
        "fingerprints",
        "lines",
        "refs",
        "listings",
        "bibtex",
        "images",
        "csl",
        "citations",
        "ids",
        "photos",
    )

    @property
    def projects(self) -> dict[str, schema.ProjectMeta]:
        """Every valid project, by docname."""
        return self.data["projects"]

    @property
    def fingerprints(self) -> dict[str, str]:
        """A digest of every field of each project, for the records of what pages show."""
        return self.data["fingerprints"]

    @property
    def photos(self) -> dict[str, str]:
        """The owner's photo (the first ``pf-avatar`` image) of a page, relative to the
        source folder: the home page's is on the preview cards of pages that are not
        projects."""
        return self.data["photos"]

    @property
    def lines(self) -> dict[str, schema.EntryLines]:
        """The lines of each project's title and keywords, for the cross-page checks."""
        return self.data["lines"]

    @property
    def refs(self) -> dict[str, tuple[str, ...]]:
        """The ``{project}`` targets each page cites, in order."""
        return self.data["refs"]

    @property
    def listings(self) -> dict[str, bool]:
        """Pages with listings of projects: whether they show only the selected ones."""
        return self.data["listings"]

    @property
    def entries(self) -> dict[str, bibtex.CheckedEntry]:
        """Each project's BibTeX entry, checked when its page was read."""
        return self.data["bibtex"]

    @property
    def images(self) -> dict[str, CardImage]:
        """Each project's local image (checked when its page was read), for its cards."""
        return self.data["images"]

    def csl_item(self, docname: str) -> dict[str, Any] | None:
        """The project's record as a CSL-JSON item (its ``id`` the entry's own key).

        Kept as JSON text: one string per project instead of a tree of dicts and lists,
        which Python's garbage collector would walk while pages are read (see
        :mod:`portfolio.sphinx.collector`)."""
        text = self.data["csl"].get(docname)
        return json.loads(text) if text is not None else None

    @property
    def citations(self) -> dict[str, tuple[csl.Formatted, ...]]:
        """Each project's reference formatted in ``portfolio_citation_styles``."""
        return self.data["citations"]

    @property
    def ids(self) -> dict[str, csl.Identifiers]:
        """Each project's DOI, arXiv id and full-text URL."""
        return self.data["ids"]

    @property
    def digests(self) -> dict[str, str]:
        """A digest of what each page's listings showed when it was last written."""
        return self.data["digests"]

    @property
    def derived(self) -> dict[str, Any]:
        """Backlinks and related projects, derived from the tables above at each build."""
        return self.data["derived"]

    @property
    def registry(self) -> people.Registry:
        """The people registry read for this build (``people.yaml``; empty without one)."""
        return self.data.get("people") or people.Registry()

    def is_project(self, docname: str) -> bool:
        """Whether ``docname`` is a project page (in the projects folder, not its index)."""
        return project.is_project(self.env.config.portfolio_projects_dir, docname)

    #: Whether a page was read or removed in this build (the domain is made anew for each
    #: build; Sphinx clears, in the main process, every page it reads again or removes).
    pages_changed = False

    def clear_doc(self, docname: str) -> None:
        self.pages_changed = True
        for key in (*self.read_tables, "digests"):
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        self.pages_changed = True
        # Copy only the documents the worker read: it also holds stale copies of the rest.
        for key in self.read_tables:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self.pages_changed = True
        refs = tuple(
            node["reftarget"]
            for node in document.findall(addnodes.pending_xref)
            if node.get("refdomain") == self.name and node.get("reftype") == "project"
        )
        if refs:
            self.refs[docname] = refs
        if self.is_project(docname):
            self._read_project(env, docname, document)
        else:
            self._check_yaml(env, docname)
        # A project's own backlinks and related projects have digests of their own.
        listings = [
            n for n in document.findall(project_listing) if n["kind"] in ("grid", *CORPUS_LISTINGS)
        ]
        if listings:
            self.listings[docname] = all(n.get("selected") for n in listings)

    def _read_project(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        path = env.doc2path(docname)
        try:
            text = frontmatter.decode(path.read_bytes())
        except (frontmatter.FrontMatterError, OSError):
            return  # sources.skip_unreadable has reported it and not read it
        read = project.read_project(text, path, env.srcdir, docname)
        for problem in read.problems:
            if problem.subtype != "bibtex":  # feeds.write_bibliography reports it every build
                warn(docname, problem)
        meta = read.meta
        if meta is None or read.entry is None:
            return
        self.projects[docname] = meta
        self.lines[docname] = read.lines
        self._hint_near_misses(docname, text, meta)
        self.entries[docname] = read.entry
        item = csl.csl_item(meta, read.entry.text, read.entry.key)
        self.data["csl"][docname] = json.dumps(item)
        self.ids[docname] = csl.identifiers_of(meta, read.entry.text)
        styles = env.config.portfolio_citation_styles
        self.citations[docname] = tuple(csl.format_item(item, style) for style in styles)
        image = None
        if meta.image:
            # Above the fold, so not lazy; its intrinsic size reserves its box while loading.
            image = nodes.image(uri=meta.image.src, alt=meta.image.alt, classes=["pf-logo"])
            if not files.is_remote(meta.image.src):
                size = get_image_size(files.resolve(env.srcdir, path, meta.image.src))
                if size:
                    image["width"], image["height"] = map(str, size)
                if size and not files.local_problem(env.srcdir, path, meta.image.src):
                    source = files.resolve(env.srcdir, path, meta.image.src)
                    relative = source.relative_to(Path(env.srcdir).resolve()).as_posix()
                    self.images[docname] = CardImage(relative, meta.image.alt, *size)
        self.fingerprints[docname] = fingerprint(meta, self.images.get(docname))
        # The header is built when the page is written (resolve.py): the doctrees Sphinx
        # keeps between reading and writing hold only this placeholder and the logo.
        header = project_listing(kind="header", docname=docname)
        if image is not None:
            header += image
        section = document.next_node(nodes.section)  # the title's (see sources.py)
        if section is None:
            document.insert(0, header)
            section = document
        else:
            section.insert(section.index(section.next_node(nodes.title)) + 1, header)
            section["classes"] += title_length_classes(meta.title)
        for kind in ("backlinks", "related", "cite"):
            section += project_listing(kind=kind, docname=docname)

    def _hint_near_misses(self, docname: str, text: str, meta: schema.ProjectMeta) -> None:
        """Say, as information (not a warning), which authors of a page look like a
        registered spelling but are none."""
        if not self.registry.people:
            return
        fm = frontmatter.parse(text)
        lines = {a.name: fm.line_of("authors", i) for i, a in enumerate(meta.authors)}
        for problem in people.near_misses(self.registry, lines):
            logger.info(limits.printable(str(problem)), location=(docname, problem.line))

    def _check_yaml(self, env: BuildEnvironment, docname: str) -> None:
        path = env.doc2path(docname)
        if path.suffix != ".md":
            return
        try:
            text = frontmatter.decode(path.read_bytes())
        except (frontmatter.FrontMatterError, OSError):
            return  # reported by sources.skip_unreadable
        listing = project.is_listing(env.config.portfolio_projects_dir, docname)
        for problem in project.read_page(text, listing=listing):
            warn(docname, problem)

    def project_for(self, target: str) -> str | None:
        """The docname of the project ``target`` names (its slug or docname)."""
        folder = self.env.config.portfolio_projects_dir
        for docname in (target, f"{folder}/{target}"):
            if docname in self.projects:
                return docname
        return None

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | nodes.Element | None:
        if typ == "keyword":
            return self._keyword_ref(fromdocname, builder, target, contnode)
        if typ == "keywords":
            return self._keyword_page_ref(fromdocname, builder, schema.KEYWORD_INDEX, contnode)
        if typ in SITE_FILES:
            if builder.format != "html":
                return contnode
            uri = relative_uri(builder.get_target_uri(fromdocname), SITE_FILES[typ])
            return nodes.reference("", "", contnode, internal=True, refuri=uri)
        docname = self.project_for(target)
        if docname is None:
            return None
        if not node.get("refexplicit"):
            contnode = nodes.inline("", self.projects[docname].title, classes=contnode["classes"])
        return make_refnode(
            builder, fromdocname, docname, "", contnode, self.projects[docname].title
        )

    def _keyword_ref(
        self,
        fromdocname: str,
        builder: Builder,
        keyword: str,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        if not any(
            schema.keyword_identity(keyword) == schema.keyword_identity(k)
            for m in self.projects.values()
            for k in m.keywords
        ):
            return None
        return self._keyword_page_ref(fromdocname, builder, schema.keyword_page(keyword), contnode)

    def _keyword_page_ref(
        self, fromdocname: str, builder: Builder, pagename: str, contnode: nodes.Element
    ) -> nodes.Element:
        """A link to a keyword page; plain text where the builder writes none."""
        if not writes_keyword_pages(builder):
            return contnode
        return make_refnode(builder, fromdocname, pagename, "", contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for docname, meta in self.projects.items():
            # Priority -1: in objects.inv for other sites, not in this site's search results,
            # where the page itself is found (once, with its TL;DR: portfolio-search.js).
            yield schema.slug(docname), meta.title, "project", docname, "", -1

    def slugs(self) -> list[str]:
        """Every project's slug, for suggestions."""
        return [schema.slug(docname) for docname in self.projects]


def fingerprint(meta: schema.ProjectMeta, image: CardImage | None) -> str:
    """A digest of every field of ``meta`` and of its card image (frozen dataclasses of
    plain values: their repr is the same in every process)."""
    return hashlib.sha256(repr((meta, image)).encode()).hexdigest()


#: The roles linking to the site-wide files of every project's reference, and those files.
SITE_FILES = {
    "bibfile": bibtex.BIBFILE,
    "cslfile": exports.CSL_FILE,
    "risfile": exports.RIS_FILE,
}
#: Listings that show every project.
CORPUS_LISTINGS = ("publications", "people")


def portfolio_domain(env: BuildEnvironment) -> PortfolioDomain:
    """The extension's domain in ``env``."""
    return env.get_domain(PortfolioDomain.name)  # type: ignore[return-value]


def warn(docname: str, problem: frontmatter.Problem) -> None:
    """Report a page's problem as ``file:line: WARNING: field: message``."""
    logger.warning(
        limits.printable(str(problem)),
        location=(docname, problem.line),
        type="portfolio",
        subtype=problem.subtype,
    )


def warn_unknown_project(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """Say which project reference is broken, with the likeliest intended slug."""
    if domain is None or domain.name != PortfolioDomain.name or node["reftype"] != "project":
        return None
    problem = schema.unknown_project(node["reftarget"], domain.slugs())  # type: ignore[attr-defined]
    logger.warning(
        str(problem),
        location=node,
        type="portfolio",
        subtype="reference",
    )
    return True


def check_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn when two project pages share a title or a slug, two keywords a page, or two
    pages one file name."""
    domain = portfolio_domain(env)
    paths = {docname: str(env.doc2path(docname, False)) for docname in domain.projects}
    entries = [
        schema.Entry.of(paths[docname], meta, domain.lines[docname])
        for docname, meta in sorted(domain.projects.items())
    ]
    by_path = {path: docname for docname, path in paths.items()}
    for path, problem in schema.duplicates(entries):
        warn(by_path[path], problem)
    for docname, problem in schema.case_clashes(env.found_docs):
        warn(docname, problem)
    selected = [schema.slug(d) for d, meta in domain.projects.items() if meta.selected]
    for message in schema.selected_order_problems(app.config.portfolio_selected_order, selected):
        logger.warning(
            f"portfolio_selected_order: {limits.printable(message)}",
            location=f"{app.confdir / 'conf.py'}:1",
            type="portfolio",
            subtype="config",
        )
