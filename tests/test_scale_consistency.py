"""Correctness at scale (issues 6 and 17): generated sites of 40 projects, in the corpus
shapes ``make bench`` measures.

- ``-j 2`` writes byte-identical pages to ``-j 1``;
- a sequence of incremental builds (body, keywords, title, a page deleted, a page added)
  leaves every page identical to a clean build of the final sources.

The sites come from ``benchmarks/generate.py``, the generator ``make bench`` uses: ``mixed``
(many authors, 50 keywords) and ``dense`` (a lab: the owner and a circle of 60 co-authors on
every project, 30 keywords shared widely), where every card, listing and related project
depends on many others.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from sphinx.util.parallel import parallel_available

N = 40
#: Head links to the previous and next page in the toctree; they carry those pages' titles.
REL_LINK = re.compile(r'^\s*<link rel="(prev|next)" .*$', re.MULTILINE)


def _load_generator():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("portfolio_bench_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = _load_generator()


def html_pages(outdir: Path) -> dict[str, str]:
    return {
        path.relative_to(outdir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*.html"))
    }


def differences(expected: dict[str, str], got: dict[str, str], limit: int = 3) -> str:
    """The pages that differ, with a short diff of the first few."""
    names = sorted(p for p in expected.keys() & got.keys() if expected[p] != got[p])
    report = [f"{len(names)} page(s) differ: {names}"]
    for name in names[:limit]:
        diff = difflib.unified_diff(
            expected[name].splitlines(),
            got[name].splitlines(),
            f"clean/{name}",
            f"other/{name}",
            n=1,
            lineterm="",
        )
        report.append("\n".join(list(diff)[:40]))
    if names and all(
        REL_LINK.sub("", expected[name]) == REL_LINK.sub("", got[name]) for name in names
    ):
        report.append(
            "Only <link rel=prev/next> differ: Sphinx does not rewrite a page when the toctree "
            "neighbour it links to is added, removed or renamed."
        )
    return "\n".join(report)


@pytest.fixture(params=["mixed", "dense"])
def shape(request) -> str:
    return request.param


@pytest.fixture
def site(tmp_path, shape) -> tuple[Path, list]:
    src = tmp_path / "src"
    projects = generate.generate(src, N, shape=shape)
    return src, projects


def test_parallel_output_equals_serial(build, tmp_path, site):
    src, _ = site
    serial = build(src, builddir=tmp_path / "serial")
    parallel = build(src, builddir=tmp_path / "parallel", parallel=2)
    # Otherwise Sphinx would have quietly built serially.
    assert parallel_available
    assert parallel.is_parallel_allowed("read")
    assert parallel.is_parallel_allowed("write")

    expected, got = html_pages(Path(serial.outdir)), html_pages(Path(parallel.outdir))
    assert expected.keys() == got.keys()
    assert expected == got, differences(expected, got)
    # Nothing duplicated by merging the workers' data.
    assert len(parallel.env.get_domain("portfolio").projects) == N
    assert got["projects/index.html"].count('class="sd-card ') == N


def test_incremental_edits_equal_a_clean_build(build, tmp_path, site, shape):
    src, projects = site
    builddir = tmp_path / "incremental"
    build(src, builddir=builddir)

    cited_in_bodies = {p.cites for p in projects if p.cites}
    cited = cited_in_bodies | {p.slug for p in projects[::10]}  # research cites every 10th
    # A project cited by the research page and by another project's body.
    titled = next(p for p in projects[::10] if p.slug in cited_in_bodies)
    # A project that cites another one and is cited by none (deleting it changes a backlink).
    deleted = next(p for p in projects if p.cites and p.slug not in cited)
    used = {titled.slug, deleted.slug}
    selected = next(p for p in projects if p.selected and p.slug not in used)
    used.add(selected.slug)
    body = next(p for p in projects if p.slug not in used)
    # Selected (on the home page), citing a project (a new backlink there).
    added = dataclasses.replace(
        generate.make_projects(N + 1, shape=shape)[-1], selected=True, cites=selected.slug
    )

    edits = [
        lambda: generate.write_project(src, generate.with_body_edit(body), "portfolio"),
        lambda: generate.write_project(src, generate.with_keyword_edit(selected), "portfolio"),
        lambda: generate.write_project(src, generate.with_title_edit(titled), "portfolio"),
        lambda: (src / "projects" / f"{deleted.slug}.md").unlink(),
        lambda: generate.write_project(src, added, "portfolio"),
    ]
    for edit in edits:
        edit()
        app = build(src, builddir=builddir)

    clean = build(src, builddir=tmp_path / "clean", freshenv=True)
    expected, got = html_pages(Path(clean.outdir)), html_pages(Path(app.outdir))
    # Sphinx never deletes the output of a removed document; nothing links to it any more.
    assert got.keys() - expected.keys() == {f"projects/{deleted.slug}.html"}
    assert expected.keys() - got.keys() == set()
    got.pop(f"projects/{deleted.slug}.html")
    assert expected == got, differences(expected, got)


def test_renaming_a_section_page_equals_a_clean_build(build, tmp_path, site):
    # Every page shows the title of `projects/index`: in the navigation bar (it is in the
    # root toctree) and, on the project pages, in the breadcrumbs.
    src, _ = site
    builddir = tmp_path / "incremental"
    build(src, builddir=builddir)
    index = src / "projects" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("# Projects", "# All the projects", 1),
        encoding="utf-8",
    )
    app = build(src, builddir=builddir)

    clean = build(src, builddir=tmp_path / "clean", freshenv=True)
    expected, got = html_pages(Path(clean.outdir)), html_pages(Path(app.outdir))
    assert expected.keys() == got.keys()
    assert expected == got, differences(expected, got)
