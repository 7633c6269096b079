"""What Google Scholar's inclusion guidelines need of a project page and the page lacks:
the full title, every author, the publication date and a link to the full text (pure).

Scholar matches the page's ``citation_*`` tags against the paper, so a title or author list
that differs from the paper's entry, a cut author list, a year that disagrees, a missing
PDF or abstract are advice for ``portfolio check --scholar``, never errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portfolio.model import csl, latex
from portfolio.model.frontmatter import FrontMatter, Problem
from portfolio.model.schema import normalise_title

if TYPE_CHECKING:
    from portfolio.model.schema import ProjectMeta

SUBTYPE = "scholar"


def advice(meta: ProjectMeta, entry_text: str, fm: FrontMatter) -> list[Problem]:
    """Each thing Google Scholar needs that the page ``meta`` (its front matter ``fm``, its
    checked BibTeX ``entry_text``) lacks, at the line of the field to change."""
    found: list[Problem] = []

    def say(key: str, message: str) -> None:
        found.append(Problem(fm.line_of(key), key, message, subtype=SUBTYPE))

    entry = csl.parse_entry(entry_text) if meta.bibtex else None
    title = latex.to_text(entry.fields.get("title", "")) if entry else ""
    if title and normalise_title(title) != normalise_title(meta.title):
        say("title", f"Scholar wants the paper's full title; the BibTeX entry says {title!r}")
    if not all(author.is_person for author in meta.authors):
        say("authors", "Scholar wants every author; the list is cut ('et al.')")
    people = [p for p in entry.persons.get("author", []) if str(p) != "others"] if entry else []
    if len(people) > len(meta.authors):
        say(
            "authors",
            f"Scholar wants every author; the BibTeX entry lists {len(people)}, "
            f"the page {len(meta.authors)}",
        )
    year = entry.fields.get("year", "").strip() if entry else ""
    if year.isdigit() and int(year) != meta.year:
        say(
            "year",
            f"Scholar wants one publication date; the page says {meta.year}, "
            f"the BibTeX entry {year}",
        )
    if not csl.identifiers_of(meta, entry_text).pdf:
        say(
            "pdf",
            "Scholar wants a link to the full text; add 'pdf:' (an https URL of the PDF) or "
            "an arXiv link",
        )
    if not meta.abstract:
        say("abstract", "Scholar wants the abstract on the page; add 'abstract:'")
    return found
