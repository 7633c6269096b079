"""Chinese titles and keywords, accented names, CRLF line endings and a BOM (root ``test-i18n``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portfolio.cli import main
from portfolio.model import frontmatter, schema

ROOT = Path(__file__).parent / "roots" / "test-i18n"
CHINESE = "深度均衡模型：隐式层的统一视角"  # noqa: RUF001


def soup(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def test_root_really_has_crlf_and_a_bom() -> None:
    """Guards against a checkout that normalises line endings (see the root's .gitattributes)."""
    raw = (ROOT / "projects" / "godel.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf---\r\n")
    assert raw.count(b"\r\n") == raw.count(b"\n")


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_builds_without_warnings(app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "projects/深度均衡.html")
    assert page.h1.get_text().removesuffix("¶") == CHINESE
    assert page.select_one(".pf-authors").get_text() == "耿正阳*, José Núñez*, Zoë Ångström"
    assert page.select_one(".pf-owner").get_text() == "耿正阳"
    assert [k.get_text() for k in page.select(".pf-keyword")] == ["隐式模型", "Équilibre"]
    assert page.select_one("abbr")["title"] == "中国神经网络大会"
    godel = soup(app, "projects/godel.html")
    assert godel.h1.get_text().removesuffix("¶") == "Über formal unentscheidbare Sätze"
    assert godel.select_one(".pf-authors").get_text() == "Kurt Gödel, Jérôme Müller, Aleš Škoda"
    # the CRLF page cites the Chinese one: the reference resolves to its title
    assert godel.find("a", string=CHINESE) is not None
    assert soup(app, "index.html").find("a", string=CHINESE) is not None


def test_check_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT)]) == 0
    assert capsys.readouterr().out == ""


def test_crlf_and_bom_keep_line_numbers() -> None:
    fm = frontmatter.read(ROOT / "projects" / "godel.md")
    assert fm.line_of("year") == 7
    assert fm.line_of("keywords", 1) == 11
    meta, problems = schema.validate(fm)
    assert problems == []
    assert meta is not None and meta.keywords == ("Logik", "逻辑")
