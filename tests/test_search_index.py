"""The finder's split search index: which record is in which index, what a record holds,
and what each index folder holds."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from browser_support import BUILD_DATE, ROOT

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.outputs import search_index
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


def write_indexes(site, records) -> None:
    # In a thread of its own: the browser tests leave an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(search_index.write_indexes, site, records, search.GENERAL_INDEX).result()


def index_files(folder) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_same_records_give_the_same_index_files(site_data, tmp_path):
    # Pagefind puts filters in hash-map order, seeded anew in each run: two runs show it.
    records = plan_site(site_data).search_records([])
    first, second = tmp_path / "first", tmp_path / "second"
    write_indexes(first, records)
    write_indexes(second, records)
    written = index_files(first)
    assert any(path.endswith(".pf_filter") for path in written)
    again = index_files(second)
    assert sorted(written) == sorted(again)
    assert [path for path in written if written[path] != again[path]] == []


def test_each_index_names_its_filter_files_in_order_and_by_their_contents(site_data, tmp_path):
    write_indexes(tmp_path, plan_site(site_data).search_records([]))
    for entry_file in tmp_path.rglob("pagefind-entry.json"):
        folder = entry_file.parent
        (about,) = json.loads(entry_file.read_text())["languages"].values()
        meta = folder / f"pagefind.{about['hash']}.pf_meta"
        assert [path.name for path in folder.glob("*.pf_meta")] == [meta.name]
        filters = search_index._read_data(meta.name, meta.read_bytes())[3]
        assert [name for name, _ in filters] == sorted(name for name, _ in filters)
        assert {path.name for path in (folder / "filter").iterdir()} == {f"{short}.pf_filter" for _, short in filters}
        for name, short in filters:
            compressed = (folder / "filter" / f"{short}.pf_filter").read_bytes()
            filter_name, values = search_index._read_data(short, compressed)
            assert filter_name == name
            assert [value for value, _ in values] == sorted(value for value, _ in values)
            contents = gzip.decompress(compressed).removeprefix(search_index.SIGNATURE)
            assert f"{search_index.LANGUAGE}_{search_index._content_hash(contents)}".startswith(short)


def test_an_activitys_record_names_its_place_once_with_street_town_and_municipality(site_data):
    records = {record.page: record for index in plan_site(site_data).search_records([]).values() for record in index}
    checked = 0
    for entry in site_data.agenda.visible():
        if entry.offering.is_online:
            continue
        location = site_data.catalog.locations[entry.offering.location]
        town, municipality = site_data.town(location), site_data.municipality_name(location.municipality)
        line = ", ".join([location.name, location.address, town] + ([municipality] if municipality != town else []))
        assert f"\n{line}.\n" in records[urls.offering(entry.slug)].text
        checked += 1
    assert checked > 10
