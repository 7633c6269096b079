"""Synthetic portfolios shaped like ``docs/projects/*.md``, for benchmarks and scale tests.

One corpus (:func:`make_projects`) is written in four flavours of the same pages:

``portfolio``
    our extension: project front matter, ``{project-grid}`` listings, ``{project}`` references;
``plain``
    Sphinx + MyST + sphinx-design + the theme, the front matter left in place, no listings,
    ``{doc}`` references;
``ablog``
    the pages as ablog posts (``blogpost: true``, ``date`` and ``tags`` added to the front matter);
``tags``
    the pages tagged for sphinx-tags 0.4 (a ``{tags}`` block; it reads no front matter).

and in one of several shapes (:data:`SHAPES`): who writes the projects, how keywords are shared.

Usage: ``python benchmarks/generate.py DEST -n 100 --flavor portfolio --shape dense``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
from pathlib import Path

FLAVORS = ("portfolio", "plain", "ablog", "tags")
OWNER = "Ada Lovelace"
#: Corpus shapes, each a common kind of portfolio that loads the extension differently.
SHAPES = {
    "mixed": "3-6 authors from ~700 people (the owner among them), 2-5 of 50 keywords, "
    "3 paragraphs",
    "dense": "a lab: the owner on every project, 3-6 of 60 co-authors (each on ~7.5% of the "
    "projects), 2-4 of 30 keywords (each on ~10%), 4 paragraphs",
    "hub": "one keyword on every project, every 50th project by 30 authors, otherwise mixed",
}
#: How many co-authors, and keywords, the dense shape draws from.
DENSE_PEOPLE, DENSE_KEYWORDS = 60, 30
#: The keyword every project of the hub shape has.
HUB_KEYWORD = "Machine Learning"

#: ~50 research keywords; each project draws 2-5.
VOCABULARY = (
    "Deep Equilibrium Models",
    "Optical Flow",
    "Diffusion Models",
    "Consistency Models",
    "Flow Matching",
    "LLM Inference",
    "Speculative Decoding",
    "Attention",
    "Matrix Decomposition",
    "Optimization",
    "Implicit Differentiation",
    "Fixed-Point Iteration",
    "Image Denoising",
    "Image Restoration",
    "Colorization",
    "Self-supervised Learning",
    "Contrastive Learning",
    "Representation Learning",
    "Generative Models",
    "Normalizing Flows",
    "Score Matching",
    "Distillation",
    "One-step Generation",
    "Neural ODEs",
    "Dynamical Systems",
    "Stability",
    "Robustness",
    "Adversarial Training",
    "Transformers",
    "Vision Transformers",
    "Convolutional Networks",
    "Graph Neural Networks",
    "Reinforcement Learning",
    "Meta-learning",
    "Few-shot Learning",
    "Continual Learning",
    "Federated Learning",
    "Sparsity",
    "Quantization",
    "Pruning",
    "Efficient Training",
    "Scaling Laws",
    "Language Models",
    "Multimodal Learning",
    "3D Vision",
    "Video Generation",
    "Segmentation",
    "Object Detection",
    "Theory",
    "Benchmarks",
)
_FIRST_TEXT = (
    "Ada Ana Bo Chen Dara Eli Fei Gil Hana Ivo Jun Kai Lea Mio Nia Omar Pia Quinn Ravi Sana "
    "Tao Uma Vera Wei Xin Yara Zoe"
)
FIRST = tuple(_FIRST_TEXT.split())
_LAST_TEXT = (
    "Bai Cai Dao Evans Fischer Garcia Huang Ito Jensen Kim Lopez Moreau Novak Okafor Patel Qiu "
    "Rossi Sato Tanaka Ueda Varga Wang Xu Yilmaz Zhang"
)
LAST = tuple(_LAST_TEXT.split())
VENUES = (
    ("ICML", "International Conference on Machine Learning"),
    ("ICLR", "International Conference on Learning Representations"),
    ("NeurIPS", "Advances in Neural Information Processing Systems"),
    ("CVPR", "IEEE Conference on Computer Vision and Pattern Recognition"),
    ("ICCV", "IEEE International Conference on Computer Vision"),
    ("ECCV", "European Conference on Computer Vision"),
    ("AAAI", "AAAI Conference on Artificial Intelligence"),
    ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
    ("JMLR", "Journal of Machine Learning Research"),
    ("arXiv", ""),
)
LINK_LABELS = ("Paper", "Code", "Project Page", "Video", "Slides", "Poster", "Blog", "BibTex")
AWARDS = ("Oral", "Spotlight", "Best Paper Award", "top 3%")
_ADJECTIVES_TEXT = (
    "Scalable Fast Robust Implicit Stable Efficient Simple Sparse Adaptive Unified Equilibrium "
    "Continuous Discrete Latent Structured Provable Lightweight Hierarchical Neural Mean"
)
ADJECTIVES = tuple(_ADJECTIVES_TEXT.split())
TASKS = (
    "Image Generation",
    "Optical Flow",
    "Language Modeling",
    "Denoising",
    "Segmentation",
    "Representation Learning",
    "Decoding",
    "Video Prediction",
    "Sampling",
    "Colorization",
    "Reasoning",
    "Control",
)
_WORDS_TEXT = (
    "we study how dynamics shape learning and show that a simple fixed point view explains "
    "training stability sampling speed and the quality of representations across vision and "
    "language tasks our method needs no extra supervision converges in few iterations and "
    "matches strong baselines while using less memory and compute experiments cover "
    "benchmarks ablations and analyses of failure cases the code and trained models are public"
)
WORDS = tuple(_WORDS_TEXT.split())
YEARS = tuple(range(2014, 2026))


@dataclasses.dataclass
class Project:
    """One synthetic project: what its page says."""

    slug: str
    title: str
    authors: list[str]
    year: int
    venue: tuple[str, str]
    award: str
    tldr: str
    keywords: list[str]
    links: list[tuple[str, str]]
    selected: bool
    body: list[str]
    #: slug of an earlier project the body cites, or ""
    cites: str = ""


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(
    rng: random.Random, project_title: str, venue: str, year: int, paragraphs: int = 3
) -> list[str]:
    """Three paragraphs, ~200 words, with a few Markdown links like the real pages; further
    ``paragraphs`` add five sentences each."""
    first = f"{project_title} was published at {venue or 'arXiv'} {year}. " + " ".join(
        _sentence(rng, rng.randint(9, 14)) for _ in range(4)
    )
    second = " ".join(_sentence(rng, rng.randint(9, 14)) for _ in range(5))
    third = (
        "The paper is on [arXiv](https://arxiv.org/abs/2401.00001), and the code is at "
        "[the repository](https://github.com/example/code). "
        + " ".join(_sentence(rng, rng.randint(9, 14)) for _ in range(3))
    )
    more = [
        " ".join(_sentence(rng, rng.randint(9, 14)) for _ in range(5))
        for _ in range(paragraphs - 3)
    ]
    return [first, second, third, *more]


def make_projects(n: int, seed: int = 0, shape: str = "mixed") -> list[Project]:
    """``n`` projects with unique slugs and titles in ``shape`` (one of :data:`SHAPES`);
    deterministic for a given ``seed``."""
    if shape not in SHAPES:
        raise ValueError(f"shape: expected one of {tuple(SHAPES)}, got {shape!r}")
    rng = random.Random(seed)
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    vocabulary = VOCABULARY
    if shape == "dense":
        # Spread over the name grid, so the circle is not all one first name.
        people = people[:: len(people) // DENSE_PEOPLE][:DENSE_PEOPLE]
        vocabulary = VOCABULARY[:DENSE_KEYWORDS]
    projects: list[Project] = []
    titles: set[str] = set()
    for i in range(n):
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(vocabulary)} for {rng.choice(TASKS)}"
        while title in titles:
            title += " II"
        titles.add(title)
        slug = f"p{i:04d}-" + "-".join(title.lower().replace("-", " ").split()[:3])
        if shape == "dense":
            authors = rng.sample(people, rng.randint(3, 6))
            authors.insert(rng.randrange(len(authors) + 1), OWNER)
        elif shape == "hub" and i % 50 == 7:
            authors = rng.sample(people, 30)
            authors[rng.randrange(30)] = OWNER
        else:
            authors = rng.sample(people, rng.randint(3, 6))
            authors[rng.randrange(len(authors))] = OWNER
        if rng.random() < 0.3:
            authors[0] += "*"
            authors[1] += "*"
        venue = rng.choice(VENUES)
        year = rng.choice(YEARS)
        links = [
            (label, f"https://example.org/{slug}/{label.lower().replace(' ', '-')}")
            for label in rng.sample(LINK_LABELS, rng.randint(3, 6))
        ]
        award = rng.choice(AWARDS) if rng.random() < 0.1 else ""
        tldr = _sentence(rng, rng.randint(8, 16))
        if shape == "dense":
            keywords = rng.sample(vocabulary, rng.randint(2, 4))
        else:
            keywords = rng.sample(vocabulary, rng.randint(2, 5))
        if shape == "hub":
            keywords = [HUB_KEYWORD, *keywords[:-1]]
        projects.append(
            Project(
                slug=slug,
                title=title,
                authors=authors,
                year=year,
                venue=venue,
                award=award,
                tldr=tldr,
                keywords=keywords,
                links=links,
                selected=rng.random() < 0.1,
                body=_body(rng, title, venue[0], year, 4 if shape == "dense" else 3),
                cites=projects[rng.randrange(i)].slug if i and rng.random() < 0.3 else "",
            )
        )
    return projects


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _ref(slug: str, flavor: str) -> str:
    return f"{{project}}`{slug}`" if flavor == "portfolio" else f"{{doc}}`/projects/{slug}`"


def project_page(project: Project, flavor: str) -> str:
    """The Markdown source of one project page in ``flavor``."""
    p = project
    fm = [
        "---",
        f"title: {_q(p.title)}",
        "authors:",
        *(f"  - {_q(a)}" for a in p.authors),
        f"year: {p.year}",
    ]
    short, full = p.venue
    if full:
        fm += ["venue:", f"  short: {_q(short)}", f"  full: {_q(full)}"]
    else:
        fm.append(f"venue: {_q(short)}")
    if p.award:
        fm.append(f"award: {_q(p.award)}")
    fm.append(f"tldr: {_q(p.tldr)}")
    fm += ["keywords:", *(f"  - {_q(k)}" for k in p.keywords)]
    fm += ["links:", *(f"  {_q(label)}: {url}" for label, url in p.links)]
    fm.append(f"selected: {'true' if p.selected else 'false'}")
    first_author = p.authors[0].rstrip("*").split()[-1].lower()
    fm += [
        "bibtex: |",
        f"  @inproceedings{{{first_author}{p.year}{p.slug[:5]},",
        f"    title = {{{p.title}}},",
        f"    author = {{{' and '.join(a.rstrip('*') for a in p.authors)}}},",
        f"    booktitle = {{{full or short}}},",
        f"    year = {{{p.year}}}",
        "  }",
    ]
    if flavor == "ablog":
        fm += ["blogpost: true", f"date: {p.year}-06-01", f"tags: {_q(', '.join(p.keywords))}"]
    fm.append("---")
    parts = ["\n".join(fm), ""]
    if flavor == "tags":
        parts += [f"```{{tags}} {', '.join(p.keywords)}", "```", ""]
    body = list(p.body)
    if p.cites:
        body[1] += f" It builds on {_ref(p.cites, flavor)}."
    for paragraph in body:
        parts += [paragraph, ""]
    return "\n".join(parts)


def _conf(flavor: str) -> str:
    extensions = {
        "portfolio": ["portfolio"],
        "plain": ["myst_parser", "sphinx_design"],
        "ablog": ["myst_parser", "sphinx_design", "ablog"],
        "tags": ["myst_parser", "sphinx_design", "sphinx_tags"],
    }[flavor]
    lines = [
        f'"""Synthetic portfolio ({flavor}), written by benchmarks/generate.py."""',
        "",
        'project = "Synthetic Portfolio"',
        f"author = {OWNER!r}",
        f"extensions = {extensions!r}",
        'exclude_patterns = ["_build"]',
        'html_theme = "pydata_sphinx_theme"',
        'html_sidebars = {"**": []}',
        "html_copy_source = False",
        "html_show_sourcelink = False",
        'html_theme_options = {"navbar_align": "left", "secondary_sidebar_items": ["page-toc"],',
        '                      "show_prev_next": False, "footer_start": ["copyright"]}',
    ]
    if flavor == "portfolio":
        lines += [
            f"portfolio_owner = {OWNER!r}",
            'portfolio_description = "A synthetic portfolio."',
        ]
    else:
        # What the portfolio extension sets itself: the front-matter title becomes the H1.
        lines += ["myst_title_to_header = True", 'suppress_warnings = ["myst.topmatter"]']
    if flavor == "ablog":
        lines += [
            'blog_path = "blog"',
            'blog_title = "Projects"',
            'post_date_format = "%Y-%m-%d"',
            "post_auto_image = 0",
        ]
    if flavor == "tags":
        lines += ["tags_create_tags = True", 'tags_extension = ["md"]']
    return "\n".join(lines) + "\n"


def _index(flavor: str) -> str:
    grid = "```{project-grid}\n:selected:\n```\n" if flavor == "portfolio" else ""
    extra = "_tags/tagsindex\n" if flavor == "tags" else ""
    return (
        f"# {OWNER}\n\nA synthetic research portfolio for benchmarks.\n\n"
        f"## Selected projects\n\n{grid}\nSee {{doc}}`all projects <projects/index>`.\n\n"
        "```{toctree}\n:hidden:\n\nresearch\nprojects/index\npublications\npeople\n"
        f"{extra}```\n"
    )


def _projects_index(flavor: str) -> str:
    intro, grid = "All projects, newest first.", ""
    if flavor == "portfolio":
        intro += " Browse them by {portfolio:keywords}`keyword`."
        grid = "```{project-grid}\n:group-by: year\n:filter:\n```\n\n"
    return f"# Projects\n\n{intro}\n\n{grid}```{{toctree}}\n:hidden:\n:glob:\n\n*\n```\n"


def _listing_page(title: str, directive: str, flavor: str) -> str:
    """A page holding one corpus-wide listing (publications, collaborators)."""
    listing = f"```{{{directive}}}\n```\n" if flavor == "portfolio" else ""
    return f"# {title}\n\nEvery project, newest first.\n\n{listing}"


def research_page(projects: list[Project], flavor: str) -> str:
    """A research statement citing every tenth project, like ``docs/research.md``."""
    cited = projects[::10]
    items = "\n".join(f"- {p.title.split(' for ')[-1]}: {_ref(p.slug, flavor)}." for p in cited)
    return f"# Research\n\nThe threads that connect the projects.\n\n{items}\n"


def toctree_parents(projects: list[Project]) -> dict[str, str]:
    """Page -> the page whose toctree lists it (Sphinx rewrites that one with it)."""
    parents = {page: "index" for page in ("research", "projects/index", "publications", "people")}
    parents.update({f"projects/{p.slug}": "projects/index" for p in projects})
    return parents


def write_project(dest: Path, project: Project, flavor: str) -> Path:
    """Write (or overwrite) one project page; returns its path."""
    path = dest / "projects" / f"{project.slug}.md"
    path.write_text(project_page(project, flavor), encoding="utf-8")
    return path


def write_site(dest: Path, projects: list[Project], flavor: str = "portfolio") -> Path:
    """Write a whole source tree in ``flavor`` into ``dest`` (created); returns ``dest``."""
    if flavor not in FLAVORS:
        raise ValueError(f"flavor: expected one of {FLAVORS}, got {flavor!r}")
    (dest / "projects").mkdir(parents=True, exist_ok=True)
    (dest / "conf.py").write_text(_conf(flavor), encoding="utf-8")
    (dest / "index.md").write_text(_index(flavor), encoding="utf-8")
    (dest / "research.md").write_text(research_page(projects, flavor), encoding="utf-8")
    (dest / "projects" / "index.md").write_text(_projects_index(flavor), encoding="utf-8")
    publications = _listing_page("Publications", "publication-list", flavor)
    (dest / "publications.md").write_text(publications, encoding="utf-8")
    people = _listing_page("Collaborators", "coauthor-list", flavor)
    (dest / "people.md").write_text(people, encoding="utf-8")
    for project in projects:
        write_project(dest, project, flavor)
    return dest


def with_body_edit(project: Project, mark: int = 1) -> Project:
    """``project`` with one more sentence in its body (front matter unchanged)."""
    body = [*project.body[:-1], f"{project.body[-1]} Edit number {mark} adds this sentence."]
    return dataclasses.replace(project, body=body)


def with_keyword_edit(project: Project) -> Project:
    """``project`` with its last keyword swapped for the first vocabulary word it lacks."""
    new = next(k for k in VOCABULARY if k not in project.keywords)
    return dataclasses.replace(project, keywords=[*project.keywords[:-1], new])


def with_title_edit(project: Project) -> Project:
    """``project`` with a new (still unique) title."""
    return dataclasses.replace(project, title=f"{project.title}, Revisited")


def generate(
    dest: Path, n: int, flavor: str = "portfolio", seed: int = 0, shape: str = "mixed"
) -> list[Project]:
    """Write a site of ``n`` projects of ``shape`` in ``flavor`` into ``dest``; returns its
    projects."""
    projects = make_projects(n, seed, shape)
    write_site(dest, projects, flavor)
    return projects


def main(argv: list[str] | None = None) -> int:
    """Command line: write one synthetic site."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("-n", type=int, default=100, help="number of projects")
    parser.add_argument("--flavor", choices=FLAVORS, default="portfolio")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", choices=SHAPES, default="mixed")
    args = parser.parse_args(argv)
    generate(args.dest, args.n, args.flavor, args.seed, args.shape)
    print(f"wrote {args.n} {args.shape} projects ({args.flavor}) to {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
