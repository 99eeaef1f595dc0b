"""The benchmark in miniature, so it cannot rot: generate a small network, build it
with the real ``mkdocs build`` and check the report. No timing assertions.

Also the rule that keeps listing pages light in a large network: above
LISTING_CARDS activities a type, audience or theme page lists municipalities
with links to the finder instead of every card.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.planning import views
from herstelnetwerk.planning.site_data import BY_THEME, build_site_data

REPO = Path(__file__).resolve().parents[1]
BUILD_DATE = date(2026, 11, 23)
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def test_generated_network_is_valid_and_deterministic(tmp_path):
    first = generate.generate(tmp_path / "a", 120, seed=3, build_date=BUILD_DATE)
    generate.generate(tmp_path / "b", 120, seed=3, build_date=BUILD_DATE)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    catalog = load_catalog(tmp_path / "a", BUILD_DATE).catalog
    assert len(catalog.offerings) == 120 and first["offerings"] == 120
    schedules = [o.schedule for o in catalog.offerings.values()]
    # The real mix: dated courses and single events, every repeat form, ends and exceptions.
    assert {s.repeat for s in schedules} == {None, "wekelijks", "tweewekelijks", "maandelijks"}
    assert any(s.dates and len(s.dates) == 1 for s in schedules)
    assert any(s.count for s in schedules) and any(s.until for s in schedules)
    assert any(s.cancelled for s in schedules) and any(s.breaks for s in schedules)
    assert any(o.location == "online" for o in catalog.offerings.values())
    assert any(o.training for o in catalog.offerings.values())


def test_benchmark_reports_every_field(tmp_path):
    report = tmp_path / "bench.json"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "benchmark.py"),
            "--sizes",
            "200",
            "--rounds",
            "2",
            "--json",
            str(report),
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=600,
    )
    [result] = json.loads(report.read_text())
    assert result["offerings"] == 200
    ours, baseline = result["ours"], result["baseline"]
    assert ours["pages"] > 200  # one per offering, plus municipalities, locations, trainings, listings
    assert baseline["pages"] >= 200
    for build in (ours, baseline):
        assert build["seconds"] > 0 and build["cpu_seconds"] > 0
        assert 10 < build["build_rss_mb"] <= build["peak_rss_mb"] + 1 < 4000
        assert build["site_bytes"] > 100_000
        assert build["largest_page"].endswith(".html") and build["largest_page_bytes"] > 1000
    assert result["ratio"] > 0 and result["ratio_cpu"] > 0
    assert len(result["rounds"]) == 2
    assert "200 activiteiten" in result["extra"]["summary"] and "zoekresultaten" in result["extra"]["summary"]
    assert result["feeds"] > 150
    # First view of an activity page: the page and the CSS and JS it loads, all gzipped.
    files = result["first_view_files"]
    assert any(name.startswith("activiteiten/") for name in files)
    assert any(name.endswith(".css") for name in files) and any(name.endswith(".js") for name in files)
    assert all(size > 0 for size in files.values())  # no file from another host
    assert result["first_view_bytes"] == sum(files.values())
    assert result["search_bytes_per_query"] > 10_000


def test_large_listing_links_to_the_finder_per_municipality(tmp_path, monkeypatch):
    generate.generate(tmp_path / "netwerk", 200, seed=5, build_date=BUILD_DATE)
    catalog = load_catalog(tmp_path / "netwerk", BUILD_DATE).catalog
    data = build_site_data(catalog, build_agenda(catalog, BUILD_DATE))
    full = views.listing_page(data, BY_THEME, "zingeving")
    assert not full.compact and sum(len(g.cards) for g in full.groups) == full.count

    monkeypatch.setattr(views, "LISTING_CARDS", 10)
    compact = views.listing_page(data, BY_THEME, "zingeving")
    assert compact.compact and compact.count == full.count
    assert [g.name for g in compact.groups] == [g.name for g in full.groups]
    assert [g.count for g in compact.groups] == [len(g.cards) for g in full.groups]
    by_name = {m.name: m.slug for m in catalog.network.municipalities}
    for group in compact.groups:
        address = urlsplit(group.url)
        assert address.path == "zoeken/"
        query = parse_qs(address.query)
        assert query["thema"] == ["zingeving"]
        if group.name == "Online":
            assert query["online"] == ["ja"]
        else:
            assert query["gemeente"] == [by_name[group.name]]


def test_many_locations_are_listed_per_municipality(tmp_path, monkeypatch):
    generate.generate(tmp_path / "netwerk", 200, seed=5, build_date=BUILD_DATE)
    catalog = load_catalog(tmp_path / "netwerk", BUILD_DATE).catalog
    data = build_site_data(catalog, build_agenda(catalog, BUILD_DATE))
    every = views.locations_hub(data).items
    assert len(every) == len(catalog.locations)

    monkeypatch.setattr(views, "HUB_LOCATIONS", 5)
    grouped = views.locations_hub(data).items
    assert [item.label for item in grouped] == [
        m.name
        for m in catalog.network.municipalities
        if any(loc.municipality == m.slug for loc in catalog.locations.values())
    ]
    assert all(item.url.startswith("gemeenten/") and item.url.endswith("/#plekken") for item in grouped)
    assert sum(int(item.summary.split()[0]) for item in grouped) == len(catalog.locations)
