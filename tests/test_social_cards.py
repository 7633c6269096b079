"""Preview cards: one per HTML page, drawn once per content, the same under -j."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.util.console import strip_escape_sequences

from portfolio.cli.check import check_site
from portfolio.publish import card_art, card_spec

BASE = "https://example.org/ada/"
ROOT = Path(__file__).parent / "roots" / "test-seo"
CARDS = Path("_images", "previews")


def pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html") if "_static" not in p.parts)


def card_files(out: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each card file's name with its inode, mtime and bytes."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in (out / CARDS).iterdir()
    }


def og(out: Path, page: str) -> dict[str, str]:
    head = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser").head
    return {t["property"]: t["content"] for t in head.select("meta[property^='og:image']")}


@pytest.fixture
def site(tmp_path) -> Path:
    dest = tmp_path / "src"
    shutil.copytree(ROOT, dest)
    return dest


def test_every_page_has_a_card_that_fits(build, site):
    out = Path(build(site).outdir)
    written = pages(out)
    assert len(written) >= 10
    used = set()
    for page in written:
        name = str(page.relative_to(out))
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        images = head.select("meta[property='og:image']")
        assert len(images) == 1, name
        url = images[0]["content"]
        assert url.startswith(BASE + "_images/previews/"), name
        card = out / url.removeprefix(BASE)
        assert card.stat().st_size < 100_000, name
        with Image.open(card) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), name
        tags = og(out, name)
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630"), name
        assert tags["og:image:alt"], name
        assert head.select_one("meta[name='twitter:card']")["content"] == "summary_large_image"
        used.add(card.name)
    # Pages show their own title: different pages, different cards; search and genindex
    # have no title in their context, so they show the site's, as the home page does.
    assert len(used) == len(written) - 2
    assert og(out, "search.html") == og(out, "genindex.html") == og(out, "index.html")
    assert og(out, "projects/zh.html")["og:image:alt"].startswith("深度均衡模型")
    # JSON-LD names the project's own image, or its card when it has none.
    for page, expected in (
        ("projects/zh.html", BASE + "_images/logo.png"),
        ("projects/old.html", None),
    ):
        head = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser").head
        (data,) = [json.loads(s.string) for s in head.select("script[type$='ld+json']")]
        assert data["image"] == (expected or og(out, page)["og:image"])


def test_body_edit_draws_no_card_and_title_edit_draws_one(build, edit, site):
    out = Path(build(site).outdir)
    before = card_files(out)
    edit(site / "projects/old.md", "\nNote G.", "\nNote G.\n\nA new paragraph.")  # the body only
    build(site)
    assert "A new paragraph." in (out / "projects/old.html").read_text(encoding="utf-8")
    assert card_files(out) == before  # same files, inodes and mtimes: none rewritten

    edit(site / "projects/old.md", "title: Sketch of the Analytical Engine", "title: Sketch")
    build(site)
    after = card_files(out)
    new = set(after) - set(before)
    assert len(new) == 1
    assert og(out, "projects/old.html")["og:image"] == BASE + (CARDS / new.pop()).as_posix()
    assert {k: v for k, v in after.items() if k in before} == before


def test_parallel_build_draws_the_same_cards(build, tmp_path):
    outputs = []
    for jobs in (1, 2):
        src = tmp_path / f"src{jobs}"
        shutil.copytree(ROOT, src)
        for i in range(8):  # enough documents for Sphinx to write in chunks
            (src / f"projects/p{i}.md").write_text(
                f"---\ntitle: Project {i}\nauthors: [Ada Lovelace]\nyear: {2000 + i}\n"
                f"tldr: Number {i}.\n---\n\nBody.\n",
                encoding="utf-8",
            )
        out = Path(build(src, parallel=jobs).outdir)
        outputs.append({name: data for name, (_, _, data) in card_files(out).items()})
    assert outputs[0] == outputs[1]
    assert not [p for p in (tmp_path / "src2").rglob(".*.png")]  # no temporary file left


def card(**fields) -> card_spec.ProjectCard:
    values = {
        "title": "T",
        "venue": "ICML 2024",
        "award": "",
        "summary": "S.",
        "owner": "Ada Lovelace",
        "site": "example.org",
    }
    return card_spec.ProjectCard(**(values | fields))


def test_accented_and_cjk_text_is_covered_by_the_bundled_fonts():
    text = "耿正阳 José Ñúñez Zoë Müller-Lüdenscheidt Ελληνικά Кириллица 한국어 ひらがな カタカナ"
    assert card_spec.missing_letters(text) == []
    # An Egyptian hieroglyph (a letter) is reported; an emoji is left out silently.
    assert card_spec.missing_letters("Ankh \U000132f9 \U0001f680") == ["\U000132f9"]


def test_latin_shortcut_is_true_of_every_bundled_face():
    # face_for answers for LATIN without reading a character map: each face must have them.
    for face in (card_spec.REGULAR[0], card_spec.BOLD[0]):
        assert card_spec.coverage(face) >= card_spec.LATIN, face.path


def test_checking_latin_text_loads_neither_pillow_nor_fonttools():
    script = (
        "import sys; from portfolio.publish import card_spec; "
        "assert card_spec.config_problems('José Ñúñez', 'Déjà vu') == []; "
        "print(sorted(m for m in ('PIL', 'fontTools') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_long_titles_wrap_and_are_cut():
    writer = card_art.Writer(Image.new("RGB", (10, 10)))
    lines = writer.wrap("word " * 60, 64, True, 1000, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(writer.width(line, 64, True) <= 1000 for line in lines)
    cjk = writer.wrap("不动点" * 40, 48, True, 500, 2)  # no spaces: breaks between characters
    assert len(cjk) == 2 and cjk[0].startswith("不动点")
    assert writer.wrap("Short", 64, True, 1000, 3) == ["Short"]


def test_an_unreadable_picture_leaves_a_text_card(tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    data, problem = card_art.render(card(image=broken))
    assert problem
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)


def test_the_name_follows_what_is_drawn(tmp_path):
    picture = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "red").save(picture)
    first = card_spec.digest(card(image=picture))
    assert card_spec.digest(card(image=picture)) == first
    assert card_spec.digest(card(image=picture, summary="Other.")) != first
    Image.new("RGB", (40, 40), "blue").save(picture)
    assert card_spec.digest(card(image=picture)) != first


def test_the_name_does_not_follow_where_the_package_is(tmp_path):
    """A card's name (its URL in og:image) is the same in every checkout of a site."""
    moved = tmp_path / "elsewhere"
    shutil.copytree(Path(card_spec.__file__).parents[1], moved / "portfolio")
    script = (
        "import json, sys; from portfolio.publish import card_spec as c; "
        "print(json.dumps([c.__file__, c.digest(c.ProjectCard(**json.loads(sys.argv[1])))]))"
    )
    fields = dict(title="T", venue="V 2025", award="", summary="S", owner="O", site="x")
    run = subprocess.run(
        [sys.executable, "-c", script, json.dumps(fields)],
        env={"PYTHONPATH": str(moved), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    where, name = json.loads(run.stdout)
    assert Path(where).is_relative_to(moved)
    assert name == card_spec.digest(card_spec.ProjectCard(**fields))


def test_letters_no_font_has_are_reported_by_build_and_check(make_app, site):
    hieroglyph = "\U000132f9"
    page = site / "projects/old.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "title: Sketch of the Analytical Engine", f"title: Sketch {hieroglyph} \U0001f680"
        ),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=site)
    app.build()
    message = (
        f"title: no font of the preview cards has {hieroglyph!r} (U+132F9), left out of the "
        "card; install a font with them (CJK: Noto Sans CJK, Debian package fonts-noto-cjk)"
    )
    warnings = strip_escape_sequences(app.warning.getvalue()).strip().splitlines()
    assert len(warnings) == 1
    assert warnings[0].endswith(f"old.md:2: WARNING: {message} [portfolio.card]")
    reports = [str(r) for r in check_site(site)]
    assert reports == [f"{site / 'projects/old.md'}:2: {message}"]


def test_a_page_of_its_own_image_keeps_it(build, site):
    """sphinxext-opengraph's per-page field wins, and no card size or alt goes with it."""
    (site / "notes.md").write_text(
        "---\nog:image: https://example.org/own.png\n---\n\n# Notes\n\nText.\n", encoding="utf-8"
    )
    out = Path(build(site).outdir)
    tags = og(out, "notes.html")
    assert tags["og:image"] == "https://example.org/own.png"
    assert "og:image:width" not in tags
    head = BeautifulSoup((out / "notes.html").read_text(encoding="utf-8"), "html.parser").head
    assert head.select_one("meta[name='twitter:card']")["content"] == "summary"


def test_site_cards_show_the_home_pages_photo(build, edit, site):
    """The photo is the home page's pf-avatar image; changing it redraws the site cards."""
    Image.new("RGB", (200, 200), "red").save(site / "avatar.png")
    out = Path(build(site).outdir)

    def shows(page: str, channel: int) -> bool:
        """Whether the card has pixels of nearly pure red (0) or blue (2)."""
        with Image.open(out / og(out, page)["og:image"].removeprefix(BASE)) as card:
            colors = [color for _, color in card.convert("RGB").getcolors(1 << 16)]
        return any(c[channel] > 200 and sum(c) - c[channel] < 80 for c in colors)

    assert shows("notes.html", 0)
    assert not shows("projects/old.html", 0)  # a project's card has no photo
    Image.new("RGB", (200, 200), "blue").save(site / "avatar.png")  # index.md is read again
    text = (site / "notes.md").read_text(encoding="utf-8")
    edit(site / "notes.md", text, text + "\nMore.\n")  # so that notes.html is written again
    build(site)
    assert shows("notes.html", 2) and not shows("notes.html", 0)


def test_cards_take_the_themes_colour():
    data, _ = card_art.render(card(accent="#c01c28"))
    with Image.open(io.BytesIO(data)) as image:
        assert image.convert("RGB").getpixel((600, 625)) == (0xC0, 0x1C, 0x28)  # the bottom bar
    assert card_spec.digest(card(accent="#c01c28")) != card_spec.digest(card())
