"""The example site's activity feeds as Thunderbird reads them: expanded by Mozilla's ical.js.

A second parser in another language, so our own reading of the feeds cannot
hide a mistake. ical.js turns each occurrence into a moment with the feed's own
VTIMEZONE; a time zone it misreads shows as sessions an hour off after a clock
change. Each feed must give exactly the sessions of its offering, at the same
local times, through the summer-time changes of 2027 to 2030, and its first
sessions must be the ones its page lists.

ical.js is pinned in bench/package.json and installed by ``bench/checkers.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from build_support import BUILD_DATE, SessionList, session_times

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.schedule import TZ, expand
from herstelnetwerk.planning import display, urls

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import checkers

REPO = Path(__file__).resolve().parents[1]
EXPANDER = Path(__file__).with_name("ical_expand.cjs")
TODAY = date.fromisoformat(BUILD_DATE)
UNTIL = date(2031, 1, 1)  # through the clock changes of 2027, 2028, 2029 and 2030


@pytest.fixture(scope="module")
def example():
    catalog = load_catalog(REPO / "activities", TODAY).catalog
    return catalog, build_agenda(catalog, TODAY)


@pytest.fixture(scope="module")
def read_by_ical_js(built_site) -> dict[str, list[tuple[str, datetime, datetime]]]:
    """Per offering: (summary, local start, local end) of each occurrence ical.js finds."""
    try:
        node = checkers.node()
        checkers.ensure_installed()
    except checkers.CheckerMissing as error:
        pytest.fail(str(error), pytrace=False)
    feeds = sorted((built_site / "agenda" / "activiteiten").glob("*.ics"))
    assert len(feeds) > 30
    result = subprocess.run(
        [node, str(EXPANDER), str(checkers.ICAL_JS), TODAY.isoformat(), UNTIL.isoformat(), *map(str, feeds)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    return {
        Path(feed).stem: [(summary, _local(start), _local(end)) for _uid, summary, start, end in occurrences]
        for feed, occurrences in found.items()
    }


def _local(unix: int) -> datetime:
    return datetime.fromtimestamp(unix, UTC).astimezone(TZ)


def test_each_feed_gives_its_sessions_at_their_local_times_through_2030(read_by_ical_js, example):
    catalog, agenda = example
    start_of_today = datetime.combine(TODAY, datetime.min.time(), TZ)
    summer_sessions = 0
    for slug, occurrences in read_by_ical_js.items():
        offering = agenda.entries[slug].offering
        title = display.title(offering, catalog)
        expected = sorted(
            (
                (f"{title} – {s.title}" if s.title else title, s.start, s.end)
                for s in expand(offering.schedule, UNTIL)
                if not s.cancelled and s.end > start_of_today and s.start.date() < UNTIL
            ),
            key=lambda o: (o[1], o[0]),
        )
        shown = sorted(occurrences, key=lambda o: (o[1], o[0]))
        # Compared as wall-clock times: an hour's slip from a misread time zone shows here.
        assert [(t, f"{a:%Y-%m-%d %H:%M}", f"{b:%Y-%m-%d %H:%M}") for t, a, b in shown] == [
            (t, f"{a:%Y-%m-%d %H:%M}", f"{b:%Y-%m-%d %H:%M}") for t, a, b in expected
        ], slug
        summer_sessions += sum(1 for _, a, _ in shown if a.year >= 2028 and a.dst())
    assert summer_sessions > 500, "open-ended rules reach the summers of 2028 to 2030"


def test_each_feed_starts_with_the_sessions_its_page_lists(read_by_ical_js, built_site):
    compared = 0
    for slug, occurrences in read_by_ical_js.items():
        html = (built_site / urls.offering(slug) / "index.html").read_text(encoding="utf-8")
        listed = SessionList(html).items
        on_page = [
            (item["date"], *(session_times(item["text"]) or ("?", "?")))
            for item in listed
            if "hn-cancelled" not in item["classes"]
        ]
        in_feed = [(f"{a:%Y-%m-%d}", f"{a:%H:%M}", f"{b:%H:%M}") for _, a, b in occurrences]
        # The page lists the next twelve (cancelled ones too); the feed goes on.
        assert in_feed[: len(on_page)] == on_page, slug
        compared += len(on_page)
    assert compared > 200


def test_a_session_with_its_own_topic_and_an_added_session_reach_the_calendar(read_by_ical_js):
    theme = read_by_ical_js["themacafe-herstel-bunschoten"]
    assert ("Themacafé herstel – Naasten en herstel", "2027-02-11 19:00") in [
        (summary, f"{a:%Y-%m-%d %H:%M}") for summary, a, _ in theme
    ]
    course = read_by_ical_js["begin-maken-met-herstel-baarn"]
    assert course[-1][0].endswith("– Inhaalbijeenkomst")
    retreat = read_by_ical_js["wrap-retraite-woudenberg"]
    assert [(f"{a:%a %H:%M}", f"{b:%a %H:%M}", (b.date() - a.date()).days) for _, a, b in retreat] == [
        ("Mon 14:00", "Fri 16:00", 4)
    ]
