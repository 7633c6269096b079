"""Site-wide files: sitemap.xml, feed.xml, llms.txt, robots.txt, complete after any build."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

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
