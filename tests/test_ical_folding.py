"""Feeds fold their long lines with ical_folding.fold; it must fold exactly as icalendar does."""

from __future__ import annotations

import random
import string
import sys
from datetime import date
from pathlib import Path

from icalendar.parser import content_line
from icalendar.parser.string import _foldline as icalendar_fold

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.outputs import feeds, ical_folding
from herstelnetwerk.outputs.ical_folding import fold

REPO = Path(__file__).resolve().parents[1]
BUILD_DATE = date(2026, 11, 23)
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def unfolded_lines(tmp_path) -> list[str]:
    """Every content line of the example's and a generated network's feeds, unfolded."""
    generate.generate(tmp_path / "netwerk", 120, seed=11, build_date=BUILD_DATE)
    lines = []
    for root in (REPO / "activities", tmp_path / "netwerk"):
        catalog = load_catalog(root, BUILD_DATE).catalog
        agenda = build_agenda(catalog, BUILD_DATE)
        for _, body in feeds.iter_feeds(catalog, agenda, catalog.network.site_url):
            lines += body.decode("utf-8").replace("\r\n ", "").split("\r\n")
    return lines


def test_feed_lines_fold_as_icalendar_folds_them(tmp_path):
    lines = unfolded_lines(tmp_path)
    long_lines = [line for line in lines if len(line.encode("utf-8")) >= 75]
    # Not vacuous: long lines, with letters of more than one byte and escapes.
    assert len(long_lines) > 500
    assert any(not line.isascii() for line in long_lines)
    assert any("\\," in line or "\\n" in line for line in long_lines)
    for line in lines:
        assert fold(line) == icalendar_fold(line), line


def test_random_text_folds_as_icalendar_folds_it():
    rng = random.Random(5)
    alphabet = list(string.ascii_letters + string.digits + ' ,;:\\^"') + ["é", "ë", "ï", "–", "€", "😀", "\\n"]
    for _ in range(20_000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))
        for limit in (75, 3, 8, 12):
            assert fold(line, limit) == icalendar_fold(line, limit), (line, limit)


def test_feeds_fold_with_it():
    assert content_line._foldline is fold
    ical_folding.install()  # a second time changes nothing
    assert content_line._foldline is fold
