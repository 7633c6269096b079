"""``portfolio init``: a new owner's complete site, built with -W, and never a file overwritten."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portfolio.cli import main, newsite
from portfolio.cli.check import check_site

DOCS = Path(__file__).parent.parent / "docs"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.fixture(scope="module")
def ada(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site written by ``portfolio init`` for Ada Lovelace, and built as ``make html`` does."""
    site = tmp_path_factory.mktemp("init") / "ada"
    links = ["--link", "GitHub=https://github.com/ada", "--link", "Email=mailto:ada@example.org"]
    assert main(["init", str(site), "--name", "Ada Lovelace", "--yes", *links]) == 0
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q"]
    docs, out = site / "docs", site / "docs" / "_build" / "html"
    proc = subprocess.run([*command, docs, out], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stderr) == (0, ""), proc.stdout + proc.stderr
    return site


def page(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / "docs/_build/html" / name).read_text("utf-8"), "html.parser")


def test_init_writes_every_file_a_site_needs(ada: Path) -> None:
    written = {p.relative_to(ada).as_posix() for p in ada.rglob("*") if p.is_file()}
    expected = {*newsite.FILES, newsite.AVATAR, newsite.FAVICON}
    assert expected <= written
    readthedocs = (ada / ".readthedocs.yaml").read_text("utf-8")
    assert "fail_on_warning: true" in readthedocs
    assert "requirements: requirements.txt" in readthedocs
    assert newsite.DISTRIBUTION in (ada / "requirements.txt").read_text("utf-8")
    assert {".venv/", "docs/_build/"} <= set((ada / ".gitignore").read_text("utf-8").split())


def test_the_example_page_passes_check(ada: Path) -> None:
    assert check_site(ada / "docs", "projects") == []


def test_the_new_site_has_the_owner_the_example_and_the_theme(ada: Path) -> None:
    home = page(ada, "index.html")
    assert home.title.get_text(strip=True) == "Ada Lovelace"
    assert home.find("h1").get_text(strip=True).startswith("Ada Lovelace")
    card = home.select_one(".pf-card")
    assert card is not None and "Example Project" in card.get_text()
    assert card.select_one(".pf-owner").get_text(strip=True) == "Ada Lovelace"
    # The portfolio theme: its stylesheet, inline SVG icons for the links, no FontAwesome.
    hrefs = [link["href"] for link in home.select('link[rel="stylesheet"]')]
    assert any("portfolio-theme.css" in href for href in hrefs)
    assert not any("fontawesome" in href for href in hrefs)
    icons = {
        a["title"]: a.select_one("svg.pf-icon use")["href"]
        for a in home.select(".navbar-icon-links a")
    }
    assert icons == {"GitHub": "#pf-icon-github", "Email": "#pf-icon-envelope"}
    # Dark mode: the colour mode is set before the first paint, and a switcher is there.
    assert "prefers-color-scheme: dark" in home.find("script").string
    assert home.select(".theme-switch-button")
    assert home.select_one(".bd-footer .copyright").get_text(strip=True).endswith("Ada Lovelace")


def test_the_example_project_page_is_marked_as_an_example(ada: Path) -> None:
    project = page(ada, "projects/example-project.html")
    assert project.find("h1").find(string=True).strip() == "Example Project"
    assert "example" in project.select_one("article").get_text().lower()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    mine = site / "docs" / "index.md"
    mine.write_text("# My own page\n", encoding="utf-8")
    status, _, err = run(capsys, "init", site, "--name", "Ada Lovelace", "--yes")
    assert status == 1
    assert str(mine) in err and "nothing was written" in err
    assert mine.read_text(encoding="utf-8") == "# My own page\n"
    assert sorted(p.name for p in site.rglob("*")) == ["docs", "index.md"]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--yes"], "give --name"),
        (["--name", "Ada\x1b[2JLovelace", "--yes"], "--name: contains the control character"),
        (["--name", "Ada\nLovelace", "--yes"], "--name: contains a line break"),
        (["--name", "Ada", "--url", "ada.example.org", "--yes"], "--url: expected the site's"),
        (["--name", "Ada", "--link", "GitHub", "--yes"], "--link GitHub: expected an https://"),
        (["--name", "Ada", "--link", "X=javascript:alert(1)", "--yes"], "--link X: expected"),
    ],
)
def test_init_refuses_bad_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    status, _, err = run(capsys, "init", tmp_path / "site", *flags)
    assert status == 2
    assert message in err
    assert "\x1b" not in err
    assert not (tmp_path / "site").exists()


def test_init_asks_for_what_the_flags_leave_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(
        ["Grace Hopper", "", "https://grace.example.org/", "GitHub=https://github.com/g", ""]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    status, _, _ = run(capsys, "init", tmp_path / "site")
    assert status == 0
    conf = conf_values(tmp_path / "site" / "docs" / "conf.py")
    assert conf["portfolio_owner"] == "Grace Hopper"
    assert conf["html_theme_options"]["icon_links"][0]["icon"] == "fa-brands fa-github"
    assert "https://grace.example.org/" in (tmp_path / "site/docs/conf.py").read_text("utf-8")


def test_quotes_and_accents_stay_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = 'Zoë "Z" O\'Brien'
    status, _, _ = run(capsys, "init", tmp_path / "s", "--name", name, "--yes")
    assert status == 0
    assert conf_values(tmp_path / "s/docs/conf.py")["portfolio_owner"] == name
    assert check_site(tmp_path / "s/docs", "projects") == []


def conf_values(path: Path) -> dict[str, object]:
    """The plain assignments of a ``conf.py``, as values (read, not run)."""
    values = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                values[node.targets[0].id] = ast.unparse(node.value)
    return values


def test_this_site_is_what_init_writes_plus_the_owners_content() -> None:
    """docs/conf.py is init's, with this owner's facts (compared as code, not formatting)."""
    conf = conf_values(DOCS / "conf.py")
    links = tuple((link["name"], link["url"]) for link in conf["html_theme_options"]["icon_links"])
    owner = newsite.Owner(
        name=conf["portfolio_owner"],
        description=conf["portfolio_description"],
        # html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", <the owner's URL>)
        url=ast.literal_eval(ast.parse(conf["html_baseurl"]).body[0].value.args[1]),
        links=links,
        since=int(conf["copyright"].split("\N{EN DASH}")[0]),
    )
    files = newsite.render(owner, 2026, favicon=conf["html_favicon"])
    ours = ast.parse((DOCS / "conf.py").read_text(encoding="utf-8"))
    theirs = ast.parse(files["docs/conf.py"])
    assert ast.dump(ours) == ast.dump(theirs)
    for name in ("publications.md", "people.md", "404.md", "projects/index.md"):
        assert (DOCS / name).read_text(encoding="utf-8") == files[f"docs/{name}"], name


def test_the_makefile_builds_with_warnings_as_errors(ada: Path) -> None:
    dry = subprocess.run(
        ["make", "-n", "html"], cwd=ada, capture_output=True, text=True, check=True
    )
    assert "sphinx-build -b html -W --keep-going" in dry.stdout
    assert "pip install --quiet -r requirements.txt" in dry.stdout
    for target in ("livehtml", "check", "clean"):
        subprocess.run(["make", "-n", target], cwd=ada, capture_output=True, check=True)
