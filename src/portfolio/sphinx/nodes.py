"""Docutils nodes of the extension and their HTML visitors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from portfolio.render.templates import renderer

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from portfolio.render.templates import Render


class component(nodes.container):
    """Something the extension shows: HTML builders write its ``template`` rendered with its
    ``context``, every other builder its children, ordinary nodes made from the same
    :class:`~portfolio.render.view.ProjectView`.

    The search index reads the children, so on HTML pages a component holds only the words
    a search should find there (a project page's header) or none (a listing of projects,
    which a search should not land on).
    """


class project_listing(nodes.General, nodes.Element):
    """Placeholder for a list of projects, filled at ``doctree-resolved``.

    ``kind`` names what it becomes: a project page's ``header``, ``backlinks``, ``related``
    projects and ``cite`` section (these four name their project page in ``docname``: the
    latex and singlehtml builders resolve every page in one tree, under the root's name);
    a ``grid`` of cards, the ``publications`` or the ``people``.
    """


#: Up to how many parallel jobs the main process renders the components (see
#: :func:`render_in_main_process`).
MAIN_PROCESS_RENDERS_UP_TO = 3


def render_in_main_process(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Render the page's components as it is resolved (``doctree-resolved``), under
    ``-j 2`` and ``-j 3``; else :func:`visit_component` renders them as the page is written.

    Sphinx resolves the pages in the main process and writes them with ``N - 1`` workers.
    Resolving takes about a quarter of the writing: with one or two workers, the main
    process waits for them most of the time, and the components are better rendered there,
    shortening the writing; with more workers, the main process is the one they wait for.
    """
    if not 1 < app.parallel <= MAIN_PROCESS_RENDERS_UP_TO:
        return
    render = renderer(app.builder)
    if render is None:
        return
    for node in doctree.findall(component):
        if "context" in node:
            _render(node, render)


def visit_component(self: HTML5Translator, node: component) -> None:
    """Write the component's template rendered with its context, not its children.

    Unless the main process rendered it already (:func:`render_in_main_process`), it is
    rendered by the process that writes the page: under ``-j``, by Sphinx's writing workers
    rather than the main process, which resolves every page in turn.
    """
    if "html" not in node:
        render = renderer(self.builder)
        assert render is not None, "components.component gives a template to HTML builders only"
        _render(node, render)
    self.body.append(node["html"])
    raise nodes.SkipNode


def _render(node: component, render: Render) -> None:
    """Keep the component's HTML in place of its context.

    The context goes: what it holds is freed now, not once the page's tree is (a cycle,
    which only the collector's full passes free; left in it, they ran twice as often while
    a 1,000-project site was written).
    """
    node["html"] = render(node["template"], node.attributes.pop("context"))
