"""What a preview card shows and the fonts it is set in: the cards' records, their digest
(the file's name), and what no font can draw. Imports neither Sphinx nor Pillow, and reads a
font's character map only for a letter outside Latin, so checking a site's text is cheap;
:mod:`portfolio.publish.card_art` draws.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import unicodedata
from pathlib import Path

from portfolio.model.frontmatter import Problem
from portfolio.model.schema import ProjectMeta

WIDTH, HEIGHT = 1200, 630
#: Part of every card's name: bump when the drawing changes, so every card is redrawn.
DESIGN = "3"
FONTS = Path(__file__).parents[1] / "fonts"
#: pydata-sphinx-theme's primary colour (light), the cards' default accent.
PRIMARY = "#0a7d91"
#: System fonts with the CJK characters the bundled subset lacks: (path, face in a collection).
SYSTEM_CJK = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/System/Library/Fonts/PingFang.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
)


@dataclasses.dataclass(frozen=True)
class ProjectCard:
    """What a project's card shows; with ``image``, that picture beside the text."""

    title: str
    venue: str  # "NeurIPS 2025"
    award: str
    summary: str
    owner: str
    site: str
    image: Path | None = None
    accent: str = PRIMARY  # the theme's primary colour, #rrggbb


@dataclasses.dataclass(frozen=True)
class SiteCard:
    """What another page's card shows: its title, the owner and photo, the description."""

    title: str
    owner: str
    description: str
    site: str
    photo: Path | None = None
    accent: str = PRIMARY  # the theme's primary colour, #rrggbb


Card = ProjectCard | SiteCard


@dataclasses.dataclass(frozen=True)
class Face:
    """One font file (a face of it, for collections)."""

    path: str
    index: int = 0


def _bundled(name: str) -> Face:
    return Face(str(FONTS / name))


REGULAR = (_bundled("DejaVuSans.ttf"), _bundled("NotoSansCJKsc-Regular.otf"))
BOLD = (_bundled("DejaVuSans-Bold.ttf"), _bundled("NotoSansCJKsc-Regular.otf"))


@functools.cache
def system_faces() -> tuple[Face, ...]:
    """The system CJK fonts present, tried for characters the bundled fonts lack."""
    return tuple(Face(path, index) for path, index in SYSTEM_CJK if Path(path).is_file())


@functools.cache
def coverage(face: Face) -> frozenset[int]:
    """The code points ``face`` has a glyph for."""
    from fontTools.ttLib import TTCollection, TTFont  # only for a letter outside Latin

    if face.path.lower().endswith((".ttc", ".otc")):
        font = TTCollection(face.path, lazy=True).fonts[face.index]
    else:
        font = TTFont(face.path, lazy=True)
    return frozenset(font.getBestCmap() or {})


#: Characters every bundled face has (printable ASCII, Latin-1, Latin Extended-A and -B; a
#: test reads the fonts to check it): no character map is read for them.
LATIN = frozenset((*range(0x20, 0x7F), *range(0xA0, 0x250)))


def face_for(char: str, faces: tuple[Face, ...]) -> Face | None:
    """The first of ``faces`` (then the system's CJK fonts) that has ``char``, or ``None``."""
    code = ord(char)
    if code in LATIN:
        return faces[0]
    for face in (*faces, *system_faces()):
        if code in coverage(face):
            return face
    return None


@functools.cache
def fonts_identity() -> str:
    """What the drawing depends on besides the card: the fonts it may use, the bundled ones
    by name, wherever the package is installed (a card's name is the same in every checkout
    of a site), the system's by path; each with its size."""
    faces = [*REGULAR, *BOLD[:1], *system_faces()]
    named = [(_font_name(f.path), f.index, Path(f.path).stat().st_size) for f in faces]
    return json.dumps(named)


def _font_name(path: str) -> str:
    return Path(path).name if Path(path).parent == FONTS else path


def digest(card: Card) -> str:
    """A name for the card: a hash of everything drawn, the picture's bytes included."""
    fields = dataclasses.asdict(card)
    picture = fields.pop("image", None) or fields.pop("photo", None)
    data = hashlib.sha256()
    data.update(json.dumps([DESIGN, type(card).__name__, fields, fonts_identity()]).encode())
    if picture is not None:
        data.update(Path(picture).read_bytes())
    return data.hexdigest()[:20]


def missing_letters(text: str) -> list[str]:
    """The letters and digits of ``text`` that no font has, in order, once each.

    They are left out of the card, as are symbols no font has (emoji, say), which change no
    name or word and are not reported.
    """
    if text.isascii():  # every ASCII letter and digit is in LATIN
        return []
    found = dict.fromkeys(
        char
        for char in text
        if ord(char) not in LATIN
        and unicodedata.category(char)[0] in "LN"
        and face_for(char, REGULAR) is None
    )
    return list(found)


def glyph_problem(field: str, text: str, line: int, subtype: str = "card") -> Problem | None:
    """The problem of a card's text holding letters that no font has, or ``None``."""
    letters = missing_letters(text)
    if not letters:
        return None
    shown = ", ".join(f"{char!r} (U+{ord(char):04X})" for char in letters[:5])
    return Problem(
        line,
        field,
        f"no font of the preview cards has {shown}, left out of the card; install a font "
        "with them (CJK: Noto Sans CJK, Debian package fonts-noto-cjk)",
        subtype=subtype,
    )


def config_problems(owner: str, description: str) -> list[Problem]:
    """What the cards cannot draw of the owner's name and the site's description."""
    found = (
        glyph_problem(name, value, 1, subtype="config")
        for name, value in (("portfolio_owner", owner), ("portfolio_description", description))
    )
    return [problem for problem in found if problem is not None]


def project_problems(meta: ProjectMeta, line: int) -> list[Problem]:
    """What a project's card cannot draw, reported at the title's ``line``."""
    fields = (
        ("title", meta.title),
        ("tldr", meta.tldr),
        ("venue", meta.venue.short if meta.venue else ""),
        ("award", meta.award),
    )
    found = (glyph_problem(field, text, line) for field, text in fields)
    return [problem for problem in found if problem is not None]
