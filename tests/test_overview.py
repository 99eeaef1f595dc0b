"""The coordinators' overview: its figures, checked against counts made another way.

The example site's overview (``over/overzicht/``, its JSON beside it) is compared
with the agenda as a calendar program sees it: the site's iCal feed with everything,
expanded by the recurring-ical-events library, each event's municipality read from
the YAML files with PyYAML. None of that goes through the overview's code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import yaml
from browser_support import BUILD_DATE

from herstelnetwerk.loading import vocabulary as v
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.planning.overview import build_overview, mind_blocks, months_around
from herstelnetwerk.planning.plan import load_site
from herstelnetwerk.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "activities"
TODAY = date.fromisoformat(BUILD_DATE)


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _place_and_professional(slug: str) -> tuple[str, bool]:
    """Where an offering is (a municipality's name, or Online) and whether it is only for professionals."""
    network = _yaml(EXAMPLE / "network.yaml")
    names = {m["slug"]: m["name"] for m in network["municipalities"]}
    offering = _yaml(EXAMPLE / "offerings" / f"{slug}.yaml")
    if offering["location"] == "online":
        place = "Online"
    else:
        place = names[_yaml(EXAMPLE / "locations" / f"{offering['location']}.yaml")["municipality"]]
    training = _yaml(EXAMPLE / "trainings" / f"{offering['training']}.yaml") if offering.get("training") else {}
    professional = set(offering.get("audience", ["iedereen"])) <= {"ervaringswerkers"} or (
        training.get("mind_block") == "scholing-professionals"
    )
    return place, professional


def _feed_counts(site: Path, first: date, last: date) -> dict[tuple[str, str], tuple[int, int]]:
    """(place, YYYY-MM) -> (distinct activities, sessions) from the iCal feed, for residents' offerings."""
    calendar = icalendar.Calendar.from_ical((site / "agenda" / "alles.ics").read_bytes())
    slugs: dict[tuple[str, str], set[str]] = defaultdict(set)
    sessions: dict[tuple[str, str], int] = defaultdict(int)
    known: dict[str, tuple[str, bool]] = {}
    for event in recurring_ical_events.of(calendar).between(first, last):
        slug = re.search(r"/activiteiten/([^/]+)/", str(event["URL"])).group(1)
        if slug not in known:
            known[slug] = _place_and_professional(slug)
        place, professional = known[slug]
        if professional:
            continue
        start = event["DTSTART"].dt
        key = (place, f"{start.year:04d}-{start.month:02d}")
        slugs[key].add(slug)
        sessions[key] += 1
    return {key: (len(slugs[key]), sessions[key]) for key in slugs}


def _overview_json(site: Path, name: str) -> dict:
    return json.loads((site / "over" / "overzicht" / f"{name}.json").read_text(encoding="utf-8"))


def test_coming_months_match_the_agenda_feed(built_site):
    """From the month after the build on, every municipality's figures are the feed's: activities and sessions."""
    months = [m for m in months_around(TODAY) if m.coming][1:]  # the build month also counts its past days
    first = months[0].first_day()
    after = date(months[-1].year + months[-1].month // 12, months[-1].month % 12 + 1, 1)
    expected = _feed_counts(built_site, first, after)
    rows = _overview_json(built_site, "per-maand")["rijen"]
    compared = 0
    for row in rows:
        if row["Maand"] in {m.key for m in months}:
            assert (row["Activiteiten"], row["Bijeenkomsten"]) == expected.get(
                (row["Gemeente"], row["Maand"]), (0, 0)
            ), row
            compared += 1
    assert compared == 9 * len(months)  # eight municipalities and Online
    assert sum(sessions for _, sessions in expected.values()) > 100  # the feed really had the agenda


def test_past_months_match_the_repeating_series_of_the_feed(built_site):
    """Before the build date the feed still holds every repeating series from its first date: the same counts.

    (The example content has no course that ended before the build date, so the feed misses nothing there.)
    """
    months = [m for m in months_around(TODAY) if not m.coming]
    expected = _feed_counts(built_site, months[0].first_day(), TODAY.replace(day=1))
    rows = [r for r in _overview_json(built_site, "per-maand")["rijen"] if r["Maand"] in {m.key for m in months}]
    assert {
        (r["Gemeente"], r["Maand"]): (r["Activiteiten"], r["Bijeenkomsten"]) for r in rows if r["Activiteiten"]
    } == expected
    assert expected, "the example has sessions before the build date"


def test_a_municipality_is_below_its_target_and_the_page_says_so(built_site):
    network = _yaml(EXAMPLE / "network.yaml")
    target = {t["municipality"]: int(t["activities_per_month"]) for t in network["targets"]}["amersfoort"]
    month = TODAY.strftime("%Y-%m")
    amersfoort = next(
        r
        for r in _overview_json(built_site, "per-maand")["rijen"]
        if r["Gemeente"] == "Amersfoort" and r["Maand"] == month
    )
    feed = _feed_counts(built_site, TODAY, date(TODAY.year + TODAY.month // 12, TODAY.month % 12 + 1, 1))
    assert feed[("Amersfoort", month)][0] <= amersfoort["Activiteiten"] < target  # the rest of the month alone is less
    assert amersfoort["Tekort"] == target - amersfoort["Activiteiten"] > 0
    page = (built_site / "over" / "overzicht" / "index.html").read_text(encoding="utf-8")
    assert f"Amersfoort ({amersfoort['Activiteiten']} van de {target})" in page


def test_a_building_block_has_no_offer_anywhere(built_site):
    """Nothing in the example content serves policy participation: no offering, training or type names it."""
    blocks = _overview_json(built_site, "bouwstenen")
    total = next(row for row in blocks["rijen"] if row["Gemeente"] == "Totaal")
    assert total["C. Beleidsparticipatie"] == 0
    assert total["A. Sociale participatie"] > 0
    for folder in ("offerings", "trainings"):
        for path in (EXAMPLE / folder).glob("*.yaml"):
            assert "beleidsparticipatie" not in path.read_text(encoding="utf-8"), path
    page = (built_site / "over" / "overzicht" / "index.html").read_text(encoding="utf-8")
    assert "Geen aanbod in de hele regio voor: Beleidsparticipatie en Scholing van professionals." in page


def test_a_building_block_below_its_target(built_site):
    """Leusden agreed on one offer for relatives a month; none of its offerings is for relatives."""
    rows = _overview_json(built_site, "doelen-per-bouwsteen")["rijen"]
    leusden = next(row for row in rows if row["Gemeente"] == "Leusden")
    assert (leusden["Bouwsteen"], leusden["Doel per maand"], leusden["Tekort"]) == (
        "Steun voor familie en naasten",
        1,
        1,
    )
    for path in (EXAMPLE / "offerings").glob("*.yaml"):
        offering = _yaml(path)
        if _place_and_professional(path.stem)[0] == "Leusden":
            assert "naasten" not in offering.get("audience", []), path.name
            assert "naastensteun" not in offering.get("mind_blocks", []), path.name
    page = (built_site / "over" / "overzicht" / "index.html").read_text(encoding="utf-8")
    assert "Leusden: Steun voor familie en naasten (0 van de 1)" in page


def test_the_page_is_under_about_and_not_in_the_navigation(built_site):
    about = (built_site / "over" / "index.html").read_text(encoding="utf-8")
    assert 'href="overzicht/"' in about
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "overzicht voor het coördinatieteam" not in home.lower()
    assert "over/overzicht/" not in home


def test_every_type_has_building_blocks_and_every_block_a_label():
    assert set(v.TYPE_MIND_BLOCKS) == {key for key, _ in v.OFFERING_TYPES}
    known = {key for key, _ in v.MIND_BLOCKS}
    assert {block for blocks in v.TYPE_MIND_BLOCKS.values() for block in blocks} <= known
    assert all(group in "ABC" and explanation for _, _, group, explanation in v.MIND_BLOCK_DETAILS)


def _plan(root: Path, day: str = "2027-01-04"):
    return load_site(Settings(root, date.fromisoformat(day)), None)


def test_an_offering_names_its_own_blocks_and_relatives_add_theirs(make_content):
    root = make_content(
        schedules={"inloop": "repeat: wekelijks\nday: dinsdag\nfrom: 2027-01-05\nstart: '10:00'\nend: '12:00'"}
    )
    text = (root / "offerings" / "inloop.yaml").read_text(encoding="utf-8")
    (root / "offerings" / "inloop.yaml").write_text(
        text.replace("type: inloop", "type: inloop\nmind_blocks: [kwartiermaken]\naudience: [naasten]"),
        encoding="utf-8",
    )
    plan = _plan(root)
    offering = plan.data.catalog.offerings["inloop"]
    assert mind_blocks(offering, plan.data) == ("kwartiermaken", "naastensteun")


def test_two_offers_of_one_kind_at_the_same_time_are_possible_doubles(make_content):
    weekly = "repeat: wekelijks\nday: dinsdag\nfrom: 2027-01-05\nstart: '{0}'\nend: '{1}'\ncount: 3"
    root = make_content(
        schedules={
            "inloop-a": weekly.format("10:00", "12:00"),
            "inloop-b": weekly.format("11:30", "13:00"),
            "inloop-c": weekly.format("12:00", "14:00"),  # starts when a ends: no overlap with it
        }
    )
    overview = build_overview(_plan(root).data)
    pairs = [(d.first_url, d.second_url, d.times) for d in overview.doubles]
    assert pairs == [
        ("activiteiten/inloop-a/", "activiteiten/inloop-b/", 3),
        ("activiteiten/inloop-b/", "activiteiten/inloop-c/", 3),
    ]


def test_sessions_before_and_after_the_build_date_are_counted_once(make_content):
    root = make_content(
        schedules={
            "inloop": "repeat: wekelijks\nday: maandag\nfrom: 2026-12-07\nstart: '10:00'\nend: '12:00'\ncount: 8"
        }
    )
    overview = build_overview(_plan(root, "2027-01-04").data)  # a Monday: that day's session is in the agenda
    figures = {f.month.key: f.sessions for f in overview.figures if f.place.slug == "amersfoort" and f.sessions}
    assert figures == {"2026-12": 4, "2027-01": 4}


def _refusals_of_targets(root: Path, targets: str) -> list[tuple[int, str]]:
    """The line and message of every problem once ``targets`` is added to the network file."""
    network = root / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + targets, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_catalog(root, date(2027, 1, 4))
    return [(p.line, p.message) for p in raised.value.problems]


def test_an_unknown_or_repeated_target_is_refused_in_dutch(make_content):
    messages = _refusals_of_targets(
        make_content(),
        "targets:\n  - municipality: amersfort\n    activities_per_month: 4\n"
        + "  - municipality: soest\n    activities_per_month: 2\n"
        + "  - municipality: soest\n    activities_per_month: 3\n",
    )
    assert messages == [
        (16, "De gemeente 'amersfort' bestaat niet (zie municipalities). Bedoel je 'amersfoort'?"),
        (20, "Voor de gemeente 'soest' staat al een doel. Geef elke gemeente één doel."),
    ]


def test_a_building_block_named_twice_in_one_target_is_refused(make_content):
    messages = _refusals_of_targets(
        make_content(),
        "targets:\n  - municipality: soest\n    activities_per_month: 4\n    blocks:\n"
        + "      - block: naastensteun\n        activities_per_month: 1\n"
        + "      - block: naastensteun\n        activities_per_month: 2\n",
    )
    assert messages == [(21, "De bouwsteen 'naastensteun' staat al bij dit doel. Geef elke bouwsteen één aantal.")]


def test_the_command_prints_the_tables_and_writes_the_files(tmp_path):
    out = tmp_path / "verslag"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "herstelnetwerk",
            "overzicht",
            "--activities",
            str(EXAMPLE),
            "--build-date",
            BUILD_DATE,
            "--uit",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Activiteiten per maand" in result.stdout and "Niet nagekeken" in result.stdout
    assert re.search(r"^Amersfoort +15 ", result.stdout, re.MULTILINE)  # the target beside the name
    assert result.stderr.strip() == f"18 bestanden geschreven in {out.as_posix()}/ (CSV en JSON van elke tabel)."
    assert (out / "per-maand.csv").read_bytes().startswith("\ufeffGemeente;Maand;".encode())
    # The same figures as the site's downloads.
    plan = _plan(EXAMPLE, BUILD_DATE)
    rows = json.loads((out / "per-maand.json").read_text(encoding="utf-8"))["rijen"]
    assert len(rows) == len(plan.overview.figures)


def test_a_content_mistake_stops_the_command_with_the_dutch_message(make_content, tmp_path):
    root = make_content(offerings={"kapot": "title: Kapot\n"})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "herstelnetwerk",
            "overzicht",
            "--activities",
            str(root),
            "--uit",
            str(tmp_path / "uit"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("De inhoud bevat ")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "uit").exists()


def test_the_targets_example_in_contributing_is_valid(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = re.search(r"^```yaml\n(targets:\n.*?)^```", text, re.MULTILINE | re.DOTALL).group(1)
    root = tmp_path / "activities"
    for path in EXAMPLE.rglob("*"):  # the YAML files and the network's pictures
        if path.is_file():
            (root / path.relative_to(EXAMPLE)).parent.mkdir(parents=True, exist_ok=True)
            (root / path.relative_to(EXAMPLE)).write_bytes(path.read_bytes())
    network = (EXAMPLE / "network.yaml").read_text(encoding="utf-8")
    network = re.sub(r"^# Afgesproken.*?^(?=municipalities:)", "", network, flags=re.MULTILINE | re.DOTALL)
    (root / "network.yaml").write_text(network + example, encoding="utf-8")
    target = load_catalog(root, TODAY).catalog.network.target("amersfoort")
    assert (target.activities_per_month, [(b.block, b.activities_per_month) for b in target.blocks]) == (
        15,
        [("naastensteun", 2)],
    )


def test_a_long_list_shows_its_first_rows_and_says_where_the_rest_is():
    from herstelnetwerk.planning.overview_page import PAGE_ROWS, section
    from herstelnetwerk.planning.overview_tables import Cell, Column, Table

    rows = tuple((Cell(f"groep {n}"),) for n in range(PAGE_ROWS + 1234))
    listed = section(Table("mogelijk-dubbel", "Mogelijk dubbel", "", (Column("Activiteit"),), rows), None)
    assert listed.rows == rows[:PAGE_ROWS]
    assert listed.more_text == "Hier staan de eerste 100. De andere 1.234 staan in de bestanden hieronder."
    whole = section(Table("bouwstenen", "Bouwstenen", "", (Column("Gemeente"),), rows), None)
    assert whole.rows == rows and whole.more_text == ""
