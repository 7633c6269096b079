"""The people registry (people.yaml): validation with file lines, and every place an author
appears using it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from portfolio.cli import main
from portfolio.model import identifiers, people

ROOT = Path(__file__).parent / "roots" / "test-people"
ATOM = "{http://www.w3.org/2005/Atom}"


def soup(app, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


def problems(text: str) -> list[str]:
    return [f"{p.line}: {p}" for p in people.parse(text)[1]]


@pytest.mark.parametrize(
    ("orcid", "valid"),
    [
        ("0000-0002-1825-0097", True),  # ORCID's own example iD
        ("https://orcid.org/0000-0001-5109-3700", True),
        ("0000-0002-1694-233X", True),  # check character X (10)
        ("0000-0002-1825-0098", False),  # wrong check character
        ("0000-0002-1825-009", False),
        ("0000 0002 1825 0097", False),
    ],
)
def test_orcid_checksum(orcid, valid):
    assert bool(identifiers.orcid(orcid)) is valid


def test_registry_problems_name_line_field_and_fix():
    text = (
        "- name: Ada Lovelace\n"
        "  spellings: [A. Lovelace]\n"
        "- name: Augusta Ada King\n"
        "  spellings: [a lovelace]\n"  # "A. Lovelace", whatever case and full stops
        "- name: Charles Babbage\n"
        "  homepage: javascript:alert(1)\n"
        "- name: Mary Somerville\n"
        "  homepag: https://example.org\n"
        "- spellings: [Nobody]\n"
        "- name: Luigi Menabrea\n"
        "  orcid: 0000-0002-1825-0098\n"
        "- Just a name\n"
    )
    assert problems(text) == [
        "3: spellings: 'a lovelace' is also claimed by 'Ada Lovelace' (line 1); keep it in one "
        "entry",
        "6: homepage: expected an http(s) URL, got 'javascript:alert(1)'",
        "8: homepag: unknown field; did you mean 'homepage'?",
        "9: name: expected text, got nothing",
        "11: orcid: expected an ORCID iD such as 0000-0002-1825-0097 (its last character checks "
        "the others, ISO 7064 MOD 11-2), got '0000-0002-1825-0098'",
        "12: person: expected 'name:' and the other fields of one person",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: Ada", "1: people: expected a list of people, each item starting '- name: ...'"),
        ("- name: [Ada\n", "2: people: invalid YAML: did not find expected ',' or ']'"),
        (
            "- &a {name: Ada}\n- *a\n",
            "1: people: YAML aliases (*name) are not allowed here; write the value out",
        ),
        (
            "- name: Ada\x07\n",
            "1: people: contains the control character U+0007 at character 12; remove it",
        ),
    ],
)
def test_hostile_registry_is_refused_with_its_line(text, expected):
    registry, found = people.parse(text)
    assert registry.people == ()
    assert [f"{p.line}: {p}" for p in found] == [expected]


@pytest.mark.sphinx("html", testroot="people", freshenv=True)
def test_every_author_appearance_uses_the_registry(app):
    app.build()
    assert app.warning.getvalue() == ""
    # The owner in bold under each spelling: header, card, publication list.
    notes = soup(app, "projects/notes.html").select_one(".pf-header .pf-authors")
    assert [s.get_text() for s in notes.select("strong.pf-owner")] == ["Augusta Ada King"]
    # A co-author with a homepage is linked in the header, whatever the spelling.
    tables = soup(app, "projects/tables.html").select_one(".pf-header .pf-authors")
    assert [(a.get_text(), a["href"]) for a in tables.select("a.pf-person")] == [
        ("C Babbage", "https://example.org/babbage")
    ]
    grid = soup(app, "projects/index.html")
    owners = sorted(s.get_text() for s in grid.select(".pf-card strong.pf-owner"))
    assert owners == ["Ada Lovelace", "Ada Lovelace", "Augusta Ada King"]
    assert not grid.select(".pf-card a.pf-person")  # cards stay compact
    publications = soup(app, "publications.html")
    assert len(publications.select(".pf-publication strong.pf-owner")) == 3

    # One collaborator per person; the near miss "Charles Babage" is someone else.
    rows = {
        dt.contents[0].get_text(): dt for dt in soup(app, "people.html").select("dl.pf-people dt")
    }
    assert sorted(rows) == ["Charles Babage", "Charles Babbage", "Mary Somerville"]
    assert rows["Charles Babbage"].select_one(".pf-count").get_text() == " (2 projects)"
    assert rows["Charles Babbage"].a["href"] == "https://example.org/babbage"
    assert rows["Mary Somerville"].a is None


@pytest.mark.sphinx("html", testroot="people", freshenv=True)
def test_registry_in_head_tags_jsonld_and_feed(app):
    app.build()
    head = soup(app, "projects/notes.html").head
    tags = [(m["name"], m["content"]) for m in head.select("meta[name^=citation_author]")]
    assert tags == [
        ("citation_author", "Augusta Ada King"),
        ("citation_author_orcid", "0000-0002-1825-0097"),
        ("citation_author", "Charles Babbage"),
    ]
    data = json.loads(head.select_one('script[type="application/ld+json"]').string)
    ada, charles = data["author"]
    assert ada == {
        "@type": "Person",
        "name": "Augusta Ada King",
        "url": "https://example.org/ada/",
        "sameAs": ["https://example.org/ada/", "https://orcid.org/0000-0002-1825-0097"],
        "affiliation": {"@type": "Organization", "name": "Analytical Society"},
    }
    assert charles["url"] == charles["sameAs"][0] == "https://example.org/babbage"
    home = json.loads(soup(app, "index.html").head.select_one("script[type*=json]").string)
    assert home["sameAs"] == ["https://orcid.org/0000-0002-1825-0097"]
    assert home["affiliation"]["name"] == "Analytical Society"
    feed = ElementTree.parse(Path(app.outdir) / "feed.xml").getroot()
    uris = {
        author.findtext(f"{ATOM}name"): author.findtext(f"{ATOM}uri")
        for entry in feed.iter(f"{ATOM}entry")
        for author in entry.iter(f"{ATOM}author")
    }
    assert uris["C Babbage"] == uris["Charles Babbage"] == "https://example.org/babbage"
    assert uris["Ada Lovelace"] is None and uris["Mary Somerville"] is None


@pytest.mark.sphinx("html", testroot="people", freshenv=True)
def test_near_miss_is_a_hint_not_a_warning(app, status):
    app.build()
    assert app.warning.getvalue() == ""
    assert (
        "projects/looms.md:5: authors: hint: 'Charles Babage' looks like 'Charles Babbage' of "
        "people.yaml (line 8) but is not one of its spellings; fix it, or add it to 'spellings'"
    ) in app.status.getvalue()


def test_registry_problems_in_build_and_check_alike(make_app, tmp_path, capsys):
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    with (src / "people.yaml").open("a", encoding="utf-8") as registry:
        registry.write("- name: Mary Fairfax\n  orcid: 1234\n- name: Luigi Menabrea\n")
    app = make_app("html", srcdir=src)
    app.build()
    app.cleanup()
    orcid = (
        "orcid: expected an ORCID iD such as 0000-0002-1825-0097 (its last character checks "
        "the others, ISO 7064 MOD 11-2), got '1234'"
    )
    unused = (
        "name: 'Luigi Menabrea' is the author of no project; remove the entry or add the "
        "spelling the project uses"
    )
    warnings = app.warning.getvalue()
    assert f"people.yaml:12: WARNING: {orcid} [portfolio.people]" in warnings
    assert f"people.yaml:13: WARNING: {unused} [portfolio.people]" in warnings
    assert main(["check", str(src)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{src / 'people.yaml'}:12: {orcid}",
        f"{src / 'projects' / 'looms.md'}:5: authors: hint: 'Charles Babage' looks like "
        "'Charles Babbage' of people.yaml (line 8) but is not one of its spellings; fix it, or "
        "add it to 'spellings'",
        f"{src / 'people.yaml'}:13: {unused}",
    ]


def test_hint_alone_does_not_fail_check(capsys):
    assert main(["check", str(ROOT)]) == 0
    assert "hint: 'Charles Babage'" in capsys.readouterr().out


def test_changing_the_registry_rewrites_the_pages_that_show_authors(build, tmp_path, edit):
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    app = build(src)
    assert not soup(app, "projects/looms.html").select(".pf-header a.pf-person")
    edit(src / "people.yaml", "[C. Babbage]", "[C. Babbage, Charles Babage]")
    app = build(src)  # no page changed: only the registry
    looms = soup(app, "projects/looms.html").select_one(".pf-header")
    assert looms.select_one("a.pf-person")["href"] == "https://example.org/babbage"
    rows = [dt.contents[0].get_text() for dt in soup(app, "people.html").select("dl.pf-people dt")]
    assert rows == ["Charles Babbage", "Mary Somerville"]  # now one person, three projects


def test_parallel_build_equals_serial_with_registry_and_exports(build, tmp_path):
    src = tmp_path / "docs"
    shutil.copytree(ROOT, src)
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    names = ["people.html", "publications.html", "projects/tables.html", "publications.json"]
    names += ["publications.ris", "feed.xml"]
    for name in names:
        expected = (Path(serial.outdir) / name).read_text(encoding="utf-8")
        assert (Path(parallel.outdir) / name).read_text(encoding="utf-8") == expected, name
    assert "AU  - Babbage, C\n" in (Path(parallel.outdir) / "publications.ris").read_text()


def test_registry_linked_from_outside_is_not_read(tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text("- name: Secret Person\n  homepage: https://example.org/secret\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "people.yaml").symlink_to(outside)
    registry, found = people.load(docs)
    assert registry.people == ()
    assert [f"{p.line}: {p}" for p in found] == [
        "1: people: is a link to a file outside the source folder; only files inside it are "
        "read (copy the file instead)"
    ]
