"""Nothing is lost and nothing drifts: a failed build keeps the old site, and
the same content with the same build date gives the same bytes."""

from __future__ import annotations

import gzip
import re
import shutil
import struct
import subprocess
import sys
from calendar import timegm
from datetime import date
from pathlib import Path

import pytest
from build_support import mkdocs_build, site_hashes

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402

# A build date that is not today, so nothing can come from the machine's clock by luck.
OTHER_DAY = "2026-11-20"


def build(site: Path, activities: Path | None = None, **options) -> subprocess.CompletedProcess:
    return mkdocs_build(site, activities, timeout=600, build_date=options.pop("build_date", OTHER_DAY), **options)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("repro")
    sites = folder / "a", folder / "b"
    for site in sites:
        result = build(site)
        assert result.returncode == 0, result.stderr
    return sites


def test_same_input_same_bytes(two_builds):
    """Every file, the search index included: Pagefind's own filter order changes per run, ours does not."""
    first, second = map(site_hashes, two_builds)
    assert len(first) > 100 and any(name.startswith("pagefind/") for name in first)
    assert first == second


def test_a_bigger_network_builds_to_the_same_bytes_twice(tmp_path):
    """2,000 activities in 40 municipalities: hundreds of filter values and split index chunks."""
    network = tmp_path / "network"
    generate.generate(network, 2000, seed=11, build_date=date.fromisoformat(OTHER_DAY))
    sites = tmp_path / "a", tmp_path / "b"
    for site in sites:
        result = build(site, network)
        assert result.returncode == 0, result.stderr
    first, second = map(site_hashes, sites)
    assert len(first) > 2000
    assert first == second


def test_shared_theme_blocks_change_no_byte(two_builds, tmp_path):
    """Generated pages reuse the theme's navigation, footer and scripts (hooks/shared_blocks.py):
    a build that renders every block on every page gives the same pages."""
    site = tmp_path / "every-block"
    result = build(site, extra_env={"HERSTELNETWERK_RENDER_EVERY_BLOCK": "1"})
    assert result.returncode == 0, result.stderr
    shared, every = site_hashes(two_builds[0]), site_hashes(site)
    pages = [name for name in shared if name.endswith(".html")]
    assert len(pages) > 100 and set(pages) == {name for name in every if name.endswith(".html")}
    assert [name for name in pages if shared[name] != every[name]] == []


# The one line in which the two engines' pages differ: the theme names the generator.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site(two_builds, tmp_path):
    """ProperDocs, the maintained fork of MkDocs 1.x, builds this project unchanged: the same
    files with the same bytes, but for the generator tag of each page."""
    site = tmp_path / "properdocs"
    result = build(site, engine="properdocs")
    assert result.returncode == 0, result.stderr
    ours, theirs = site_hashes(two_builds[0]), site_hashes(site)
    assert set(ours) == set(theirs)
    differing = [name for name in ours if ours[name] != theirs[name]]
    assert len(differing) > 100 and all(name.endswith(".html") for name in differing)
    generators = set()
    for name in differing:
        mkdocs_page, properdocs_page = (folder.joinpath(name).read_bytes() for folder in (two_builds[0], site))
        assert GENERATOR.sub(b"", mkdocs_page) == GENERATOR.sub(b"", properdocs_page), name
        generators.add(GENERATOR.search(properdocs_page).group())
    assert generators == {b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1">'}


def test_sitemap_is_dated_by_the_build_date(two_builds):
    site, _ = two_builds
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{OTHER_DAY}</lastmod>" in sitemap
    assert sitemap.count("<lastmod>") == sitemap.count(f"<lastmod>{OTHER_DAY}</lastmod>")
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed).decode("utf-8") == sitemap
    (mtime,) = struct.unpack("<I", packed[4:8])  # the gzip header's time stamp
    assert mtime == timegm(date.fromisoformat(OTHER_DAY).timetuple())


def test_failed_build_leaves_the_site_as_it_was(two_builds, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(two_builds[0], site)
    before = site_hashes(site)
    activities = tmp_path / "activities"
    shutil.copytree(REPO / "activities", activities)
    offering = activities / "offerings" / "inloop-baarn.yaml"
    offering.write_text(offering.read_text(encoding="utf-8").replace("type: ", "soort: ", 1), encoding="utf-8")
    result = build(site, activities)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "offerings/inloop-baarn.yaml, regel" in output and "Het veld 'soort' bestaat niet" in output
    assert site_hashes(site) == before
