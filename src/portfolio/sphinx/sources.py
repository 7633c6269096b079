"""Source files as Sphinx reads them: pages that are not UTF-8 or that link outside the
source folder skipped, front matter made safe.

Sphinx aborts the whole build with a traceback on a page that is not UTF-8, reads a symlink
to any file as a page, and MyST renders a front-matter ``title`` as Markdown (raw HTML
included). All are handled before parsing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from portfolio.model import frontmatter, limits, project, schema

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def skip_unreadable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """At ``env-before-read-docs``: report the pages :func:`unreadable` refuses and do not
    read them.

    They are also dropped from ``found_docs`` for this build, so nothing tries to write them;
    the next build finds them again and warns again until they are fixed.
    """
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    utf8 = encoding.replace("_", "-").lower() in ("utf-8", "utf-8-sig", "utf8")
    root = Path(env.srcdir).resolve()
    for docname in list(docnames):
        problem = project.unreadable(root, docname, env.doc2path(docname))
        if problem is None or (problem.subtype == "frontmatter" and not utf8):
            continue  # a site with another `source_encoding`: leave decoding to Sphinx
        location: object = (docname, problem.line)
        if limits.forbidden_character(docname):  # Sphinx would print the name as it is
            location = f"{limits.visible(str(env.doc2path(docname)))}:{problem.line}"
        logger.warning(
            limits.printable(str(problem)),
            location=location,
            type="portfolio",
            subtype=problem.subtype,
        )
        docnames.remove(docname)
        env.found_docs.discard(docname)
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)


def safe_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """At ``source-read``: give MyST front matter it cannot misrender or choke on.

    A project page passes on only its title (as literal text) and Sphinx's own keys, on
    the same lines, so every line number in warnings stays the file's; the domain reads the
    real front matter from the file itself. Another page's front matter that breaks the
    limits, holds a Sphinx key Sphinx would choke on, or holds nothing, is left out whole.
    """
    text, config = source[0], app.config
    if project.is_project(config.portfolio_projects_dir, docname):
        slug = schema.slug(docname)
        try:
            wrong = {p.field for p in project.sphinx_key_problems(frontmatter.parse(text))}
        except frontmatter.FrontMatterError:
            wrong = set()  # build_source drops the whole block
        replaced = frontmatter.build_source(text, slug, schema.SPHINX_KEYS - wrong)
    elif frontmatter.has_front_matter(text) and (
        project.read_page(text, listing=project.is_listing(config.portfolio_projects_dir, docname))
        or not frontmatter.parse(text).data  # MyST warns on an empty block
    ):
        replaced = frontmatter.without_front_matter(text)
    else:
        replaced = None
    if replaced is not None:
        source[0] = replaced
