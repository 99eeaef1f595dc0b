"""Validation: real example files load cleanly, and every kind of mistake a
volunteer makes gives a Dutch message on the right line.

Each invalid case starts from one small, valid offering (``OFFERING``) and
changes one thing. The expected line number is written out in the table, so a
wrong line number fails the test.
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError, Problem

BUILD_DATE = date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "activities"

# A valid offering at the fixture's location "buurthuis". Line numbers:
#  1 title            6 repeat      11 join
#  2 summary          7 day         12 how
#  3 type             8 from        13 status
#  4 location         9 start       14 last_checked
#  5 schedule        10 end
OFFERING = """\
title: Inloop
summary: Een open huiskamer.
type: inloop
location: buurthuis
schedule:
  repeat: wekelijks
  day: dinsdag
  from: 2027-01-05
  start: "10:00"
  end: "12:00"
join:
  how: binnenlopen
status: actief
last_checked: 2026-11-01
"""

LOCATION = """\
name: Buurthuis De Tussenstap
address: Stationsstraat 12
postcode: 3811 AB
municipality: amersfoort
accessibility:
  step_free: ja
"""


def changed(old: str, new: str, text: str = OFFERING) -> str:
    """``text`` with exactly one occurrence of ``old`` replaced by ``new``."""
    assert text.count(old) == 1, f"{old!r} must occur once in the base file"
    return text.replace(old, new)


def load(make_content, **files) -> object:
    return load_catalog(make_content(**files), BUILD_DATE)


def problems_of(make_content, **files) -> list[Problem]:
    with pytest.raises(ContentError) as caught:
        load(make_content, **files)
    return caught.value.problems


# --- the real example content ------------------------------------------------


def test_all_example_files_load_without_errors():
    loaded = load_catalog(EXAMPLES, BUILD_DATE)
    catalog = loaded.catalog
    for folder, items in (
        ("offerings", catalog.offerings),
        ("locations", catalog.locations),
        ("trainings", catalog.trainings),
    ):
        on_disk = {p.stem for p in (EXAMPLES / folder).glob("*.yaml")}
        assert set(items) == on_disk, f"every file in {folder}/ becomes an item"
    assert len(catalog.offerings) >= 30
    # Warnings are allowed (an old last_checked) but never block the build.
    assert all(w.severity == "warning" for w in loaded.warnings)


def test_the_base_offering_of_this_module_is_valid(make_content):
    loaded = load(make_content, offerings={"inloop": OFFERING}, locations={"buurthuis": LOCATION})
    offering = loaded.catalog.offerings["inloop"]
    assert offering.schedule.start == time(10, 0)
    assert offering.schedule.first == date(2027, 1, 5)
    assert loaded.warnings == []


# --- one mistake per file ------------------------------------------------------

OFFERING_MISTAKES = [
    pytest.param(
        changed("title: Inloop", "titel: Inloop"),
        1,
        ["Het veld 'titel' bestaat niet.", "Gebruik 'title' (de namen van velden zijn Engels)."],
        id="dutch-key-titel",
    ),
    pytest.param(
        changed("summary:", "sumary:"),
        2,
        ["Het veld 'sumary' bestaat niet.", "Bedoel je 'summary'?"],
        id="typo-key-sumary",
    ),
    pytest.param(
        changed("type: inloop", "Type: inloop"),
        3,
        ["Het veld 'Type' bestaat niet.", "Schrijf 'type' met kleine letters."],
        id="key-with-capital",
    ),
    pytest.param(
        changed("from: 2027-01-05", "from: 2026-02-30"),
        8,
        ["De datum 2026-02-30 bestaat niet"],
        id="impossible-date-feb-30",
    ),
    pytest.param(
        changed("from: 2027-01-05", "from: 31-02-2026"),
        8,
        ["De datum '31-02-2026' klopt niet. Schrijf jaar-maand-dag, zoals 2027-01-12.", "die datum bestaat niet"],
        id="dutch-date-31-02-2026",
    ),
    pytest.param(
        changed("from: 2027-01-05", "from: 5-1-2027"),
        8,
        ["Schrijf jaar-maand-dag", "Bedoel je 2027-01-05?"],
        id="dutch-date-5-1-2027",
    ),
    pytest.param(
        changed('end: "12:00"', 'end: "09:00"'),
        10,
        ["De eindtijd (09:00) ligt niet na de begintijd (10:00)."],
        id="end-before-start",
    ),
    pytest.param(
        changed('start: "10:00"', 'start: "25:00"'),
        9,
        ["De tijd '25:00' klopt niet. Schrijf uren:minuten"],
        id="impossible-time",
    ),
    pytest.param(
        changed("location: buurthuis", "location: buurthuiss"),
        4,
        ["De locatie 'buurthuiss' bestaat niet (zie locations/).", "Bedoel je 'buurthuis'?"],
        id="unknown-location-close-match",
    ),
    pytest.param(
        changed("location: buurthuis", "location: stadhuis-utrecht"),
        4,
        ["De locatie 'stadhuis-utrecht' bestaat niet", "Of schrijf 'online'."],
        id="unknown-location",
    ),
    pytest.param(
        "training: wrapp\n" + OFFERING,
        1,
        ["De training 'wrapp' bestaat niet (zie trainings/).", "Bedoel je 'wrap'?"],
        id="unknown-training",
    ),
    pytest.param(
        changed("  day: dinsdag", "   day: dinsdag"), 7, ["De inspringing klopt niet"], id="yaml-indentation-too-deep"
    ),
    pytest.param(
        changed("  day: dinsdag", " day: dinsdag"), 7, ["De inspringing klopt niet"], id="yaml-indentation-too-shallow"
    ),
    pytest.param(
        changed("  day: dinsdag", "\tday: dinsdag"),
        7,
        ["Er staat een tab in het inspringen. Gebruik spaties"],
        id="yaml-tab",
    ),
    pytest.param(
        changed('start: "10:00"', 'start: "10:00'),
        9,
        ['Er mist een afsluitend aanhalingsteken. Sluit de tekst af met ".'],
        id="yaml-unclosed-quote",
    ),
    pytest.param(
        changed("last_checked: 2026-11-01", 'last_checked: "2026-11-01'),
        14,
        ["Er mist een afsluitend aanhalingsteken."],
        id="yaml-unclosed-quote-at-end",
    ),
    pytest.param(
        changed("type: inloop", 'description: |\n  "Gewoon binnenlopen,\n  zei een bezoeker.\ntype: inloop').replace(
            "  day: dinsdag", "   day: dinsdag"
        ),
        10,
        ["De inspringing klopt niet"],
        id="yaml-quote-in-block-text-is-not-the-problem",
    ),
    pytest.param(
        changed("summary: Een open huiskamer.", "summary: Koffie: iedereen welkom"),
        2,
        ["Er staat een dubbele punt op een plek waar dat niet kan."],
        id="yaml-colon-in-value",
    ),
    pytest.param(
        changed("type: inloop", "type: inloop\ntype: ontmoeting"),
        4,
        ["'type' staat twee keer in dit blok (eerder op regel 3). Haal een van de twee weg."],
        id="duplicate-key",
    ),
    pytest.param(
        changed("status: actief", "status: *actief"),
        13,
        ["Verwijzingen met * (aliassen) zijn niet toegestaan."],
        id="yaml-alias",
    ),
    pytest.param(
        changed("summary: Een open huiskamer.", "summary: &tekst Een open huiskamer."),
        2,
        ["Ankers met & zijn niet toegestaan."],
        id="yaml-anchor",
    ),
    pytest.param(
        changed("status: actief", "status: no"),
        13,
        ["'no' kan hier niet. Kies uit: actief, vol, geannuleerd, concept."],
        id="status-no-stays-text",
    ),
    pytest.param(changed("status: actief", "status: true"), 13, ["'true' kan hier niet."], id="status-true-stays-text"),
    pytest.param(
        changed('  end: "12:00"', '  end: "12:00"\n  cancelled:\n    - 2027-01-13'),
        12,
        ["Op 2027-01-13 is geen bijeenkomst (de activiteit is op dinsdag), dus die kan niet vervallen."],
        id="cancelled-not-a-meeting-day",
    ),
    pytest.param(
        changed('  end: "12:00"', '  end: "12:00"\n  moved:\n    - date: 2027-01-14\n      to: 2027-01-15'),
        12,
        ["Op 2027-01-14 is geen bijeenkomst", "dus die kan niet verplaatst worden."],
        id="moved-not-a-meeting-day",
    ),
    pytest.param(
        changed("  repeat: wekelijks", "  dates: [2027-01-05]\n  repeat: wekelijks"),
        5,
        ["Kies één vorm: een lijst met 'dates', of 'repeat' met 'day' en 'from'. Niet allebei."],
        id="repeat-and-dates",
    ),
    pytest.param(changed("  day: dinsdag\n", ""), 5, ["Bij 'repeat' hoort ook 'day'."], id="repeat-without-day"),
    pytest.param(
        changed("last_checked: 2026-11-01\n", ""),
        1,
        ["Het veld 'last_checked' (gecontroleerd op) ontbreekt.", "Bijvoorbeeld: last_checked: 2026-11-01"],
        id="missing-required-field",
    ),
    pytest.param(
        changed("title: Inloop\n", ""),
        1,
        ["Het veld 'title' ontbreekt. Dat mag alleen weg als je 'training' invult."],
        id="missing-title-without-training",
    ),
    pytest.param(
        changed("last_checked: 2026-11-01", "last_checked: 2026-12-01"),
        14,
        ["Deze datum ligt in de toekomst."],
        id="last-checked-in-future",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragments"), OFFERING_MISTAKES)
def test_a_mistake_in_an_offering_gives_a_dutch_message_on_its_line(make_content, text, line, fragments):
    problems = problems_of(make_content, offerings={"inloop": text})
    assert len(problems) == 1, [p.render() for p in problems]
    problem = problems[0]
    assert problem.path.name == "inloop.yaml"
    assert problem.severity == "error"
    for fragment in fragments:
        assert fragment in problem.message
    assert problem.line == line, problem.render()
    assert f"offerings/inloop.yaml, regel {line}: " in problem.render(problem.path.parents[1])


def test_dutch_date_suggestion_never_names_a_date_that_does_not_exist(make_content):
    problems = problems_of(make_content, offerings={"inloop": changed("from: 2027-01-05", "from: 31-02-2026")})
    assert "Bedoel je 2026-02-31" not in problems[0].message


LOCATION_MISTAKES = [
    pytest.param(
        changed("municipality: amersfoort", "municipality: amersfort", LOCATION),
        4,
        ["De gemeente 'amersfort' bestaat niet (zie network.yaml).", "Bedoel je 'amersfoort'?"],
        id="unknown-municipality-close-match",
    ),
    pytest.param(
        changed("municipality: amersfoort", "municipality: utrecht", LOCATION),
        4,
        ["De gemeente 'utrecht' bestaat niet (zie network.yaml)."],
        id="unknown-municipality",
    ),
    pytest.param(
        changed("postcode: 3811 AB", "postcode: 3811ab", LOCATION),
        3,
        ["'3811ab' klopt niet. Schrijf een postcode als 1234 AB."],
        id="postcode",
    ),
    pytest.param(
        changed("  step_free: ja", "  step_free: misschien", LOCATION),
        6,
        ["Schrijf 'ja' of 'nee', niet 'misschien'."],
        id="boolean-not-ja-or-nee",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragments"), LOCATION_MISTAKES)
def test_a_mistake_in_a_location_gives_a_dutch_message_on_its_line(make_content, text, line, fragments):
    problems = problems_of(make_content, locations={"buurthuis": text})
    assert len(problems) == 1, [p.render() for p in problems]
    assert problems[0].path.name == "buurthuis.yaml"
    for fragment in fragments:
        assert fragment in problems[0].message
    assert problems[0].line == line, problems[0].render()


# --- values are read as text, not by YAML 1.1 rules ------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("10:00", time(10, 0), id="unquoted-10:00-is-not-600"),
        pytest.param("9:30", time(9, 30), id="unquoted-9:30-is-not-570"),
        pytest.param('"19:45"', time(19, 45), id="quoted"),
        pytest.param("10.15", time(10, 15), id="with-a-dot"),
    ],
)
def test_an_unquoted_time_is_read_as_a_clock_time(make_content, written, expected):
    text = changed('start: "10:00"', f"start: {written}").replace('end: "12:00"', "end: 21:00")
    offering = load(make_content, offerings={"inloop": text}).catalog.offerings["inloop"]
    assert offering.schedule.start == expected
    assert offering.schedule.end == time(21, 0)


def test_yes_no_words_are_text_where_text_is_expected(make_content):
    text = changed("title: Inloop", "title: No").replace("summary: Een open huiskamer.", "summary: yes")
    offering = load(make_content, offerings={"inloop": text}).catalog.offerings["inloop"]
    assert offering.title == "No"
    assert offering.summary == "yes"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ja", True),
        ("nee", False),
        ("Ja", True),
        ("no", False),
        ("yes", True),
    ],
)
def test_yes_no_fields_accept_dutch_and_english_words(make_content, written, expected):
    location = changed("  step_free: ja", f"  step_free: {written}", LOCATION)
    loaded = load(make_content, offerings={"inloop": OFFERING}, locations={"buurthuis": location})
    assert loaded.catalog.locations["buurthuis"].accessibility.step_free is expected


# --- everything at once ------------------------------------------------------------


def test_every_problem_in_every_file_is_reported_at_once(make_content):
    bad_date = changed("from: 2027-01-05", "from: 2026-02-30")
    two_mistakes = changed("title: Inloop", "titel: Inloop").replace("location: buurthuis", "location: nergens")
    bad_location = changed("municipality: amersfoort", "municipality: amersfort", LOCATION)
    with pytest.raises(ContentError) as caught:
        load(
            make_content, offerings={"eerste": bad_date, "tweede": two_mistakes}, locations={"buurthuis": bad_location}
        )
    error = caught.value
    found = sorted((p.path.name, p.line) for p in error.problems)
    # 'tweede' has an unknown key AND an unknown location: both are reported in
    # the same build, and 'titel' is not reported a second time as a missing title.
    assert ("buurthuis.yaml", 4) in found
    assert ("eerste.yaml", 8) in found
    assert ("tweede.yaml", 1) in found
    assert ("tweede.yaml", 4) in found
    assert len(found) == 4, [p.render() for p in error.problems]
    summary = error.summary()
    assert summary.startswith(f"De inhoud bevat {len(error.problems)} fouten.")
    for expected in (
        "offerings/eerste.yaml, regel 8: De datum 2026-02-30 bestaat niet",
        "offerings/tweede.yaml, regel 1: Het veld 'titel' bestaat niet.",
        "offerings/tweede.yaml, regel 4: De locatie 'nergens' bestaat niet",
        "locations/buurthuis.yaml, regel 4: De gemeente 'amersfort' bestaat niet",
    ):
        assert f"Fout in {expected}" in summary


def test_a_broken_yaml_file_does_not_hide_problems_in_other_files(make_content):
    broken = changed("  day: dinsdag", "\tday: dinsdag")
    typo = changed("summary:", "sumary:")
    problems = problems_of(make_content, offerings={"kapot": broken, "typfout": typo})
    assert sorted((p.path.name, p.line) for p in problems) == [("kapot.yaml", 7), ("typfout.yaml", 2)]


# --- warnings ---------------------------------------------------------------------------


def test_an_old_last_checked_is_a_warning_with_its_line(make_content):
    old = changed("last_checked: 2026-11-01", "last_checked: 2026-05-01")
    loaded = load(make_content, offerings={"inloop": old, "vers": OFFERING})
    assert "inloop" in loaded.catalog.offerings, "a warning does not stop the offering from loading"
    assert [(w.path.name, w.line, w.severity) for w in loaded.warnings] == [("inloop.yaml", 14, "warning")]
    message = loaded.warnings[0].message
    assert "Deze activiteit is 206 dagen niet nagekeken (langer dan 180)." in message
    assert loaded.warnings[0].render().startswith("Let op in ")


def test_review_after_days_comes_from_the_network(make_content):
    root = make_content(offerings={"inloop": changed("last_checked: 2026-11-01", "last_checked: 2026-10-01")})
    network = root / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + "review_after_days: 30\n", encoding="utf-8")
    warnings = load_catalog(root, BUILD_DATE).warnings
    assert [w.line for w in warnings] == [14]
    assert "53 dagen niet nagekeken (langer dan 30)" in warnings[0].message


def test_every_wrong_item_of_a_list_is_reported_in_one_check(make_content):
    text = changed("type: inloop", "type: inloop\naudience: [iederen, naasten, naaste]")
    problems = problems_of(make_content, offerings={"inloop": text})
    choices = "iedereen, naasten, jongvolwassenen, migratieachtergrond, verslavingservaring, ervaringswerkers"
    assert [(p.line, p.message) for p in problems] == [
        (4, f"'iederen' kan hier niet. Kies uit: {choices}. Bedoel je 'iedereen'?"),
        (4, f"'naaste' kan hier niet. Kies uit: {choices}. Bedoel je 'naasten'?"),
    ]


def test_a_misspelt_required_key_is_reported_once_not_also_as_missing(make_content):
    root = make_content(offerings={"inloop": OFFERING})
    network = root / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8").replace("name:", "naam:", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalog(root, BUILD_DATE)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (2, "Het veld 'naam' bestaat niet. Gebruik 'name' (de namen van velden zijn Engels).")
    ]
