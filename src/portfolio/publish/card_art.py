"""Drawing preview cards (1200x630 PNG) with Pillow: a project's title and facts, a project's
own image, or a page of the site with the owner's photo. Imports no Sphinx; what a card
shows, and in which fonts, is :mod:`portfolio.publish.card_spec`.

Text is set in the bundled fonts (``portfolio/fonts``), character by character falling back
to a CJK font, so accented and CJK names draw the same on every machine; what no font has is
reported, never drawn as boxes.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from portfolio.publish.card_spec import (
    BOLD,
    HEIGHT,
    REGULAR,
    WIDTH,
    Card,
    Face,
    ProjectCard,
    SiteCard,
    face_for,
)

#: pydata-sphinx-theme's light palette, which the site uses.
BACKGROUND = "#ffffff"
TEXT = "#222832"
MUTED = "#48566b"
SECONDARY = "#8045e5"
MARGIN = 72
#: Social sites take larger images, but a card over 100 KB slows a link preview.
MAX_BYTES = 100_000
FAST = Image.Quantize.FASTOCTREE
#: A picture smaller than this on its longer side is left out; it is drawn at most 3x.
MIN_PICTURE = 64
#: A picture larger than this (in pixels) is not decoded: no decompression bombs.
MAX_PIXELS = 40_000_000
#: CJK ideographs, kana, hangul and full-width forms: a line may break between any two.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
#: One CJK character, or a word with the spaces after it.
_TOKENS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")


@functools.cache
def _font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        face.path, size, index=face.index, layout_engine=ImageFont.Layout.BASIC
    )


class Writer:
    """Sets text on one card."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self.draw = ImageDraw.Draw(image)

    def runs(self, text: str, bold: bool) -> Iterator[tuple[Face, str]]:
        """``text`` cut where the font changes; characters no font has are left out."""
        faces = BOLD if bold else REGULAR
        current: Face | None = None
        run = ""
        for char in text:
            face = faces[0] if char.isspace() else face_for(char, faces)
            if face is None:
                continue
            if face != current and run:
                yield current, run  # type: ignore[misc]
                run = ""
            current = face
            run += char
        if run:
            yield current, run  # type: ignore[misc]

    def width(self, text: str, size: int, bold: bool) -> float:
        return sum(_font(face, size).getlength(run) for face, run in self.runs(text, bold))

    def line(self, xy: tuple[float, float], text: str, size: int, bold: bool, fill: str) -> None:
        """Draw one line with its baseline at ``xy[1]``."""
        x, y = xy
        for face, run in self.runs(text, bold):
            font = _font(face, size)
            # The CJK subset has one weight: a stroke in the text's colour gives bold.
            stroke = max(1, size // 36) if bold and face not in BOLD[:1] else 0
            self.draw.text((x, y), run, font=font, fill=fill, anchor="ls", stroke_width=stroke)
            x += font.getlength(run)

    def wrap(self, text: str, size: int, bold: bool, width: int, lines: int) -> list[str]:
        """``text`` in at most ``lines`` lines of ``width``; cut with "…" when longer.

        Lines break at spaces, and between CJK characters, which need none.
        """
        out: list[str] = []
        current = ""
        for token in _TOKENS.findall(" ".join(text.split())):
            if self.width((current + token).rstrip(), size, bold) <= width:
                current += token
                continue
            if current.strip():
                out.append(current.rstrip())
            current = token.lstrip()
            while self.width(current.rstrip(), size, bold) > width:  # a word wider than a line
                cut = len(current) - 1
                while cut > 1 and self.width(current[:cut], size, bold) > width:
                    cut -= 1
                out.append(current[:cut])
                current = current[cut:]
        if current.strip():
            out.append(current.rstrip())
        if len(out) <= lines:
            return out
        last = out[lines - 1]
        while last and self.width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        return [*out[: lines - 1], last + "…"]

    def block(
        self,
        x: float,
        y: float,
        lines: list[str],
        size: int,
        *,
        bold: bool = False,
        fill: str = TEXT,
        leading: float = 1.25,
    ) -> float:
        """Draw ``lines`` from the top ``y``; returns the ``y`` below them."""
        for text in lines:
            y += size * leading
            self.line((x, y - size * (leading - 1)), text, size, bold, fill)
        return y


def fitted_title(
    writer: Writer, title: str, width: int, sizes: tuple[int, ...], lines: int
) -> tuple[int, list[str]]:
    """The largest size at which ``title`` fits ``lines`` lines, else the smallest, cut."""
    for size in sizes:
        wrapped = writer.wrap(title, size, True, width, lines)
        if not wrapped[-1].endswith("…") or size == sizes[-1]:
            return size, wrapped
    raise AssertionError("unreachable")


def _open_picture(path: Path) -> Image.Image:
    """The picture at ``path`` as RGBA, or ``OSError`` when it cannot be drawn."""
    with Image.open(path) as picture:
        if picture.width * picture.height > MAX_PIXELS:
            raise OSError(f"{picture.width}x{picture.height} pixels is too large")
        picture.draft("RGB", (WIDTH, HEIGHT))
        return ImageOps.exif_transpose(picture).convert("RGBA")


def _facts(card: ProjectCard) -> str:
    return " · ".join(part for part in (card.venue, card.award) if part)


def _footer(writer: Writer, card: Card, x: int) -> None:
    """The owner's name at the bottom left, the site's address at the right if it fits."""
    writer.line((x, HEIGHT - MARGIN + 8), card.owner, 30, True, TEXT)
    size = 26
    right = WIDTH - MARGIN - writer.width(card.site, size, False)
    if card.site and right >= x + writer.width(card.owner, 30, True) + 32:
        writer.line((right, HEIGHT - MARGIN + 8), card.site, size, False, MUTED)


def draw_project(card: ProjectCard, picture: Image.Image | None) -> Writer:
    """A project card; with ``picture``, it fills the left part (padded, never cropped).

    A picture of under :data:`MIN_PICTURE` pixels a side would be a blur or a dot: the card
    is then text only.
    """
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    writer = Writer(image)
    x = MARGIN
    if picture is not None and max(picture.size) < MIN_PICTURE:
        picture = None
    if picture is not None:
        panel = 560
        box = panel - 2 * 48
        scale = min(box / picture.width, box / picture.height, 3)
        size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        shown = picture.resize(size, Image.Resampling.LANCZOS)
        image.paste(shown, ((panel - size[0]) // 2, (HEIGHT - size[1]) // 2), shown)
        x = panel + 56
    image.paste(card.accent, (0, HEIGHT - 14, WIDTH, HEIGHT))
    width = WIDTH - MARGIN - x
    y = MARGIN - 10
    if facts := _facts(card):
        facts_lines = writer.wrap(facts, 32, True, width, 1)
        y = writer.block(x, y, facts_lines, 32, bold=True, fill=card.accent)
        y += 18
    sizes = (64, 56, 48, 42) if picture is None else (52, 46, 40, 36, 32)
    size, title = fitted_title(writer, card.title, width, sizes, 5 if picture else 3)
    y = writer.block(x, y, title, size, bold=True, leading=1.18)
    room = HEIGHT - MARGIN - 60 - y - 24
    summary_size = 30
    if card.summary and room >= summary_size * 1.3:
        lines = min(3, int(room // (summary_size * 1.3)))
        summary = writer.wrap(card.summary, summary_size, False, width, lines)
        writer.block(x, y + 24, summary, summary_size, fill=MUTED, leading=1.3)
    _footer(writer, card, x)
    return writer


def _round(photo: Image.Image, diameter: int) -> Image.Image:
    """``photo`` cropped to a centred circle of ``diameter`` pixels."""
    square = ImageOps.fit(photo, (diameter, diameter), Image.Resampling.LANCZOS)
    mask = Image.new("L", (diameter * 3, diameter * 3), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, diameter * 3 - 1, diameter * 3 - 1), fill=255)
    mask = mask.resize((diameter, diameter), Image.Resampling.LANCZOS)
    alpha = Image.new("L", (diameter, diameter), 0)
    alpha.paste(mask, (0, 0), square.getchannel("A"))
    square.putalpha(alpha)
    return square


def draw_site(card: SiteCard, photo: Image.Image | None) -> Writer:
    """A site page's card: its title, the owner's name and photo, the description."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    writer = Writer(image)
    image.paste(card.accent, (0, HEIGHT - 14, WIDTH, HEIGHT))
    x = MARGIN
    if photo is not None:
        diameter = 300
        # The accent at a fifth of its strength, as the theme's primary background.
        tint = Image.blend(
            Image.new("RGB", (1, 1), card.accent), Image.new("RGB", (1, 1), "white"), 0.8
        )
        image.paste(tint.getpixel((0, 0)), (0, 0, 2 * MARGIN + diameter, HEIGHT - 14))
        circle = _round(photo, diameter)
        image.paste(circle, (MARGIN, (HEIGHT - 14 - diameter) // 2), circle)
        x = 2 * MARGIN + diameter + 56
    width = WIDTH - MARGIN - x
    y = MARGIN - 10
    if card.owner and card.owner != card.title:
        y = writer.block(x, y, writer.wrap(card.owner, 32, True, width, 1), 32, fill=card.accent)
        y += 18
    size, title = fitted_title(writer, card.title, width, (64, 56, 48), 3)
    y = writer.block(x, y, title, size, bold=True, leading=1.18)
    room = HEIGHT - MARGIN - 60 - y - 24
    if card.description and room >= 30 * 1.3:
        lines = min(4, int(room // (30 * 1.3)))
        text = writer.wrap(card.description, 30, False, width, lines)
        writer.block(x, y + 24, text, 30, fill=MUTED, leading=1.3)
    if card.site:
        writer.line((x, HEIGHT - MARGIN + 8), card.site, 26, False, MUTED)
    return writer


def render(card: Card) -> tuple[bytes, str]:
    """The card as PNG bytes, and why its picture was left out (``""`` when it was drawn
    or there was none)."""
    path = card.image if isinstance(card, ProjectCard) else card.photo
    picture, problem = None, ""
    if path is not None:
        try:
            picture = _open_picture(path)
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            problem = str(error) or type(error).__name__
    if isinstance(card, ProjectCard):
        writer = draw_project(card, picture)
    else:
        writer = draw_site(card, picture)
    return encode(writer.image), problem


def encode(image: Image.Image) -> bytes:
    """``image`` as a palette PNG under :data:`MAX_BYTES`.

    128 colours keep anti-aliased text smooth (a text card is 15-30 KB); a picture with
    many colours gets fewer until the file fits.
    """
    colors = 128
    while True:
        quantized = image.quantize(colors, method=FAST, dither=Image.Dither.NONE)
        out = io.BytesIO()
        quantized.save(out, "PNG", compress_level=6)
        if out.tell() <= MAX_BYTES or colors <= 16:
            return out.getvalue()
        colors //= 2
