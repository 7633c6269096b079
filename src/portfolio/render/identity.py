"""What every generated page and cached card shares: a digest of the configuration, the
templates (the owner's and ours) and the extension's code, and the stable digest function
the listings' and pages' records are made with."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx

from portfolio import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def digest(value: object) -> str:
    """A stable hash of what a page shows (any JSON-able value)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def build_identity(app: Sphinx) -> list[object]:
    """What a generated page shows besides its projects: configuration, templates (the
    owner's and ours), and the extension's code, every file of it."""
    builder = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    return [
        __version__,
        sphinx.__display_version__,
        builder.name,
        getattr(info, "config_hash", ""),
        getattr(info, "tags_hash", ""),
        app.config.portfolio_owner,
        app.config.language,
        templates.newest_template_mtime() if templates else 0,
        package_files(),
    ]


@functools.lru_cache(maxsize=2)
def identity_digest(app: Sphinx) -> str:
    """:func:`build_identity` as a digest, once per build (it stats every template)."""
    return digest(build_identity(app))


@functools.cache
def package_files() -> list[tuple[str, int, int]]:
    """Each file of the extension with its modification time and size (once a process)."""
    root = Path(__file__).parents[1]
    return [
        (path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size)
        for path in sorted(root.rglob("*"))
        if path.suffix in (".py", ".html", ".css", ".js", ".md") and (stat := path.stat())
    ]
