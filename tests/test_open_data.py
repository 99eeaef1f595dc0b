"""The open data and the feeds of what is new, read by tools nobody here wrote.

- The HSDS export: every service validates against Open Referral's own compiled
  schema of HSDS 3.0.1 (pinned in tests/data/hsds-3.0.1/), and its sessions are
  exactly the sessions the iCal feeds give for the same days, read with icalendar
  and recurring-ical-events.
- The CSV opens as UTF-8 with a byte-order mark, one row per activity.
- Both Atom feeds parse in feedparser without any error (no bozo).
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import feedparser
import icalendar
import jsonschema
import pytest
import recurring_ical_events
from build_support import BUILD_DATE

from herstelnetwerk.outputs.open_data import _id
from herstelnetwerk.planning.open_data import SESSION_DAYS

SCHEMA = json.loads((Path(__file__).parent / "data" / "hsds-3.0.1" / "service.json").read_text("utf-8"))
SITE_URL = "https://herstelnetwerk-eemland.example.org/"


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The example site, built once for the whole run (``browser_support.built_site``)."""
    return built_site


@pytest.fixture(scope="module")
def export(site) -> dict:
    return json.loads((site / "open-data/hsds/services.json").read_text("utf-8"))


def test_every_service_validates_against_the_hsds_schema(export):
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    assert export["total_items"] == len(export["contents"]) > 30
    for service in export["contents"]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(service)]
        assert errors == [], service["name"]


def test_the_schema_does_refuse_a_broken_service(export):
    """The check can fail: a service without a name, or with an id that is no UUID, is refused."""
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    broken = dict(export["contents"][0])
    del broken["name"]
    broken["id"] = "inloop"
    messages = sorted(e.message for e in validator.iter_errors(broken))
    assert messages == ["'inloop' is not a 'uuid'", "'name' is a required property"]


def test_the_sessions_of_the_export_are_those_of_the_ical_feeds(site, export):
    first = date.fromisoformat(BUILD_DATE)
    last = first + timedelta(days=SESSION_DAYS - 1)
    compared = 0
    for service in export["contents"]:
        slug = service["url"].removeprefix(SITE_URL + "activiteiten/").strip("/")
        exported = sorted(
            (s["valid_from"], s["opens_at"], s["closes_at"])
            for place in service["service_at_locations"]
            for s in place["schedules"]
            if "valid_from" in s  # by appointment: one schedule that says so, no sessions
        )
        feed = site / f"agenda/activiteiten/{slug}.ics"
        if not feed.exists():  # by appointment: no feed, and no sessions in the export
            assert exported == [], slug
            continue
        calendar = icalendar.Calendar.from_ical(feed.read_bytes())
        events = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
        from_feed = sorted(
            (e.start.date().isoformat(), e.start.strftime("%H:%M"), e.end.strftime("%H:%M"))
            for e in events
            if e.start.date() >= first
        )
        assert exported == from_feed, slug
        compared += len(exported)
    assert compared > 200


def test_no_person_and_no_provider_in_the_export(export, site):
    text = json.dumps(export, ensure_ascii=False)
    root = Path(__file__).parents[1] / "activities" / "offerings"
    for source in root.glob("*.yaml"):
        for line in source.read_text("utf-8").splitlines():
            if line.startswith("provider:"):
                assert line.split(":", 1)[1].strip() not in text
    assert {s["organization"]["name"] for s in export["contents"]} == {"Herstelnetwerk Eemland"}


def test_the_csv_is_utf8_with_a_byte_order_mark_one_row_per_activity(site, export):
    raw = (site / "open-data/aanbod.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == export["total_items"]
    by_id = {row["id"]: row for row in rows}
    assert by_id["inloop-de-lindeboom"]["gemeente"] == "Amersfoort"
    assert by_id["inloop-de-lindeboom"]["webadres"] == SITE_URL + "activiteiten/inloop-de-lindeboom/"
    assert all(row["gecontroleerd_op"] for row in rows)


@pytest.mark.parametrize("path", ["activiteiten/atom.xml", "nieuws/atom.xml"])
def test_the_atom_feeds_parse_without_errors(site, path):
    parsed = feedparser.parse((site / path).read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.entries
    assert all(entry.link.startswith(SITE_URL) and entry.updated_parsed for entry in parsed.entries)


def test_the_news_feed_lists_the_news_newest_first(site):
    parsed = feedparser.parse((site / "nieuws/atom.xml").read_bytes())
    assert [e.title for e in parsed.entries] == ["Het nieuws van de herfst", "Nieuw in Woudenberg, het Herstelcafé"]


def test_the_feed_of_new_activities_is_newest_checked_first_and_leaves_out_what_does_not_take_place(site, export):
    parsed = feedparser.parse((site / "activiteiten/atom.xml").read_bytes())
    updated = [e.updated for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    on_site = {s["url"] for s in export["contents"]}
    assert {e.link for e in parsed.entries} <= on_site


@pytest.mark.parametrize(
    "parts",
    [
        ("netwerk",),
        ("bijeenkomst", "wrap-amersfoort", "2027-03-30T19:00:00+02:00"),
        ("toegang", "café-één", "ringleiding"),
    ],
)
def test_an_identifier_is_the_uuid5_of_its_url(parts):
    """The export's own quick way of making identifiers gives what the standard library's uuid5 gives."""
    for site_url in ("https://herstelnetwerk.example.org/", "https://gooi.example.org/regio/"):
        data = SimpleNamespace(network=SimpleNamespace(site_url=site_url))
        expected = str(uuid.uuid5(uuid.NAMESPACE_URL, site_url + "#" + "/".join(parts)))
        assert _id(data, *parts) == expected
