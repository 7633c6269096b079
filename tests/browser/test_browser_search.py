"""Search finds each project once, with its TL;DR as the summary."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup
from sphinx.search.en import SearchEnglish

from .helpers import DOCS, wait_for_search_results


def tldr(site_dir: Path, href: str) -> str:
    soup = BeautifulSoup((site_dir / href).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one(".pf-header .pf-tldr").contents[-1].strip()


def test_each_project_is_found_once_with_its_tldr(open_page, site_dir: Path):
    page = open_page("search.html?q=flow").page
    wait_for_search_results(page)
    page.wait_for_function(
        "[...document.querySelectorAll('#search-results ul.search > li')]"
        ".every((li) => li.querySelector('p.context'))",
        timeout=15_000,
    )
    results = page.evaluate(
        """() => [...document.querySelectorAll('#search-results ul.search > li')]
            .map((li) => [li.querySelector('a').getAttribute('href'),
                          li.querySelector('p.context').textContent])"""
    )
    pages = [(href.split("#")[0].split("?")[0], summary) for href, summary in results]
    hrefs = [href for href, _ in pages]
    assert len(hrefs) == len(set(hrefs)), hrefs
    projects = {href: summary for href, summary in pages if href.startswith("projects/")}
    assert set(projects) == {"projects/mean-flows.html", "projects/deq-flow.html"}
    for href, summary in projects.items():
        assert summary == tldr(site_dir, href), href


def test_the_index_stems_words_as_the_browser_stems_a_query(open_page):
    """Each word of the site gets the same stem in the search index (Sphinx, in Python) as
    in a visitor's query (Sphinx's JavaScript stemmer, in the page): else searching for that
    word misses the pages that hold it."""
    text = " ".join(p.read_text(encoding="utf-8") for p in DOCS.rglob("*.md"))
    words = sorted({w.lower() for w in re.findall(r"[^\W\d_]+", text)})
    assert len(words) > 300  # the pages were found
    page = open_page("search.html").page
    in_browser = page.evaluate("(words) => words.map((w) => new Stemmer().stemWord(w))", words)
    language = SearchEnglish({})
    in_index = [language.stem(w) for w in words]
    assert dict(zip(words, in_index, strict=True)) == dict(zip(words, in_browser, strict=True))
