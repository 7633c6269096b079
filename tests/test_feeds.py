"""Site-wide files: sitemap.xml, feed.xml, llms.txt, robots.txt, complete after any build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote

import feedparser
import pytest
from bs4 import BeautifulSoup

from portfolio.model.schema import Author, ProjectMeta, Venue
from portfolio.publish import commit_dates, feeds

BASE = "https://example.org/ada/"
ZH_TITLE = "深度均衡模型\N{FULLWIDTH COLON}不动点与生成"
ROOT = Path(__file__).parent / "roots" / "test-seo"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM_NS = "{http://www.w3.org/2005/Atom}"
#: The test root's projects, newest first (year, then title).
PROJECTS = [
    ("projects/xss", "<script>alert(1)</script> & \"Quoted\" 'Engines'", 2024),
    ("projects/lib", "Loomlib: A Library for Punched Cards", 2023),
    ("projects/zh", ZH_TITLE, 2023),
    ("projects/old", "Sketch of the Analytical Engine", 2020),
]
NOT_IN_SITEMAP = {"search.html", "genindex.html", "404.html"}


def sitemap(outdir: Path) -> list[str]:
    root = ET.parse(outdir / "sitemap.xml").getroot()
    return [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]


def feed_entries(outdir: Path) -> list[dict]:
    root = ET.parse(outdir / "feed.xml").getroot()
    return [
        {
            "title": entry.findtext(f"{ATOM_NS}title"),
            "link": entry.find(f"{ATOM_NS}link").get("href"),
            "id": entry.findtext(f"{ATOM_NS}id"),
            "updated": entry.findtext(f"{ATOM_NS}updated"),
            "summary": entry.findtext(f"{ATOM_NS}summary"),
            "authors": [a.findtext(f"{ATOM_NS}name") for a in entry.iter(f"{ATOM_NS}author")],
        }
        for entry in root.iter(f"{ATOM_NS}entry")
    ]


def written_pages(outdir: Path) -> set[str]:
    return {str(p.relative_to(outdir)) for p in outdir.rglob("*.html") if "_static" not in p.parts}


@pytest.fixture
def srcdir(tmp_path) -> Path:
    dest = tmp_path / "src"
    shutil.copytree(ROOT, dest)
    return dest


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_sitemap_lists_every_page(app):
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    locs = sitemap(out)
    assert len(locs) == len(set(locs))
    assert locs == sorted(locs)
    pages = written_pages(out) - NOT_IN_SITEMAP
    assert {"keywords/index.html", "extra/generated.html", "projects/zh.html"} <= pages
    assert set(locs) == {BASE + page for page in pages}


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_feed_lists_projects_newest_first(app):
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    root = ET.parse(out / "feed.xml").getroot()
    assert root.tag == f"{ATOM_NS}feed"
    assert root.findtext(f"{ATOM_NS}id") == BASE + "feed.xml"
    assert root.findtext(f"{ATOM_NS}updated") == "2024-01-01T00:00:00Z"
    assert root.find(f"{ATOM_NS}author").findtext(f"{ATOM_NS}name") == "Ada Lovelace"
    entries = feed_entries(out)
    assert [(e["title"], e["updated"]) for e in entries] == [
        (title, f"{year}-01-01T00:00:00Z") for _, title, year in PROJECTS
    ]
    for entry, (docname, _, _) in zip(entries, PROJECTS, strict=True):
        assert entry["link"] == entry["id"] == f"{BASE}{docname}.html"
    assert entries[0]["summary"] == 'Engines <b>compute</b> & weave "patterns".'
    assert entries[0]["authors"] == [
        "Ada Lovelace",
        'Charles "Charlie" Babbage',
        "Mary Somerville & Co",
    ]
    assert entries[2]["authors"] == [
        "José Ñúñez",
        "Zoë Müller-Lüdenscheidt",
        "耿正阳",
        "Ada Lovelace",
    ]


@pytest.mark.sphinx("html", testroot="seo", freshenv=True)
def test_llms_txt_and_robots_txt(app):
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    lines = (out / "llms.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Ada Lovelace"
    assert lines[2] == '> Ada Lovelace\'s notes on engines & "looms".'
    start = lines.index("## Projects") + 2
    projects = lines[start : start + len(PROJECTS)]
    assert projects[1:] == [
        f"- [Loomlib: A Library for Punched Cards]({BASE}projects/lib.html): Cards as code."
        " (Tech Report 2023)",
        f"- [{ZH_TITLE}]({BASE}projects/zh.html): 不动点 meets generation. (CVPR 2023)",
        f"- [Sketch of the Analytical Engine]({BASE}projects/old.html):"
        " Notes G, with the first program. (2020)",
    ]
    assert projects[0].startswith(f"- [<script>alert(1)</script> & \"Quoted\" 'Engines']({BASE}")
    pages = lines[lines.index("## Pages") + 2 : lines.index("## Optional") - 1]
    assert pages[0] == f"- [Ada Lovelace]({BASE}index.html)"
    assert f"- [Projects]({BASE}projects/index.html)" in pages
    assert not any("404" in line or "search" in line for line in pages)
    assert f"- [publications.bib]({BASE}publications.bib): BibTeX for every project" in lines

    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n"


def snapshot(outdir: Path) -> dict[str, str]:
    names = ("sitemap.xml", "feed.xml", "llms.txt", "publications.bib", "robots.txt")
    return {name: (outdir / name).read_text(encoding="utf-8") for name in names}


def test_incremental_builds_stay_complete(build, edit, srcdir):
    out = Path(build(srcdir).outdir)
    first = snapshot(out)
    assert len(sitemap(out)) == len(written_pages(out) - NOT_IN_SITEMAP)

    # Nothing changed: no document is rewritten, yet every file lists every page.
    build(srcdir)
    assert snapshot(out) == first

    # One new project: every output gains it, and keeps the pages not rewritten.
    (srcdir / "projects/lace.md").write_text(
        "---\ntitle: Lace Patterns\nauthors: [Ada Lovelace]\nyear: 2025\n"
        "tldr: Threads.\nkeywords: [Lace]\n---\n\nBody.\n",
        encoding="utf-8",
    )
    build(srcdir)
    locs = sitemap(out)
    assert BASE + "projects/lace.html" in locs
    assert BASE + "keywords/lace.html" in locs
    assert set(locs) == {BASE + page for page in written_pages(out) - NOT_IN_SITEMAP}
    assert set(first["sitemap.xml"].split("<url>")[1:]) < set(
        snapshot(out)["sitemap.xml"].split("<url>")[1:]
    )
    titles = [e["title"] for e in feed_entries(out)]
    assert titles == ["Lace Patterns"] + [title for _, title, _ in PROJECTS]
    assert f"- [Lace Patterns]({BASE}projects/lace.html): Threads. (2025)" in (
        out / "llms.txt"
    ).read_text(encoding="utf-8")
    assert "@misc{lace," in (out / "publications.bib").read_text(encoding="utf-8")

    # An edited project: its feed entry follows; the sitemap still lists every page.
    edit(srcdir / "projects/old.md", "year: 2020", "year: 2025")
    build(srcdir)
    titles = [e["title"] for e in feed_entries(out)]
    assert titles[:2] == ["Lace Patterns", "Sketch of the Analytical Engine"]
    assert set(sitemap(out)) == set(locs)


def test_site_files_are_made_again_only_from_what_changed(build, edit, srcdir):
    names = ("feed.xml", "llms.txt", "robots.txt", "publications.json", "publications.ris")
    out = Path(build(srcdir).outdir)
    mtimes = {name: (out / name).stat().st_mtime_ns for name in names}

    # A body edit changes no site file: none is written again.
    edit(srcdir / "projects/old.md", "\n\n", "\n\nA new paragraph.\n\n")
    build(srcdir)
    assert {name: (out / name).stat().st_mtime_ns for name in names} == mtimes

    # A file deleted from the output comes back, though nothing it shows changed.
    (out / "llms.txt").unlink()
    (out / "publications.json").unlink()
    build(srcdir)
    assert "# Ada Lovelace" in (out / "llms.txt").read_text(encoding="utf-8")
    assert (out / "publications.json").is_file()

    # Another page's title, and an option that makes Sphinx read every page again.
    edit(srcdir / "notes.md", '# Notes & "asides"', "# Field notes")
    build(srcdir)
    assert f"- [Field notes]({BASE}notes.html)" in (out / "llms.txt").read_text(encoding="utf-8")
    edit(srcdir / "conf.py", 'project = "Ada Lovelace"', 'project = "Ada L."')
    build(srcdir)
    assert (out / "llms.txt").read_text(encoding="utf-8").startswith("# Ada L.\n")
    assert ET.parse(out / "feed.xml").getroot().findtext(f"{ATOM_NS}title") == "Ada L."

    # A project's year: the exports follow.
    edit(srcdir / "projects/zh.md", "year: 2023", "year: 2019")
    build(srcdir)
    items = json.loads((out / "publications.json").read_text(encoding="utf-8"))
    zh = next(item for item in items if item["title"] == ZH_TITLE)
    assert zh["issued"]["date-parts"][0][0] == 2019
    assert "PY  - 2019" in (out / "publications.ris").read_text(encoding="utf-8")


def test_parallel_build_writes_the_same_files(build, tmp_path):
    outputs = []
    for jobs in (1, 2):
        src = tmp_path / f"src{jobs}"
        shutil.copytree(ROOT, src)
        for i in range(8):  # enough documents for Sphinx to split the writing into chunks
            (src / f"projects/p{i}.md").write_text(
                f"---\ntitle: Project {i}\nauthors: [Ada Lovelace]\nyear: {2000 + i}\n"
                f"tldr: Number {i}.\n---\n\nBody.\n",
                encoding="utf-8",
            )
        outputs.append(snapshot(Path(build(src, parallel=jobs).outdir)))
    assert outputs[0] == outputs[1]


def test_without_baseurl_only_llms_txt(build, srcdir):
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(f'html_baseurl = "{BASE}"', ""),
        encoding="utf-8",
    )
    out = Path(build(srcdir).outdir)
    for name in ("sitemap.xml", "feed.xml", "robots.txt"):
        assert not (out / name).exists(), name
    assert "- [Loomlib: A Library for Punched Cards](projects/lib.html)" in (
        out / "llms.txt"
    ).read_text(encoding="utf-8")
    assert (out / "publications.bib").exists()


# Valid but strange values (the test-strange root): odd file names, control characters in
# settings and titles, Markdown in a venue, "et al." as an author.

STRANGE = "https://example.org/"
#: Characters XML 1.0 forbids (C0 controls but tab, LF and CR, U+FFFE, U+FFFF, surrogates).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: The strange root's projects with odd file names: title, and output file per builder.
ODD_NAMES = {
    "projects/my project": (
        "A Spaced File Name",
        {"html": "projects/my project.html", "dirhtml": "projects/my project/index.html"},
    ),
    "projects/café": (
        "A Non-ASCII File Name",
        {"html": "projects/café.html", "dirhtml": "projects/café/index.html"},
    ),
}


def canonical(outdir: Path, page: str) -> str:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one('link[rel="canonical"]')["href"]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_odd_file_names_have_one_url_everywhere(make_app, rootdir, tmp_path, builder):
    """Sitemap, feed and llms.txt write the canonical link's URL, percent-encoded.

    Sphinx's canonical link is encoded by the html builder and not by dirhtml; ours is
    always the encoded form of the same URL (equal once decoded).
    """
    srcdir = tmp_path / "src"
    shutil.copytree(rootdir / "test-strange", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    locs = sitemap(out)
    links = {e["title"]: e["link"] for e in feed_entries(out)}
    llms = (out / "llms.txt").read_text(encoding="utf-8")
    for docname, (title, pages) in ODD_NAMES.items():
        page_url = canonical(out, pages[builder])
        (loc,) = [loc for loc in locs if unquote(loc) == unquote(page_url)]
        (line,) = [line for line in llms.splitlines() if line.startswith(f"- [{title}](")]
        listed = re.match(r"- \[[^]]*\]\((\S+)\)", line)[1]
        for url in (loc, links[title], listed):
            assert unquote(url) == unquote(page_url), (docname, url)
            assert url.isascii() and " " not in url, (docname, url)
            assert url.startswith(STRANGE + "projects/"), url
        assert loc == links[title] == listed
        if builder == "html":  # Sphinx's html builder encodes the same way
            assert loc == page_url
    assert sorted(locs) == locs


@pytest.mark.sphinx("html", testroot="strange", freshenv=True)
def test_strange_values_keep_feed_and_sitemap_valid_xml(app):
    app.build()
    assert app.warning.getvalue() == ""
    out = Path(app.outdir)
    for name in ("feed.xml", "sitemap.xml"):
        text = (out / name).read_text(encoding="utf-8")
        assert NOT_XML.search(text) is None, name
        ET.fromstring(text.encode("utf-8"))
    root = ET.parse(out / "feed.xml").getroot()
    assert root.findtext(f"{ATOM_NS}title") == "Strange Site"  # conf.py: "Strange\x01 Site\x0b"
    assert root.findtext(f"{ATOM_NS}subtitle") == "Notes on odd values."
    llms = (out / "llms.txt").read_text(encoding="utf-8")
    assert NOT_XML.search(llms) is None
    assert llms.startswith("# Strange Site\n\n> Notes on odd values.\n")
    assert "- [Notes and odd\x7f titles](https://example.org/notes.html)" in llms


@pytest.mark.sphinx("html", testroot="strange", freshenv=True)
def test_feed_authors_are_people(app):
    app.build()
    authors = {e["title"]: e["authors"] for e in feed_entries(Path(app.outdir))}
    assert authors == {  # the front matter adds "et al." and "others"
        "A Spaced File Name": ["Ada Lovelace", "Charles Babbage"],
        "A Non-ASCII File Name": ["Ada Lovelace"],
    }


@pytest.mark.sphinx("html", testroot="strange", freshenv=True)
def test_llms_txt_venue_cannot_start_a_section(app):
    app.build()
    lines = (Path(app.outdir) / "llms.txt").read_text(encoding="utf-8").splitlines()
    # The venue is "CVPR\n## Injected": it stays inside its project's line.
    assert [line for line in lines if line.startswith("#")] == [
        "# Strange Site",
        "## Projects",
        "## Pages",
        "## Optional",
    ]
    (line,) = [line for line in lines if "Non-ASCII" in line]
    assert line.endswith(": The file name has an accent. (CVPR ## Injected 2023)")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CVPR\n## Injected", "CVPR ## Injected"),
        ("\n## Injected", "\\## Injected"),
        ("# Title", "\\# Title"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("* item", "\\* item"),
        ("1. item", "1\\. item"),
        ("12) item", "12\\) item"),
        ("===", "\\==="),
        ("```", "\\```"),
        ("| a | b |", "\\| a | b |"),
        ("[link](https://evil.example)", "\\[link\\](https://evil.example)"),
        ("back\\slash ]", "back\\\\slash \\]"),
        ("a\u2028b\r\nc\x0bd\x1fe", "a b c d e"),
        ("bell\x07 and\x00 nul\ufffe", "bell and nul"),
        ("a \x01 b", "a b"),
        ("1999 was a year", "1999 was a year"),
        ("<b>Engines</b> & more", "<b>Engines</b> & more"),
    ],
)
def test_md_text_keeps_a_value_inline(text, expected):
    escaped = feeds.md_text(text)
    assert escaped == expected
    assert "\n" not in escaped and len(escaped.splitlines()) <= 1


def test_xml_chars_drops_what_xml_forbids():
    allowed = "tab\t lf\n cr\r é 深 \U0001f600 \ud7ff \ue000 \ufffd \x7f"
    assert feeds.xml_chars(allowed) == allowed
    forbidden = "".join(map(chr, [*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]))
    assert feeds.xml_chars(f"a{forbidden}b\ud800c\udfffd") == "abcd"


def test_url_path_is_rfc_3986():
    assert feeds.url_path("projects/my project.html") == "projects/my%20project.html"
    assert feeds.url_path("projects/café.html") == "projects/caf%C3%A9.html"
    assert feeds.url_path("a/100%?#[x].html") == "a/100%25%3F%23%5Bx%5D.html"


def test_atom_feed_is_xml_whatever_the_text():
    """Defence in depth: the feed parses even with values the validator would refuse."""
    bad = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff\ud800\udfff"
    project = ProjectMeta(
        title=f"Title{bad}",
        authors=(Author(f"Ada{bad}"), Author("et al.")),
        year=2024,
        tldr=f"TL;DR{bad}",
        venue=Venue(f"V{bad}"),
        keywords=(f"Key{bad}",),
    )
    config = SimpleNamespace(
        project=f"Site{bad}", portfolio_description=f"About{bad}", portfolio_owner=f"Ada{bad}"
    )
    builder = SimpleNamespace(get_target_uri=lambda docname: feeds.url_path(docname) + ".html")
    app = SimpleNamespace(config=config, builder=builder)
    text = feeds.atom_feed(app, STRANGE, {f"projects/odd{bad[:7]} é": project})
    text.encode("utf-8")  # no lone surrogate left
    root = ET.fromstring(text.encode("utf-8"))
    assert root.findtext(f"{ATOM_NS}title") == "Site"
    (entry,) = root.iter(f"{ATOM_NS}entry")
    assert entry.findtext(f"{ATOM_NS}title") == "Title"
    assert [a.findtext(f"{ATOM_NS}name") for a in entry.iter(f"{ATOM_NS}author")] == ["Ada"]
    assert entry.find(f"{ATOM_NS}category").get("term") == "Key"
    assert (
        entry.findtext(f"{ATOM_NS}id")
        == STRANGE + "projects/odd%00%01%08%0B%0C%1B%1F%20%C3%A9.html"
    )


def git(folder: Path, *args: str, date: str = "") -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    identity = ["-c", "user.name=Ada", "-c", "user.email=ada@example.org"]
    subprocess.run(
        ["git", *identity, *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env={**os.environ, **env},
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_feed_dates_come_from_front_matter_then_git_then_year(build, edit, srcdir):
    """Read as a feed reader reads it: dated entries keep their date, undated ones take
    the last commit that changed their page, and the feed is as new as its newest entry."""
    edit(srcdir / "projects/lib.md", "year: 2023", "year: 2023\ndate: 2023-11-05")
    git(srcdir, "init", "-q")
    git(srcdir, "add", ".")
    git(srcdir, "commit", "-qm", "All", date="2024-03-01T10:00:00+00:00")
    edit(srcdir / "projects/xss.md", "year: 2024", "year:   2024")
    git(srcdir, "commit", "-qam", "xss", date="2024-06-15T08:30:00+02:00")
    out = Path(build(srcdir).outdir)
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    dates = {e.title: (e.updated, e.published) for e in parsed.entries}
    assert dates == {
        PROJECTS[0][1]: ("2024-06-15T08:30:00+02:00", "2024-01-01T00:00:00Z"),  # its commit
        PROJECTS[1][1]: ("2023-11-05T00:00:00Z", "2023-11-05T00:00:00Z"),  # its date
        PROJECTS[2][1]: ("2024-03-01T10:00:00+00:00", "2023-01-01T00:00:00Z"),
        PROJECTS[3][1]: ("2024-03-01T10:00:00+00:00", "2020-01-01T00:00:00Z"),
    }
    assert parsed.feed.updated == "2024-06-15T08:30:00+02:00"
    assert len({e.updated_parsed for e in parsed.entries}) == 3
    # JSON-LD and Google Scholar keep the publication, never the commit.
    head = BeautifulSoup((out / "projects/lib.html").read_text(encoding="utf-8"), "html.parser")
    assert head.select_one("meta[name=citation_publication_date]")["content"] == "2023/11/05"


def test_feed_without_git_dates_by_year(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the path
    assert commit_dates.last_changed(ROOT / "projects", [ROOT / "projects/old.md"]) == {}
