"""What each kind of builder writes: one definition of each, for every module that asks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.singlehtml import SingleFileHTMLBuilder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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


#: Jinja templates a parent theme keeps in its ``static`` folder (pydata-sphinx-theme's
#: layout imports ``static/webpack-macros.html``), which Sphinx copies with its assets.
THEME_TEMPLATES = ("webpack-macros.html",)


def drop_theme_templates(app: Sphinx, exception: BaseException | None) -> None:
    """Take the theme's unfilled macro files out of ``_static``: no visitor can use them.

    Sphinx copies a theme's whole ``static`` folder and offers no option to leave a file
    out (``exclude_patterns`` applies to ``html_static_path`` only), so the copy is removed
    once the build is done; a file of the same name in the user's ``html_static_path`` is
    theirs and stays. E-books keep theirs: their manifest, already written, lists it.
    """
    theme = getattr(app.builder, "theme", None)
    if exception is not None or theme is None or getattr(app.builder, "embedded", False):
        return
    for name in THEME_TEMPLATES:
        if not any(Path(folder, "static", name).is_file() for folder in theme.get_theme_dirs()):
            continue
        if any(Path(app.confdir, entry, name).is_file() for entry in app.config.html_static_path):
            continue
        Path(app.outdir, "_static", name).unlink(missing_ok=True)
