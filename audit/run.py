"""Lighthouse on every page type of a built site: mobile and desktop, median of several runs.

Usage: ``python audit/run.py docs/_build/html [--runs 5] [--pages home,project]``

The site is served on 127.0.0.1 with gzip (``audit/serve.py``), as a static host serves it.
Lighthouse (npm ``lighthouse``, pinned in ``audit/package.json``) is installed into
``audit/node_modules`` with ``npm ci`` on first use and drives ``/usr/bin/chromium``. The medians
go to ``audit/results.json`` and a table; the exit status is 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import serve  # noqa: E402 (the server sits next to this script)

LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
#: (name, path): the page types of the site; those not built yet are reported and skipped.
PAGE_TYPES = (
    ("home", "index.html"),
    ("research", "research.html"),
    ("projects", "projects/index.html"),
    ("project", "projects/mean-flows.html"),
    ("search", "search.html?q=Mean+Flows"),
    ("404", "404.html"),
    ("keyword", "keywords/fixed-points.html"),
    ("keywords", "keywords/index.html"),
    ("publications", "publications.html"),
    ("people", "people.html"),
)
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
#: (category, preset or None for both): lowest acceptable median score.
TARGETS = {
    ("performance", "mobile"): 0.95,
    ("accessibility", None): 1.0,
    ("best-practices", None): 1.0,
    ("seo", None): 1.0,
}


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse with ``npm ci`` unless it is there already."""
    if LIGHTHOUSE.exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("audit: npm not found; install Node.js 18.20 or newer (Lighthouse 12 needs it)")
    print("audit: installing Lighthouse into audit/node_modules (npm ci)...", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def lighthouse(url: str, preset: str, workdir: Path) -> dict[str, Any]:
    """One Lighthouse run: category scores and the main metrics (milliseconds; CLS unitless)."""
    out = workdir / "report.json"
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--skip-audits=full-page-screenshot,screenshot-thumbnails,final-screenshot",
        f"--chrome-flags={CHROMIUM_FLAGS}",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    report = json.loads(out.read_text())
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    metrics = {short: report["audits"][key]["numericValue"] for key, short in METRICS.items()}
    audits = report["audits"]
    failing = sorted(
        ref["id"]
        for name in CATEGORIES[1:]
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and audits[ref["id"]].get("score") not in (None, 1)
    )
    return {
        "scores": scores,
        "metrics": metrics,
        "failing": failing,
        "version": report["lighthouseVersion"],
    }


def median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median score per category and median metrics over runs."""
    return {
        "scores": {c: statistics.median(r["scores"][c] or 0 for r in runs) for c in CATEGORIES},
        "metrics": {m: statistics.median(r["metrics"][m] for r in runs) for m in METRICS.values()},
        "failing": sorted({audit for r in runs for audit in r["failing"]}),
    }


def missed(name: str, preset: str, median: dict[str, Any]) -> list[str]:
    """Targets this page type misses with this preset."""
    return [
        f"{name} {preset}: {category} {median['scores'][category]:.2f} < {target:.2f}"
        for (category, only), target in TARGETS.items()
        if only in (None, preset) and median["scores"][category] < target
    ]


def table(results: dict[str, dict[str, Any]]) -> str:
    """The medians as a Markdown table."""
    head = "| page | preset | perf | a11y | best practices | SEO | FCP | LCP | TBT | CLS |"
    lines = [head, "|" + "---|" * 10]
    for name, presets in results.items():
        for preset, result in presets.items():
            s, m = result["median"]["scores"], result["median"]["metrics"]
            lines.append(
                f"| {name} | {preset} | {s['performance']:.2f} | {s['accessibility']:.2f} "
                f"| {s['best-practices']:.2f} | {s['seo']:.2f} | {m['FCP'] / 1000:.1f} s "
                f"| {m['LCP'] / 1000:.1f} s | {m['TBT']:.0f} ms | {m['CLS']:.3f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Audit every built page type; write audit/results.json; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built HTML folder (docs/_build/html)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page and preset (median)")
    parser.add_argument("--pages", help="comma-separated page types (default: all)")
    parser.add_argument("--output", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} holds no built site (run `make html` first)")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} not found: apt-get install chromium, or set CHROME_PATH")
    wanted = set(args.pages.split(",")) if args.pages else None
    ensure_lighthouse()

    server, base = serve.start(args.site)
    results: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    version = ""
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in PAGE_TYPES:
                if wanted and name not in wanted:
                    continue
                if not (args.site / path.split("?")[0]).is_file():
                    print(f"audit: {name}: {path} is not built; skipped", flush=True)
                    continue
                results[name] = {}
                for preset in PRESETS:
                    runs = []
                    for i in range(args.runs):
                        print(f"audit: {name} {preset} run {i + 1}/{args.runs}", flush=True)
                        runs.append(lighthouse(base + path, preset, Path(tmp)))
                    version = runs[0]["version"]
                    median = median_of(runs)
                    results[name][preset] = {"url": path, "median": median, "runs": runs}
                    problems += missed(name, preset, median)
    finally:
        server.shutdown()

    args.output.write_text(
        json.dumps(
            {
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "lighthouse": version,
                "chromium": CHROMIUM,
                "runs": args.runs,
                "served": "127.0.0.1, gzip (audit/serve.py)",
                "targets": {f"{c} ({p or 'both'})": t for (c, p), t in TARGETS.items()},
                "pages": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nLighthouse {version}, median of {args.runs} runs, served with gzip:\n")
    print(table(results))
    for name, presets in results.items():
        for preset, result in presets.items():
            if result["median"]["failing"]:
                print(f"{name} {preset}: failing audits: {', '.join(result['median']['failing'])}")
    if problems:
        print("\nTargets missed:\n  " + "\n  ".join(problems))
        return 1
    print("\nAll targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
