"""Every feed of the example site read by four Python iCal libraries that calendar tools are built on.

icalendar (which wrote them) and recurring-ical-events expand them; ics.py and
vobject are independent parsers with their own grammar and time-zone handling.
Each must read every feed without an error, find every event, and agree on
when the sessions are. ical.js (tests/test_feeds_in_ical_js.py) is the reader
in another language.
"""

from __future__ import annotations

import sys
import threading
from datetime import UTC, date, datetime

import ics
import pytest
import recurring_ical_events
import vobject
from build_support import BUILD_DATE
from icalendar import Calendar

TODAY = date.fromisoformat(BUILD_DATE)
UNTIL = date(2031, 1, 1)


@pytest.fixture(scope="module")
def feeds(built_site) -> dict[str, str]:
    found = {str(path.relative_to(built_site)): path.read_text(encoding="utf-8") for path in built_site.rglob("*.ics")}
    assert len(found) > 60
    return found


def _moments(occurrences) -> list[tuple[str, datetime]]:
    return sorted((str(e.get("UID")), e.decoded("DTSTART").astimezone(UTC)) for e in occurrences)


def test_icalendar_and_recurring_ical_events_expand_every_feed(feeds):
    expanded = 0
    for path, text in feeds.items():
        calendar = Calendar.from_ical(text)
        events = calendar.walk("VEVENT")
        assert all(e.get("UID") and e.get("DTSTART") and e.get("SEQUENCE") is not None for e in events), path
        occurrences = recurring_ical_events.of(calendar).between(TODAY, UNTIL)
        expanded += len(occurrences)
        assert bool(events) == bool(occurrences) or path.startswith("agenda/thema"), path
    assert expanded > 10_000


def test_ics_reads_every_feed_with_all_its_events(feeds, monkeypatch):
    # ics.py's grammar library turns on coloured terminal output at every parse, each time wrapping
    # the output stream once more, until closing them at exit overflows: colours are not needed here.
    monkeypatch.setattr("tatsu.color.init", lambda: None)
    # ics.py 0.7 takes time quadratic in a file's length: the feed with everything takes minutes,
    # so it reads every activity's own feed, which holds each event there is.
    for path, text in feeds.items():
        if not path.startswith("agenda/activiteiten/"):
            continue
        events, in_order = _deep(_read_with_ics, text)
        assert events == text.count("BEGIN:VEVENT"), path
        assert in_order, path


def _read_with_ics(text: str) -> tuple[int, bool]:
    """How many events ics.py finds, and whether each ends after it begins."""
    events = ics.Calendar(text).events
    return len(events), all(event.begin < event.end for event in events)


def _deep(function, *args):
    """``function(*args)`` in a thread with room for deep recursion: ics.py 0.7 reads lines recursively.

    What it parsed is freed in that thread too (freeing it also recurses deeply).
    """
    result: list = []
    limit = sys.getrecursionlimit()
    size = threading.stack_size(256 * 1024 * 1024)
    sys.setrecursionlimit(200_000)
    try:
        worker = threading.Thread(target=lambda: result.append(function(*args)))
        worker.start()
        worker.join()
    finally:
        sys.setrecursionlimit(limit)
        threading.stack_size(size)
    assert result, "the parser failed (see the thread's error above)"
    return result[0]


def test_vobject_reads_every_feed_and_expands_its_rules_like_icalendar(feeds):
    """vobject turns the VTIMEZONE into its own tzinfo: its sessions must be the same moments."""
    first, last = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC), datetime(2030, 12, 31, tzinfo=UTC)
    compared = 0
    for path, text in feeds.items():
        calendar = vobject.readOne(text)
        events = list(getattr(calendar, "vevent_list", []))
        assert len(events) == text.count("BEGIN:VEVENT"), path
        if not path.startswith("agenda/activiteiten/"):
            continue
        expected = _moments(recurring_ical_events.of(Calendar.from_ical(text)).between(TODAY, UNTIL))
        # A session with an event of its own (moved, or with its own topic) is left out on both sides:
        # vobject's rule set still has its rule date, recurring-ical-events its own start.
        overrides = [o for o in events if hasattr(o, "recurrence_id")]
        rule_dates_taken = {o.recurrence_id.value.astimezone(UTC) for o in overrides}
        own_starts = {o.dtstart.value.astimezone(UTC) for o in overrides}
        for event in events:
            if not hasattr(event, "rrule") or hasattr(event, "recurrence_id"):
                continue
            uid = event.uid.value
            rule = [m.astimezone(UTC) for m in event.getrruleset().between(first, last, inc=True)]
            mine = [m for m in rule if m not in rule_dates_taken]
            theirs = [t for found, t in expected if found == uid and t <= last and t not in own_starts]
            assert mine == theirs, (path, uid)
            compared += 1
    assert compared > 20
