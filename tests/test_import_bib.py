"""``portfolio import-bib`` on a Google-Scholar-style export with the hard cases."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from portfolio import frontmatter, latex, schema
from portfolio.cli import main

BIB = Path(__file__).parent / "bibtex" / "scholar.bib"
ROOTS = Path(__file__).parent / "roots"
EXISTING = {
    "deq-flow.md": "Deep Equilibrium Optical Flow Estimation",
    "medusa.md": "Medusa",
}
WRITTEN = {
    "is-attention-better-than-matrix-decomposition.md": ("geng2021attention", 7),
    "uber-formal-unentscheidbare-satze-der-principia-mathematica.md": ("godel2020", 14),
    "bert-pre-training-of-deep-bidirectional-transformers-for.md": ("devlin2018bert", 30),
    "visualizing-data-using-t-sne-a-α-β-study-100-more.md": ("maaten2008", 37),  # noqa: RUF001
    "深度均衡模型的隐式微分.md": ("zhang2023", 59),
    "medusa-2.md": ("medusa2024accent", 66),  # medusa.md exists: never overwritten
    "script-alert-1-script-and-quotes-yes.md": ("hostile", 73),
}


def existing_site(srcdir: Path) -> Path:
    """Two project pages already there; the import must skip or step around them."""
    projects = srcdir / "projects"
    for name, title in EXISTING.items():
        (projects / name).write_text(
            f"---\ntitle: {title}\nauthors: [Ada Lovelace]\nyear: 2022\ntldr: Already here.\n---\n",
            encoding="utf-8",
        )
    return projects


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    shutil.copytree(ROOTS / "test-authoring", tmp_path / "site")
    return existing_site(tmp_path / "site")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def meta_of(path: Path) -> schema.ProjectMeta:
    meta, problems = schema.validate(frontmatter.read(path))
    assert problems == []
    assert meta is not None
    return meta


def test_import_writes_reports_and_skips(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {p.name: p.read_bytes() for p in projects.iterdir()}
    status, out, err = run(capsys, "import-bib", BIB, "--dir", projects)
    assert status == 1  # some entries were incomplete
    wrote = [line for line in out.splitlines() if line.startswith("wrote ")]
    assert wrote == [
        f"wrote {projects / name} (entry {key!r}, line {line})"
        for name, (key, line) in WRITTEN.items()
    ]
    assert "  note: Paper link left out: expected an http(s) URL, got 'javascript:alert(1)'" in out
    assert err.splitlines() == [
        f"{BIB}:45: entry 'bai2022deqflow': skipped: same title as {projects / 'deq-flow.md'}",
        f"{BIB}:52: entry 'geng2021attentioniclr': skipped: same title as entry "
        "'geng2021attention' (line 7)",
        f"{BIB}:80: entry 'noyear': skipped: no year (a page needs all three)",
        f"{BIB}:85: entry 'noauthor': skipped: no author (a page needs all three)",
        f"{BIB}:90: entry 'notitle': skipped: no title (a page needs all three)",
        f"{BIB}:96: entry 'tooold': skipped: year: expected a year from 1950 to "
        f"{schema.latest_year()}, got 1936",
        "wrote 7 page(s); skipped 2 duplicate(s) and 4 incomplete or invalid entr(ies)",
    ]
    assert {p.name for p in projects.iterdir()} == set(before) | set(WRITTEN)
    for name, raw in before.items():
        assert (projects / name).read_bytes() == raw


def test_hard_cases(projects: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import-bib", BIB, "--dir", projects)
    godel = meta_of(projects / "uber-formal-unentscheidbare-satze-der-principia-mathematica.md")
    assert godel.title == "Über formal unentscheidbare Sätze der Principia Mathematica"
    assert [a.name for a in godel.authors] == [
        "Kurt Gödel",
        "Jérôme Müller",
        "Aleš Škoda",
        "Gaël François",
        "et al.",  # `and others`
    ]
    assert godel.venue == schema.Venue(
        "NeurIPS", "Advances in Neural Information Processing Systems 33"
    )
    assert godel.tldr == "We show that any consistent system has limits."  # from the abstract
    assert godel.keywords == ("Logic", "Incompleteness")
    assert godel.links == (
        ("PDF", "https://example.org/paper.pdf"),
        ("arXiv", "https://arxiv.org/abs/2001.00001"),
        ("DOI", "https://doi.org/10.1000/xyz%3C123%3E"),
    )
    # the entry is kept, @string macros expanded, the abstract left out
    assert godel.bibtex.startswith('@article{godel2020,\n  title         = {{\\"U}ber')
    assert "journal       = {Advances in Neural Information Processing Systems 33}," in godel.bibtex
    assert "others}" in godel.bibtex and "abstract" not in godel.bibtex

    bert = meta_of(projects / "bert-pre-training-of-deep-bidirectional-transformers-for.md")
    assert bert.title.startswith("BERT: Pre-training")  # protective braces removed
    assert bert.venue == schema.Venue("arXiv", "arXiv preprint arXiv:1810.04805")
    assert bert.links == (("arXiv", "https://arxiv.org/abs/1810.04805"),)
    assert bert.tldr == bert.title  # a stand-in, marked for the author:
    assert "# TODO: tldr is a copy of the title" in (
        projects / "bert-pre-training-of-deep-bidirectional-transformers-for.md"
    ).read_text(encoding="utf-8")

    tsne = meta_of(projects / "visualizing-data-using-t-sne-a-α-β-study-100-more.md")  # noqa: RUF001
    assert tsne.title == "Visualizing Data using t-SNE: a α–β Study & 100% More"  # noqa: RUF001
    assert [a.name for a in tsne.authors] == [
        "Laurens van der Maaten",
        "OpenAI",
        "Geoffrey Hinton Jr.",
    ]
    assert tsne.venue == schema.Venue(
        "MLW", "Proceedings of the 25th Machine Learning Workshop (MLW)"
    )
    assert tsne.links == (("arXiv", "https://arxiv.org/abs/0801.00001v2"),)

    chinese = meta_of(projects / "深度均衡模型的隐式微分.md")
    assert (chinese.title, [a.name for a in chinese.authors]) == (
        "深度均衡模型的隐式微分",
        ["张三", "李四"],
    )

    medusa = meta_of(projects / "medusa-2.md")
    assert (medusa.title, medusa.year) == ("Médusa", 2024)  # year from a biblatex `date`
    assert medusa.links == (("Code", "https://github.com/FasterDecoding/Medusa"),)

    hostile = meta_of(projects / "script-alert-1-script-and-quotes-yes.md")
    assert hostile.title == '<script>alert(1)</script> and "quotes": yes'
    assert [a.name for a in hostile.authors] == ["Dara O'Brien", "No Yes"]
    assert hostile.links == ()


def test_reimport_skips_everything(projects: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "import-bib", BIB, "--dir", projects)
    files = {p.name: p.read_bytes() for p in projects.iterdir()}
    status, out, err = run(capsys, "import-bib", BIB, "--dir", projects)
    assert status == 1  # the incomplete entries are still reported
    assert out == ""
    assert err.count("skipped: same title as") == 9
    assert {p.name: p.read_bytes() for p in projects.iterdir()} == files


def test_dry_run_writes_nothing(projects: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in projects.iterdir())
    status, out, _ = run(capsys, "import-bib", BIB, "--dir", projects, "--dry-run")
    assert status == 1
    assert sorted(p.name for p in projects.iterdir()) == before
    assert out.count("would write ") == 7
    page = f"would write {projects / 'medusa-2.md'} (entry 'medusa2024accent', line 66):\n"
    assert page + "---\ntitle: Médusa\n" in out


@pytest.mark.sphinx("html", testroot="authoring", freshenv=True)
def test_imported_pages_build_without_warnings(app, capsys: pytest.CaptureFixture[str]) -> None:
    projects = existing_site(Path(app.srcdir))
    assert main(["import-bib", str(BIB), "--dir", str(projects)]) == 1
    app.build()
    assert strip_escape_sequences(app.warning.getvalue()) == ""
    html = (Path(app.outdir) / "projects" / "script-alert-1-script-and-quotes-yes.html").read_text(
        encoding="utf-8"
    )
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "@article{a,\n  title={Ok},\n  year={2020}\n}\n\n@article{b,\n  title={Broken,\n"
            "  year={2020}\n}\n\n@article{c, title={C}, author={X}, year=2020}\n",
            "{bib}:11: malformed BibTeX: '}' expected (in entry 'c' from line 11: check its "
            "braces, quotes and commas)",
        ),
        (
            "@article{a,\n  title={A},\n  author={X}\n  year={2020}\n}\n",
            "{bib}:4: malformed BibTeX: '}' expected (in entry 'a' from line 1: check its braces, "
            "quotes and commas)",
        ),
        (
            "@article{a, title={A}, author={X}, year=2020}\n"
            "@article{a, title={B}, author={Y}, year=2021}\n",
            "{bib}:2: malformed BibTeX: entry key 'a' is used twice; keys must be unique",
        ),
        (
            "@article{a, title={A}, journal=undefinedmacro, author={X}, year=2020}\n",
            "{bib}:1: malformed BibTeX: undefined string in line 1: undefinedmacro",
        ),
        ("just some text\n", "{bib}:1: no BibTeX entries found (expected '@article{key, ...}')"),
        (
            b"@article{a, title={Caf\xe9}, author={X}, year=2020}\n",
            "{bib}:1: expected UTF-8 text, got the byte 0xe9 (offset 22), which is not UTF-8; "
            "save the file as UTF-8",
        ),
    ],
)
def test_malformed_files_name_the_line(
    projects: Path, capsys: pytest.CaptureFixture[str], text: str | bytes, message: str
) -> None:
    bib = projects.parent / "refs.bib"
    if isinstance(text, bytes):
        bib.write_bytes(text)
    else:
        bib.write_text(text, encoding="utf-8")
    before = sorted(p.name for p in projects.iterdir())
    status, out, err = run(capsys, "import-bib", bib, "--dir", projects)
    assert (status, out) == (1, "")
    assert err == f"portfolio: error: {message.replace('{bib}', str(bib))}\n"
    assert sorted(p.name for p in projects.iterdir()) == before


def test_missing_file_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "projects").mkdir()
    status, _, err = run(
        capsys, "import-bib", tmp_path / "none.bib", "--dir", tmp_path / "projects"
    )
    assert status == 1
    missing = f"{tmp_path / 'none.bib'}: cannot read the file: No such file or directory"
    assert err == f"portfolio: error: {missing}\n"
    status, _, err = run(capsys, "import-bib", BIB, "--dir", tmp_path / "nope")
    assert status == 2
    assert "no such folder" in err


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (r"{\"U}ber {BERT} S{\"a}tze", "Über BERT Sätze"),
        (
            r"Na\"{\i}ve \'{e}cole G\"odel {\v{S}}koda Ale{\v s} \c{c}a \ss{} {\o}",
            "Naïve école Gödel Škoda Aleš ça ß ø",
        ),
        (
            r"\textit{Deep} \emph{Equilibrium} {\bf Models} \LaTeX\ and \TeX{}",
            "Deep Equilibrium Models LaTeX and TeX",
        ),
        (
            r"A \& B, 100\% or 50%, \$5, \{set\}, a--b---c, a~b",
            "A & B, 100% or 50%, $5, {set}, a–b—c, a b",  # noqa: RUF001
        ),
        (r"$\alpha$-divergence and $t$-SNE", "α-divergence and t-SNE"),  # noqa: RUF001
        (r"``quoted'' \href{https://x.org}{Link}", "“quoted” Link"),
        ("深度 {学习}\n   spans lines", "深度 学习 spans lines"),
    ],
)
def test_latex_to_text(value: str, text: str) -> None:
    assert latex.to_text(value) == text
