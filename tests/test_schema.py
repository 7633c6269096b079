"""The no-Sphinx front-matter parser and validator: lines, messages, hints."""

from __future__ import annotations

import pytest

from portfolio.model import frontmatter, schema
from portfolio.model.frontmatter import FrontMatterError, Problem

GOOD = """---
title: The Analytical Engine
authors:
  - Charles Babbage*
  - Ada Lovelace*
year: 2020
venue:
  short: SMJ
  full: Scientific Memoirs
tldr: A general-purpose machine.
keywords: [Computing, 计算]
links:
  Paper: https://example.org/notes.pdf
  Code: HTTPS://example.org/code
selected: true
orphan: true
---

Body.
"""


def validate(text: str) -> tuple[schema.ProjectMeta | None, list[Problem]]:
    return schema.validate(frontmatter.parse(text))


def page(**fields: str) -> str:
    """A valid page with some fields replaced (value ``None`` removes the field)."""
    base = {"title": "T", "authors": "[A]", "year": "2020", "tldr": "Short."}
    base.update(fields)
    lines = [f"{k}: {v}" if v != "" else f"{k}:" for k, v in base.items() if v is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def test_a_good_page() -> None:
    meta, problems = validate(GOOD)
    assert problems == []
    assert meta == schema.ProjectMeta(
        title="The Analytical Engine",
        authors=(schema.Author("Charles Babbage", True), schema.Author("Ada Lovelace", True)),
        year=2020,
        tldr="A general-purpose machine.",
        venue=schema.Venue("SMJ", "Scientific Memoirs"),
        keywords=("Computing", "计算"),
        links=(("Paper", "https://example.org/notes.pdf"), ("Code", "HTTPS://example.org/code")),
        selected=True,
    )


def test_lines_of_keys_and_items() -> None:
    fm = frontmatter.parse(GOOD)
    assert fm.line_of("title") == 2
    assert fm.line_of("authors", 1) == 5
    assert fm.line_of("links", "Code") == 14
    assert fm.line_of("missing") == 1
    assert fm.end == 18


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"\xef\xbb\xbf---\r\na: 1\r\n", "---\na: 1\n"),
        (b"---\ra: 1\r", "---\na: 1\n"),
        ("---\ntitle: 中文\n".encode(), "---\ntitle: 中文\n"),
    ],
)
def test_decode(raw: bytes, text: str) -> None:
    assert frontmatter.decode(raw) == text


def test_decode_names_the_line_of_a_bad_byte() -> None:
    with pytest.raises(FrontMatterError) as info:
        frontmatter.decode(b"---\ntitle: ok\nauthor: Caf\xe9\n")
    assert info.value.problem == Problem(
        3,
        "front matter",
        "expected UTF-8 text, got the byte 0xe9 (offset 25), which is not UTF-8; "
        "save the file as UTF-8",
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "expected a '---' block with title, authors, year and tldr, got an empty file"),
        (
            "  \n\n",
            1,
            "expected a '---' block with title, authors, year and tldr, got an empty file",
        ),
        ("title: x\n", 1, "expected the file to start with a '---' line, got 'title: x'"),
        (
            "---\ntitle: x\n",
            1,
            "expected a closing '---' line after the last field, got the end of the file",
        ),
        ("---\n- a\n---\n", 2, "expected 'field: value' lines, got a list"),
        ("---\njust text\n---\n", 2, "expected 'field: value' lines, got str 'just text'"),
        (
            "---\ntitle: x\nyear 2020\ntldr: y\n---\n",
            3,
            "invalid YAML: could not find expected ':' in 'year 2020'; "
            "each line needs 'field: value'",
        ),
        (
            "---\ntitle: x\nkeywords: [a, b\n---\n",
            3,
            "invalid YAML: expected ',' or ']', but got '<stream end>' in 'keywords: [a, b'; "
            "close the '[' list with ']'",
        ),
        (
            "---\ntitle: @handle\n---\n",
            2,
            "invalid YAML: found character '@' that cannot start any token in 'title: @handle'; "
            "a value starting with @, ` or % must be put in quotes",
        ),
    ],
)
def test_unreadable_front_matter(text: str, line: int, message: str) -> None:
    with pytest.raises(FrontMatterError) as info:
        frontmatter.parse(text)
    assert info.value.problem == Problem(line, "front matter", message)


def test_a_key_twice() -> None:
    with pytest.raises(FrontMatterError) as info:
        frontmatter.parse("---\ntitle: a\nyear: 1\ntitle: b\n---\n")
    assert str(info.value) == "title: appears twice (first on line 2); keep one"
    assert info.value.problem.line == 4


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"year": "twenty"}, "4: year: expected an integer such as 2024, got text 'twenty'"),
        (
            {"year": "'2020'"},
            "4: year: expected an integer such as 2024, got text '2020'; drop the quotes",
        ),
        (
            {"year": "2020-05-01"},
            "4: year: expected an integer such as 2024, got a date 2020-05-01",
        ),
        ({"year": "true"}, "4: year: expected an integer such as 2024, got a boolean True"),
        (
            {"year": "1900"},
            f"4: year: expected a year from 1950 to {schema.latest_year()}, got 1900",
        ),
        ({"authors": "[]"}, "3: authors: expected at least one author, got an empty list"),
        ({"authors": "Ada"}, "3: authors: expected a list ('- item' lines), got text 'Ada'"),
        ({"authors": "[A, 3]"}, "3: authors: item 2: expected text, got an integer 3"),
        ({"title": ""}, "2: title: expected text, got nothing"),
        ({"title": "'  '"}, "2: title: expected text, got an empty value"),
        ({"title": "[a]"}, "2: title: expected text, got a list"),
        ({"title": None}, "1: title: required field is missing; add 'title:' to the front matter"),
        (
            {"tldr": "'" + "x" * 201 + "'"},
            "5: tldr: expected at most 200 characters, got 201; shorten it",
        ),
        ({"keywords": "a, b"}, "6: keywords: expected a list ('- item' lines), got text 'a, b'"),
        (
            {"links": "[https://a.org]"},
            "6: links: expected 'Label: URL' lines, got a list; write each link as 'Label: URL'",
        ),
        (
            {"links": "{Demo: 'javascript:alert(1)'}"},
            "6: links: Demo: expected an http(s) URL, got 'javascript:alert(1)'",
        ),
        (
            {"links": "{Code: 'https://a.org/x y'}"},
            "6: links: Code: expected a full URL such as https://example.org/paper, "
            "got 'https://a.org/x y'",
        ),
        ({"links": "{Code: }"}, "6: links: Code: expected an http(s) URL, got nothing"),
        ({"selected": "'yes'"}, "6: selected: expected true or false, got text 'yes'"),
        ({"venue": "[ICML]"}, "6: venue: expected text or 'short:' and 'full:' lines, got a list"),
        ({"venue": "{short: X, ful: Y}"}, "6: venue: ful: unknown key; did you mean 'full'?"),
        ({"venue": "{full: Y}"}, "6: venue: short: expected text, got nothing"),
        ({"image": "{src: a.png}"}, "6: image: alt: expected text, got nothing"),
        ({"image": "{src: a.png, alt: A, width: 3}"}, "6: image: width: unknown key"),
        ({"keywrods": "[a]"}, "6: keywrods: unknown field; did you mean 'keywords'?"),
        ({"Title": "x"}, "6: Title: unknown field; did you mean 'title'?"),
        ({"summary": "x"}, "6: summary: unknown field; did you mean 'tldr'?"),
        ({"colour": "red"}, "6: colour: unknown field"),
        (
            {"dedication": "x"},
            "6: dedication: not allowed here: docutils prints it in the page; "
            "put the text in the page body",
        ),
        ({"abstract": "[x]"}, "6: abstract: expected text, got a list"),
        (
            {"doi": "10.1109"},
            "6: doi: expected a DOI such as 10.1109/TIP.2023.3255104 (or its https://doi.org/ "
            "URL), got '10.1109'",
        ),
        (
            {"arxiv": "2505.1344x"},
            "6: arxiv: expected an arXiv identifier such as 2505.13447 (or hep-th/9901001), "
            "got '2505.1344x'",
        ),
        (
            {"pdf": "http://example.org/a.pdf"},
            "6: pdf: expected an https URL of the full text, got 'http://example.org/a.pdf'",
        ),
        (
            {"pdf": "javascript:alert(1)"},
            "6: pdf: expected an http(s) URL, got 'javascript:alert(1)'",
        ),
        ({"eprint": "2505.13447"}, "6: eprint: unknown field; did you mean 'arxiv'?"),
    ],
)
def test_one_problem(fields: dict[str, str], expected: str) -> None:
    _, problems = validate(page(**fields))
    assert [f"{p.line}: {p}" for p in problems] == [expected]


def test_optional_fields_left_empty_are_ignored() -> None:
    meta, problems = validate(page(award="", keywords=""))
    assert problems == []
    assert meta is not None and meta.award == "" and meta.keywords == ()


def test_problems_in_line_order_and_meta_only_when_required_fields_are_usable() -> None:
    meta, problems = validate(page(year="twenty", keywrods="[a]", links="[x]"))
    assert meta is None
    assert [p.line for p in problems] == [4, 6, 7]
    meta, problems = validate(page(keywrods="[a]"))
    assert meta is not None and len(problems) == 1


def test_normalise_title() -> None:
    assert schema.normalise_title("Deep  Equilibrium: Models!") == "deep equilibrium models"
    assert schema.normalise_title("ＤＥＱ") == "deq"  # noqa: RUF001 (full width)
    assert schema.normalise_title("深度 均衡") == "深度 均衡"
    assert schema.normalise_title("???") == "???"


def test_duplicates() -> None:
    entries = [
        schema.Entry("projects/a.md", "Deep Equilibrium Models", 2),
        schema.Entry("projects/b.md", "deep equilibrium models.", 3),
        schema.Entry("projects/old/a.md", "Other", 2),
    ]
    assert [(path, f"{p.line}: {p}") for path, p in schema.duplicates(entries)] == [
        ("projects/b.md", "3: title: same title as projects/a.md; titles must be unique"),
        (
            "projects/old/a.md",
            "1: slug: file name 'a' is also used by projects/a.md; rename one file",
        ),
    ]


def test_unknown_project() -> None:
    problem = schema.unknown_project("deq-flo", ["deq-flow", "medusa"], 7)
    assert (problem.line, str(problem)) == (
        7,
        "project reference 'deq-flo': no project page has this slug; did you mean 'deq-flow'?",
    )
    assert str(schema.unknown_project("zzz", ["medusa"])) == (
        "project reference 'zzz': no project page has this slug"
    )


def test_markdown_literal() -> None:
    assert frontmatter.markdown_literal("<b>*x*</b> [a](b)") == r"\<b\>\*x\*\<\/b\> \[a\]\(b\)"
    assert frontmatter.markdown_literal("深度\n学习") == "深度 学习"


#: What MyST is given for a project page whose title is not text: the slug as its title.
MYST_SLUG = "---\n{title: slug, orphan: true, myst: {title_to_header: true}}\n\n---\nbody\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "# slug\n"),
        ("# Plain page\n", None),
        ("---\ntitle: x\n\nbody {project}`a`\n", "# slug\n"),
        ("---\ntitle: [x\n---\nbody\n", "# slug\n\n\nbody\n"),
        ("---\n---\nbody\n", "# slug\n\nbody\n"),
        (
            "---\ntitle: <b>T</b>\nauthors: [A]\norphan: true\n---\nbody\n",
            "---\n{title: \\<b\\>T\\<\\/b\\>, orphan: true, myst: {title_to_header: true}}"
            "\n\n\n---\nbody\n",
        ),
        ("---\ntitle: 3\nyear: 1\n---\nbody\n", MYST_SLUG),
    ],
)
def test_build_source_keeps_every_line(text: str, expected: str | None) -> None:
    result = frontmatter.build_source(text, "slug", schema.SPHINX_KEYS)
    assert result == expected
    if result is not None and text.count("\n") >= result.count("\n") > 1:
        assert result.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12", "2025-12"),
        ("2025-12-02", "2025-12-02"),  # YAML reads it as a date
        ("'2025-12-02'", "2025-12-02"),
        ("2025-13", "date: expected a real month or day, got '2025-13'"),
        ("2024-12", "date: expected a date in 2025, the project's year, got 2024-12"),
        (
            "December 2025",
            "date: expected a year and month such as 2025-12 (or a day: "
            "2025-12-02), got text 'December 2025'",
        ),
    ],
)
def test_date(value: str, expected: str) -> None:
    fm = frontmatter.parse(
        f"---\ntitle: T\nauthors: [A]\nyear: 2025\ntldr: t.\ndate: {value}\n---\n"
    )
    meta, problems = schema.validate(fm)
    if "-" in expected and ":" not in expected:
        assert (meta.date, problems) == (expected, [])
    else:
        assert [str(p) for p in problems] == [expected]
        assert [p.line for p in problems] == [6]


@pytest.mark.parametrize(
    ("fields", "values"),
    [
        ({"arxiv": "2505.13440"}, {"arxiv": "2505.13440"}),  # a number to YAML: trailing 0 kept
        ({"arxiv": "https://arxiv.org/abs/2505.13447v2"}, {"arxiv": "2505.13447v2"}),
        ({"arxiv": "hep-th/9901001"}, {"arxiv": "hep-th/9901001"}),
        ({"doi": "https://doi.org/10.1109/TIP.2023.3255104"}, {"doi": "10.1109/TIP.2023.3255104"}),
        ({"pdf": "https://example.org/a.pdf"}, {"pdf": "https://example.org/a.pdf"}),
        ({"abstract": "|\n  We *study*.\n\n  Engines."}, {"abstract": "We *study*.\n\nEngines."}),
    ],
)
def test_identifier_fields(fields: dict[str, str], values: dict[str, str]) -> None:
    meta, problems = validate(page(**fields))
    assert problems == []
    assert {key: getattr(meta, key) for key in values} == values
