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


class bibtex_block(nodes.literal_block):
    """A BibTeX entry shown as code, written to HTML without Pygments.

    Highlighting costs about a millisecond a block, a second for a thousand project pages.
    Other builders fall back to the ``literal_block`` visitors.
    """


class search_text(nodes.Invisible, nodes.TextElement):
    """Words for the search index that the page shows in raw HTML; no builder writes it.

    Sphinx indexes raw HTML with its tags stripped but its entities left in (``&#39;``
    gives the word ``39``): a header written from a template is kept out of the index and
    its words are given here instead.
    """


class project_listing(nodes.General, nodes.Element):
    """Placeholder for a list of projects, filled at ``doctree-resolved``.

    ``kind`` names what it becomes: a project page's ``header``, ``backlinks``, ``related``
    projects and ``cite`` section (these four name their project page in ``docname``: the
    latex and singlehtml builders resolve every page in one tree, under the root's name);
    a ``grid`` of cards, the ``publications`` or the ``people``.
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


def skip(self: object, node: nodes.Node) -> None:
    """Write nothing for the node."""
    raise nodes.SkipNode


def visit_bibtex_block(self: HTML5Translator, node: bibtex_block) -> None:
    """The markup of an unhighlighted code block, so copy buttons and theme styles apply."""
    self.body.append(self.starttag(node, "div", CLASS="highlight-bibtex notranslate"))
    self.body.append(f'<div class="highlight"><pre>{self.encode(node.astext())}</pre></div>')
    self.body.append("</div>\n")
    raise nodes.SkipNode
