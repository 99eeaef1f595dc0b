"""How many bytes a browser downloads for one search on a large network.

Generates N offerings with ``bench/generate.py``, builds the site (the build
also makes the search indexes), serves it on 127.0.0.1 and opens the finder in
Chromium with a real query, once in the largest municipality and once without
a municipality. Every response of the search engine (``pagefind/``, with the
municipalities' indexes in ``pagefind/gemeenten/<slug>/``) is recorded; the
script prints their sum as sent over the wire, and what it consists of per
index (general, gemeente) and part (meta: the page list, index: word chunks,
filter, fragment: the results shown, engine). The index files come compressed
from the indexer itself. Text files (the engine's JavaScript) are measured
twice: as plain files, and gzipped as static hosts (GitHub Pages, GitLab
Pages, Netlify, nginx with gzip on) send them.

    python bench/search_bytes.py --offerings 20000
    python bench/search_bytes.py --site /tmp/big/site     # measure an existing build

The budget is 150 KB (153,600 bytes) per search in one municipality; the exit
code is 1 above it.

Measured on 20,000 generated offerings (350 municipalities, 20,755 search
records in 351 indexes, made from the content's data; query "wandelen" in the
largest municipality), engine JavaScript gzipped: 116.5 KB on a phone (filters
folded) and 132.3 KB on a wide screen (filters open, with a count per option):
within budget. Without a municipality (the finder then searches the general
index only and asks to choose one): 111.6 KB and 131.1 KB. With the engine's
JavaScript sent uncompressed: 148.5 / 164.3 / 143.6 / 163.1 KB. Where the
bytes go (phone, one municipality): the engine 86 KB (wasm and JavaScript),
the general index's page list 9 KB, word chunks 11 KB (general) + 4 KB
(municipality), the municipality filter 7 KB (general index) and the result
shown. The wide screen adds every filter's values of the loaded indexes for
the counts (20 KB general). Before the split (one index) the same search took
323 KB and 662 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))

BUDGET = 150 * 1024
BUILD_DATE = "2026-11-23"


def build(activities: Path, site: Path) -> float:
    env = {
        **os.environ,
        "HERSTELNETWERK_BUILD_DATE": BUILD_DATE,
        "HERSTELNETWERK_ACTIVITIES": str(activities),
        "NO_MKDOCS_2_WARNING": "1",
    }
    mkdocs = Path(sys.executable).with_name("mkdocs")
    started = time.monotonic()
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "-d", str(site)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return time.monotonic() - started


def a_municipality(site: Path) -> str:
    """The municipality with the most pages, so the filter has work to do."""
    sizes = {
        folder.name: sum(1 for _ in folder.rglob("*")) for folder in (site / "gemeenten").iterdir() if folder.is_dir()
    }
    return max(sizes, key=sizes.get)


def kind_of(url: str) -> str:
    """``general:meta``, ``online:index``, ``gemeente:fragment``, ``engine``: which index, which part."""
    parts = url.split("?")[0].split("/")[1:]
    if parts[0] == "gemeenten":
        index, parts = "gemeente", parts[2:]
    elif parts[0] == "online":
        index, parts = "online", parts[1:]
    else:
        index = "general"
    name = parts[0]
    if name.startswith(("pagefind.js", "wasm.")):
        return "engine"
    if name.endswith(".pf_meta"):
        name = "meta"
    elif name.endswith(".json"):
        name = "entry"
    return f"{index}:{name}"


def measure(site: Path, query: str, municipality: str | None, compress: bool, width: int) -> dict:
    from browser_support import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import expect, sync_playwright
    from serving import StaticHost

    responses: list[tuple[str, int]] = []
    with StaticHost(site, compress) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": 900})

        def record(response):
            sizes = response.request.sizes()
            responses.append(
                (response.url.removeprefix(server.url), sizes["responseBodySize"] + sizes["responseHeadersSize"])
            )

        page.on("requestfinished", lambda request: record(request.response()))
        page.goto(f"{server.url}zoeken/?q={query}" + (f"&gemeente={municipality}" if municipality else ""))
        status = page.locator("[data-status]")
        expect(status).to_have_text(re.compile(r"gevonden|vonden we niets"), timeout=120_000)
        if width >= 960:
            # On a wide screen the filters are open: wait for the counts next to the options too.
            # (A municipality whose index is not loaded has no count: wait for the type's counts.)
            expect(page.locator("[data-group=verder] [data-count]").last).to_have_text(
                re.compile(r"\(\d+\)"), timeout=120_000
            )
        page.wait_for_load_state("networkidle")
        result_text = status.text_content()
        browser.close()
    search = [(url, size) for url, size in responses if url.startswith("pagefind/")]
    kinds = Counter()
    for url, size in search:
        kinds[kind_of(url)] += size
    return {
        "status": result_text,
        "search_bytes": sum(size for _, size in search),
        "requests": len(search),
        "by_kind": dict(kinds),
        "all_bytes": sum(size for _, size in responses),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offerings", type=int, default=20000)
    parser.add_argument("--site", type=Path, help="an existing build to measure (skips generating and building)")
    parser.add_argument("--query", default="wandelen")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="search-bytes-") as tmp:
        site = args.site
        report: dict = {}
        if site is None:
            from generate import generate

            activities = Path(tmp) / "activities"
            report["content"] = generate(activities, args.offerings, build_date=date.fromisoformat(BUILD_DATE))
            site = args.keep or Path(tmp) / "site"
            report["build_seconds"] = round(build(activities, site), 1)
        entries = [json.loads(path.read_text()) for path in (site / "pagefind").rglob("pagefind-entry.json")]
        report["indexes"] = len(entries)
        report["indexed_pages"] = sum(
            language["page_count"] for entry in entries for language in entry["languages"].values()
        )
        municipality = a_municipality(site)
        report["search"] = f"q={args.query}, gemeente={municipality} (and without a municipality)"
        # A phone (filters folded, so no counts) and a wide screen (filters open, with counts per option);
        # each with plain files and with the engine's JavaScript gzipped as static hosts send it.
        # With one municipality chosen (the budget), and without one (on a large network: the
        # general and the online index only; on a small one: everything).
        for chosen in (municipality, None):
            for width in (375, 1280):
                for compress in (False, True):
                    key = f"{width}px {'gzip' if compress else 'plain'}{'' if chosen else ' no municipality'}"
                    report[key] = measure(site, args.query, chosen, compress, width)
    report["budget_bytes"] = BUDGET
    print(json.dumps(report, indent=2, ensure_ascii=False))
    runs = [key for key in report if "px " in key]
    for key in runs:
        total = report[key]["search_bytes"]
        print(
            f"{key}: {total} bytes of search files for one search ({total / 1024:.1f} KB; budget {BUDGET // 1024} KB)"
        )
    return 0 if all(report[key]["search_bytes"] <= BUDGET for key in runs if "no municipality" not in key) else 1


if __name__ == "__main__":
    raise SystemExit(main())
