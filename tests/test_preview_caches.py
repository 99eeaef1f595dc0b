"""The caches that make `mkdocs serve --dirty` redo only what an edit touched.

The parse cache must be invisible in the result: a build with a warm cache gives
exactly what a build without one gives, also after a file changed.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from herstelnetwerk.loading.catalog import ParseCache, load_catalog

BUILD_DATE = date(2026, 11, 23)
WEEKLY = """
    repeat: wekelijks
    day: dinsdag
    from: 2026-09-01
    start: "10:00"
    end: "12:00"
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    # Make the change visible to the cache even on file systems with coarse time stamps.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_unchanged_files_are_not_parsed_again(make_content):
    root = make_content(schedules={"inloop": WEEKLY, "koffie": WEEKLY})
    cache = ParseCache()
    first = load_catalog(root, BUILD_DATE, cache).catalog
    _edit(root / "offerings" / "koffie.yaml", "title: ", "title: Nieuw ")
    second = load_catalog(root, BUILD_DATE, cache).catalog

    assert second.offerings["inloop"] is first.offerings["inloop"]
    assert second.offerings["koffie"] is not first.offerings["koffie"]
    assert second.offerings["koffie"].title.startswith("Nieuw ")
    assert second == load_catalog(root, BUILD_DATE).catalog


def test_a_new_build_date_parses_again(make_content):
    root = make_content(schedules={"inloop": WEEKLY})
    cache = ParseCache()
    first = load_catalog(root, BUILD_DATE, cache).catalog
    later = load_catalog(root, date(2026, 11, 24), cache).catalog
    assert later.offerings["inloop"] is not first.offerings["inloop"]


def test_an_error_introduced_while_serving_is_reported(make_content):
    root = make_content(schedules={"inloop": WEEKLY})
    cache = ParseCache()
    load_catalog(root, BUILD_DATE, cache)
    _edit(root / "offerings" / "inloop.yaml", 'start: "10:00"', 'start: "25:00"')
    try:
        load_catalog(root, BUILD_DATE, cache)
    except ValueError as error:
        assert "De tijd '25:00' klopt niet" in str(error)
    else:
        raise AssertionError("the edited file was not checked again")
