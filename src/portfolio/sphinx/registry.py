"""The people registry in the build: read on every build before pages are, kept in the
domain (not per document: every page may show anyone), checked against the projects.

A change to ``people.yaml`` changes the registry's part of each listing's digest
(:func:`portfolio.render.resolve.listings_to_rewrite`), so every page that shows authors
is written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

from portfolio.model import frontmatter, limits, people
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from portfolio.model.schema import ProjectMeta

logger = logging.getLogger(__name__)


def read_registry(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Read ``people.yaml`` and report its own problems, on every build."""
    found, problems = people.load(env.srcdir)
    portfolio_domain(env).data["people"] = found
    for problem in problems:
        warn_file(env, problem)


def warn_file(env: BuildEnvironment, problem: frontmatter.Problem) -> None:
    """Report a problem of ``people.yaml`` as ``people.yaml:line: WARNING: ...``."""
    logger.warning(
        limits.printable(str(problem)),
        location=f"{env.srcdir / people.FILE}:{problem.line}",
        type="portfolio",
        subtype=problem.subtype,
    )


def check_registry(app: Sphinx, env: BuildEnvironment) -> None:
    """Report registered people no project lists (``env-check-consistency``)."""
    projects = portfolio_domain(env).projects
    for problem in people.unused(portfolio_domain(env).registry, all_authors(projects.values())):
        warn_file(env, problem)


def all_authors(metas: Iterable[ProjectMeta]) -> list[str]:
    """Every author name (people, not "et al.") of the projects ``metas``."""
    return [a.name for meta in metas for a in meta.authors if a.is_person]
