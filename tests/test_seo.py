"""Head tags: Google Scholar tags, JSON-LD, Open Graph, description, canonical and feed links."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portfolio.model import relations
from portfolio.model.schema import Author, ProjectMeta, Venue
from portfolio.publish import seo

BASE = "https://example.org/ada/"
ZH_TITLE = "深度均衡模型\N{FULLWIDTH COLON}不动点与生成"
XSS_TITLE = "<script>alert(1)</script> & \"Quoted\" 'Engines'"
XSS_TLDR = 'Engines <b>compute</b> & weave "patterns".'
#: Front matter of the test root, as Google Scholar should see it.
HIGHWIRE = {
    "projects/xss": [
        ("citation_title", XSS_TITLE),
        ("citation_author", "Ada Lovelace"),
        ("citation_author", 'Charles "Charlie" Babbage'),
        ("citation_author", "Mary Somerville & Co"),
        ("citation_publication_date", "2024"),
        ("citation_journal_title", 'Journal of "Engines" & Looms'),
        ("citation_arxiv_id", "2401.01234v2"),  # from its arXiv link
        ("citation_pdf_url", "https://arxiv.org/pdf/2401.01234v2"),
        ("citation_abstract_html_url", BASE + "projects/xss.html"),
    ],
    "projects/zh": [
        ("citation_title", ZH_TITLE),
        ("citation_author", "José Ñúñez"),
        ("citation_author", "Zoë Müller-Lüdenscheidt"),
        ("citation_author", "耿正阳"),
        ("citation_author", "Ada Lovelace"),
        ("citation_publication_date", "2023"),
        (
            "citation_conference_title",
            "IEEE/CVF Conference on Computer Vision and Pattern Recognition",
        ),
        ("citation_pdf_url", "https://example.org/papers/zh.pdf"),
        ("citation_abstract_html_url", BASE + "projects/zh.html"),
    ],
    "projects/lib": [  # a tech report: no venue tag; its only PDF is a poster on GitHub
        ("citation_title", "Loomlib: A Library for Punched Cards"),
        ("citation_author", "Ada Lovelace"),
        ("citation_publication_date", "2023"),
        ("citation_abstract_html_url", BASE + "projects/lib.html"),
    ],
    "projects/old": [
        ("citation_title", "Sketch of the Analytical Engine"),
        ("citation_author", "Ada Lovelace"),
        ("citation_publication_date", "2020"),
        ("citation_abstract_html_url", BASE + "projects/old.html"),
    ],
}
TLDRS = {
    "projects/xss": XSS_TLDR,
    "projects/zh": "不动点 meets generation.",
    "projects/lib": "Cards as code.",
    "projects/old": "Notes G, with the first program.",
}
DESCRIPTION = 'Ada Lovelace\'s notes on engines & "looms".'


def read(app, page: str) -> str:
    return (Path(app.outdir) / page).read_text(encoding="utf-8")


def head(app, page: str) -> BeautifulSoup:
    return BeautifulSoup(read(app, page), "html.parser").head


def pages(app) -> list[str]:
    """Every HTML page written, as a path relative to the output directory."""
    out = Path(app.outdir)
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.html") if "_static" not in p.parts)


def jsonld(app, page: str) -> list[dict]:
    scripts = head(app, page).select('script[type="application/ld+json"]')
    for script in scripts:
        assert "</" not in script.string
    return [json.loads(script.string) for script in scripts]


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_highwire_tags_follow_front_matter_in_order(app):
    app.build()
    assert app.warning.getvalue() == ""
    for docname, expected in HIGHWIRE.items():
        tags = head(app, f"{docname}.html").select('meta[name^="citation_"]')
        assert [(t["name"], t["content"]) for t in tags] == expected, docname
    # Attributes are escaped with html.escape(quote=True); no raw markup reaches the page.
    page = read(app, "projects/xss.html")
    escaped = html.escape(XSS_TITLE, quote=True)
    assert f'<meta name="citation_title" content="{escaped}" />' in page
    assert "<script>alert(1)" not in page
    assert "<b>compute" not in page


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_jsonld(app):
    app.build()
    assert app.warning.getvalue() == ""

    (xss,) = jsonld(app, "projects/xss.html")
    assert xss["@context"] == "https://schema.org"
    assert xss["@type"] == "ScholarlyArticle"
    assert xss["name"] == XSS_TITLE
    assert [a["name"] for a in xss["author"]] == [
        "Ada Lovelace",
        'Charles "Charlie" Babbage',
        "Mary Somerville & Co",
    ]
    assert xss["author"][0]["url"] == BASE  # the owner links to the home page
    assert xss["datePublished"] == "2024"
    assert xss["description"] == XSS_TLDR
    assert xss["keywords"] == ["Engines & Looms"]
    assert xss["url"] == BASE + "projects/xss.html"
    assert xss["sameAs"] == [
        "https://arxiv.org/abs/2401.01234v2",
        "https://github.com/ada/engine?x=1&y=2",
    ]
    assert xss["isPartOf"] == {"@type": "Periodical", "name": 'Journal of "Engines" & Looms'}
    assert "<" not in head(app, "projects/xss.html").select_one("script[type$=json]").string

    (zh,) = jsonld(app, "projects/zh.html")
    assert zh["@type"] == "ScholarlyArticle"
    assert zh["image"] == BASE + "_images/logo.png"
    assert (
        zh["publication"]["name"]
        == "IEEE/CVF Conference on Computer Vision and Pattern Recognition"
    )

    (lib,) = jsonld(app, "projects/lib.html")
    assert lib["@type"] == "SoftwareSourceCode"
    assert lib["codeRepository"] == "https://github.com/ada/loomlib"
    assert "isPartOf" not in lib and "publication" not in lib

    (person,) = jsonld(app, "index.html")
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ada Lovelace",
        "url": BASE,
        "image": BASE + "_images/avatar.png",
        "sameAs": ["https://github.com/ada", "https://x.com/ada_l"],
        "description": DESCRIPTION,
    }
    for page in ("notes.html", "projects/index.html", "keywords/index.html", "genindex.html"):
        assert jsonld(app, page) == [], page


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_open_graph_twitter_and_one_description_per_page(app):
    app.build()
    assert app.warning.getvalue() == ""
    written = pages(app)
    assert "keywords/index.html" in written and "extra/generated.html" in written
    for page in written:
        tags = head(app, page)
        assert len(tags.select('meta[name="description"]')) == 1, page
        card = ["summary_large_image"]  # every page has a preview card (test_social_cards.py)
        assert [t["content"] for t in tags.select('meta[name="twitter:card"]')] == card
        assert [t["content"] for t in tags.select('meta[name="twitter:site"]')] == ["@ada_l"]
        assert len(tags.select('meta[property="og:title"]')) == 1, page
        assert len(tags.select('meta[property="og:url"]')) == 1, page
        canonical = tags.select('link[rel="canonical"]')
        assert [c["href"] for c in canonical] == [BASE + page], page
        feeds = tags.select('link[rel="alternate"][type="application/atom+xml"]')
        assert [f["href"] for f in feeds] == [BASE + "feed.xml"], page

    for docname, tldr in TLDRS.items():
        tags = head(app, f"{docname}.html")
        assert tags.select_one('meta[name="description"]')["content"] == tldr
        assert tags.select_one('meta[property="og:description"]')["content"] == tldr
        assert tags.select_one('meta[property="og:type"]')["content"] == "article"
    xss = head(app, "projects/xss.html")
    assert xss.select_one('meta[property="og:title"]')["content"] == XSS_TITLE
    zh = head(app, "projects/zh.html")
    card = zh.select_one('meta[property="og:image"]')["content"]
    assert card.startswith(BASE + "_images/previews/")
    assert zh.select_one('meta[property="og:image:alt"]')["content"] == (
        f"{ZH_TITLE} (CVPR 2023), Ada Lovelace"
    )

    home = head(app, "index.html")
    assert home.select_one('meta[name="description"]')["content"] == DESCRIPTION
    keyword = head(app, "keywords/index.html")
    assert keyword.select_one('meta[property="og:url"]')["content"] == BASE + "keywords/index.html"
    assert keyword.select_one('meta[property="og:description"]')["content"] == DESCRIPTION


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    srcdir="seo-no-cards",
    freshenv=True,
    confoverrides={"portfolio_social_cards": False},
)
def test_without_cards_own_images_and_photo(app):
    """With cards off, a project's own image and the home page's photo are the previews."""
    app.build()
    assert app.warning.getvalue() == ""
    zh = head(app, "projects/zh.html")
    assert zh.select_one('meta[property="og:image"]')["content"] == BASE + "_images/logo.png"
    assert zh.select_one('meta[property="og:image:alt"]')["content"] == "Logo of the 深度 project"
    assert zh.select('meta[property="og:image:width"]') == []
    assert zh.select_one('meta[name="twitter:card"]')["content"] == "summary"
    home = head(app, "index.html")
    assert home.select_one('meta[property="og:image"]')["content"] == BASE + "_images/avatar.png"
    assert head(app, "notes.html").select('meta[property="og:image"]') == []
    assert not (Path(app.outdir) / "_images" / "previews").exists()


@pytest.mark.sphinx(
    "html",
    testroot="seo",
    freshenv=True,
    confoverrides={"html_baseurl": ""},
)
def test_without_baseurl_no_absolute_urls(app):
    app.build()
    assert app.warning.getvalue() == ""
    tags = head(app, "projects/xss.html")
    assert "citation_abstract_html_url" not in str(tags)
    assert tags.select('link[rel="canonical"]') == []
    assert tags.select('link[type="application/atom+xml"]') == []
    assert len(tags.select('meta[name="description"]')) == 1
    assert "url" not in jsonld(app, "projects/xss.html")[0]


def meta(**kwargs) -> ProjectMeta:
    values = {"title": "T", "authors": (Author("A"),), "year": 2020, "tldr": "t"}
    return ProjectMeta(**(values | kwargs))


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        ((("Paper", "https://arxiv.org/abs/2505.13447"),), "https://arxiv.org/pdf/2505.13447"),
        ((("Paper", "https://arxiv.org/pdf/2109.04553.pdf"),), "https://arxiv.org/pdf/2109.04553"),
        ((("Report", "https://arxiv.org/abs/2401.10774v3"),), "https://arxiv.org/pdf/2401.10774v3"),
        (
            (("PDF", "https://openreview.net/pdf?id=f9eVDYrKXI"),),
            "https://openreview.net/pdf?id=f9eVDYrKXI",
        ),
        ((("Slides", "https://example.org/slides.pdf"),), ""),
        ((("Paper", "https://github.com/a/b/blob/main/paper.pdf"),), ""),
        ((("Code", "https://github.com/a/b"), ("Blog", "https://example.org/")), ""),
        (
            (("Poster", "https://example.org/poster.pdf"), ("Paper", "https://example.org/p.pdf")),
            "https://example.org/p.pdf",
        ),
    ],
)
def test_pdf_url(links, expected):
    assert seo.pdf_url(meta(links=links)) == expected


def test_library_rule_reads_title_and_keywords():
    assert seo.project_jsonld(meta(title="A Library of X"), "", "", "", None)["@type"] == (
        "SoftwareSourceCode"
    )
    assert seo.project_jsonld(meta(keywords=("Libraries",)), "", "", "", None)["@type"] == (
        "SoftwareSourceCode"
    )
    data = seo.project_jsonld(meta(title="Librarian", venue=Venue("X")), "", "", "", None)
    assert data["@type"] == "ScholarlyArticle"
    assert data["publication"] == {"@type": "PublicationEvent", "name": "X"}


def test_jsonld_payload_cannot_close_the_script():
    payload = seo.jsonld_payload({"name": "</script><!--<script>&"})
    assert "<" not in payload and ">" not in payload
    assert json.loads(payload) == {"name": "</script><!--<script>&"}


def test_twitter_handle():
    assert seo.twitter_handle(["https://github.com/a", "https://twitter.com/ZhengyangGeng"]) == (
        "@ZhengyangGeng"
    )
    assert seo.twitter_handle(["https://www.x.com/ada/"]) == "@ada"
    assert seo.twitter_handle(["https://github.com/a"]) == ""


# Authors that are not people ("et al.", "others") are shown in author lines, but are no
# co-author, relatedness signal, Person or citation_author.

OWNER = "Ada Lovelace"


def authored(title: str, *names: str, year: int = 2020, keywords: tuple = ()) -> ProjectMeta:
    return meta(title=title, authors=tuple(map(Author, names)), year=year, keywords=keywords)


def test_not_people_are_no_coauthors():
    projects = {
        "p/a": authored("A", OWNER, "Charles Babbage", "et al."),
        "p/b": authored("B", OWNER, "others", year=2021),
        "p/c": authored("C", OWNER, "Et Al", "and others", "Et alii.", year=2022),
    }
    assert relations.coauthors(projects, OWNER) == [("Charles Babbage", ["p/a"])]


def test_not_people_relate_no_projects():
    projects = {
        "p/a": authored("A", OWNER, "et al."),
        "p/b": authored("B", OWNER, "et al.", year=2021),
        "p/c": authored("C", "Mary Somerville", "others", keywords=("Looms",)),
        "p/d": authored("D", "Mary Somerville", "others", keywords=("Looms",)),
    }
    assert relations._relation_keys(projects["p/a"], OWNER, relations.NOBODY) == set()
    assert relations._relation_keys(projects["p/c"], OWNER, relations.NOBODY) == {
        ("keyword", "looms"),
        ("author", "Mary Somerville"),
    }
    assert relations.related(projects, OWNER) == {"p/c": ["p/d"], "p/d": ["p/c"]}


def test_not_people_are_no_person_or_citation_author():
    project = authored("T", OWNER, "Charles Babbage", "et al.")
    jsonld_authors = seo.project_jsonld(project, OWNER, BASE, "", None)["author"]
    assert jsonld_authors == [
        {"@type": "Person", "name": OWNER, "url": BASE},
        {"@type": "Person", "name": "Charles Babbage"},
    ]
    assert [v for k, v in seo.highwire_tags(project, "") if k == "citation_author"] == [
        OWNER,
        "Charles Babbage",
    ]


@pytest.mark.sphinx("html", testroot="strange", freshenv=True)
def test_not_people_in_a_build(app):
    app.build()
    (spaced,) = jsonld(app, "projects/my project.html")
    assert [a["name"] for a in spaced["author"]] == ["Ada Lovelace", "Charles Babbage"]
    tags = head(app, "projects/my project.html").select('meta[name="citation_author"]')
    assert [t["content"] for t in tags] == ["Ada Lovelace", "Charles Babbage"]
    (accented,) = jsonld(app, "projects/café.html")
    assert [a["name"] for a in accented["author"]] == ["Ada Lovelace"]
    # Still in the page's author line: the list was cut.
    body = BeautifulSoup(read(app, "projects/my project.html"), "html.parser").body
    assert "et al." in body.get_text()
