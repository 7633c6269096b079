"""Listing directives: placeholders that :mod:`portfolio.render.resolve` fills at write time."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from portfolio.sphinx.nodes import project_listing


class _Listing(SphinxDirective):
    """A placeholder of one ``kind``; options become its attributes."""

    kind: ClassVar[str]
    has_content = False

    def attributes(self) -> dict[str, object]:
        return {}

    def run(self) -> list[nodes.Node]:
        node = project_listing(kind=self.kind, **self.attributes())
        self.set_source_info(node)
        return [node]


class ProjectGrid(_Listing):
    """Cards for every project (or only the selected ones), newest first.

    ``:selected:`` keeps projects marked ``selected: true``; ``:group-by: year`` adds a
    heading per year; ``:filter:`` lets visitors filter by keyword, year and venue.
    """

    kind = "grid"
    option_spec: ClassVar[dict] = {
        "selected": directives.flag,
        "filter": directives.flag,
        "group-by": lambda arg: directives.choice(arg, ("year", "none")),
    }

    def attributes(self) -> dict[str, object]:
        return {
            "selected": "selected" in self.options,
            "filter": "filter" in self.options,
            "group_by": self.options.get("group-by", "none"),
        }


class PublicationList(_Listing):
    """Every project as one line (authors, title, venue, award, links), grouped by year."""

    kind = "publications"


class CoauthorList(_Listing):
    """Each co-author with the projects shared with the owner."""

    kind = "people"
