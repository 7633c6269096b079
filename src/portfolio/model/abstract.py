"""A project's abstract, written in Markdown, as HTML and as plain text (pure functions).

CommonMark through markdown-it-py with raw HTML and images off: an abstract can emphasise,
link (markdown-it refuses ``javascript:`` and like links) and list, but neither inject markup
nor show a file.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"html": False}).disable("image")


@functools.lru_cache(maxsize=256)
def to_html(text: str) -> str:
    """The abstract as HTML blocks."""
    return _MD.render(text).strip()


@functools.lru_cache(maxsize=256)
def to_text(text: str) -> str:
    """The abstract's words without Markdown, one space between blocks (for the search
    index and builders other than HTML)."""
    words = []
    for token in _MD.parse(text):
        if token.type == "inline":
            parts = token.children or ()
            words.append("".join(" " if c.type.endswith("break") else c.content for c in parts))
        elif token.type in ("code_block", "fence"):
            words.append(token.content)
    return " ".join(" ".join(words).split())
