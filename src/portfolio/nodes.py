"""Docutils nodes of the extension and their HTML visitors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator


class external_link(nodes.reference):
    """An outbound link that opens safely (``rel="noopener"``).

    Other builders fall back to the ``reference`` visitors: Sphinx dispatches on the MRO.
    """


class project_listing(nodes.General, nodes.Element):
    """Placeholder for a list of projects, filled at ``doctree-resolved``.

    ``kind`` names what it becomes: a project page's ``header``, ``backlinks`` and
    ``related`` projects; a ``grid`` of cards, the ``publications`` or the ``people``.
    """


def visit_external_link(self: HTML5Translator, node: external_link) -> None:
    """Open an ``<a>`` with ``rel="noopener"``; attributes are escaped by ``starttag``."""
    self.body.append(
        self.starttag(
            node,
            "a",
            "",
            href=node["refuri"],
            rel="noopener",
            CLASS="reference external",
        )
    )


def depart_external_link(self: HTML5Translator, node: external_link) -> None:
    """Close the ``<a>``."""
    self.body.append("</a>")
