"""Write new project pages: slugs, the commented template, and never clobbering a page."""

from __future__ import annotations

import re
import string
import unicodedata
from importlib import resources
from pathlib import Path

import yaml

from portfolio.cli.check import conf_value
from portfolio.model import frontmatter, schema

#: Longest slug derived from a title, in characters (cut at a word boundary).
SLUG_MAX = 60
_SLUG = re.compile(r"^[^\W_][\w-]*$")


class PageError(Exception):
    """A page cannot be written; the message says why and what to do."""


def slugify(title: str, limit: int = SLUG_MAX) -> str:
    """A file name for ``title``: accents folded, lower case, words joined by ``-``.

    Letters of other scripts are kept (``深度学习``); ``''`` when nothing is left.
    """
    folded = unicodedata.normalize("NFKD", title)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", folded).lower()).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            return slug or word[:limit]
        slug = candidate
    return slug


def slug_problem(slug: str) -> str:
    """Why ``slug`` cannot name a project page, or ``''``."""
    if not _SLUG.match(slug):
        return f"expected letters, digits and '-' (such as 'deep-equilibrium'), got {slug!r}"
    if slug == "index":
        return "'index' is the projects listing, not a project; choose another slug"
    return ""


def yaml_scalar(value: str | int) -> str:
    """``value`` as one line of YAML (quoted when needed), for the template."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**9)
    return text.removesuffix("\n").removesuffix("\n...")


def owner_of(docs: Path) -> str:
    """``portfolio_owner`` from ``docs/conf.py`` when it is a plain string (read, not run)."""
    owner = conf_value(docs, "portfolio_owner")
    return owner.strip() if isinstance(owner, str) else ""


def render(title: str, slug: str, year: int, authors: list[str]) -> str:
    """The page text: every field shown, the optional ones commented out."""
    template = resources.files("portfolio").joinpath("templates", "new-project.md")
    return string.Template(template.read_text(encoding="utf-8")).substitute(
        title=yaml_scalar(title),
        authors="\n".join(f"  - {yaml_scalar(a)}" for a in authors),
        year=year,
        slug=slug,
        tldr_max=schema.TLDR_MAX,
    )


def existing_titles(folder: Path) -> dict[str, Path]:
    """Normalised title -> page, for every page in ``folder`` whose title can be read."""
    titles: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.md")):
        try:
            title = frontmatter.read(path).data.get("title")
        except (frontmatter.FrontMatterError, OSError):
            continue
        if isinstance(title, str) and title.strip():
            titles.setdefault(schema.normalise_title(title), path)
    return titles


def write_new(
    folder: Path, title: str, *, slug: str = "", year: int, authors: list[str], force: bool
) -> Path:
    """Write ``folder/<slug>.md`` for a new project and return its path.

    :raises PageError: bad title, slug or year; the page exists (without ``force``); or
        another page already has this title.
    """
    title = " ".join(title.split())
    if not title:
        raise PageError("title: expected text, got an empty value")
    slug = slug or slugify(title)
    if not slug:
        raise PageError(f"cannot make a file name from the title {title!r}; pass --slug")
    problem = slug_problem(slug)
    if problem:
        raise PageError(f"--slug: {problem}")
    if not schema.YEAR_MIN <= year <= schema.latest_year():
        raise PageError(
            f"--year: expected a year from {schema.YEAR_MIN} to {schema.latest_year()}, got {year}"
        )
    if not folder.is_dir():
        raise PageError(f"{folder}: no such folder; run from the site's root or pass --dir")
    path = folder / f"{slug}.md"
    same = existing_titles(folder).get(schema.normalise_title(title))
    if same is not None and same.resolve() != path.resolve():
        raise PageError(f"{same} already has the title {title!r}; titles must be unique")
    text = render(title, slug, year, authors)
    try:
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        raise PageError(f"{path} already exists; pass --force to overwrite it") from None
    return path
