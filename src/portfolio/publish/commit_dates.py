"""When each file last changed, from git: the feed dates projects that give no ``date`` by
the last commit that changed their page. Imports no Sphinx.

One ``git log`` per build, whatever the number of projects, run without a shell, with a time
limit and settings that keep a repository's configuration from running programs. No git,
no repository, a refusal (another user's checkout) or a timeout: no dates, and the feed falls
back to the project's year.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

#: Seconds a ``git`` call may take: a large history is cut short rather than stall a build.
TIMEOUT = 20
#: ``-c`` settings that keep a repository's config from running programs during ``git log``.
_SAFE = ("-c", "core.fsmonitor=false", "-c", "log.showSignature=false", "-c", "core.pager=cat")


def _git(folder: Path, *args: str) -> str | None:
    """``git`` run in ``folder``: its output, or ``None`` when it is missing or fails."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(
            [git, *_SAFE, "--no-pager", *args],
            cwd=folder,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape")


def last_changed(folder: Path, files: Iterable[Path]) -> dict[Path, str]:
    """The committer date (ISO 8601 with offset) of the last commit changing each of ``files``
    under ``folder``; files never committed (or outside the repository) are left out."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return {}
    root = Path(top.strip()).resolve()
    wanted: dict[str, Path] = {}
    for path in files:
        try:
            wanted[path.resolve().relative_to(root).as_posix()] = path
        except ValueError:
            continue
    if not wanted:
        return {}
    log = _git(
        root,
        "log",
        "--no-renames",
        "--format=%x00%cI",
        "--name-only",
        "-z",
        "--",
        folder.resolve().relative_to(root).as_posix() or ".",
    )
    return _newest(log or "", wanted)


def _newest(log: str, wanted: dict[str, Path]) -> dict[Path, str]:
    """Each wanted path's first date in ``log``: ``\\0<date>\\n<name>\\0<name>\\0...`` per
    commit, newest first."""
    dates: dict[Path, str] = {}
    date = ""
    for field in log.split("\x00"):
        field = field.strip("\n")
        if not field:
            continue
        head, _, name = field.partition("\n")
        if _is_date(head):  # a commit's date, then its first file on the next line
            date, field = head, name
            if not field:
                continue
        path = wanted.get(field)
        if path is not None and path not in dates and date:
            dates[path] = date
    return dates


def _is_date(text: str) -> bool:
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
