"""Keep every file outside the source folder out of the output, whatever a page names.

Images (Markdown, ``{image}``, ``{figure}``) and downloads that :mod:`portfolio.model.files`
refuses are taken out of the page before Sphinx collects them, so nothing is copied;
``{literalinclude}`` of such a file reads nothing; a page that read one by other means
(``{include}``, ``raw`` or ``csv-table`` with ``:file:``) is left empty. Each is reported
at its line, with the message ``portfolio check`` prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.util import logging

from portfolio.model import files, limits, markdown

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: Before Sphinx's image and download collectors (500), which copy what they find.
BEFORE_COLLECTORS = 400
#: After its dependency collector (500), which records every file a directive read.
AFTER_COLLECTORS = 900
#: References whose file a directive reads into the page (images and downloads are copied).
_READ_BY_DIRECTIVES = ("include", "literalinclude", "raw", "csv-table")


def exclude_outside_static(app: Sphinx, config: Config) -> None:
    """At ``config-inited``: a symlink out of the source folder inside a static folder of
    the site (``html_static_path``, ``html_extra_path``) is reported and not copied."""
    for name in files.STATIC_OPTIONS:
        for folder, link in files.outside_links(Path(app.srcdir), getattr(config, name, [])):
            warn(f"{name}: {files.STATIC_LINK}", f"{link}:1")
            # Sphinx copies static folders skipping `exclude_patterns`, matched against each
            # file's path in its folder (`./name` at the top of it).
            relative = link.relative_to(folder).as_posix()
            config.exclude_patterns = [*config.exclude_patterns, relative, f"./{relative}"]


def warn(message: str, location: object) -> None:
    """Report a refused file reference; ``-W`` makes it fail the build."""
    logger.warning(limits.printable(message), location=location, type="portfolio", subtype="files")


def drop_outside_files(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``: take out images and downloads that may not be published."""
    env = app.env
    page = env.doc2path(env.docname)
    for node in list(doctree.findall(nodes.image)):
        problem = files.reference_problem(env.srcdir, page, node["uri"])
        if problem:
            warn(f"image: {problem}", _location(node, env.docname))
            node.parent.remove(node)
    for node in list(doctree.findall(addnodes.download_reference)):
        target = node["reftarget"]
        problem = files.reference_problem(env.srcdir, page, target, image=False)
        if problem:
            warn(f"download: {problem}", _location(node, env.docname))
            node.replace_self(nodes.inline("", node.astext()))


def _location(node: nodes.Node, docname: str) -> object:
    """The node's own place, or its nearest ancestor's (Markdown images have none)."""
    while node is not None and node.line is None:
        node = node.parent
    return node if node is not None else docname


class SafeLiteralInclude(LiteralInclude):
    """``literalinclude`` that reads only files inside the source folder."""

    def run(self) -> list[nodes.Node]:
        page = self.env.doc2path(self.env.docname)
        problem = files.local_problem(self.env.srcdir, page, self.arguments[0], image=False)
        if problem:
            warn(f"literalinclude: {problem}", self.get_location())
            return []
        return super().run()


def empty_pages_that_read_outside(app: Sphinx, doctree: nodes.document) -> None:
    """At ``doctree-read``, last: a page that read a file outside the source folder by any
    other means is emptied, as its text may hold that file's."""
    env = app.env
    root = env.srcdir.resolve()
    read = {(env.srcdir / dep).resolve() for dep in env.dependencies.get(env.docname, ())}
    outside = {path for path in read if not path.is_relative_to(root)}
    if not outside:
        return
    page = env.doc2path(env.docname)
    text = page.read_text(encoding="utf-8-sig") if page.suffix == ".md" else ""
    found = [
        (ref.line, ref.kind, problem)
        for ref in markdown.references(text)
        if ref.kind in _READ_BY_DIRECTIVES
        and files.resolve(env.srcdir, page, ref.target) in outside
        and (problem := files.local_problem(env.srcdir, page, ref.target, image=False))
    ]
    for line, kind, problem in found or [(None, "page", "reads a file outside the source folder")]:
        warn(f"{kind}: {problem}", (env.docname, line))
    for child in list(doctree.children):
        doctree.remove(child)
    for table in (doctree.ids, doctree.nameids, doctree.nametypes):  # they hold nodes too
        table.clear()
