"""``make bench``: synthetic portfolios built by our extension, plain Sphinx, ablog, sphinx-tags.

Every build is a ``python -m sphinx`` subprocess; its wall time comes from the parent and its
peak memory from ``os.wait4`` (the largest resident set of the build and its workers). Each
figure is the median of the repetitions; flavours are interleaved within a repetition, so the
ratios compare builds made under the same machine load. Every corpus shape
(``generate.SHAPES``) is measured apart, with its own ratios, linearity and targets. Writes
``benchmarks/results.json`` and prints Markdown tables, one set per shape.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import generate

HERE = Path(__file__).resolve().parent
WORK = HERE / "_work"
RESULTS = HERE / "results.json"
COMPETITORS = ("ablog", "tags")
#: Shapes the competitors are built in by default (they are slow and only for contrast).
COMPETITOR_SHAPES = ("mixed",)
#: ``--quick``: small sizes, one repetition, no competitors, to iterate on.
QUICK_SIZES, QUICK_REPS = [30, 100], [1]
#: Measured in full (-j auto, body edits, every repetition); the competitors are for contrast.
FULL_FLAVORS = ("portfolio", "plain")
#: Rebuilds of each kind per repetition: each takes about a second, and their medians are
#: the figures most disturbed by a shared machine.
NOCHANGE_RUNS, BODY_EDITS = 3, 2
CHECK_SCRIPT = "import sys\nfrom portfolio.cli import main\nsys.exit(main(sys.argv[1:]))"
LABELS = {
    "cold_j1": "cold build -j 1 (s)",
    "cold_jauto": "cold build -j auto (s)",
    "nochange": "no-change rebuild (s)",
    "body_edit": "rebuild, 1 body edited (s)",
    "keyword_edit": "rebuild, 1 project's keywords edited (s)",
    "check": "`portfolio check` (s)",
    "peak_rss_mb": "peak memory, cold -j 1 (MB)",
    "peak_rss_jauto_mb": "peak memory, cold -j auto (MB)",
    "cold_cards_off": "cold build -j 1, html_baseurl set, cards off (s)",
    "cold_cards_on": "cold build -j 1, html_baseurl set, cards on (s)",
    "cold_cards_on_jauto": "cold build -j auto, html_baseurl set, cards on (s)",
    "cpu_cards_off": "CPU time, cold build -j 1, cards off (s)",
    "cpu_cards_on": "CPU time, cold build -j 1, cards on (s)",
}
#: A published site: with ``html_baseurl`` the feed, sitemap and preview cards are made.
SITE_URL = ["-D", "html_baseurl=https://example.org/"]
CARD_BUILDS = {
    "cold_cards_off": ("1", ["-D", "portfolio_social_cards=0"]),
    "cold_cards_on": ("1", []),
    "cold_cards_on_jauto": ("auto", []),
}
NAMES = {"portfolio": "portfolio", "plain": "plain", "ablog": "ablog", "tags": "sphinx-tags"}


class BuildError(RuntimeError):
    """A build that exited non-zero: the figure is missing."""


class Run(NamedTuple):
    """One process: wall seconds, peak RSS in MB (it or any reaped child), exit code, and
    CPU seconds (user and system), which unlike wall time do not grow when other work
    shares the machine."""

    seconds: float
    peak: float
    code: int
    cpu: float


def run_process(cmd: list[str], log: Path) -> Run:
    """Run ``cmd`` and measure it."""
    with log.open("w", encoding="utf-8") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, code, usage.ru_utime + usage.ru_stime)


def sphinx_build(
    src: Path, out: Path, jobs: str, log: Path, options: list[str] | None = None
) -> Run:
    """One HTML build; its doctrees live beside ``out``."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", jobs, *(options or [])]
    cmd += ["-d", str(out.with_name(out.name + "-doctrees")), str(src), str(out)]
    run = run_process(cmd, log)
    if run.code != 0:
        tail = log.read_text(encoding="utf-8")[-2000:]
        raise BuildError(f"{' '.join(cmd)} exited {run.code}:\n{tail}")
    return run


def clean(out: Path) -> None:
    """Remove a build's output and doctrees."""
    for path in (out, out.with_name(out.name + "-doctrees")):
        shutil.rmtree(path, ignore_errors=True)


def warnings_in(log: Path) -> int:
    """Warnings a build printed."""
    return log.read_text(encoding="utf-8").count("WARNING")


def snapshot(out: Path, slug: str = "") -> dict[str, tuple[int, bytes, bool]]:
    """Each HTML page: its mtime, a content hash, and whether it links the page ``slug``."""
    pages = {}
    needle = f"{slug}.html".encode()
    for path in out.rglob("*.html"):
        data = path.read_bytes()
        page = path.relative_to(out).with_suffix("").as_posix()
        shows = bool(slug) and needle in data
        pages[page] = (path.stat().st_mtime_ns, hashlib.blake2b(data).digest(), shows)
    return pages


def rewritten(
    before: dict[str, tuple[int, bytes, bool]],
    after: dict[str, tuple[int, bytes, bool]],
    documents: set[str],
    project: str = "",
    parents: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Pages written again (mtime changed), split into source documents and generated pages.

    With ``project``: which rewritten documents do not show it (link it). Sphinx itself also
    rewrites the page whose toctree lists a rewritten page (``env.files_to_rebuild``); those
    are counted apart, as ``toctree_parents``.
    """
    written = {p for p, v in after.items() if p not in before or before[p][0] != v[0]}
    changed = {p for p, v in after.items() if p not in before or before[p][1] != v[1]}
    docs = written & documents
    result: dict[str, Any] = {
        "documents": len(docs),
        "document_examples": sorted(docs)[:8],
        "generated": len(written - documents),
        "changed_documents": len(changed & documents),
        "changed_generated": len(changed - documents),
    }
    if project:
        # Pages that link the project before or after the edit, and its own page.
        shows = {p for snap in (before, after) for p, v in snap.items() if v[2]} & documents
        shows.add(project)
        toc = {(parents or {}).get(page) for page in docs} & (docs - shows)
        extra = sorted(docs - shows - toc)
        result.update(
            show_project=len(shows),
            toctree_parents=sorted(toc),
            extra_documents=len(extra),
            extra_examples=extra[:8],
            needed_documents=sorted(changed & documents)[:12],
        )
    return result


def documents_of(projects: list[generate.Project]) -> set[str]:
    """The pages the generator writes (everything else in the output is generated)."""
    pages = {"index", "research", "publications", "people", "projects/index"}
    return pages | {f"projects/{p.slug}" for p in projects}


def check_command(src: Path, log: Path) -> tuple[float | None, str]:
    """Time ``portfolio check`` on ``src``; ``None`` and a reason when it cannot run."""
    # Look for the file without importing the package (and Sphinx) into this process.
    spec = importlib.util.find_spec("portfolio")
    if spec is None or spec.origin is None or not Path(spec.origin).with_name("cli").is_dir():
        return None, "missing: src/portfolio/cli/ does not exist yet"
    seconds, _, code, _ = run_process([sys.executable, "-c", CHECK_SCRIPT, "check", str(src)], log)
    if code not in (0, 1):
        return None, f"error: exit {code}: {log.read_text(encoding='utf-8')[-300:]}"
    return seconds, "ok" if code == 0 else "ok (reported problems)"


def measure_cold(
    flavor: str, n: int, root: Path, raw: dict[str, list[Any]], shape: str
) -> tuple[dict[str, Any], list[generate.Project]]:
    """A fresh source tree for ``flavor`` and its cold ``-j 1`` build."""
    tree = root / flavor
    src, out = tree / "src", tree / "out"
    shutil.rmtree(src, ignore_errors=True)
    projects = generate.generate(src, n, flavor, shape=shape)
    clean(out)
    log = tree / "cold.log"
    seconds, peak, _, _ = sphinx_build(src, out, "1", log)
    raw["cold_j1"].append(seconds)
    raw["peak_rss_mb"].append(peak)
    info = {"warnings": warnings_in(log), "pages": len(list(out.rglob("*.html")))}
    return info, projects


def measure_parallel(flavor: str, root: Path, raw: dict[str, list[Any]]) -> None:
    """A cold ``-j auto`` build of ``flavor``'s tree."""
    tree = root / flavor
    par = tree / "out-par"
    clean(par)
    seconds, peak, _, _ = sphinx_build(tree / "src", par, "auto", tree / "parallel.log")
    raw["cold_jauto"].append(seconds)
    raw["peak_rss_jauto_mb"].append(peak)


def measure_extras(root: Path, raw: dict[str, list[Any]]) -> dict[str, Any]:
    """What only our extension has: preview cards and ``portfolio check``."""
    tree = root / "portfolio"
    info: dict[str, Any] = {"cards": measure_cards(tree, raw)}
    seconds_or_none, status = check_command(tree / "src", tree / "check.log")
    info["check_status"] = status
    if seconds_or_none is not None:
        raw["check"].append(seconds_or_none)
    return info


def attempt(
    started: float, label: str, run: dict[str, Any], measure: Callable[..., Any], *args: Any
) -> Any:
    """``measure(*args)``, announced with the time since ``started``; ``None`` when a build
    fails (its error kept in ``run``: that figure goes missing, the others still count)."""
    print(f"[{time.perf_counter() - started:6.0f}s] {label}")
    try:
        return measure(*args)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        run["error"] = str(exc)[-2000:]
        return None


def measure_cards(tree: Path, raw: dict[str, list[Any]]) -> int:
    """Cold builds of the site as published (``html_baseurl`` set), preview cards off and
    on; returns the number of cards drawn."""
    cards = 0
    for key, (jobs, options) in CARD_BUILDS.items():
        out = tree / f"out-{key}"
        clean(out)
        run = sphinx_build(tree / "src", out, jobs, tree / f"{key}.log", SITE_URL + options)
        raw[key].append(run.seconds)
        if jobs == "1":
            raw[key.replace("cold", "cpu")].append(run.cpu)
        folder = out / "_images" / "previews"
        cards = max(cards, len(list(folder.glob("*.png"))) if folder.is_dir() else 0)
    return cards


def measure_rebuilds(
    order: list[str],
    n: int,
    rep: int,
    root: Path,
    made: dict[str, list[generate.Project]],
    raw: dict[str, dict[str, list[Any]]],
    runs: dict[str, dict[str, Any]],
    when: tuple[float, str],
) -> None:
    """No-change, body-edit (ours and plain only) and keyword-edit rebuilds of the built
    trees of ``order``'s flavours.

    Each kind of rebuild is made for every flavour in turn, a second or two apart, so the
    n-th of ours and the n-th of plain's are a pair made under the same load (made three
    in a row per flavour, one burst of load moved a median by a fifth). ``when``: the
    run's start and the repetition, for :func:`attempt`'s announcements.
    """
    started, where = when

    def announce(label: str, run: dict[str, Any], measure: Callable[..., Any], *args: Any) -> Any:
        return attempt(started, f"{where} {label}", run, measure, *args)

    before = {f: snapshot(root / f / "out") for f in order}
    for _ in range(NOCHANGE_RUNS):
        for flavor in order:
            announce(f"{flavor} no-change", runs[flavor], rebuild, root / flavor, raw[flavor])
    for flavor in order:
        documents = documents_of(made[flavor])
        after = snapshot(root / flavor / "out")
        runs[flavor]["nochange_pages"] = rewritten(before[flavor], after, documents)

    # Different projects each repetition, the same ones in every flavour. The competitors
    # do not tell a body from a front-matter edit: their body edit is skipped to save time.
    for edit in range(BODY_EDITS):
        number = rep * BODY_EDITS + edit
        for flavor in [f for f in order if f in FULL_FLAVORS]:
            projects = made[flavor]
            edited = generate.with_body_edit(projects[(37 * number + 11) % n], number)
            call = (root / flavor, flavor, edited, documents_of(projects), raw[flavor])
            found = announce(f"{flavor} body edit", runs[flavor], body_edit, *call)
            runs[flavor].update(found or {})

    for flavor in order:
        target = made[flavor][(53 * rep + 29) % n]
        call = (root / flavor, flavor, target, made[flavor], raw[flavor])
        runs[flavor].update(
            announce(f"{flavor} keyword edit", runs[flavor], keyword_edit, *call) or {}
        )


def rebuild(tree: Path, raw: dict[str, list[Any]]) -> None:
    """A rebuild of the tree as it is, with nothing changed."""
    raw["nochange"].append(
        sphinx_build(tree / "src", tree / "out", "1", tree / "nochange.log").seconds
    )


def body_edit(
    tree: Path,
    flavor: str,
    edited: generate.Project,
    documents: set[str],
    raw: dict[str, list[Any]],
) -> dict[str, Any]:
    """A rebuild after ``edited``'s body changed; which pages it wrote again."""
    src, out = tree / "src", tree / "out"
    generate.write_project(src, edited, flavor)
    before = snapshot(out)
    raw["body_edit"].append(sphinx_build(src, out, "1", tree / "body.log").seconds)
    return {"body_pages": rewritten(before, snapshot(out), documents)}


def keyword_edit(
    tree: Path,
    flavor: str,
    target: generate.Project,
    projects: list[generate.Project],
    raw: dict[str, list[Any]],
) -> dict[str, Any]:
    """A rebuild after ``target``'s keywords changed; which pages it wrote again, and
    whether they all show the project."""
    src, out = tree / "src", tree / "out"
    generate.write_project(src, generate.with_keyword_edit(target), flavor)
    before = snapshot(out, target.slug)
    raw["keyword_edit"].append(sphinx_build(src, out, "1", tree / "keyword.log").seconds)
    after = snapshot(out, target.slug)
    page = f"projects/{target.slug}"
    parents = generate.toctree_parents(projects)
    return {
        "keyword_pages": rewritten(before, after, documents_of(projects), page, parents),
        "keyword_project": {"slug": target.slug, "selected": target.selected},
    }


def summarise(raw: dict[str, list[Any]]) -> dict[str, Any]:
    """Median, min and all runs of every figure measured."""
    return {
        key: {"median": statistics.median(v), "min": min(v), "runs": [round(x, 3) for x in v]}
        for key, v in raw.items()
        if v
    }


def ratios(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every figure over the plain build's, and each size over the smallest (linearity)."""
    out: dict[str, Any] = {}
    for size, flavors in sizes.items():
        plain = flavors["plain"]["figures"]
        per: dict[str, Any] = {}
        for flavor, data in flavors.items():
            figures = data["figures"]
            per[flavor] = {
                key: fig["median"] / (plain.get(key) or plain["cold_j1"])["median"]
                for key, fig in figures.items()
            }
        out[size] = per
    return out


def linearity(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Largest over smallest size for each flavour's figures, and for our overhead over plain."""
    keys = sorted(sizes, key=int)
    if len(keys) < 2:
        return {}
    small, large = sizes[keys[0]], sizes[keys[-1]]
    result: dict[str, Any] = {"sizes": [int(keys[0]), int(keys[-1])]}
    for flavor in large:
        result[flavor] = {
            key: fig["median"] / small[flavor]["figures"][key]["median"]
            for key, fig in large[flavor]["figures"].items()
            if key in small[flavor]["figures"]
        }
    overhead = {}
    for key in ("cold_j1", "cold_jauto", "peak_rss_mb"):
        try:
            grow = [
                s["portfolio"]["figures"][key]["median"] - s["plain"]["figures"][key]["median"]
                for s in (small, large)
            ]
        except KeyError:
            continue
        overhead[key] = {"small": grow[0], "large": grow[1], "ratio": grow[1] / grow[0]}
    result["portfolio_overhead"] = overhead
    return result


def targets(sizes: dict[str, dict[str, Any]], lin: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, at the largest size."""
    size = max(sizes, key=int)
    flavors = sizes[size]

    def fig(flavor: str, key: str) -> float | None:
        found = flavors.get(flavor, {}).get("figures", {}).get(key)
        return found["median"] if found else None

    rows: list[dict[str, Any]] = []

    def add(name: str, value: str, ok: bool | None) -> None:
        rows.append({"target": name, "value": value, "met": ok})

    def run_by_run(key: str) -> str:
        """The median of the ratios of builds made in turn (the n-th of ours over the n-th
        of plain's): a check on the ratio of medians when the machine's load drifts."""
        found = [flavors.get(f, {}).get("figures", {}).get(key) for f in ("portfolio", "plain")]
        if not all(found) or len(found[0]["runs"]) != len(found[1]["runs"]):
            return ""
        pairs = [o / p for o, p in zip(found[0]["runs"], found[1]["runs"], strict=True)]
        return f" (run by run: {statistics.median(pairs):.2f}x)"

    def over_plain(key: str, name: str, limit: float) -> None:
        ours, plain = fig("portfolio", key), fig("plain", key)
        if ours and plain:
            value = f"{ours / plain:.2f}x{run_by_run(key)}"
            add(f"{name} <= {limit:.2f}x plain's", value, ours / plain <= limit)

    over_plain("cold_j1", "cold build -j 1", 1.10)
    over_plain("cold_jauto", "cold build -j auto", 1.10)
    over_plain("nochange", "no-change rebuild", 1.10)
    over_plain("body_edit", "body-edit rebuild", 1.20)
    cold = fig("portfolio", "cold_j1")
    for other in COMPETITORS:
        theirs = fig(other, "cold_j1")
        if cold and theirs:
            add(f"cold build faster than {NAMES[other]}", f"{cold / theirs:.2f}x", cold < theirs)
    body = fig("portfolio", "body_edit")
    if cold and body:
        add("body-edit rebuild <= 10% of cold", f"{100 * body / cold:.1f}%", body <= 0.1 * cold)
    pages = [i["keyword_pages"] for i in flavors["portfolio"]["runs"] if "keyword_pages" in i]
    extra = max((p["extra_documents"] for p in pages), default=None)
    counts = "; ".join(
        f"{p['documents']} ({len(p['toctree_parents'])} toctree parents, "
        f"{p['extra_documents']} other) of {p['show_project']}"
        for p in pages
    )
    add(
        "keyword edit rewrites only pages showing the project",
        f"documents rewritten (of which Sphinx's toctree parents, others) / pages showing it: "
        f"{counts}",
        None if extra is None else extra == 0,
    )
    drawn = max((i.get("cards", 0) for i in flavors["portfolio"]["runs"]), default=0)
    for kind in ("cold", "cpu"):
        on, off = fig("portfolio", f"{kind}_cards_on"), fig("portfolio", f"{kind}_cards_off")
        if on and off and drawn:
            cost = 1000 * (on - off) / drawn
            add(
                f"a preview card costs <= 20 ms ({kind} -j 1, cards on - off, per card)",
                f"{on:.2f}s - {off:.2f}s for {drawn} cards = {cost:.1f} ms a card",
                cost <= 20,
            )
    par = fig("portfolio", "cold_jauto")
    if cold and par:
        add("-j auto faster than -j 1", f"{par / cold:.2f}x", par < cold)
    over_plain("peak_rss_mb", "peak memory -j 1", 1.25)
    over_plain("peak_rss_jauto_mb", "peak memory -j auto", 1.25)
    over = lin.get("portfolio_overhead", {}).get("cold_j1")
    if over and over["small"] > 0:
        n0, n1 = lin["sizes"]
        add(
            "linear (extension's cold-build overhead grows <= 1.25x the project count)",
            f"overhead {over['small']:.2f}s -> {over['large']:.2f}s = {over['ratio']:.1f}x "
            f"for {n1 // n0}x projects",
            over["ratio"] <= 1.25 * n1 / n0,
        )
    elif over:  # no overhead at the small size (within noise): the build's own growth
        n0, n1 = lin["sizes"]
        growth = lin["portfolio"]["cold_j1"]
        add(
            "linear (no overhead at the smaller size: the cold build grows <= 1.25x the "
            "project count)",
            f"{growth:.1f}x for {n1 // n0}x projects (overhead {over['small']:.2f}s -> "
            f"{over['large']:.2f}s)",
            growth <= 1.25 * n1 / n0,
        )
    return rows


def fmt(value: float | None, digits: int = 2) -> str:
    """A figure for the table."""
    return "—" if value is None else f"{value:.{digits}f}"


def tables(results: dict[str, Any]) -> str:
    """Every shape's tables, each under its name and description."""
    parts = []
    for shape, measured in results["shapes"].items():
        parts.append(f"### Shape `{shape}`: {generate.SHAPES[shape]}\n\n{table(measured)}")
    return "\n\n".join(parts)


def summary(results: dict[str, Any]) -> str:
    """The README's short tables: per shape, each timed figure of ours and plain's, and the
    issue's targets at the largest size."""
    parts = []
    for shape, measured in results["shapes"].items():
        sizes = sorted(measured["sizes"], key=int)
        head = " | ".join(f"{int(n):,}: ours / plain" for n in sizes)
        lines = [
            f"**{shape}** ({generate.SHAPES[shape]})",
            "",
            f"| figure | {head} |",
            "|---|" + "--:|" * len(sizes),
        ]
        for key, label in LABELS.items():
            cells = []
            for n in sizes:
                flavors = measured["sizes"][n]
                ours = flavors["portfolio"]["figures"].get(key)
                plain = flavors["plain"]["figures"].get(key)
                if ours is None or plain is None:
                    cells.append("—")
                    continue
                ratio = ours["median"] / plain["median"]
                cells.append(f"{ours['median']:.2f} / {plain['median']:.2f} = {ratio:.2f}x")
            if any(c != "—" for c in cells):
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
        verdict = {True: "met", False: "NOT met", None: "cannot tell"}
        met = [
            f"{row['target']}: {row['value']} ({verdict[row['met']]})"
            for row in measured["targets"]
            if "faster than" not in row["target"] and "rewrites only" not in row["target"]
        ]
        lines += ["", "Targets at the largest size: " + "; ".join(met) + "."]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def table(results: dict[str, Any]) -> str:
    """The Markdown tables of one shape, printed at the end and kept in the README."""
    sizes, rat = results["sizes"], results["ratios"]
    lines = [
        "| figure | projects | portfolio | plain | portfolio / plain | ablog (/ plain) "
        "| sphinx-tags (/ plain) |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for key, label in LABELS.items():
        for size in sorted(sizes, key=int):
            flavors = sizes[size]

            def med(flavor: str, key: str = key, flavors: dict = flavors) -> float | None:
                found = flavors.get(flavor, {}).get("figures", {}).get(key)
                return found["median"] if found else None

            def rel(flavor: str, key: str = key, size: str = size) -> str:
                value = rat[size].get(flavor, {}).get(key)
                return "" if value is None else f" ({value:.2f}x)"

            ours = med("portfolio")
            if ours is None and (key != "check" or "check_status" not in results):
                continue
            cells = [
                label,
                f"{int(size):,}",
                fmt(ours) if ours is not None else results["check_status"],
                fmt(med("plain")),
                fmt(rat[size]["portfolio"].get(key)) + ("x" if ours is not None else ""),
                fmt(med("ablog")) + rel("ablog"),
                fmt(med("tags")) + rel("tags"),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    for key, label in (("nochange_pages", "no-change"), ("keyword_pages", "keyword edit")):
        for size in sorted(sizes, key=int):
            row = [f"pages rewritten, {label} (documents / generated)", f"{int(size):,}"]
            for flavor in ("portfolio", "plain", "ablog", "tags"):
                runs = [r for r in sizes[size].get(flavor, {}).get("runs", []) if key in r]
                if not runs:
                    row.append("—")
                    continue
                p = runs[0][key]
                shows = f" (show it: {p['show_project']})" if "show_project" in p else ""
                row.append(f"{p['documents']} / {p['generated']}{shows}")
            lines.append("| {} | {} | {} | {} | | {} | {} |".format(*row))
    lin = results["linearity"]
    if lin:
        n0, n1 = lin["sizes"]
        lines += [
            "",
            f"Linearity: median at {n1:,} projects over median at {n0:,} "
            f"({n1 // n0}x the projects).",
            "",
            "| figure | portfolio | plain | ablog | sphinx-tags |",
            "|---|--:|--:|--:|--:|",
        ]
        for key, label in LABELS.items():
            if key not in lin.get("portfolio", {}):
                continue
            cells = [
                fmt(lin.get(f, {}).get(key), 1) for f in ("portfolio", "plain", "ablog", "tags")
            ]
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "| target (largest size) | value | met |", "|---|---|---|"]
    for row in results["targets"]:
        met = {True: "yes", False: "**no**", None: "?"}[row["met"]]
        lines.append(f"| {row['target']} | {row['value']} | {met} |")
    return "\n".join(lines)


def source_digest() -> str:
    """A hash of the extension's sources, to tell whether they changed during the run."""
    digest = hashlib.sha256()
    for path in sorted((HERE.parent / "src" / "portfolio").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def git_state() -> str:
    """The commit measured, marked ``+dirty`` when the tree has changes."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], cwd=HERE, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"
    return head + ("+dirty" if dirty else "")


def profile(
    n: int, root: Path, kind: str, flavor: str = "portfolio", shape: str = "mixed"
) -> list[Path]:
    """Profile one ``-j 1`` build of ``flavor`` with pyinstrument.

    ``kind`` is ``cold`` or ``nochange`` (a rebuild of an unchanged, already built tree).
    Writes a text tree (our frames always shown) and a file for :mod:`pstats`.
    """
    tree = root / "profile"
    src, out = tree / "src", tree / "out"
    shutil.rmtree(tree, ignore_errors=True)
    generate.generate(src, n, flavor, shape=shape)
    build = ["-m", "sphinx", "-b", "html", "-q", "-j", "1", "-d", str(tree / "doctrees")]
    build += [str(src), str(out)]
    if kind == "nochange":
        subprocess.run([sys.executable, *build], check=True, stdout=subprocess.DEVNULL)
    stem = root / f"profile-{flavor}-{shape}-{kind}-{n}"
    session = stem.with_suffix(".pyisession")
    pyinstrument = [sys.executable, "-m", "pyinstrument"]
    subprocess.run([*pyinstrument, "-r", "pyisession", "-o", str(session), *build], check=True)
    text, stats = stem.with_suffix(".txt"), stem.with_suffix(".pstats")
    show = ["--show", "*/portfolio/*"]
    subprocess.run([*pyinstrument, "--load", str(session), *show, "-o", str(text)], check=True)
    subprocess.run([*pyinstrument, "--load", str(session), "-r", "pstats", "-o", str(stats)])
    session.unlink()  # hundreds of MB
    return [text, stats]


def main(argv: list[str] | None = None) -> int:
    """Measure, write ``results.json``, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument(
        "--reps",
        type=int,
        nargs="+",
        default=[5, 4],
        help="repetitions per size (the last value repeats for further sizes)",
    )
    parser.add_argument("--work", type=Path, default=WORK, help="build trees (git-ignored)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--profile", type=int, metavar="N", help="only profile a build of N projects"
    )
    parser.add_argument("--profile-build", choices=("cold", "nochange"), default="cold")
    parser.add_argument("--profile-flavor", choices=generate.FLAVORS, default="portfolio")
    parser.add_argument(
        "--shapes",
        nargs="+",
        choices=generate.SHAPES,
        default=list(generate.SHAPES),
        help="corpus shapes to measure (the first one is profiled)",
    )
    parser.add_argument(
        "--competitors",
        nargs="*",
        choices=generate.SHAPES,
        default=list(COMPETITOR_SHAPES),
        help="shapes in which ablog and sphinx-tags are built too",
    )
    parser.add_argument(
        "--report",
        type=Path,
        metavar="RESULTS",
        help="only print the tables of a results file (the README's are made this way)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"sizes {QUICK_SIZES}, one repetition, no competitors: to iterate on",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.reps, args.competitors = QUICK_SIZES, QUICK_REPS, []
    if args.report:
        results = json.loads(args.report.read_text(encoding="utf-8"))
        for measured in results["shapes"].values():  # the targets as this code states them
            measured["linearity"] = linearity(measured["sizes"])
            measured["targets"] = targets(measured["sizes"], measured["linearity"])
        print(summary(results) + "\n\n" + tables(results))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.profile:
        found = profile(
            args.profile, args.work, args.profile_build, args.profile_flavor, args.shapes[0]
        )
        for path in found:
            print(f"profile written to {path}")
        return 0

    compiled = byte_compile_extension()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "meta": {
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "commit": git_state(),
            "sources_before": source_digest(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_before": os.getloadavg(),
            "versions": versions(),
            "sizes": args.sizes,
            "reps": args.reps,
            "extension_byte_compiled": compiled,
        },
        "shapes": {},
    }
    for shape in args.shapes:
        flavors = generate.FLAVORS if shape in args.competitors else FULL_FLAVORS
        results["shapes"][shape] = measure_shape(shape, flavors, args, started)
    results["meta"]["load_after"] = os.getloadavg()
    results["meta"]["sources_after"] = source_digest()
    results["meta"]["seconds"] = round(time.perf_counter() - started)
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print()
    print(tables(results))
    print(f"\n{results['meta']['seconds']} s in all; results in {args.output}")
    if results["meta"]["sources_before"] != results["meta"]["sources_after"]:
        print("warning: src/portfolio changed during the run; repeat it for consistent figures")
    return 0


def byte_compile_extension() -> bool:
    """Compile the extension's modules to bytecode, as installing a package does.

    The other flavours' libraries were compiled when pip installed them; an editable install
    of ours is compiled on first import, unless ``PYTHONDONTWRITEBYTECODE`` is set, when every
    build would compile it again (about 40 ms), which no user's installation does.
    """
    spec = importlib.util.find_spec("portfolio")
    if spec is None or spec.origin is None:
        return False
    return compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def measure_shape(
    shape: str, flavors: tuple[str, ...], args: argparse.Namespace, started: float
) -> dict[str, Any]:
    """Every size of one corpus shape, its flavours interleaved; figures, ratios, targets."""
    check_status = "missing"
    sizes: dict[str, Any] = {}
    for i, n in enumerate(args.sizes):
        reps = args.reps[min(i, len(args.reps) - 1)]
        root = args.work / shape / str(n)
        raw: dict[str, dict[str, list[Any]]] = {f: {k: [] for k in LABELS} for f in flavors}
        infos: dict[str, list[dict[str, Any]]] = {f: [] for f in flavors}
        for rep in range(reps):
            # Each kind of build is made for every flavour in turn, seconds apart, so the
            # ratios compare builds made under the same load; the order rotates so no flavour
            # always runs first (or last).
            k = rep % len(flavors)
            order = flavors[k:] + flavors[:k]
            runs: dict[str, dict[str, Any]] = {f: {} for f in flavors}
            made: dict[str, list[generate.Project]] = {}
            where = f"{shape} n={n} rep {rep + 1}/{reps}"
            for flavor in order:
                call = (flavor, n, root, raw[flavor], shape)
                found = attempt(
                    started, f"{where} {flavor} cold", runs[flavor], measure_cold, *call
                )
                if found is not None:
                    runs[flavor].update(found[0])
                    made[flavor] = found[1]
            # The competitors' rebuilds once per size: they are slow and only for contrast.
            rebuilt = [f for f in order if f in made and (f in FULL_FLAVORS or rep == 0)]
            measure_rebuilds(rebuilt, n, rep, root, made, raw, runs, (started, where))
            for flavor in [f for f in order if f in made and f in FULL_FLAVORS]:
                call = (flavor, root, raw[flavor])
                attempt(started, f"{where} {flavor} -j auto", runs[flavor], measure_parallel, *call)
            if "portfolio" in made:
                label, run = f"{where} portfolio cards, check", runs["portfolio"]
                extras = attempt(started, label, run, measure_extras, root, raw["portfolio"])
                runs["portfolio"].update(extras or {})
                check_status = runs["portfolio"].get("check_status", check_status)
            for flavor in flavors:
                infos[flavor].append(runs[flavor])
        sizes[str(n)] = {
            f: {"reps": reps, "figures": summarise(raw[f]), "runs": infos[f]} for f in flavors
        }
    lin = linearity(sizes)
    return {
        "sizes": sizes,
        "check_status": check_status,
        "ratios": ratios(sizes),
        "linearity": lin,
        "targets": targets(sizes, lin),
    }


def versions() -> dict[str, str]:
    """Versions of what is measured."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    dists = (
        "sphinx",
        "myst-parser",
        "pydata-sphinx-theme",
        "sphinx-design",
        "ablog",
        "sphinx-tags",
    )
    for dist in dists:
        try:
            found[dist] = version(dist)
        except PackageNotFoundError:
            found[dist] = "missing"
    return found


if __name__ == "__main__":
    raise SystemExit(main())
