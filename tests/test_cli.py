"""``portfolio new`` and ``portfolio check``, called through ``main(argv)``."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from portfolio.cli import main
from portfolio.cli.check import check_site
from portfolio.cli.newpage import slugify
from portfolio.model import frontmatter, schema
from portfolio.model.markdown import references

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the ``test-authoring`` root: conf.py (owner set), index, projects/index."""
    shutil.copytree(ROOTS / "test-authoring", tmp_path / "site")
    return tmp_path / "site"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


# ---------------------------------------------------------------- new


def test_new_writes_a_valid_page(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "new", "Deep Equilibrium Models", "--dir", site / "projects")
    path = site / "projects" / "deep-equilibrium-models.md"
    assert status == 0
    assert (
        out == f"wrote {path}: fill in tldr and the optional fields, then run `portfolio check`\n"
    )
    meta, problems = schema.validate(frontmatter.read(path))
    # Valid, but unfinished until the TL;DR is written.
    assert [(p.field, p.subtype) for p in problems] == [("tldr", "unfinished")]
    assert meta is not None
    assert (meta.title, meta.year) == ("Deep Equilibrium Models", time.localtime().tm_year)
    assert [a.name for a in meta.authors] == ["Zhengyang Geng"]  # portfolio_owner of conf.py


def test_new_template_shows_every_field(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "X", "--dir", site / "projects")
    text = (site / "projects" / "x.md").read_text(encoding="utf-8")
    for field in schema.FIELDS:
        assert re.search(rf"^(# )?{field}:", text, re.M), field
    assert f"at most {schema.TLDR_MAX} characters" in text


def test_new_options(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", 'Medusa: "Heads" <b>', "--slug", "medusa", "--year", "2024"]
    status, _, _ = run(
        capsys,
        *argv,
        "--author",
        "Tianle Cai*",
        "--author",
        "Yuhong Li*",
        "--dir",
        site / "projects",
    )
    assert status == 0
    meta, problems = schema.validate(frontmatter.read(site / "projects" / "medusa.md"))
    assert [p.subtype for p in problems] == ["unfinished"]
    assert meta is not None
    assert meta.title == 'Medusa: "Heads" <b>'
    assert meta.year == 2024
    assert [(a.name, a.equal) for a in meta.authors] == [("Tianle Cai", True), ("Yuhong Li", True)]


def test_new_never_overwrites_without_force(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = site / "projects" / "engine.md"
    page.write_text("mine\n", encoding="utf-8")
    status, out, err = run(capsys, "new", "Engine", "--dir", site / "projects")
    assert (status, out) == (1, "")
    assert err == f"portfolio: error: {page} already exists; pass --force to overwrite it\n"
    assert page.read_text(encoding="utf-8") == "mine\n"
    status, _, _ = run(capsys, "new", "Engine", "--dir", site / "projects", "--force")
    assert status == 0
    assert page.read_text(encoding="utf-8").startswith("---\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["  "], "title: expected text, got an empty value"),
        (["!!!"], "cannot make a file name from the title '!!!'; pass --slug"),
        (
            ["X", "--slug", "a/b"],
            "--slug: expected letters, digits and '-' (such as 'deep-equilibrium'), got 'a/b'",
        ),
        (
            ["X", "--slug", "index"],
            "--slug: 'index' is the projects listing, not a project; choose another slug",
        ),
        (
            ["X", "--year", "1900"],
            f"--year: expected a year from 1950 to {schema.latest_year()}, got 1900",
        ),
    ],
)
def test_new_refuses(
    site: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, "new", *argv, "--dir", site / "projects")
    assert (status, out, err) == (1, "", f"portfolio: error: {message}\n")
    assert sorted(p.name for p in (site / "projects").iterdir()) == ["index.md"]


def test_new_refuses_a_title_another_page_has(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "new", "Deep Equilibrium Models", "--dir", site / "projects")
    status, _, err = run(
        capsys, "new", "deep equilibrium models!", "--slug", "deq", "--dir", site / "projects"
    )
    first = site / "projects" / "deep-equilibrium-models.md"
    assert status == 1
    message = f"{first} already has the title 'deep equilibrium models!'; titles must be unique"
    assert err == f"portfolio: error: {message}\n"


def test_new_needs_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "new", "X", "--dir", tmp_path / "nope")
    assert status == 1
    message = f"{tmp_path / 'nope'}: no such folder; run from the site's root or pass --dir"
    assert err == f"portfolio: error: {message}\n"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Deep Equilibrium Optical Flow Estimation", "deep-equilibrium-optical-flow-estimation"),
        ("Café Éclair: Naïve Œuvre", "cafe-eclair-naive-œuvre"),
        ("深度均衡模型：隐式层", "深度均衡模型-隐式层"),  # noqa: RUF001
        ("TorchDEQ — A Library", "torchdeq-a-library"),
        ("a " + "word " * 30, "a" + "-word" * 11),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert len(slug) <= 60


@pytest.mark.sphinx("html", testroot="authoring", freshenv=True)
def test_new_pages_build_without_warnings(app, capsys: pytest.CaptureFixture[str]) -> None:
    projects = Path(app.srcdir) / "projects"
    for title in ["Deep Equilibrium Models", "深度均衡模型", "<script>alert(1)</script>: a title"]:
        assert main(["new", title, "--dir", str(projects)]) == 0
    for page in projects.glob("*.md"):  # what the owner does next: write the TL;DR
        finish_tldr(page)
    app.build()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    html = (Path(app.outdir) / "projects" / "script-alert-1-script-a-title.html").read_text(
        encoding="utf-8"
    )
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;: a title" in html


# ---------------------------------------------------------------- check


def test_check_reports_a_new_page_unfinished_until_its_tldr_is_written(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "new", "One", "--dir", site / "projects")
    page = site / "projects" / "one.md"
    status, out, err = run(capsys, "check", site)
    assert (status, err) == (1, "1 problem(s) in 1 file(s)\n")
    assert out == f"{page}:12: tldr: still says TODO: finish it, then delete the TODO\n"
    finish_tldr(page)
    assert run(capsys, "check", site) == (0, "", "")


def finish_tldr(page: Path) -> None:
    """Replace the TL;DR placeholder that `portfolio new` writes."""
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r'^tldr: ".*"$', "tldr: Done.", text, flags=re.M), encoding="utf-8")


def test_check_output_format(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "projects" / "a.md").write_text(
        "---\ntitle: A\nauthors: [X]\nyear: 2020\ntldr: t\nyear: 1\n---\n"
    )
    (site / "projects" / "b.md").write_text("---\ntitle: B\nauthors: X\nyear: 2020\ntldr: t\n---\n")
    status, out, err = run(capsys, "check", site)
    assert status == 1
    assert out.splitlines() == [
        f"{site / 'projects' / 'a.md'}:6: year: appears twice (first on line 4); keep one",
        f"{site / 'projects' / 'b.md'}:3: authors: expected a list ('- item' lines), got text 'X'",
    ]
    assert err == "2 problem(s) in 2 file(s)\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["check", "{tmp}/missing"],
            "{tmp}/missing: no such folder; pass the folder holding conf.py",
        ),
        (
            ["check", "{tmp}", "--projects-dir", "work"],
            "{tmp}/work: no such folder; check --projects-dir",
        ),
    ],
)
def test_check_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *(a.format(tmp=tmp_path) for a in argv))
    assert (status, out) == (2, "")
    assert err == f"portfolio: error: {message.format(tmp=tmp_path)}\n"


def test_check_another_projects_folder(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "work").mkdir()
    (site / "work" / "a.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", site, "--projects-dir", "work")
    assert status == 1
    assert out.count("required field is missing") == 3


def test_check_reads_conf_py(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`portfolio_projects_dir` and `exclude_patterns` come from conf.py, which is never run."""
    (tmp_path / "conf.py").write_text(
        'import sys\nportfolio_projects_dir = "work/"\nexclude_patterns = ["drafts", "_build"]\n'
        "sys.exit('conf.py must not be run')\n",
        encoding="utf-8",
    )
    for folder in ("work", "drafts", "_build"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text("---\ntitle: A\n---\nSee {project}`b`.\n")
    status, out, _ = run(capsys, "check", tmp_path)
    assert status == 1
    assert {
        Path(line.split(":")[0]).relative_to(tmp_path).as_posix() for line in out.splitlines()
    } == {"work/a.md"}
    assert out.count("required field is missing") == 3


def test_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().err
    assert main(["--version"]) == 0
    assert main(["check", "--help"]) == 0
    assert "build's rules and messages" in capsys.readouterr().out


def test_references_skip_code_and_bang() -> None:
    text = "A {project}`a` b\n\n```python\n{project}`code`\n```\n\n`{project}`x`` {project}`!no`\n"
    found = [(ref.line, ref.target) for ref in references(text) if ref.kind == "project"]
    assert found == [(1, "a")]
    assert references("no roles here") == []


@pytest.mark.sphinx("html", testroot="bad-refs", freshenv=True)
def test_check_finds_the_references_the_build_warns_about(app) -> None:
    """Roles in lists, tables, quotes, directives, footnotes: same targets, same lines."""
    app.build()
    pattern = re.compile(r"^(.+?):(\d+): WARNING: (.*) \[portfolio\.reference\]$")
    warned = []
    for line in strip_escape_sequences(app.warning.getvalue()).splitlines():
        match = pattern.match(line)
        assert match, line
        warned.append(f"{Path(match[1]).relative_to(app.srcdir)}:{match[2]}: {match[3]}")
    checked = [
        f"{r.path.relative_to(ROOTS / 'test-bad-refs')}:{r.problem.line}: {r.problem}"
        for r in check_site(ROOTS / "test-bad-refs")
    ]
    assert len(warned) == 13
    assert sorted(checked) == sorted(warned)


def test_check_1000_pages(tmp_path: Path) -> None:
    """A large site checks clean (its speed is a figure of `make bench`, not a test)."""
    projects = tmp_path / "docs" / "projects"
    projects.mkdir(parents=True)
    body = "Text with a link to {project}`p0`.\n\n" + "A paragraph of text.\n\n" * 20
    for i in range(1000):
        (projects / f"p{i}.md").write_text(
            f"---\ntitle: Project {i}\nauthors:\n  - Ada Lovelace\n  - Alan Turing*\nyear: 2020\n"
            f"venue:\n  short: ICML\n  full: International Conference on Machine Learning\n"
            f"tldr: Project number {i}.\nkeywords: [A, B, C]\nlinks:\n  Paper: https://example.org/{i}\n"
            f"---\n\n{body}",
            encoding="utf-8",
        )
    assert check_site(tmp_path / "docs") == []


def test_check_reports_a_page_no_toctree_lists(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As Sphinx does (toc.not_included): neither the root, nor orphans, nor projects."""
    (site / "talks").mkdir()
    talk = site / "talks" / "one.md"
    talk.write_text("# A talk\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", site)
    assert (status, out) == (1, f"{talk}:1: toctree: document isn't included in any toctree\n")
    index = site / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8") + "\n```{toctree}\n:glob:\ntalks/*\n```\n", "utf-8"
    )
    assert run(capsys, "check", site) == (0, "", "")
    talk.write_text("---\norphan: true\n---\n# A talk\n", encoding="utf-8")
    index.write_text(index.read_text(encoding="utf-8").replace("talks/*", ""), "utf-8")
    assert run(capsys, "check", site) == (0, "", "")
