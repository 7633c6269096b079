"""Which files and URLs a page may reference: only files inside the source folder, only
``https://`` beyond it, and no SVG that would run script when opened on its own.

Sphinx copies every image and download a page names into the output, wherever it is: a
``../../`` path, an absolute one, or a symlink to ``/proc/self/environ`` would publish the
building machine's files. Imports no Sphinx: the build and ``portfolio check`` share it.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path
from urllib.parse import urlsplit

from portfolio.model import limits

#: ``scheme:`` at the start of a reference (``C:`` is not one: schemes have two letters or more).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
#: What makes an SVG run script when it is opened as a page of its own.
_SVG_SCRIPT = re.compile(
    rb"<\s*script|<\s*foreignObject|\bon[a-z]+\s*=|javascript\s*:|<\s*!ENTITY|xlink:href\s*=\s*[\"']?\s*data:",
    re.IGNORECASE,
)


def is_remote(target: str) -> bool:
    """Whether ``target`` names something by URL (``scheme:`` or ``//host``), not a file."""
    return bool(_SCHEME.match(target)) or target.startswith("//")


def remote_problem(target: str) -> str:
    """Why a URL may not be shown as an image, or ``''``: only ``https://`` URLs may."""
    parts = urlsplit(target)
    if parts.scheme.lower() != "https" or not parts.netloc:
        shown = target if len(target) <= 60 else target[:57] + "..."
        return f"expected a file in the source folder or an https:// URL, got {shown!r}"
    return ""


def resolve(srcdir: Path, page: Path, target: str) -> Path:
    """The file ``target`` names from ``page``, as Sphinx reads it (``/x`` is relative to
    ``srcdir``), with every symlink followed."""
    relative = target.split("?", 1)[0].split("#", 1)[0]
    base = srcdir if relative.startswith("/") else page.parent
    return (base / relative.lstrip("/")).resolve()


def local_problem(srcdir: Path, page: Path, target: str, *, image: bool = True) -> str:
    """Why the file ``target`` may not be published from ``page``, or ``''``.

    It must resolve, symlinks followed, to a regular file inside ``srcdir``, of at most
    :data:`limits.IMAGE_BYTES` when ``image``; an SVG may hold no script. ``img.*`` (Sphinx
    picks the best of ``img.png``, ``img.svg`` ...) must hold for every match.
    """
    if "\x00" in target:
        return "expected a file name, got one with a NUL character"
    root = srcdir.resolve()
    try:
        path = resolve(root, page.resolve(), target)
        found = [path]
        if target.endswith(".*"):
            found = sorted(path.parent.glob(path.name)) if path.parent.is_dir() else []
            found = [match.resolve() for match in found]
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a name too long
        return f"cannot resolve {target!r}"
    if not found:
        return f"{target!r}: no such file"
    problems = (_file_problem(root, match, target, image=image) for match in found)
    return next((problem for problem in problems if problem), "")


def _file_problem(root: Path, path: Path, target: str, *, image: bool) -> str:
    if not path.is_relative_to(root):
        return (
            f"{target!r} is outside the source folder; only files inside it are published "
            "(copy the file into the site)"
        )
    try:
        info = path.stat()
    except OSError:
        return f"{target!r}: no such file"
    if stat.S_ISDIR(info.st_mode):
        return f"{target!r} is a folder; name a file"
    if not stat.S_ISREG(info.st_mode):
        return f"{target!r} is not a regular file"
    if image and info.st_size > limits.IMAGE_BYTES:
        mb = limits.IMAGE_BYTES // (1024 * 1024)
        return f"{target!r} is {info.st_size // (1024 * 1024)} MB; expected at most {mb} MB"
    if path.suffix.lower() in (".svg", ".svgz") and svg_runs_script(path):
        return f"{target!r} is an SVG with script or event handlers; remove them or use PNG"
    return ""


def reference_problem(srcdir: Path, page: Path, target: str, *, image: bool = True) -> str:
    """Why ``target`` (a file or a URL) may not be used from ``page``, or ``''``."""
    if is_remote(target):
        return remote_problem(target) if image else ""
    return local_problem(srcdir, page, target, image=image)


def svg_runs_script(path: Path) -> bool:
    """Whether the SVG at ``path`` holds script, event handlers or a ``javascript:`` link."""
    try:
        with path.open("rb") as svg:
            head = svg.read(limits.IMAGE_BYTES)
    except OSError:
        return True
    if path.suffix.lower() == ".svgz" or head[:2] == b"\x1f\x8b":
        return True  # compressed: not worth opening to look; refuse
    return _SVG_SCRIPT.search(head) is not None


#: Why a symlink in a static folder is not copied.
STATIC_LINK = "links to a file outside the source folder; it is not copied (copy the file instead)"


#: The options naming static folders, whose files Sphinx copies as they are.
STATIC_OPTIONS = ("html_static_path", "html_extra_path")


def outside_links(srcdir: Path, entries: list[str]) -> list[tuple[Path, Path]]:
    """``(folder, link)`` for each file under the static folders ``entries`` (relative to
    ``srcdir``) that is a symlink resolving outside ``srcdir``: Sphinx would copy what it
    points to. Folders outside ``srcdir`` are the owner's choice in ``conf.py``: not walked."""
    root = srcdir.resolve()
    found = []
    for entry in entries:
        folder = (srcdir / entry).resolve()
        if not folder.is_relative_to(root) or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                found.append((folder, path))
    return found
