"""The finder's split search index: which record is in which index, what a record holds,
and what each index folder holds."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest
from browser_support import BUILD_DATE, ROOT

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.planning import search, urls
from herstelnetwerk.planning.plan import plan_site
from herstelnetwerk.planning.site_data import build_site_data


@pytest.fixture(scope="module")
def site_data():
    catalog = load_catalog(ROOT / "activities", date.fromisoformat(BUILD_DATE)).catalog
    return build_site_data(catalog, build_agenda(catalog, date.fromisoformat(BUILD_DATE)))


def pages_per_index(site_data) -> dict[str, list[str]]:
    return {
        folder: [record.page for record in records]
        for folder, records in plan_site(site_data).search_records([]).items()
    }


def test_every_shown_offering_is_in_exactly_one_index_near_its_place(site_data):
    groups = pages_per_index(site_data)
    where = Counter(page for pages in groups.values() for page in pages)
    assert max(where.values()) == 1
    for entry in site_data.agenda.visible():
        page = urls.offering(entry.slug)
        if entry.offering.is_online:
            assert page in groups[search.GENERAL_INDEX]
        else:
            municipality = site_data.catalog.locations[entry.offering.location].municipality
            assert page in groups[search.municipality_index(municipality)]
    for slug, location in site_data.catalog.locations.items():
        assert urls.location(slug) in groups[search.municipality_index(location.municipality)]


def test_each_municipality_index_holds_its_pages_and_no_engine(built_site, site_data):
    groups = pages_per_index(site_data)
    for municipality in site_data.network.municipalities:
        folder = built_site / search.municipality_index(municipality.slug)
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        assert entry["languages"]["nl"]["page_count"] == len(groups[search.municipality_index(municipality.slug)]) > 0
        # Merged into the general index in the browser: the engine comes from there only.
        assert not list(folder.glob("*.js")) and not list(folder.glob("wasm.*"))
    general = json.loads((built_site / search.GENERAL_INDEX / "pagefind-entry.json").read_text())
    # Its records, and the hand-written pages without a template of their own.
    hand_written = ("over/", "als-het-even-niet-gaat/")
    assert general["languages"]["nl"]["page_count"] == len(groups[search.GENERAL_INDEX]) + len(hand_written)
    assert (built_site / search.GENERAL_INDEX / "wasm.nl.pagefind").is_file()
