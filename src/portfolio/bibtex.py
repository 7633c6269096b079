"""BibTeX for projects: the entry shown on each page and the site's ``publications.bib``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pybtex.database import BibliographyData, Entry, Person

if TYPE_CHECKING:
    from portfolio.schema import ProjectMeta


def project_entry(meta: ProjectMeta, key: str) -> str:
    """The project's own BibTeX, or one generated from its front matter."""
    if meta.bibtex:
        return meta.bibtex.strip() + "\n"
    fields = {"title": meta.title, "year": str(meta.year)}
    kind = "misc"
    if meta.venue:
        kind = "inproceedings"
        fields["booktitle"] = meta.venue.full or meta.venue.short
    url = next((u for _, u in meta.links), "")
    if url:
        fields["url"] = url
    entry = Entry(kind, fields=fields, persons={"author": [Person(a.name) for a in meta.authors]})
    return BibliographyData(entries={key: entry}).to_string("bibtex")
