"""Registration of everything the extension adds to Sphinx."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio import __version__
from portfolio.publish.citations import write_exports
from portfolio.publish.feeds import write_bibliography, write_site_files
from portfolio.publish.seo import (
    HEAD_TAGS_PRIORITY,
    TWITTER_CARD_PRIORITY,
    add_assets,
    add_head_tags,
    add_twitter_card,
    configure_opengraph,
)
from portfolio.publish.sitemap import note_generated_page, say_without_baseurl, write_sitemap
from portfolio.publish.social_cards import check_card_config, note_photo
from portfolio.render import background
from portfolio.render.cards import copy_card_images
from portfolio.render.keyword_pages import add_filter_script, keyword_pages, render_cards_early
from portfolio.render.resolve import fill_listings, listings_to_rewrite
from portfolio.sphinx.builders import drop_theme_templates
from portfolio.sphinx.collector import register_collector
from portfolio.sphinx.config import register_config
from portfolio.sphinx.directives import CoauthorList, ProjectGrid, PublicationList
from portfolio.sphinx.domain import (
    DATA_VERSION,
    PortfolioDomain,
    ProjectRole,
    check_duplicates,
    warn_unknown_project,
)
from portfolio.sphinx.guard import (
    AFTER_COLLECTORS,
    BEFORE_COLLECTORS,
    SafeLiteralInclude,
    drop_outside_files,
    empty_pages_that_read_outside,
    exclude_outside_static,
)
from portfolio.sphinx.nodes import (
    component,
    project_listing,
    render_in_main_process,
    visit_component,
)
from portfolio.sphinx.registry import check_registry, read_registry
from portfolio.sphinx.sources import safe_source, skip_unreadable
from portfolio.theme import register_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

#: Bump (in domain.py) when what is stored in the environment changes shape.
ENV_VERSION = DATA_VERSION


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the extension's options, domain, nodes, directives and event handlers."""
    # The cycle collector: off while Sphinx loads the build, then kept off what was loaded
    # (modules, configuration, theme, the last build's environment) until the build ends.
    register_collector(app)
    # The libraries the site is made with, set up by us so a conf.py needs only "portfolio".
    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_design")
    app.setup_extension("sphinx_copybutton")
    app.setup_extension("sphinxext.opengraph")
    register_theme(app)  # html_theme = "portfolio"

    # config-inited: options are checked, and libraries configured, before anything is read.
    register_config(app)
    app.connect("config-inited", exclude_outside_static)
    app.connect("config-inited", say_without_baseurl)
    app.connect("config-inited", configure_opengraph)
    app.connect("config-inited", check_card_config)
    app.connect("builder-inited", add_assets)  # the builder decides whether CSS is wanted

    # What pages may write, and the data kept per document (purged and merged by Sphinx).
    app.add_domain(PortfolioDomain)
    app.add_role("project", ProjectRole())
    app.add_directive("project-grid", ProjectGrid)
    app.add_directive("publication-list", PublicationList)
    app.add_directive("coauthor-list", CoauthorList)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
    # HTML writes a component's template; other builders its children, as containers.
    app.add_node(component, html=(visit_component, None))
    app.add_node(project_listing)  # always replaced before writing: no visitors needed

    # Reading: refuse unreadable and outside pages before Sphinx parses them, hand MyST safe
    # front matter, and drop outside files before Sphinx's collectors (500) copy them.
    app.connect("env-before-read-docs", skip_unreadable)
    app.connect("env-before-read-docs", read_registry)
    app.connect("source-read", safe_source)
    app.connect("doctree-read", drop_outside_files, priority=BEFORE_COLLECTORS)
    app.connect("doctree-read", empty_pages_that_read_outside, priority=AFTER_COLLECTORS)
    app.connect("doctree-read", note_photo, priority=AFTER_COLLECTORS + 1)

    # Between reading and writing: cross-page checks, then which listings must be rewritten
    # because other pages changed (Sphinx rewrites only the pages it read).
    app.connect("env-check-consistency", check_duplicates)
    app.connect("env-check-consistency", check_registry)
    app.connect("env-get-updated", listings_to_rewrite)
    app.connect("warn-missing-reference", warn_unknown_project)

    # Writing: placeholders become components, keyword pages are generated, head tags added.
    app.connect("doctree-resolved", fill_listings)
    app.connect("doctree-resolved", render_in_main_process)  # after fill_listings
    app.connect("write-started", render_cards_early)
    app.connect("html-collect-pages", keyword_pages)
    app.connect("html-page-context", add_filter_script)
    app.connect("html-page-context", add_head_tags, priority=HEAD_TAGS_PRIORITY)
    app.connect("html-page-context", add_twitter_card, priority=TWITTER_CARD_PRIORITY)
    app.connect("html-page-context", note_generated_page)

    # build-finished: the site-wide files, derived from the environment on every build.
    app.connect("build-finished", write_sitemap)
    app.connect("build-finished", write_site_files)
    app.connect("build-finished", write_bibliography)
    app.connect("build-finished", copy_card_images)
    app.connect("build-finished", drop_theme_templates)
    app.connect("build-finished", write_exports)
    app.connect("build-finished", background.wait_at_end)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
