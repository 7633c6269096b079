"""LaTeX text from BibTeX fields to plain Unicode: accents, escapes, dashes, braces.

latexcodec (a pybtex dependency) decodes the accents and symbols; this module first unwraps
the formatting commands it leaves alone and afterwards drops the protective braces.
"""

from __future__ import annotations

import codecs
import contextlib
import re

#: Commands whose argument is kept as text: ``\emph{Deep}`` -> ``Deep``.
_WRAPPERS = "|".join(
    [
        *("emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textsl", "textup"),
        *("textnormal", "textmd", "mbox", "text", "mathrm", "mathbf", "mathit", "mathsf"),
        *("mathtt", "mathcal", "ensuremath", "url", "uppercase", "MakeUppercase"),
    ]
)
#: Font switches inside a group: ``{\bf Deep}`` -> ``Deep``.
_SWITCHES = "|".join(
    [
        *("bf", "it", "em", "sc", "tt", "rm", "sf", "sl", "md", "up"),
        *("bfseries", "itshape", "scshape", "upshape", "normalfont"),
    ]
)
#: Named commands for which latexcodec has no character.
_NAMED = {"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "ldots": "…", "dots": "…"}
# Escaped characters, kept aside in the Private Use Area while braces are removed.
# ``%`` too: LaTeX would read it as a comment, BibTeX exports use it bare in values.
_KEEP = {"\\{": "\ue000", "\\}": "\ue001", "\\$": "\ue002", "\\%": "\ue003", "%": "\ue003"}
_RESTORE = {"\ue000": "{", "\ue001": "}", "\ue002": "$", "\ue003": "%", "\xa0": " "}


#: What LaTeX markup starts with (and its dashes, ties and quotes): text without any of it is
#: plain already, and decoding it (a third of a millisecond a field) is skipped.
_MARKUP = re.compile(r"[\\{}$%~]|--|``|''")


def to_text(value: str) -> str:
    """Plain text of a BibTeX field: ``{\\"U}ber {BERT}`` -> ``Über BERT``."""
    if not value:
        return ""
    if not _MARKUP.search(value):
        return " ".join(value.split())
    text = value
    for escaped, mark in _KEEP.items():
        text = text.replace(escaped, mark)
    text = re.sub(r"\\href\s*\{[^{}]*\}\s*", "", text)
    text = re.sub(rf"\\(?:{_WRAPPERS})\s*(?=\{{)", "", text)
    text = re.sub(rf"\\(?:{_SWITCHES})(?![A-Za-z])\s*", "", text)
    text = re.sub(r"\\([ij])(?![A-Za-z])\s*", r"\1", text)  # dotless i/j under an accent
    named = "|".join(_NAMED)
    text = re.sub(rf"\\({named})(?![A-Za-z])(?:\{{\}})?", lambda m: _NAMED[m.group(1)], text)
    text = re.sub(r"\\[,;:! ]|\\\\", " ", text)
    import latexcodec  # noqa: F401  (registers the "ulatex" codec; only text with markup needs it)

    # On a decoding error keep the text as it is rather than fail the import.
    with contextlib.suppress(UnicodeDecodeError, ValueError):
        text = codecs.decode(text, "ulatex")
    # Braces protect case, and the `$` left are math delimiters: `$t$-SNE` -> `t-SNE`.
    text = text.replace("{", "").replace("}", "").replace("$", "")
    for mark, char in _RESTORE.items():
        text = text.replace(mark, char)
    return " ".join(text.split())


def url_text(value: str) -> str:
    """A URL field as written, without LaTeX escapes or braces (``\\_`` -> ``_``)."""
    text = re.sub(r"\\([_%&#~$])", r"\1", value).replace("{", "").replace("}", "")
    return "".join(text.split())
