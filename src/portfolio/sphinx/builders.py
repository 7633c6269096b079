"""What each kind of builder writes: one definition of each, for every module that asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.builders.singlehtml import SingleFileHTMLBuilder

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.jinja2glue import BuiltinTemplateLoader


def html_templates(builder: Builder) -> BuiltinTemplateLoader | None:
    """The builder's Jinja templates, or ``None`` where it writes no HTML pages."""
    return getattr(builder, "templates", None) if builder.format == "html" else None


def writes_keyword_pages(builder: Builder) -> bool:
    """Whether ``builder`` writes the generated keyword pages: HTML builders but singlehtml,
    which writes one page and collects no others."""
    return builder.format == "html" and not isinstance(builder, SingleFileHTMLBuilder)


def writes_site(builder: Builder) -> bool:
    """Whether the builder writes a web site (html, dirhtml), not one page or an e-book:
    the sitemap, feed, ``llms.txt`` and ``robots.txt`` are for sites."""
    return writes_keyword_pages(builder) and not getattr(builder, "embedded", False)
