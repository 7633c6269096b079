"""Hostile front matter shows as text everywhere and runs nowhere (root ``test-bad-xss``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from portfolio.cli import main

ROOT = Path(__file__).parent / "roots" / "test-bad-xss"
META = yaml.safe_load((ROOT / "projects" / "xss.md").read_text(encoding="utf-8").split("---")[1])
#: Tags that only the injected values could have produced.
FOREIGN_TAGS = ["iframe", "svg", "img"]
MARKUP_TEXTS = {"keyword", "Owner", "Label", "V"}


@pytest.fixture
def pages(app) -> dict[str, BeautifulSoup]:
    app.build()
    warnings = strip_escape_sequences(app.warning.getvalue())
    assert warnings == (
        f"{app.srcdir / 'projects' / 'invalid.md'}:4: WARNING: year: expected an integer such "
        "as 2024, got text 'twenty' [portfolio.frontmatter]\n"
    )
    return {
        path.relative_to(app.outdir).as_posix(): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in Path(app.outdir).rglob("*.html")
    }


@pytest.mark.sphinx("html", testroot="bad-xss", freshenv=True)
def test_nothing_runs(pages: dict[str, BeautifulSoup]) -> None:
    assert {"index.html", "projects/xss.html", "projects/invalid.html"} <= set(pages)
    for name, soup in pages.items():
        for script in soup.find_all("script"):
            body = script.string or ""
            if script.get("type") == "application/ld+json":
                assert "</" not in body, name
                json.loads(body)
            else:
                assert "alert(" not in body, name
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (name, tag)
            href = str(tag.get("href", "")).strip().lower()
            assert not href.startswith("javascript:"), (name, tag)
        assert soup.find_all(FOREIGN_TAGS) == [], name
        marked_up = {t.get_text() for t in soup.find_all(["b", "i", "u"])}
        assert not marked_up & MARKUP_TEXTS, (name, marked_up)


@pytest.mark.sphinx("html", testroot="bad-xss", freshenv=True)
def test_values_show_as_text(pages: dict[str, BeautifulSoup]) -> None:
    page = pages["projects/xss.html"]
    assert page.h1.get_text().removesuffix("¶") == META["title"]
    assert META["title"] in page.title.get_text()
    assert page.select_one('meta[name="description"]')["content"] == META["tldr"]
    header = page.select_one(".pf-header").get_text()
    for value in [*META["authors"], META["award"], *META["keywords"], "<u>V</u>"]:
        assert value in header
    button = page.select_one("a.pf-link")
    assert button.get_text() == "<i>Label</i>"
    assert button["href"] == META["links"]["<i>Label</i>"]
    assert page.select_one("abbr")["title"] == META["venue"]["full"]
    card = pages["index.html"].select_one(".pf-card")
    assert META["title"] in card.get_text()
    invalid = pages["projects/invalid.html"]
    assert invalid.h1.get_text().removesuffix("¶") == "<script>alert(10)</script>"


def test_check_agrees(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ROOT)]) == 1
    assert capsys.readouterr().out == (
        f"{ROOT / 'projects' / 'invalid.md'}:4: year: expected an integer such as 2024, "
        "got text 'twenty'\n"
    )
