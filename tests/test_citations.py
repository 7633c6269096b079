"""Every citation format from one record: the Cite section's formatted references,
CITATION.cff, publications.json (CSL-JSON) and publications.ris, read back by other tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rispy
from bs4 import BeautifulSoup
from cffconvert import Citation as CffCitation
from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
from citeproc.source.json import CiteProcJSON

from portfolio.model import csl, schema

ROOT = Path(__file__).parent / "roots" / "test-citations"


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def front_matter() -> dict[str, schema.ProjectMeta]:
    """The test root's projects as the front matter says, by slug."""
    metas = {}
    for path in sorted((ROOT / "projects").glob("*.md")):
        if path.stem != "index":
            meta, problems = schema.load(path)
            assert meta is not None and not problems
            metas[path.stem] = meta
    return metas


def formatted(app, page: str) -> dict[str, str]:
    """Each style's label with the citation's text as the Cite section shows it."""
    cite = soup(app, page).select_one("section.pf-cite")
    labels = [p.get_text() for p in cite.select(".pf-cite-style")]
    blocks = [div.get_text() for div in cite.select("div.highlight pre")]
    assert len(labels) == len(blocks)
    return dict(zip(labels, blocks, strict=True))


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_cite_section_formats_follow_the_styles_rules(app):
    app.build()
    assert app.warning.getvalue() == ""
    journal = formatted(app, "projects/journal.html")
    assert list(journal) == ["BibTeX", "APA", "IEEE"]  # a paper without code: no CFF
    # APA 7: Family, initials; "&" before the last; (year). Title. Journal, volume(issue),
    # pages with an en dash. DOI as a URL.
    assert journal["APA"] == (
        "Menabrea, L., Lovelace, A., & Babbage, C. (2023). Sketch of the Analytical Engine. "
        "Scientific Memoirs, 3(29), 666\u2013731. https://doi.org/10.5555/sketch.1843"
    )
    # IEEE: initials first; "and" before the last; title in quotes; vol., no., pp., year, doi.
    assert journal["IEEE"] == (
        "L. Menabrea, A. Lovelace, and C. Babbage, \u201cSketch of the Analytical Engine\u201d, "
        "Scientific Memoirs, vol. 3, no. 29, pp. 666\u2013731, 2023, doi: 10.5555/sketch.1843."
    )
    cite = soup(app, "projects/journal.html").select_one("section.pf-cite")
    # The journal (and APA's volume) in italics, as both styles want.
    assert [i.get_text() for i in cite.select(".pf-citation-apa i")] == ["Scientific Memoirs", "3"]
    assert [i.get_text() for i in cite.select(".pf-citation-ieee i")] == ["Scientific Memoirs"]

    conference = formatted(app, "projects/conference.html")
    # IEEE puts a conference paper "in" its proceedings, publisher before the year.
    assert conference["IEEE"].startswith(
        "A. Lovelace and M. Somerville, \u201cBernoulli Numbers by Machine\u201d, in "
        "International Conference on Machine Learning, PMLR, 2022, pp. 579\u2013596."
    )
    assert conference["APA"].startswith("Lovelace, A., & Somerville, M. (2022).")

    library = formatted(app, "projects/library.html")
    assert list(library) == ["BibTeX", "APA", "IEEE", "CITATION.cff"]
    # APA marks software as such and ends with where it is.
    assert library["APA"] == (
        "Lovelace, A., & Babbage, C. (2021). Loom: A Library for Punched Cards "
        "[Computer software]. https://github.com/ada/loom"
    )


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_citation_cff_validates_against_the_schema(app):
    app.build()
    cff = formatted(app, "projects/library.html")["CITATION.cff"]
    citation = CffCitation(cff)
    citation.validate()  # raises on any breach of the CFF 1.2.0 schema
    data = citation.cffobj
    assert data["title"] == "Loom: A Library for Punched Cards"
    assert data["repository-code"] == "https://github.com/ada/loom"
    assert [a["family-names"] for a in data["authors"]] == ["Lovelace", "Babbage"]


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_csl_json_parses_back_through_citeproc_and_matches_front_matter(app):
    app.build()
    items = json.loads((Path(app.outdir) / "publications.json").read_text(encoding="utf-8"))
    bib = (Path(app.outdir) / "publications.bib").read_text(encoding="utf-8")
    metas = front_matter()
    assert len(items) == len(metas)  # every project once
    assert len({item["id"] for item in items}) == len(items)
    assert all(f"{{{item['id']}," in bib for item in items)  # the keys of publications.bib
    by_title = {item["title"]: item for item in items}
    for meta in metas.values():
        item = by_title[meta.title]
        assert item["issued"]["date-parts"][0][0] == meta.year
        names = [f"{n['given']} {n['family']}" for n in item["author"]]
        assert names == [a.name for a in meta.authors]
    assert by_title["Sketch of the Analytical Engine"]["DOI"] == "10.5555/sketch.1843"
    assert by_title["Bernoulli Numbers by Machine"]["page"] == "579-596"
    # citeproc-py reads the file back and formats every item.
    source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(csl.load_style("apa"), source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    assert len(bibliography.bibliography()) == len(items)


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_ris_parses_back_and_matches_front_matter(app):
    app.build()
    text = (Path(app.outdir) / "publications.ris").read_text(encoding="utf-8")
    records = rispy.loads(text)
    metas = front_matter()
    assert len(records) == len(metas)
    by_title = {record["title"]: record for record in records}
    for meta in metas.values():
        record = by_title[meta.title]
        assert record["year"] == str(meta.year)
        assert [" ".join(reversed(a.split(", "))) for a in record["authors"]] == [
            a.name for a in meta.authors
        ]
    journal = by_title["Sketch of the Analytical Engine"]
    assert journal["type_of_reference"] == "JOUR"
    assert (journal["volume"], journal["number"]) == ("3", "29")
    assert (journal["start_page"], journal["end_page"]) == ("666", "731")
    assert by_title["Bernoulli Numbers by Machine"]["type_of_reference"] == "CPAPER"
    assert by_title["Loom: A Library for Punched Cards"]["type_of_reference"] == "COMP"


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_downloads_linked_and_kept_out_of_sitemap_and_feed(app):
    app.build()
    links = [a["href"] for a in soup(app, "publications.html").select("a.reference")]
    for name in ("publications.bib", "publications.json", "publications.ris"):
        assert name in links
        assert (Path(app.outdir) / name).is_file()
    sitemap = (Path(app.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    feed = (Path(app.outdir) / "feed.xml").read_text(encoding="utf-8")
    for text in (sitemap, feed):
        assert "publications.json" not in text and "publications.ris" not in text


def test_unknown_citation_style_is_reported(make_app, tmp_path):
    import shutil

    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + 'portfolio_citation_styles = ["apa", "apa-9th"]\n')
    app = make_app("html", srcdir=src)
    app.build()
    warnings = app.warning.getvalue()
    assert "portfolio_citation_styles: no CSL style is named 'apa-9th'; left out" in warnings
    assert list(formatted(app, "projects/journal.html")) == ["BibTeX", "APA"]


def head_tags(app, page: str) -> list[tuple[str, str]]:
    head = soup(app, page).head
    return [(m["name"], m["content"]) for m in head.select("meta[name^=citation_]")]


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_identifiers_in_head_tags_and_jsonld(app):
    app.build()
    tags = head_tags(app, "projects/journal.html")
    assert tags[5:] == [  # after title, the three authors and the date
        ("citation_journal_title", "Journal of Scientific Memoirs"),
        ("citation_volume", "3"),
        ("citation_issue", "29"),
        ("citation_firstpage", "666"),
        ("citation_lastpage", "731"),
        ("citation_doi", "10.5555/sketch.1843"),
        ("citation_pdf_url", "https://example.org/sketch.pdf"),
        ("citation_abstract_html_url", "https://example.org/ada/projects/journal.html"),
    ]
    conference = dict(head_tags(app, "projects/conference.html"))
    assert conference["citation_arxiv_id"] == "2207.06095"  # from its arXiv link
    assert conference["citation_pdf_url"] == "https://arxiv.org/pdf/2207.06095"
    assert "citation_doi" not in conference
    script = soup(app, "projects/journal.html").head.select_one(
        'script[type="application/ld+json"]'
    )
    data = json.loads(script.string)
    assert data["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "DOI", "value": "10.5555/sketch.1843"}
    ]
    assert data["sameAs"] == ["https://doi.org/10.5555/sketch.1843"]
    assert data["abstract"].startswith("The engine weaves algebraical patterns")


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_abstract_collapsed_under_the_header_and_searched(app, search_index):
    app.build()
    page = soup(app, "projects/journal.html")
    details = page.select_one(".pf-header details.pf-abstract")
    assert details is not None and "open" not in details.attrs
    assert details.summary.get_text() == "Abstract"
    assert details.select_one("em").get_text() == "weaves"
    assert details.select_one("a")["href"] == "https://example.org/loom"
    assert [p.get_text()[:11] for p in details.select("p")] == ["The engine ", "Its program"]
    assert not page.select(".pf-abstract script")
    assert "<script>alert(1)</script>" in details.get_text()  # shown as text
    index = search_index(Path(app.outdir))
    journal = index["docnames"].index("projects/journal")
    hits = index["terms"]["algebra"]  # stemmed; only the abstract says it
    assert (hits if isinstance(hits, list) else [hits]) == [journal]


@pytest.mark.parametrize(
    ("links", "repository"),
    [
        ((("Code", "https://github.com/ada/loom"),), "https://github.com/ada/loom"),
        ((("Code", "https://github.com/ada/loom/"),), "https://github.com/ada/loom/"),
        # a file in a repository (a .bib, a poster) is no repository
        ((("BibTeX", "https://github.com/ada/site/blob/master/loom.bib"),), ""),
        ((("Paper", "https://example.org/ada/loom"),), ""),
    ],
)
def test_repository_link(links, repository):
    meta = schema.ProjectMeta("Loom", (schema.Author("Ada Lovelace"),), 2021, "t", links=links)
    assert csl.repository(meta) == repository
