"""Source files as Sphinx reads them: undecodable pages skipped, project front matter made safe.

Sphinx aborts the whole build with a traceback on a page that is not UTF-8, and MyST renders
a front-matter ``title`` as Markdown (raw HTML included). Both are handled before parsing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from portfolio import frontmatter, schema

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def is_project(config_folder: str, docname: str) -> bool:
    """Whether ``docname`` is a project page (in the projects folder, not its index)."""
    return docname.startswith(config_folder + "/") and docname.rsplit("/", 1)[-1] != "index"


def skip_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """At ``env-before-read-docs``: warn about pages that are not UTF-8 and do not read them.

    They are also dropped from ``found_docs`` for this build, so nothing tries to write them;
    the next build finds them again and warns again until they are fixed.
    """
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    if encoding.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "utf8"):
        return  # the site chose another `source_encoding`: leave it to Sphinx
    for docname in list(docnames):
        path = env.doc2path(docname)
        try:
            frontmatter.decode(path.read_bytes())
        except frontmatter.FrontMatterError as exc:
            logger.warning(
                str(exc.problem),
                location=(docname, exc.problem.line),
                type="portfolio",
                subtype="frontmatter",
            )
        except OSError:
            continue  # Sphinx reports unreadable files itself
        else:
            continue
        docnames.remove(docname)
        env.found_docs.discard(docname)
        app.events.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)


def safe_project_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """At ``source-read``: give MyST a project page whose front matter it cannot misrender.

    Only the title (as literal text) and Sphinx's own keys are passed on, on the same lines,
    so every line number in warnings stays the file's. The domain reads the real front matter
    from the file itself.
    """
    if not is_project(app.config.portfolio_projects_dir, docname):
        return
    slug = docname.rsplit("/", 1)[-1]
    replaced = frontmatter.build_source(source[0], slug, schema.SPHINX_KEYS)
    if replaced is not None:
        source[0] = replaced
