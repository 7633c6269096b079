"""Project cards, rendered to HTML once and reused across pages and across builds.

A card's HTML depends on its project and on the depth of the page showing it (its links
are relative). On the web builders the store keeps each card by depth and project,
stamped with the project's data, in a file beside the doctrees: a card is rendered again
only when its project changes, so rewriting a grid of a thousand projects costs little.
"""

from __future__ import annotations

import functools
import pickle
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx
from docutils import nodes

from portfolio import __version__, render
from portfolio import nodes as portfolio_nodes
from portfolio.domain import PortfolioDomain

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

    from portfolio.schema import ProjectMeta

#: Builders where "../" per folder of a page's URI leads back to the site's root.
WEB_BUILDERS = ("html", "dirhtml")
#: Cards rendered together: bounds how many docutils nodes are alive at once.
CHUNK = 100
_MARK = "<!-- pf-card -->"
_stores: weakref.WeakKeyDictionary[Sphinx, CardStore] = weakref.WeakKeyDictionary()


def keyword_uri_maker(builder: Builder, docname: str) -> render.KeywordUri:
    """Links from ``docname`` to keyword pages (none outside HTML)."""

    def uri(keyword: str) -> str | None:
        if builder.format != "html":
            return None
        return builder.get_relative_uri(docname, render.keyword_page(keyword))

    return uri


def card_nodes(
    app: Sphinx,
    targets: list[str],
    page_uri: Callable[[str], str],
    keyword_uri: render.KeywordUri,
) -> list[nodes.container]:
    """Cards for ``targets`` as docutils nodes, linking with the given URI makers."""
    projects = _projects(app)
    owner = app.config.portfolio_owner
    return [
        render.project_card(projects[t], page_uri(t), owner, keyword_uri, docname=t)
        for t in targets
    ]


def grid(app: Sphinx, docname: str, targets: list[str]) -> nodes.container:
    """The grid of ``targets``' cards on the page ``docname``."""
    store = CardStore.of(app)
    if store is None:
        builder = app.builder
        page_uri = functools.partial(builder.get_relative_uri, docname)
        keyword_uri = keyword_uri_maker(builder, docname)
        return render.card_grid(card_nodes(app, targets, page_uri, keyword_uri))
    html = "".join(store.cards(docname, targets))
    return render.card_grid([nodes.raw("", html, format="html")])


def save_store(app: Sphinx, exception: BaseException | None) -> None:
    """Keep this build's cards for the next build (``build-finished``)."""
    store = _stores.get(app)
    if store is not None:
        store.save()


class CardStore:
    """Card HTML by (page depth, project), each with the stamp of the data it shows."""

    def __init__(self, app: Sphinx, path: Path, identity: list[object]) -> None:
        self.app, self.path, self.identity = app, path, identity
        self.html: dict[tuple[int, str], tuple[str, str]] = {}
        try:
            with path.open("rb") as f:
                saved_identity, html = pickle.load(f)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError):
            return
        if saved_identity == identity:
            self.html = html

    @classmethod
    def of(cls, app: Sphinx) -> CardStore | None:
        """The store of this build, loaded on first use; ``None`` off the web builders."""
        if app.builder.name not in WEB_BUILDERS:
            return None
        if app not in _stores:
            path = Path(app.doctreedir) / f"portfolio-cards-{app.builder.name}.pickle"
            _stores[app] = cls(app, path, identity(app))
        return _stores[app]

    def cards(self, docname: str, targets: list[str]) -> list[str]:
        """The HTML of ``targets``' cards on the page ``docname``, rendering what is missing."""
        depth = self.app.builder.get_target_uri(docname).count("/")
        projects = _projects(self.app)
        stamps = {t: repr(projects[t]) for t in targets}
        stale = [t for t in targets if self.html.get((depth, t), ("", ""))[0] != stamps[t]]
        for target, html in zip(stale, self._render(depth, stale), strict=True):
            self.html[depth, target] = (stamps[target], html)
        return [self.html[depth, t][1] for t in targets]

    def _render(self, depth: int, targets: list[str]) -> list[str]:
        # Links go up to the root, then down ("../projects/p.html" even from projects/):
        # the same HTML then serves every page at this depth, its own card's page included.
        up, target_uri = "../" * depth, self.app.builder.get_target_uri

        def page_uri(docname: str) -> str:
            return up + target_uri(docname)

        def keyword_uri(keyword: str) -> str:
            return up + target_uri(render.keyword_page(keyword))

        pieces: list[str] = []
        for start in range(0, len(targets), CHUNK):
            box = nodes.container()
            for card in card_nodes(self.app, targets[start : start + CHUNK], page_uri, keyword_uri):
                box += [nodes.raw("", _MARK, format="html"), card]
            box += nodes.raw("", _MARK, format="html")
            # Text in a card is escaped, so the marks can only be ours.
            _, *html, _ = self.app.builder.render_partial(box)["fragment"].split(_MARK)
            pieces += html
        return pieces

    def save(self) -> None:
        """Write the cards of projects that still exist with the same data."""
        projects = _projects(self.app)
        current = {
            key: value
            for key, value in self.html.items()
            if key[1] in projects and value[0] == repr(projects[key[1]])
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("wb") as f:
            pickle.dump((self.identity, current), f, protocol=pickle.HIGHEST_PROTOCOL)


def _projects(app: Sphinx) -> dict[str, ProjectMeta]:
    domain: PortfolioDomain = app.env.get_domain(PortfolioDomain.name)  # type: ignore[assignment]
    return domain.projects


def identity(app: Sphinx) -> list[object]:
    """What card HTML depends on besides the project: configuration, code, versions."""
    info = getattr(app.builder, "build_info", None)
    code = [Path(m.__file__ or "").stat().st_mtime for m in (render, portfolio_nodes)]
    return [
        __version__,
        sphinx.__display_version__,
        app.builder.name,
        getattr(info, "config_hash", ""),
        getattr(info, "tags_hash", ""),
        app.config.portfolio_owner,
        app.config.language,
        code,
    ]
