"""Cards rendered once: each page keeps the HTML of its cards from one build to the next.

A card is a function of its project's fields (the domain's fingerprint), of the page it is
written on (its links are relative to that page) and of what every page shares: the
configuration, the templates and the extension's code (:func:`identity.identity_digest`), and
the people registry.
A page written again while most of its projects did not change (Sphinx rewrites a
project's toctree parent, ``projects/index``, with it; a keyword page lists one edited
project among a hundred) renders only the cards whose project changed.

Each page has its own file beside the doctrees, written by the process that writes the
page, so parallel writers never share a file; a file that cannot be read is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from portfolio.render.identity import digest, identity_digest
from portfolio.sphinx.domain import portfolio_domain

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: Bump when the file's layout changes.
FORMAT = 1


class CardStore:
    """The cards of one page: project docname -> (fingerprint, HTML)."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        name = hashlib.sha256(pagename.encode()).hexdigest()[:32]
        self.path = Path(app.doctreedir) / "portfolio-cards" / app.builder.name / name
        domain = portfolio_domain(app.env)
        people = digest(domain.registry.digest_source())  # who the cards' authors are
        self.identity = [FORMAT, pagename, identity_digest(app), people]
        self.fingerprints = domain.fingerprints
        self.cards: dict[str, tuple[str, str]] = {}
        self.changed = False
        try:
            identity, cards = pickle.loads(self.path.read_bytes())
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
            return
        if identity == self.identity and isinstance(cards, dict):
            self.cards = cards

    def render(self, docnames: list[str], render: Callable[[int], str]) -> list[str]:
        """The card of each project in ``docnames``: kept where the project is unchanged,
        else ``render(its index)``."""
        html = []
        for i, docname in enumerate(docnames):
            now = self.fingerprints.get(docname, "")
            kept = self.cards.get(docname)
            if kept is None or kept[0] != now:
                kept = self.cards[docname] = (now, render(i))
                self.changed = True
            html.append(kept[1])
        return html

    def save(self) -> None:
        """Write the cards if any were rendered, without those of removed projects."""
        if not self.changed:
            return
        cards = {d: c for d, c in self.cards.items() if d in self.fingerprints}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        partial.write_bytes(pickle.dumps((self.identity, cards), pickle.HIGHEST_PROTOCOL))
        os.replace(partial, self.path)  # a reader sees the old file or the new one
        self.changed = False
