"""``portfolio import-bib`` on a Google-Scholar-style export with the hard cases."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from portfolio.cli import bibimport, main
from portfolio.model import frontmatter, latex, limits, schema

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
    """The facts of a valid page; a stand-in tldr's TODO is reported, but is no error."""
    meta, problems = schema.validate(frontmatter.read(path))
    assert [(p.field, p.subtype) for p in problems] in ([], [("tldr", "unfinished")])
    assert ("# TODO: tldr is a copy" in path.read_text(encoding="utf-8")) == bool(problems)
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
    # identifiers and the abstract become fields of their own
    assert (godel.doi, godel.arxiv, godel.pdf) == (
        "10.1000/xyz<123>",
        "2001.00001",
        "https://example.org/paper.pdf",
    )
    assert godel.abstract == "We show that any consistent system has limits. The rest is long."

    bert = meta_of(projects / "bert-pre-training-of-deep-bidirectional-transformers-for.md")
    assert bert.title.startswith("BERT: Pre-training")  # protective braces removed
    assert bert.venue == schema.Venue("arXiv", "arXiv preprint arXiv:1810.04805")
    assert bert.links == (("arXiv", "https://arxiv.org/abs/1810.04805"),)
    assert (bert.arxiv, bert.doi, bert.pdf, bert.abstract) == ("1810.04805", "", "", "")
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


def _todo_line(page: Path) -> int:
    lines = page.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith("# TODO"))


# A copy of its own: the pages imported must not reach other tests of the `authoring` root.
@pytest.mark.sphinx("html", testroot="authoring", srcdir="authoring-import-bib", freshenv=True)
def test_imported_pages_build_without_warnings(app, capsys: pytest.CaptureFixture[str]) -> None:
    projects = existing_site(Path(app.srcdir))
    assert main(["import-bib", str(BIB), "--dir", str(projects)]) == 1
    app.build()
    # but the TODO on a stand-in tldr, which `portfolio.unfinished` reports until it is done
    todo = sorted(p for p in projects.glob("*.md") if "# TODO" in p.read_text(encoding="utf-8"))
    assert len(todo) == 6
    assert strip_escape_sequences(app.warning.getvalue()).splitlines() == [
        f"{page}:{_todo_line(page)}: WARNING: tldr: still says TODO: finish it, then delete the "
        "TODO [portfolio.unfinished]"
        for page in todo
    ]
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
            "{bib}:6: malformed BibTeX: '}' expected on line 11 (in entry 'b' starting on line 6: "
            "a '{' in it is not closed, or its closing '}' is missing)",
        ),
        (
            "@article{a,\n  title={A},\n  author={X}\n  year={2020}\n}\n",
            "{bib}:1: malformed BibTeX: '}' expected on line 4 (in entry 'a' starting on line 1: "
            "check its braces, quotes and commas)",
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


def refused(capsys: pytest.CaptureFixture[str], bib: Path, projects: Path) -> str:
    """Import ``bib``: exit 1, nothing on stdout, nothing written; the one error line."""
    before = sorted(p.name for p in projects.iterdir())
    status, out, err = run(capsys, "import-bib", bib, "--dir", projects)
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and err.startswith("portfolio: error: ")
    assert sorted(p.name for p in projects.iterdir()) == before
    return err.removeprefix("portfolio: error: ").rstrip("\n")


GOOD = "@article{{{key}, title={{{key}}}, author={{X}}, year=2020}}\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            GOOD.format(key="good1")
            + "\n@article{broken2024,\n  title={Broken title,\n  author={Y},\n  year={2021}\n}\n\n"
            + GOOD.format(key="good2")
            + "\n"
            + GOOD.format(key="good3"),
            "{bib}:3: malformed BibTeX: '}' expected on line 9 (in entry 'broken2024' starting on "
            "line 3: a '{' in it is not closed, or its closing '}' is missing)",
            id="unclosed-brace-then-two-good-entries",
        ),
        pytest.param(
            GOOD.format(key="good1")
            + "\n@article{broken2024,\n  title={Broken title,\n  author={Y},\n  year=2021\n\n"
            + GOOD.format(key="good2")
            + "\n"
            + GOOD.format(key="good3"),
            "{bib}:3: malformed BibTeX: premature end of file (in entry 'broken2024' starting on "
            "line 3: the '{' on line 4 is never closed)",
            id="brace-left-open-swallows-the-next-entry",
        ),
        pytest.param(
            GOOD.format(key="good1")
            + "\n@article{nocomma,\n  title={No Comma},\n  author={Y}\n  year={2021}\n}\n\n"
            + GOOD.format(key="good2"),
            "{bib}:3: malformed BibTeX: '}' expected on line 6 (in entry 'nocomma' starting on "
            "line 3: check its braces, quotes and commas)",
            id="missing-comma-between-fields",
        ),
        pytest.param(
            GOOD.format(key="good1") + "\n@article{last,\n  title={Last,\n  author={Y},\n"
            "  year=2021\n}\n",
            "{bib}:3: malformed BibTeX: premature end of file (in entry 'last' starting on line 3: "
            "a '{' in it is not closed, or its closing '}' is missing)",
            id="broken-last-entry",
        ),
        pytest.param(
            GOOD.format(key="good1") + '\n@article{quoted,\n  title="Last,\n  author={Y},\n'
            "  year=2021\n}\n",
            "{bib}:3: malformed BibTeX: unbalanced braces on line 7 (in entry 'quoted' starting on "
            "line 3: check its braces, quotes and commas)",
            id="unclosed-quote-in-last-entry",
        ),
        pytest.param(
            GOOD.format(key="good1") + "\n@article{, title={No key}, author={Y}, year=2021}\n",
            "{bib}:3: malformed BibTeX: entry key expected (in '@article' starting on line 3: "
            "check its braces, quotes and commas)",
            id="missing-key",
        ),
    ],
)
def test_broken_entry_is_named_with_the_line_it_starts_on(
    projects: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    bib = projects.parent / "refs.bib"
    bib.write_text(text, encoding="utf-8")
    assert refused(capsys, bib, projects) == message.replace("{bib}", str(bib))


# Input that is not a regular .bib file of a sane size is refused before it is read.


def test_folder_is_refused(projects: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = projects.parent / "refs.bib"
    folder.mkdir()
    assert (
        refused(capsys, folder, projects) == f"{folder}: is a folder; give the path of a .bib file"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_fifo_is_refused_without_blocking(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = projects.parent / "refs.bib"
    os.mkfifo(fifo)
    before = sorted(p.name for p in projects.iterdir())
    statuses: list[int] = []
    thread = threading.Thread(
        target=lambda: statuses.append(main(["import-bib", str(fifo), "--dir", str(projects)])),
        daemon=True,
    )
    thread.start()
    thread.join(timeout=10)
    if thread.is_alive():  # blocked opening (or reading) the FIFO: unblock it, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(timeout=10)
        pytest.fail("import-bib blocked on a FIFO")
    out, err = capsys.readouterr()
    assert (statuses, out) == ([1], "")
    assert err == (
        f"portfolio: error: {fifo}: is a FIFO (named pipe), not a regular file; give the path "
        "of a .bib file\n"
    )
    assert sorted(p.name for p in projects.iterdir()) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_device_is_refused(projects: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert refused(capsys, Path("/dev/zero"), projects) == (
        "/dev/zero: is a character device, not a regular file; give the path of a .bib file"
    )


def test_file_over_the_size_limit_is_refused(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bibimport.BIB_MAX_BYTES == 5 * 1024 * 1024
    entry = GOOD.format(key="big").encode()
    bib = projects.parent / "refs.bib"
    bib.write_bytes(entry + b" " * (bibimport.BIB_MAX_BYTES + 1 - len(entry)))
    assert refused(capsys, bib, projects) == (
        f"{bib}: the file has 5,242,881 bytes; import-bib reads at most 5,242,880 bytes: "
        "split it into smaller .bib files"
    )
    with bib.open("r+b") as file:  # one byte less: read and imported
        file.truncate(bibimport.BIB_MAX_BYTES)
    status, out, _ = run(capsys, "import-bib", bib, "--dir", projects)
    assert status == 0
    assert out == f"wrote {projects / 'big.md'} (entry 'big', line 1)\n"


@pytest.mark.skipif(
    not Path("/proc/self/maps").is_file() or Path("/proc/self/maps").stat().st_size,
    reason="needs a file whose size stat does not tell (Linux /proc)",
)
def test_size_limit_holds_when_stat_says_zero(
    projects: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bibimport, "BIB_MAX_BYTES", 64)
    assert refused(capsys, Path("/proc/self/maps"), projects) == (
        "/proc/self/maps: the file has more than 64 bytes; import-bib reads at most 64 bytes: "
        "split it into smaller .bib files"
    )


# `and others` / `et al.` is not a co-author.


def test_and_others_is_et_al_never_a_person(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = Path(__file__).parent / "bibtex" / "others.bib"
    status, out, err = run(capsys, "import-bib", bib, "--dir", projects)
    assert status == 1
    assert out.splitlines() == [
        f"wrote {projects / 'a-cut-author-list.md'} (entry 'cut', line 2)",
        f"wrote {projects / 'others-in-the-middle.md'} (entry 'middle', line 8)",
    ]
    assert f"{bib}:14: entry 'onlyothers': skipped: no author (a page needs all three)" in err
    for name in ("a-cut-author-list.md", "others-in-the-middle.md"):
        meta = meta_of(projects / name)  # the page validates
        assert [(a.name, a.is_person) for a in meta.authors] == [
            ("Ada Lovelace", True),
            ("Charles Babbage", True),
            ("et al.", False),
        ]
    middle = meta_of(projects / "others-in-the-middle.md")
    assert "Lovelace, Ada and others and Babbage, Charles and {et al.}" in middle.bibtex


# Nothing from the file reaches the terminal as an escape sequence or a control character.


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("plain\ttext\nand Gödel 深度", "plain\ttext\nand Gödel 深度"),
        ("a\x1b[2Jb", "ab"),
        ("\x1b[1;31mred\x1b[0m \x1b[?25l", "red "),
        ("a\x9b2Jb", "ab"),  # the 8-bit CSI
        ("a\x1b]0;window title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC ended by ST
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS
        ("a\x1bcb\x1b(B", "ab"),  # ESC and one character
        (
            "bell\x07 nul\x00 del\x7f nel\x85 cr\r",
            "bell\ufffd nul\ufffd del\ufffd nel\ufffd cr\ufffd",
        ),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
        ("escape at the end\x1b", "escape at the end\ufffd"),
        ("\x1b]unterminated\nnext", "unterminated\nnext"),
    ],
)
def test_printable(text: str, clean: str) -> None:
    assert limits.printable(text) == clean
    assert bibimport.one_line(text) == clean.replace("\n", " ").replace("\t", " ")


ESCAPES = (
    "@misc{evil\x1b[2Jkey\x07,\n"
    "  title = {Clear\x1b[2J the \x1b]0;pwned\x07screen\x07},\n"
    "  author = {Lovelace, Ada},\n"
    "  note = {\x9b31mred},\n"
    "  year = 2020\n"
    "}\n"
    "\n"
    "@misc{noyear\x1b[31m,\n"
    "  title = {No year\x1b[0m},\n"
    "  author = {X}\n"
    "}\n"
)
UNPRINTABLE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def test_escape_sequences_in_the_file_are_never_printed(
    projects: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = projects.parent / "refs.bib"
    bib.write_text(ESCAPES, encoding="utf-8")
    status, out, err = run(capsys, "import-bib", bib, "--dir", projects, "--dry-run")
    assert status == 1
    assert not UNPRINTABLE.search(out + err)
    assert f"would write {projects / 'clear-the-screen.md'} (entry 'evilkey\ufffd', line 1):" in out
    assert "title: Clear the screen\ufffd\n" in out
    assert err.splitlines()[:2] == [
        f"{bib}:1: warning: terminal escape sequences or control characters (the first on this "
        "line): left out, or replaced with U+FFFD, in pages and messages",
        f"{bib}:8: entry 'noyear': skipped: no year (a page needs all three)",
    ]

    status, out, err = run(capsys, "import-bib", bib, "--dir", projects)
    assert status == 1
    assert not UNPRINTABLE.search(out + err)
    page = projects / "clear-the-screen.md"
    assert not UNPRINTABLE.search(page.read_text(encoding="utf-8"))
    meta = meta_of(page)
    assert meta.title == "Clear the screen\ufffd"
    assert meta.bibtex.startswith("@misc{evilkey\ufffd,\n")

    bib.write_text(ESCAPES.replace("screen\x07}", "screen"), encoding="utf-8")  # now malformed
    message = refused(capsys, bib, projects)
    assert not UNPRINTABLE.search(message)
    assert "(in entry 'evilkey\ufffd' starting on line 1: " in message

    status, _, err = run(capsys, "import-bib", bib, "--dir", projects.parent / "no\x1b[2Jdir")
    assert status == 2
    assert err.startswith(f"portfolio: error: {projects.parent / 'nodir'}: no such folder")
