"""``portfolio init``: a complete new site for a new owner, never overwriting anything.

The files come from ``templates/site/``: a name ending in ``.in`` is a ``string.Template``
filled with the owner's facts (each value already quoted for the file it goes into); the
others are copied as they are. The photo and favicon placeholders are drawn here.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import string
from importlib import metadata, resources
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from portfolio.cli.newpage import yaml_scalar
from portfolio.model import limits

#: What ``init`` writes: the site's path -> the template in ``templates/site/``.
FILES = {
    "Makefile": "Makefile",
    "README.md": "README.md.in",
    "requirements.txt": "requirements.txt.in",
    ".readthedocs.yaml": "readthedocs.yaml",
    ".gitignore": "gitignore",
    "docs/conf.py": "conf.py.in",
    "docs/index.md": "index.md.in",
    "docs/research.md": "research.md",
    "docs/publications.md": "publications.md",
    "docs/people.md": "people.md",
    "docs/404.md": "404.md",
    "docs/projects/index.md": "projects-index.md",
    "docs/projects/example-project.md": "example-project.md.in",
}
AVATAR = "docs/_static/avatar.svg"
FAVICON = "docs/_static/favicon.svg"
DISTRIBUTION = "sphinx-portfolio"

#: Icons of the portfolio theme for profile links, by the link's host (or scheme).
_ICONS = (
    ("github.com", "fa-brands fa-github"),
    ("gitlab.com", "fa-brands fa-gitlab"),
    ("scholar.google.", "fa-solid fa-graduation-cap"),
    ("twitter.com", "fa-brands fa-x-twitter"),
    ("x.com", "fa-brands fa-x-twitter"),
    ("linkedin.com", "fa-brands fa-linkedin"),
    ("orcid.org", "fa-brands fa-orcid"),
    ("bsky.app", "fa-brands fa-bluesky"),
    ("youtube.com", "fa-brands fa-youtube"),
    ("researchgate.net", "fa-brands fa-researchgate"),
)
#: The description is the home page's meta description: search engines show about 160.
DESCRIPTION_MAX = 300


class SiteError(Exception):
    """The site cannot be written; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Owner:
    """The facts ``init`` puts in the new site."""

    name: str
    description: str = ""
    url: str = ""
    #: Profile links for the navbar, as (label, URL).
    links: tuple[tuple[str, str], ...] = ()
    #: The first year of the footer's copyright line (none: the year of each build).
    since: int | None = None


def owner_problems(owner: Owner) -> list[str]:
    """What is wrong with ``owner``'s facts, one message each (empty when they can be used)."""
    problems = []
    if not owner.name.strip():
        problems.append("--name: expected the owner's name, such as 'Ada Lovelace'")
    for flag, value, most in (
        ("--name", owner.name, limits.AUTHOR),
        ("--description", owner.description, DESCRIPTION_MAX),
    ):
        bad = "contains a line break" if re.search(r"[\n\r]", value) else ""
        if bad := bad or limits.forbidden_character(value):
            problems.append(f"{flag}: {bad}; expected one line of plain text")
        elif len(value) > most:
            problems.append(f"{flag}: at most {most} characters, got {len(value)}")
    if owner.url and not _web_url(owner.url):
        problems.append(
            f"--url: expected the site's address, such as 'https://ada.example.org/', "
            f"got {owner.url!r}"
        )
    for label, url in owner.links:
        if not label.strip() or len(label) > limits.LINK_LABEL or limits.forbidden_character(label):
            problems.append(f"--link: expected LABEL=URL with a short label, got {label!r}")
        elif not (_web_url(url) or re.fullmatch(r"mailto:[^\s@]+@[^\s@]+", url)):
            problems.append(f"--link {label}: expected an https:// or mailto: URL, got {url!r}")
    return problems


def _web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc) and not re.search(r"\s", url)


def icon_for(url: str) -> str:
    """The theme icon for a profile link: the site's logo, else a generic one."""
    if url.startswith("mailto:"):
        return "fa-solid fa-envelope"
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    for known, icon in _ICONS:
        if host == known or (known.endswith(".") and host.startswith(known)):
            return icon
    return "fa-solid fa-link"


def requirement() -> str:
    """How ``requirements.txt`` installs this package: the way it was installed here."""
    dist = metadata.distribution(DISTRIBUTION)
    origin = json.loads(dist.read_text("direct_url.json") or "{}")
    url = origin.get("url", "")
    if vcs := origin.get("vcs_info"):
        return f"{DISTRIBUTION} @ {vcs['vcs']}+{url}@{vcs['commit_id']}"
    if url:
        return f"{DISTRIBUTION} @ {url}"
    return f"{DISTRIBUTION}=={dist.version}"


def render(owner: Owner, year: int, *, favicon: str = "_static/favicon.svg") -> dict[str, str]:
    """Every file of the new site: its path in the site -> its text."""
    description = owner.description or f"{owner.name}'s research portfolio."
    values = {
        "name": owner.name,
        "name_py": _py(owner.name),
        "name_yaml": yaml_scalar(owner.name),
        "copyright_py": _py(f"{years(owner.since)} {owner.name}"),
        "description_py": _py(description),
        "url_py": _py(owner.url),
        "favicon_py": _py(favicon),
        "icon_links": icon_links(owner.links),
        "year": str(year),
        "requirement": requirement(),
    }
    folder = resources.files("portfolio") / "templates" / "site"
    files = {}
    for target, source in FILES.items():
        text = (folder / source).read_text(encoding="utf-8")
        files[target] = string.Template(text).substitute(values) if source.endswith(".in") else text
    files[AVATAR] = initials_svg(owner.name, size=320, font=128)
    files[FAVICON] = initials_svg(owner.name, size=32, font=15)
    return files


def years(since: int | None) -> str:
    """The copyright line's years, first to last (Sphinx writes the build's year for ``%Y``)."""
    return f"{since}\N{EN DASH}%Y" if since else "%Y"


def _py(value: str) -> str:
    """``value`` as a Python string literal (JSON's escapes are Python's)."""
    return json.dumps(value, ensure_ascii=False)


def icon_links(links: tuple[tuple[str, str], ...]) -> str:
    """The theme's ``icon_links`` option as Python source, one link a line."""
    if not links:
        return "[]"
    items = "".join(
        f'        {{"name": {_py(label)}, "url": {_py(url)}, "icon": {_py(icon_for(url))}}},\n'
        for label, url in links
    )
    return f"[\n{items}    ]"


def initials_svg(name: str, *, size: int, font: int) -> str:
    """A round placeholder with the owner's initials, until there is a photo."""
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    half = size // 2
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}"><circle cx="{half}" cy="{half}" r="{half}" '
        f'fill="#1a5fb4"/><text x="50%" y="50%" dy=".35em" text-anchor="middle" '
        f'font-family="sans-serif" font-size="{font}" fill="#fff">{html.escape(initials)}</text>'
        "</svg>\n"
    )


def write_site(root: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` under ``root``; refuse (writing nothing) if any of them exists."""
    paths = {root / PurePosixPath(name): text for name, text in files.items()}
    if taken := [path for path in paths if path.exists() or path.is_symlink()]:
        listed = ", ".join(str(path) for path in taken)
        raise SiteError(f"{listed}: already there; nothing was written. Choose an empty folder.")
    written = []
    for path, text in paths.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
        written.append(path)
    return written
