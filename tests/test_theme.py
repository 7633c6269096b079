"""The ``portfolio`` theme: built on pydata-sphinx-theme, no copies, icons as inline SVG."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pydata_sphinx_theme
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from portfolio.theme import THEME_DIR
from portfolio.theme.icons import ICONS

PARENT = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
DOCS = Path(__file__).parent.parent / "docs"
PACKAGE = Path(__file__).parent.parent / "src" / "portfolio"

#: The parent's files whose blocks the theme replaces (layout.html, search.html) or that it
#: replaces whole (a component), with their SHA-256 in the parent version the theme follows.
#: When a test below fails, the parent changed them: read the parent's change, carry it into
#: the theme's file where it matters, then record the new digest.
FOLLOWED = {
    "layout.html": "83e60dd09ad88ede51e53365b454a96ddd5fefd9ca5b43710ac0c470e25e18ac",
    "search.html": "098d19aa34f7874cf084d8285df89fb61c15e88b67ea98a43c989c88146ba65b",
    "components/search-button-field.html": (
        "db2b6c1dc506514d615374a4ccd6f76a354de5150da928190c04fede3cc11e92"
    ),
}
FOLLOWED_VERSION = "0.24.0"


@pytest.mark.parametrize("name", sorted(FOLLOWED))
def test_replaced_parent_files_have_not_changed(name: str) -> None:
    digest = hashlib.sha256((PARENT / name).read_bytes()).hexdigest()
    assert digest == FOLLOWED[name], (
        f"pydata-sphinx-theme {pydata_sphinx_theme.__version__} changed {name} since "
        f"{FOLLOWED_VERSION}, which the portfolio theme follows: compare it with "
        f"{THEME_DIR / name}, carry the change over, then record the new digest {digest}"
    )


def test_the_theme_replaces_only_the_followed_components() -> None:
    ours = {p.relative_to(THEME_DIR).as_posix() for p in THEME_DIR.rglob("*.html")}
    parents = {p.relative_to(PARENT).as_posix() for p in PARENT.rglob("*.html")}
    assert ours & parents == set(FOLLOWED)


def test_no_file_of_the_site_or_package_is_a_copy_of_the_parent() -> None:
    parent = {hashlib.sha256(p.read_bytes()).digest() for p in PARENT.rglob("*") if p.is_file()}
    ours = [p for folder in (DOCS, PACKAGE) for p in folder.rglob("*") if p.is_file()]
    copies = [
        p
        for p in ours
        if "_build" not in p.parts and hashlib.sha256(p.read_bytes()).digest() in parent
    ]
    assert copies == []
    assert not (DOCS / "_templates").exists()


def test_the_package_css_works_without_the_parents_variables() -> None:
    """Every colour of the parent theme the CSS uses has a fallback of its own."""
    for css in PACKAGE.rglob("*.css"):
        bare = re.findall(r"var\(--pst-[\w-]+\)", css.read_text(encoding="utf-8"))
        assert bare == [], f"{css.name}: {bare}"


def test_every_page_draws_its_icons_inline(site_dir: Path) -> None:
    pages = [p for p in site_dir.rglob("*.html") if "_static" not in p.parts]
    assert len(pages) > 40
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(site_dir).as_posix()
        assert not soup.select('[class*="fa-solid"], [class*="fa-brands"]'), name
        used = {use["href"].removeprefix("#") for use in soup.select("svg.pf-icon use")}
        symbols = {symbol["id"] for symbol in soup.select("svg.pf-icon-sprite symbol")}
        assert used == symbols, name
        assert used, name  # at least the navbar's icons
        assert "fontawesome" not in path.read_text(encoding="utf-8"), name  # no font, no script


@pytest.fixture
def themed(make_app: Callable[..., SphinxTestApp], srcdir: Path) -> Callable[..., SphinxTestApp]:
    """Build ``test-basic`` with the portfolio theme and these theme options."""

    def run(**options: object) -> SphinxTestApp:
        conf = {"html_theme": "portfolio", "html_theme_options": options}
        app = make_app("html", srcdir=srcdir, confoverrides=conf)
        app.build()
        return app

    return run


def test_theme_options_reach_the_page(themed: Callable[..., SphinxTestApp]) -> None:
    link = {
        "name": "ORCID",
        "url": "https://orcid.org/0000-0002-1825-0097",
        "icon": "fa-brands fa-orcid",
    }
    app = themed(icon_links=[link], primary_color="#1a5fb4", primary_color_dark="#99c1f1")
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text("utf-8"), "html.parser")
    assert soup.select_one('.navbar-icon-links a[title="ORCID"] use')["href"] == "#pf-icon-orcid"
    style = " ".join(s.get_text() for s in soup.find_all("style"))
    assert 'html[data-theme="light"]{--pst-color-primary:#1a5fb4;}' in style
    assert 'html[data-theme="dark"]{--pst-color-primary:#99c1f1;}' in style
    assert soup.select_one(".bd-sidebar-primary").get("class").count("hide-on-wide") == 1
    assert not soup.select(".prev-next-footer")


def test_bad_theme_options_are_reported(themed: Callable[..., SphinxTestApp]) -> None:
    link = {"name": "GitHub", "url": "https://github.com/ada", "icon": "fa-brands fa-githb"}
    app = themed(icon_links=[link], primary_color="red; } body { display: none")
    warnings = app.warning.getvalue()
    assert "'GitHub' has icon 'fa-brands fa-githb'" in warnings
    assert "did you mean 'fa-github'?" in warnings
    assert "primary_color: expected a colour such as '#1a5fb4'" in warnings
    page = (app.outdir / "index.html").read_text("utf-8")
    assert "body { display: none" not in page


def test_every_icon_has_a_path() -> None:
    for name, (view_box, path) in ICONS.items():
        assert re.fullmatch(r"0 0 \d+ 512", view_box), name
        assert path.startswith("M"), name


@pytest.mark.parametrize(("sections", "contents"), [(3, False), (4, True)])
def test_contents_where_a_page_has_enough_sections(
    themed: Callable[..., SphinxTestApp], srcdir: Path, sections: int, contents: bool
) -> None:
    body = "".join(f"\n## Part {n}\n\nText.\n" for n in range(sections))
    (srcdir / "notes.md").write_text(f"# Notes\n{body}", encoding="utf-8")
    app = themed()
    soup = BeautifulSoup((app.outdir / "notes.html").read_text("utf-8"), "html.parser")
    assert bool(soup.select("#pst-secondary-sidebar")) is contents
    assert bool(soup.select("button.secondary-toggle")) is contents
    assert bool(soup.select("#pst-page-toc-nav a")) is contents


@pytest.mark.parametrize(
    "items", ["page-toc, sourcelink", {"**": [], "notes": ["page-toc.html", "sourcelink"]}]
)
@pytest.mark.parametrize(("sections", "contents"), [(3, False), (4, True)])
def test_contents_left_out_of_any_form_of_the_items(
    themed: Callable[..., SphinxTestApp],
    srcdir: Path,
    items: str | dict[str, list[str]],
    sections: int,
    contents: bool,
) -> None:
    body = "".join(f"\n## Part {n}\n\nText.\n" for n in range(sections))
    (srcdir / "notes.md").write_text(f"# Notes\n{body}", encoding="utf-8")
    app = themed(secondary_sidebar_items=items)
    soup = BeautifulSoup((app.outdir / "notes.html").read_text("utf-8"), "html.parser")
    assert bool(soup.select("#pst-page-toc-nav a")) is contents
    assert soup.select_one(".sourcelink a")["href"].endswith("notes.md.txt")
