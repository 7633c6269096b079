"""The real site in docs/, built once per session (site_dir), checked against the facts."""

from __future__ import annotations

from pathlib import Path

import pytest
import Stemmer
import yaml
from bs4 import BeautifulSoup
from PIL import Image
from sphinx.search.en import SearchEnglish

REPO = Path(__file__).parent.parent
FACTS = REPO.parent / "shared" / "data" / "projects.yaml"


def page(site_dir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / name).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def facts() -> dict:
    if not FACTS.exists():
        pytest.skip(f"{FACTS} is not on this machine: the facts cross-check runs in CI")
    return yaml.safe_load(FACTS.read_text(encoding="utf-8"))


def test_sphinx_stems_the_search_index_with_the_c_stemmer():
    """PyStemmer (a dependency) is the stemmer Sphinx's English search gets: snowballstemmer
    hands it the work, over a hundred times faster than its own Python stemmer."""
    assert isinstance(SearchEnglish({}).stemmer, Stemmer.Stemmer)


def test_home_page(site_dir):
    home = page(site_dir, "index.html")
    assert home.find("h1").contents[0].strip() == "Zhengyang Geng"
    assert "Ph.D. student advised by" in home.select_one("#about-me").get_text()
    avatar = home.select_one("img.pf-avatar")
    assert avatar["alt"] and avatar["src"].endswith(".webp")
    assert (site_dir / avatar["src"]).stat().st_size < 50_000
    assert len(home.select(".pf-card")) == 6
    quote = home.select_one("blockquote")
    assert "anneal down life" in quote.get_text()
    assert quote.select_one("a")["href"].startswith("https://twitter.com/ZhengyangGeng/status/")
    assert not home.select("script[src*='twitter'], script[src*='x.com']")


def test_research_cites_projects_and_they_link_back(site_dir):
    research = page(site_dir, "research.html")
    cited = {a["href"] for a in research.select("article a.reference.internal")}
    assert len({h for h in cited if h.startswith("projects/")}) == 12
    mean_flows = page(site_dir, "projects/mean-flows.html")
    backlinks = mean_flows.select_one(".pf-backlinks a")
    assert (backlinks.get_text(), backlinks["href"]) == ("Research", "../research.html")


def test_projects_grid_groups_years_newest_first(site_dir):
    grid = page(site_dir, "projects/index.html")
    years = [h.contents[0].strip() for h in grid.select("section section > h2")]
    assert years == sorted(years, reverse=True)
    assert len(grid.select(".pf-card")) == 12


def test_404_page_uses_absolute_links(site_dir):
    missing = page(site_dir, "404.html")
    assert all(
        link["href"].startswith(("/", "http", "#"))
        for link in missing.select("link[rel=stylesheet], .bd-header a[href]")
    )


def test_every_project_matches_the_verified_facts(site_dir, facts):
    for project in facts["projects"]:
        html = page(site_dir, f"projects/{project['slug']}.html")
        where = project["slug"]
        assert html.find("h1").contents[0].strip() == project["title"], where
        authors = html.select_one(".pf-header .pf-authors").get_text()
        assert authors == ", ".join(project["authors"]), where
        tldr = html.select_one(".pf-header .pf-tldr").get_text()
        assert tldr == f"TL;DR {project['tldr']}", where
        if project.get("keywords"):
            shown = [k.get_text() for k in html.select(".pf-header .pf-keyword")]
            assert shown[: len(project["keywords"])] == project["keywords"], where
        external = html.select(".pf-header .pf-links a.external")  # the last is Cite (#cite)
        buttons = [(a.get_text(), a["href"]) for a in external]
        expected = [
            (label, link["url"])
            for label, link in project["links"].items()
            if link["status"] != "unverified"
        ]
        assert buttons == expected, where
        for other in html.select(".pf-related"):  # other projects' cards carry their own links
            other.decompose()
        text = str(html)
        for link in project["links"].values():
            if link["status"] == "unverified":
                candidate = (link.get("best_candidate") or {}).get("url")
                assert not candidate or candidate not in text, where
            if link["homepage_href"] != link["url"] and link["status"].endswith("wrong-target"):
                assert f'href="{link["homepage_href"]}"' not in text, where
        if project.get("venue"):
            assert html.select_one(".pf-header .pf-venue").get_text() == project["venue"]["short"]
        assert str(project["year"]) in html.select_one(".pf-header .pf-facts").get_text(), where


def test_every_page_shows_a_card_of_its_own(site_dir):
    """Every page of the real site links a preview card that exists, fits social sites'
    1200x630 and 100 KB, and is named for what it shows; the two logos get image cards."""
    base = "https://gsunshine.github.io/"
    pages = [p for p in site_dir.rglob("*.html") if "_static" not in p.parts]
    cards = {}
    for path in pages:
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        (tag,) = head.select("meta[property='og:image']")
        card = site_dir / tag["content"].removeprefix(base)
        assert card.stat().st_size < 100_000, path
        with Image.open(card) as image:
            assert image.size == (1200, 630), path
        cards[str(path.relative_to(site_dir))] = card.name
    projects = [name for name in cards if name.startswith("projects/") and "index" not in name]
    assert len(projects) == 12 and len({cards[p] for p in projects}) == 12
    # A project's logo is drawn in the card's left part: its middle looks alike.
    for slug in ("torchdeq", "medusa"):
        with Image.open(site_dir / "_images/previews" / cards[f"projects/{slug}.html"]) as card:
            drawn = card.convert("RGB").crop((180, 215, 380, 415)).resize((1, 1), Image.BOX)
        with Image.open(REPO / f"docs/projects/img/{slug}-logo.webp") as logo:
            w, h = logo.size
            side = 200 * max(w, h) / 464  # the logo fills 464 pixels of the card
            box = (w / 2 - side / 2, h / 2 - side / 2, w / 2 + side / 2, h / 2 + side / 2)
            logo = logo.convert("RGBA")
            shown = Image.alpha_composite(Image.new("RGBA", logo.size, "white"), logo)
            source = shown.convert("RGB").crop(box).resize((1, 1), Image.BOX)
        pixels = drawn.getpixel((0, 0)), source.getpixel((0, 0))
        assert max(abs(a - b) for a, b in zip(*pixels, strict=True)) < 30, (slug, pixels)
    assert not (site_dir / "_static/webpack-macros.html").exists()


PEOPLE = REPO / "docs" / "people.yaml"


def test_people_registry_holds_only_facts(facts):
    """Every homepage in people.yaml is one the home page links for that person; no ORCID
    iD (none is known); the owner's affiliation is the verified one."""
    registry = yaml.safe_load(PEOPLE.read_text(encoding="utf-8"))
    person = facts["person"]
    known = {p["name"]: p["url"] for p in person["advisors_and_collaborators"]}
    known[person["name"]] = person["homepage"]["url"]
    for entry in registry:
        names = [entry["name"], *entry.get("spellings", [])]
        assert "orcid" not in entry, entry["name"]
        urls = [known[n] for n in names if n in known]
        assert entry.get("homepage") in urls, entry["name"]
        if entry["name"] == person["name"]:
            assert person["affiliation"].startswith(entry["affiliation"])
        else:
            assert "affiliation" not in entry, entry["name"]


def test_people_linked_and_owner_highlighted_everywhere(site_dir):
    mean_flows = page(site_dir, "projects/mean-flows.html").select_one(".pf-header")
    assert [(a.get_text(), a["href"]) for a in mean_flows.select("a.pf-person")] == [
        ("J. Zico Kolter", "https://zicokolter.com/"),
        ("Kaiming He", "https://people.csail.mit.edu/kaiming/"),
    ]
    for name, selector in [
        ("index.html", ".pf-card .pf-authors"),
        ("projects/index.html", ".pf-card .pf-authors"),
        ("publications.html", ".pf-publication"),
    ]:
        for authors in page(site_dir, name).select(selector):
            assert [s.get_text() for s in authors.select("strong.pf-owner")] == ["Zhengyang Geng"]
    people = page(site_dir, "people.html")
    rows = {dt.contents[0].get_text(): dt for dt in people.select("dl.pf-people dt")}
    assert "Zhengyang Geng" not in rows
    assert rows["J. Zico Kolter"].a["href"] == "https://zicokolter.com/"
    assert rows["J. Zico Kolter"].select_one(".pf-count").get_text() == " (6 projects)"


def test_three_formatted_citations_follow_their_styles(site_dir):
    def cite(slug: str, style: str) -> str:
        html = page(site_dir, f"projects/{slug}.html")
        return html.select_one(f".pf-citation-{style} pre").get_text()

    # APA journal article: authors as Family, initials with "&"; (year); volume; pages.
    assert cite("equilibrium-image-denoising", "apa") == (
        "Chen, Q., Wang, Y., Geng, Z., Wang, Y., Yang, J., & Lin, Z. (2023). Equilibrium Image "
        "Denoising With Implicit Differentiation. IEEE Transactions on Image Processing, 32, "
        "1868\u20131881."
    )
    # IEEE conference paper: initials first, quoted title, "in" the proceedings, pp.
    assert cite("sga-line-art-colorization", "ieee").startswith(
        "Z. Li, Z. Geng, Z. Kang, W. Chen, and Y. Yang, \u201cEliminating Gradient Conflict in "
        "Reference-based Line-Art Colorization\u201d, in European Conference on Computer "
        "Vision, Springer, 2022, pp. 579\u2013596."
    )
    # APA software: [Computer software], publisher, repository URL.
    assert cite("torchdeq", "apa") == (
        "Geng, Z., & Kolter, J. Z. (2023). TorchDEQ: A Library for Deep Equilibrium Models "
        "[Computer software]. GitHub. https://github.com/locuslab/torchdeq"
    )
