"""The ``project-grid`` directive: a placeholder that :mod:`portfolio.resolve` fills."""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from portfolio.nodes import project_listing


class ProjectGrid(SphinxDirective):
    """Cards for every project (or only the selected ones), newest first.

    ``:selected:`` keeps projects marked ``selected: true``; ``:group-by: year`` adds a
    heading per year.
    """

    has_content = False
    option_spec: ClassVar[dict] = {
        "selected": directives.flag,
        "group-by": lambda arg: directives.choice(arg, ("year", "none")),
    }

    def run(self) -> list[nodes.Node]:
        node = project_listing(
            kind="grid",
            selected="selected" in self.options,
            group_by=self.options.get("group-by", "none"),
        )
        self.set_source_info(node)
        return [node]
