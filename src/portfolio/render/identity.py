"""What every generated page and cached card shares: a digest of the configuration, the
templates (the owner's and ours) and the extension's code, the stable digest function the
listings' and pages' records are made with, and the record of generated files."""

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


class OutputRecord:
    """Digests of what generated files showed when last written, kept beside the doctrees.

    A file is written again when its digest changes or it is missing. The record is saved
    only after the files are written, so an interrupted build writes them again next time.
    """

    def __init__(self, app: Sphinx, path: Path, digests: dict[str, str]) -> None:
        self.app, self.path = app, path
        self.old, self.new = digests, dict[str, str]()

    @classmethod
    def load(cls, app: Sphinx, kind: str) -> OutputRecord:
        """The record of ``kind`` for this builder and output folder (empty when none)."""
        path = Path(app.doctreedir) / f"portfolio-{kind}-{app.builder.name}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        if not isinstance(data, dict) or data.get("outdir") != str(app.outdir):
            data = {}
        return cls(app, path, data.get("pages", {}))

    def unchanged(self, key: str, written: Path, shown: object) -> bool:
        """Record what ``key`` shows; whether its file ``written`` already shows it."""
        self.new[key] = digest(shown)
        return written.is_file() and self.old.get(key) == self.new[key]

    def save(self, keys: list[str] | None = None) -> None:
        """Keep the digests of ``keys`` (all recorded, by default: the files that exist)."""
        kept = {k: self.new[k] for k in (self.new if keys is None else keys) if k in self.new}
        data = {"outdir": str(self.app.outdir), "pages": kept}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
