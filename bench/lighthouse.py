"""Lighthouse on one page of each kind a resident meets, against our targets.

Builds the example site (or takes ``--site``), serves it on 127.0.0.1 the way
a static host does (gzipped text files; unknown paths get the site's 404.html
with status 404) and runs the pinned Lighthouse 12 (``bench/checkers.py``)
with its default mobile emulation and simulated throttling in headless
Chromium. Prints one table: the four category scores, LCP, TBT and CLS per
page; below it, for every category that misses its target, the audits that
failed.

Targets: performance at least 95, accessibility, best practices and SEO 100.
The exit code is 1 when a page misses one, so the script can be run by hand
before a release. It is not a test: on a shared machine the performance
figures move by several points from one run to the next, hence ``--runs N``
(the median of N runs per page; the failing audits are those of the median run).

    python bench/lighthouse.py
    python bench/lighthouse.py --runs 3 --only activiteit --only zoeken-wandelen
    python bench/lighthouse.py --site /tmp/site --no-gzip --reports /tmp/lighthouse

One run of all pages takes about two minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkers
from serving import StaticHost

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-23"

# One page of each type, as a path below the site root.
PAGES = {
    "home": "",
    "gemeente": "gemeenten/amersfoort/",
    "activiteit": "activiteiten/jongerengroep-amersfoort/",
    "training": "trainingen/wrap/",
    "locatie": "locaties/buurthuis-de-tref/",
    "zoeken-leeg": "zoeken/",
    "zoeken-wandelen": "zoeken/?q=wandelen",
    "agenda": "agenda/",
    "als-het-even-niet-gaat": "als-het-even-niet-gaat/",
    "nieuws": "nieuws/",
    "nieuwsbericht": "nieuws/2026-11-16-nieuws-van-het-kwartaal/",
    "open-data": "open-data/",
    "over-het-netwerk": "over/",
    "overzicht": "over/overzicht/",
    "op-afspraak": "activiteiten/ervaringscoaching-op-afspraak-leusden/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = " ".join(
    [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
)
# Lighthouse counts an audit from 0.9 as passed (green); the other categories' audits are pass or fail.
PERFORMANCE_PASS = 0.9


def build(site: Path) -> None:
    """The example site, built as the search-size benchmark builds it."""
    from search_bytes import build as build_with

    build_with(REPO / "activities", site)


@dataclass
class Run:
    """What one Lighthouse run found on one page: scores 0-100 (None: not scored) and the three metrics."""

    scores: dict[str, int | None]
    lcp_ms: float
    tbt_ms: float
    cls: float
    failing: dict[str, list[str]] = field(default_factory=dict)  # category -> "id: title (value)"
    unmeasured: dict[str, str] = field(default_factory=dict)  # audit id -> why Lighthouse could not run it
    error: str = ""


def lighthouse(url: str, chrome: str, report: Path) -> Run:
    command = [
        checkers.node(),
        str(checkers.LIGHTHOUSE),
        url,
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={report}",
    ]
    result = subprocess.run(
        command, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, timeout=300
    )
    if result.returncode != 0 or not report.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return read_report(json.loads(report.read_text(encoding="utf-8")))


def read_report(lhr: dict) -> Run:
    audits = lhr["audits"]
    run = Run(
        scores={},
        lcp_ms=audits["largest-contentful-paint"].get("numericValue") or 0.0,
        tbt_ms=audits["total-blocking-time"].get("numericValue") or 0.0,
        cls=audits["cumulative-layout-shift"].get("numericValue") or 0.0,
        error=(lhr.get("runtimeError") or {}).get("message", ""),
    )
    for name in CATEGORIES:
        category = lhr["categories"][name]
        run.scores[name] = None if category["score"] is None else round(category["score"] * 100)
        passed = PERFORMANCE_PASS if name == "performance" else 1
        failing = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] in ("informative", "manual", "notApplicable"):
                continue
            if audit["scoreDisplayMode"] == "error":
                run.unmeasured[ref["id"]] = audit.get("errorMessage") or ""
            elif audit["score"] is not None and audit["score"] < passed:
                value = audit.get("displayValue") or audit.get("errorMessage") or ""
                failing.append(f"{ref['id']}: {audit['title']}" + (f" ({value})" if value else ""))
        run.failing[name] = failing
    return run


def median_run(runs: list[Run]) -> Run:
    """Each figure the median over the runs; the failing audits those of the run with the median performance."""
    by_performance = sorted(runs, key=lambda r: (r.scores["performance"] or 0, -r.lcp_ms))
    middle = by_performance[(len(runs) - 1) // 2]
    scores: dict[str, int | None] = {}
    for name in CATEGORIES:
        values = [r.scores[name] for r in runs]
        scores[name] = None if None in values else round(statistics.median(v for v in values if v is not None))
    return Run(
        scores=scores,
        lcp_ms=statistics.median(r.lcp_ms for r in runs),
        tbt_ms=statistics.median(r.tbt_ms for r in runs),
        cls=statistics.median(r.cls for r in runs),
        failing=middle.failing,
        unmeasured=middle.unmeasured,
        error=next((r.error for r in runs if r.error), ""),
    )


def misses(run: Run) -> list[str]:
    """The categories of ``run`` below their target (a category Lighthouse could not score misses too)."""
    return [name for name in CATEGORIES if (run.scores[name] or 0) < TARGETS[name]]


def table(results: dict[str, Run]) -> str:
    header = ["page", *CATEGORIES, "LCP", "TBT", "CLS"]
    rows = []
    for name, run in results.items():
        scores = ["-" if run.scores[c] is None else str(run.scores[c]) for c in CATEGORIES]
        rows.append([name, *scores, f"{run.lcp_ms / 1000:.1f} s", f"{run.tbt_ms:.0f} ms", f"{run.cls:.3f}"])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = [cell.rjust(width) for cell, width in zip(cells, widths, strict=True)]
        padded[0] = cells[0].ljust(widths[0])
        return "  ".join(padded)

    lines = [line(header), line(["-" * w for w in widths]), *(line(row) for row in rows)]
    for name, run in results.items():
        if run.error:
            lines.append(f"\n{name}: Lighthouse reported an error: {run.error}")
        for category in misses(run):
            score = "-" if run.scores[category] is None else run.scores[category]
            lines.append(f"\n{name}: {category} {score} < {TARGETS[category]}")
            lines.extend(f"    {audit}" for audit in run.failing[category] or ["(no single audit failed)"])
    # An audit in error says nothing about the page: Lighthouse could not run it (a trace field it
    # expects may be missing from a newer Chromium). Named once, so a silent gap shows.
    unmeasured = {audit: why for run in results.values() for audit, why in run.unmeasured.items()}
    if unmeasured:
        lines.append(f"\nNot measured (Lighthouse could not run them): {', '.join(sorted(unmeasured))}")
        lines.extend(f"    {why}" for why in sorted(set(unmeasured.values()))[:3])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build the example site)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the table shows medians (default 1)")
    parser.add_argument("--only", action="append", choices=list(PAGES), help="only this page (repeatable)")
    parser.add_argument(
        "--chrome-path",
        default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        help="the Chromium to drive (default: $CHROME_PATH or /usr/bin/chromium)",
    )
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed (static hosts gzip)")
    parser.add_argument("--json", type=Path, help="also write the medians per page to this file")
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's own JSON reports in this folder")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if not os.access(args.chrome_path, os.X_OK):
        parser.error(f"no Chromium at {args.chrome_path} (use --chrome-path or CHROME_PATH)")
    try:
        checkers.ensure_installed()
    except checkers.CheckerMissing as error:
        raise SystemExit(str(error)) from None

    pages = {name: PAGES[name] for name in (args.only or PAGES)}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        if not (site / "index.html").is_file():
            raise SystemExit(f"{site} holds no built site (no index.html)")
        reports = args.reports or Path(tmp) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        results: dict[str, Run] = {}
        with StaticHost(site.resolve(), compress=not args.no_gzip) as host:
            for name, path in pages.items():
                runs = [
                    lighthouse(host.url + path, args.chrome_path, reports / f"{name}-{i + 1}.json")
                    for i in range(args.runs)
                ]
                results[name] = median_run(runs)
                print(f"{name}: done", file=sys.stderr, flush=True)
    print(table(results))
    if args.json:
        report = {name: {**run.__dict__} for name, run in results.items()}
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    missed = [name for name, run in results.items() if misses(run)]
    if missed:
        print(f"\nTargets missed on: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
