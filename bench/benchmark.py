"""Build the site for synthetic networks of several sizes and measure it.

For every size the script generates a network (bench/generate.py), builds it
with the real ``mkdocs build --strict`` in a child process, and reports wall
time, the peak memory of the build, the size of the site, its largest page,
what a first visit to one activity page downloads, and what one search
downloads. It also builds a baseline: plain mkdocs-material on the same number
of hand-written Markdown pages with the same texts, and prints the ratio.

On a shared machine a build can take twice as long from one minute to the
next. With ``--rounds N`` ours and the baseline are built in turn N times; the
ratio is the median of the N side-by-side ratios, the times are medians too.

    python bench/benchmark.py --sizes 500,2000,5000,20000 --rounds 3 --json bench.json

Everything is written to a temporary folder that is removed afterwards (use
--keep to keep it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-23"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# Results a search page shows at once: each one is a fragment to download.
RESULTS_SHOWN = 5

# Runs one command and reports its wall time and peak memory (of it and its
# children), so the numbers of one build never mix with those of another.
_MEASURE = r"""
import json, resource, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
own_peak_kb = 0  # VmHWM of the build process itself, read while it runs (it only grows)
import threading
output = []
reader = threading.Thread(target=lambda: output.append(child.stdout.read()))
reader.start()
while child.poll() is None:
    try:
        with open(f"/proc/{child.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    own_peak_kb = max(own_peak_kb, int(line.split()[1]))
    except OSError:
        pass
    time.sleep(0.1)
reader.join()
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"returncode": child.returncode, "seconds": seconds, "max_rss_kb": usage.ru_maxrss,
               "own_peak_kb": own_peak_kb, "cpu_seconds": usage.ru_utime + usage.ru_stime,
               "output": b"".join(output).decode("utf-8", "replace")[-4000:]}, out)
"""


@dataclass
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build and its children
    peak_rss_mb: float  # the largest of the build and its children (the feeds and index writer, the indexer)
    build_rss_mb: float  # the build process alone
    pages: int
    site_bytes: int
    largest_page: str
    largest_page_bytes: int


@dataclass
class Result:
    offerings: int
    municipalities: int
    locations: int
    ours: Build
    per_offering_ms: float
    feeds: int
    first_view_bytes: int
    first_view_files: dict[str, int]
    search_bytes_per_query: int | None
    baseline: Build | None = None
    ratio: float | None = None  # wall time, ours / baseline (median of the rounds)
    ratio_cpu: float | None = None  # CPU time, ours / baseline (median of the rounds)
    rounds: list[dict] = field(default_factory=list)  # each round's wall and CPU seconds, ours and baseline
    extra: dict = field(default_factory=dict)


def measure(command: list[str], env: dict[str, str], cwd: Path, scratch: Path) -> dict:
    report = scratch / "measure.json"
    subprocess.run([sys.executable, "-c", _MEASURE, str(report), *command], env=env, cwd=cwd, check=True)
    result = json.loads(report.read_text())
    if result["returncode"] != 0:
        raise SystemExit(f"Build failed ({' '.join(command)}):\n{result['output']}")
    return result


def site_facts(site: Path) -> tuple[int, int, str, int]:
    """Number of pages, bytes of the whole site, and the largest HTML page."""
    pages = total = 0
    largest, largest_bytes = "", 0
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            pages += 1
            if size > largest_bytes:
                largest, largest_bytes = str(path.relative_to(site)), size
    return pages, total, largest, largest_bytes


def _gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


_ASSET = re.compile(r"""<(?:link[^>]*rel=["']?stylesheet["']?[^>]*href|script[^>]*src)=["']?([^"' >]+)""")


def first_view(site: Path, page: Path) -> tuple[int, dict[str, int]]:
    """Gzipped bytes of a page and the stylesheets and scripts it loads."""
    html = page.read_bytes()
    files = {str(page.relative_to(site)): _gzipped(html)}
    base = "/" + str(page.relative_to(site))
    for href in _ASSET.findall(html.decode("utf-8")):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            files[href] = -1  # a third-party file: should never happen
            continue
        target = site / urljoin(base, parts.path).lstrip("/")
        if target.is_file():
            files[str(target.relative_to(site))] = _gzipped(target.read_bytes())
    return sum(v for v in files.values() if v > 0), files


def search_bytes(site: Path) -> int | None:
    """What one one-word query downloads from a Pagefind index, or None without one.

    The entry file, pagefind.js, the Dutch WebAssembly, the metadata, every
    filter file, the largest index chunk (a word falls in exactly one) and
    the fragments of the results shown. The .pf_* files are already gzipped.
    """
    folder = site / "pagefind"
    if not folder.is_dir():
        return None
    total = (folder / "pagefind-entry.json").stat().st_size + _gzipped((folder / "pagefind.js").read_bytes())
    wasm = next(iter(sorted(folder.glob("wasm.nl.pagefind"))), None) or next(iter(sorted(folder.glob("wasm.*"))))
    total += wasm.stat().st_size
    total += sum(p.stat().st_size for p in folder.glob("*.pf_meta"))
    total += sum(p.stat().st_size for p in (folder / "filter").glob("*.pf_filter"))
    chunks = [p.stat().st_size for p in (folder / "index").glob("*.pf_index")]
    total += max(chunks, default=0)
    fragments = sorted(p.stat().st_size for p in (folder / "fragment").glob("*.pf_fragment"))
    if fragments:
        total += RESULTS_SHOWN * fragments[len(fragments) // 2]
    return total


def baseline_project(tree: Path, folder: Path) -> None:
    """Plain mkdocs-material with one Markdown page per offering, out of the navigation."""
    docs = folder / "docs" / "activiteiten"
    docs.mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(
        "site_name: Basislijn\nsite_url: https://basislijn.example.org/\ndocs_dir: docs\nuse_directory_urls: true\n"
        "theme:\n  name: material\n  language: nl\n  font: false\nplugins: []\nnav:\n  - Home: index.md\n"
        "not_in_nav: |\n  /activiteiten/\n",
        encoding="utf-8",
    )
    (folder / "docs" / "index.md").write_text("# Basislijn\n\nAlle activiteiten staan in losse pagina's.\n")
    trainings = {
        p.stem: yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for p in (tree / "trainings").glob("*.yaml")
    }
    for path in sorted((tree / "offerings").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        training = trainings.get(data.get("training")) or {}
        schedule = data["schedule"]
        if schedule.get("appointment"):
            dates = [f"Op afspraak, op {schedule['day']}"]
        else:
            dates = schedule.get("dates") or [f"{schedule['day']} vanaf {schedule['from']}"] * 12
        lines = [
            f"# {data.get('title') or training['title']}",
            "",
            str(data.get("summary") or training["summary"]),
            "",
            "## Wat doe je?",
            "",
            str(data.get("description") or training.get("description", "")),
            "",
            "## De eerste keer",
            "",
            str(data.get("first_time", "")),
            "",
            "## Wanneer is het?",
            "",
        ]
        lines += [f"- {day}, {schedule['start']} tot {schedule['end']}" for day in dates[:12]]
        lines += ["", "## De plek", "", f"{data['location']}", ""]
        (docs / f"{path.stem}.md").write_text("\n".join(lines), encoding="utf-8")


def _build(run: dict, site: Path) -> Build:
    pages, total, largest, largest_bytes = site_facts(site)
    return Build(
        seconds=round(run["seconds"], 2),
        cpu_seconds=round(run["cpu_seconds"], 2),
        peak_rss_mb=round(run["max_rss_kb"] / 1024, 1),
        build_rss_mb=round(run["own_peak_kb"] / 1024, 1),
        pages=pages,
        site_bytes=total,
        largest_page=largest,
        largest_page_bytes=largest_bytes,
    )


def _median_build(builds: list[Build]) -> Build:
    """The facts of the first build, with the median times and the highest memory of all."""
    return Build(
        **{
            **asdict(builds[0]),
            "seconds": statistics.median(b.seconds for b in builds),
            "cpu_seconds": statistics.median(b.cpu_seconds for b in builds),
            "peak_rss_mb": max(b.peak_rss_mb for b in builds),
            "build_rss_mb": max(b.build_rss_mb for b in builds),
        }
    )


def run_size(size: int, scratch: Path, with_baseline: bool, seed: int, rounds: int = 1) -> Result:
    tree = scratch / f"netwerk-{size}"
    counts = generate.generate(tree, size, seed=seed)
    site = scratch / f"site-{size}"
    env = {
        **os.environ,
        "HERSTELNETWERK_ACTIVITIES": str(tree),
        "HERSTELNETWERK_BUILD_DATE": BUILD_DATE,
        "NO_MKDOCS_2_WARNING": "1",
    }
    project, base_site = scratch / f"basislijn-{size}", scratch / f"basislijn-site-{size}"
    if with_baseline:
        baseline_project(tree, project)
    ours: list[Build] = []
    baseline: list[Build] = []
    output = ""
    for _ in range(rounds):
        # Every build starts from nothing, as in a fresh clone: emptying the previous site is not timed.
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(base_site, ignore_errors=True)
        run = measure([*MKDOCS, "build", "--strict", "--clean", "-d", str(site)], env, REPO, scratch)
        ours.append(_build(run, site))
        output = run["output"]
        if with_baseline:
            run = measure(
                [*MKDOCS, "build", "--clean", "-f", str(project / "mkdocs.yml"), "-d", str(base_site)],
                env,
                project,
                scratch,
            )
            baseline.append(_build(run, base_site))
    feeds = sum(1 for _ in site.rglob("*.ics"))
    offering_pages = sorted((site / "activiteiten").glob("*/index.html"))
    view_bytes, view_files = first_view(site, offering_pages[len(offering_pages) // 2])
    median = _median_build(ours)
    result = Result(
        offerings=size,
        municipalities=counts["municipalities"],
        locations=counts["locations"],
        ours=median,
        per_offering_ms=round(1000 * median.seconds / size, 2),
        feeds=feeds,
        first_view_bytes=view_bytes,
        first_view_files=view_files,
        search_bytes_per_query=search_bytes(site),
    )
    summary = re.search(r"Klaar: .*", output)
    if summary:
        result.extra["summary"] = summary.group(0).strip()
    shutil.rmtree(site)
    if with_baseline:
        result.baseline = _median_build(baseline)
        result.ratio = round(statistics.median(o.seconds / b.seconds for o, b in zip(ours, baseline, strict=True)), 2)
        cpu_ratios = (o.cpu_seconds / b.cpu_seconds for o, b in zip(ours, baseline, strict=True))
        result.ratio_cpu = round(statistics.median(cpu_ratios), 2)
        result.rounds = [
            {"ours_s": o.seconds, "baseline_s": b.seconds, "ours_cpu_s": o.cpu_seconds, "baseline_cpu_s": b.cpu_seconds}
            for o, b in zip(ours, baseline, strict=True)
        ]
        shutil.rmtree(base_site)
        shutil.rmtree(project)
    return result


def _mb(value: int | float) -> str:
    return f"{value / 1e6:.1f} MB"


def table(results: list[Result]) -> str:
    head = [
        "offerings",
        "gemeenten",
        "build s",
        "basis s",
        "ratio",
        "build CPU s",
        "basis CPU s",
        "ratio CPU",
        "ms/offering",
        "peak RSS",
        "mkdocs RSS",
        "basis RSS",
        "pages",
        "feeds",
        "site",
        "largest page",
        "first view",
        "search/query",
    ]
    rows = []
    for r in results:
        rows.append(
            [
                str(r.offerings),
                str(r.municipalities),
                f"{r.ours.seconds:.1f}",
                f"{r.baseline.seconds:.1f}" if r.baseline else "-",
                f"{r.ratio:.2f}" if r.ratio else "-",
                f"{r.ours.cpu_seconds:.1f}",
                f"{r.baseline.cpu_seconds:.1f}" if r.baseline else "-",
                f"{r.ratio_cpu:.2f}" if r.ratio_cpu else "-",
                f"{r.per_offering_ms:.1f}",
                f"{r.ours.peak_rss_mb:.0f} MB",
                f"{r.ours.build_rss_mb:.0f} MB",
                f"{r.baseline.peak_rss_mb:.0f} MB" if r.baseline else "-",
                str(r.ours.pages),
                str(r.feeds),
                _mb(r.ours.site_bytes),
                f"{r.ours.largest_page} ({r.ours.largest_page_bytes / 1e3:.0f} kB)",
                f"{r.first_view_bytes / 1e3:.1f} kB",
                f"{r.search_bytes_per_query / 1e3:.0f} kB" if r.search_bytes_per_query is not None else "n/a",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    out = [
        "| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |",
        "|" + "|".join("-" * (w + 2) for w in widths) + "|",
    ]
    out += ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000,5000,20000", help="comma-separated numbers of offerings")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain mkdocs-material baseline")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1, help="build ours and the baseline in turn this many times")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    scratch = Path(tempfile.mkdtemp(prefix="herstelnetwerk-bench-")) if args.keep is None else args.keep
    scratch.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in sizes:
            result = run_size(size, scratch, not args.no_baseline, args.seed, args.rounds)
            results.append(result)
            print(
                f"{size} activiteiten: {result.ours.seconds:.1f} s, {result.ours.peak_rss_mb:.0f} MB"
                + (
                    f", basislijn {result.baseline.seconds:.1f} s (ratio {result.ratio:.2f})" if result.baseline else ""
                ),
                flush=True,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print(table(results))
    if len(results) > 1:
        by_size = {r.offerings: r.ours.seconds for r in results}
        if 2000 in by_size and 20000 in by_size:
            cpu = {r.offerings: r.ours.cpu_seconds for r in results}
            print(
                f"build(20000) / build(2000) = {by_size[20000] / by_size[2000]:.1f} (wall), "
                f"{cpu[20000] / cpu[2000]:.1f} (CPU)"
            )
    if args.json:
        args.json.write_text(
            json.dumps([asdict(r) for r in results], indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
