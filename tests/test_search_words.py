"""zoekwoorden.yaml: the network's search words. Optional; every mistake a Dutch message on its line.

Each invalid case starts from one small, valid file (``WORDS``) and changes one
thing; the whole message and its line are written out in the table.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.loading.model import SearchTopic, TopicFit

BUILD_DATE = date(2026, 11, 23)
REPO = Path(__file__).resolve().parents[1]

# Line numbers:
#  1 topics           5 type          9 fits
#  2 - name           6 words        10 audience
#  3 words            7 - name
#  4 fits             8 words
WORDS = """\
topics:
  - name: Angst en spanning
    words: [angst, bang, stemmen horen]
    fits:
      type: [coaching]
      words: [rust, moeilijke dagen]
  - name: Rouw
    words: [rouw, bang]
    fits:
      audience: [naasten]
"""

THEMES = "meedoen, dagelijks-functioneren, lichaamsfuncties, mentaal-welbevinden, zingeving, kwaliteit-van-leven"
TYPES = (
    "training, inloop, steunpunt, spreekuur, lotgenotengroep, herstelgroep, themabijeenkomst, sport, creatief, "
    "ontmoeting, coaching, intervisie"
)
AUDIENCES = "naasten, jongvolwassenen, migratieachtergrond, verslavingservaring, ervaringswerkers"
NOT_A_WORD = (
    "kan geen zoekwoord zijn. Gebruik kleine letters (ook met accent), cijfers, "
    "en tussen twee woorden een spatie, - of ', zoals 'stemmen horen'."
)
EMPTY_FITS = (
    "Onder 'fits' staat nog niets, dus er past geen aanbod bij dit onderwerp. "
    "Vul minstens één lijst in: themes, type, audience of words."
)


def changed(old: str, new: str, text: str = WORDS) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the base file"
    return text.replace(old, new)


def content(make_content, words: str | None) -> Path:
    root = make_content()
    if words is not None:
        (root / "zoekwoorden.yaml").write_text(words, encoding="utf-8")
    return root


def problems(make_content, words: str) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ContentError) as caught:
        load_catalog(content(make_content, words), BUILD_DATE)
    return [(p.path.name, p.line, p.message) for p in caught.value.problems]


def test_without_the_file_there_are_no_search_topics(make_content):
    assert load_catalog(content(make_content, None), BUILD_DATE).catalog.search_topics == []


def test_the_base_file_loads_into_topics(make_content):
    loaded = load_catalog(content(make_content, WORDS), BUILD_DATE)
    assert loaded.catalog.search_topics == [
        SearchTopic(
            name="Angst en spanning",
            words=["angst", "bang", "stemmen horen"],
            fits=TopicFit(themes=[], types=["coaching"], audiences=[], words=["rust", "moeilijke dagen"]),
        ),
        # 'bang' in two topics is fine: a word may belong to both.
        SearchTopic(name="Rouw", words=["rouw", "bang"], fits=TopicFit(audiences=["naasten"])),
    ]
    assert loaded.warnings == []


@pytest.mark.parametrize(
    "word",
    ["één", "paranoïde", "re-integratie", "zo'n", "'s nachts", "18 jaar", "ups en downs", "ß" * 2],
)
def test_a_search_word_may_have_accents_digits_hyphens_apostrophes_and_spaces(make_content, word):
    words = changed("[angst, bang, stemmen horen]", f'[angst, "{word}"]')
    topic = load_catalog(content(make_content, words), BUILD_DATE).catalog.search_topics[0]
    assert topic.words == ["angst", word]


MISTAKES = [
    pytest.param(
        changed("topics:", "onderwerpen:"),
        [(1, "Het veld 'onderwerpen' bestaat niet. Gebruik 'topics' (de namen van velden zijn Engels).")],
        id="dutch-key-onderwerpen",
    ),
    pytest.param(
        changed("  - name: Rouw", "  - naam: Rouw"),
        [(7, "Het veld 'naam' bestaat niet. Gebruik 'name' (de namen van velden zijn Engels).")],
        id="dutch-key-naam",
    ),
    pytest.param(
        changed("    words: [rouw, bang]", "    woorden: [rouw, bang]"),
        [(8, "Het veld 'woorden' bestaat niet. Gebruik 'words' (de namen van velden zijn Engels).")],
        id="dutch-key-woorden",
    ),
    pytest.param(
        changed("    fits:\n      audience", "    aanbod:\n      audience"),
        [(9, "Het veld 'aanbod' bestaat niet. Gebruik 'fits' (de namen van velden zijn Engels).")],
        id="dutch-key-aanbod",
    ),
    pytest.param(
        changed("      type: [coaching]", "      soorten: [coaching]"),
        [(5, "Het veld 'soorten' bestaat niet. Gebruik 'type' (de namen van velden zijn Engels).")],
        id="dutch-key-soorten",
    ),
    pytest.param(
        changed("      audience: [naasten]", "      voor: [naasten]"),
        [(10, "Het veld 'voor' bestaat niet. Gebruik 'audience' (de namen van velden zijn Engels).")],
        id="dutch-key-voor",
    ),
    pytest.param(
        changed("    fits:\n      audience", "    fist:\n      audience"),
        [(9, "Het veld 'fist' bestaat niet. Bedoel je 'fits'?")],
        id="typo-key-fist",
    ),
    pytest.param(
        changed("      type: [coaching]", "      types: [coaching]"),
        [(5, "Het veld 'types' bestaat niet. Bedoel je 'type'?")],
        id="typo-key-types",
    ),
    pytest.param(
        changed("  - name: Rouw\n", "  - name: Rouw\n    colour: rood\n"),
        [(8, "Het veld 'colour' bestaat niet. Mogelijke velden hier: name, words, fits.")],
        id="unknown-key",
    ),
    pytest.param(
        changed("      type: [coaching]", "      themes: [mentaal-welzijn]"),
        [(5, f"'mentaal-welzijn' kan hier niet. Kies uit: {THEMES}. Bedoel je 'mentaal-welbevinden'?")],
        id="unknown-theme",
    ),
    pytest.param(
        changed("      type: [coaching]", "      type: [coching]"),
        [(5, f"'coching' kan hier niet. Kies uit: {TYPES}.")],
        id="unknown-type",
    ),
    pytest.param(
        changed("      audience: [naasten]", "      audience: [iedereen]"),
        [(10, f"'iedereen' kan hier niet. Kies uit: {AUDIENCES}.")],
        id="audience-iedereen-fits-everything",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", "[angst, Bang]"),
        [(3, "Schrijf zoekwoorden met kleine letters: 'bang' in plaats van 'Bang'.")],
        id="word-with-capital",
    ),
    pytest.param(
        changed("[rust, moeilijke dagen]", "[rust, x]"),
        [(6, "'x' is te kort voor een zoekwoord. Gebruik minstens 2 tekens.")],
        id="word-too-short",
    ),
    pytest.param(
        changed("[rouw, bang]", "[rouw, " + "heel " * 8 + "lang]"),
        [(8, "Dit zoekwoord is te lang (44 tekens; maximaal 40). Gebruik één woord of een paar woorden.")],
        id="word-too-long",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", "[angst, bang!]"),
        [(3, f"'bang!' {NOT_A_WORD}")],
        id="word-with-punctuation",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", "[angst, stemmen  horen]"),
        [(3, f"'stemmen  horen' {NOT_A_WORD}")],
        id="word-with-two-spaces",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", '[angst, "bang\\u200b"]'),
        [(3, f"'bang\u200b' {NOT_A_WORD}")],
        id="word-with-zero-width-space",
    ),
    pytest.param(
        changed("  - name: Rouw", '  - name: "Rouw\\x07"'),
        [(7, "De tekst bevat een onzichtbaar stuurteken (U+0007). Typ de tekst opnieuw, of haal het teken weg.")],
        id="name-with-control-character",
    ),
    pytest.param(
        changed("  - name: Rouw", "  - name: <b>Rouw</b>"),
        [(7, "HTML-code (iets tussen < en >) is niet toegestaan. Schrijf gewone tekst, zonder < en > eromheen.")],
        id="name-with-html",
    ),
    pytest.param(
        changed("  - name: Rouw", "  - name: " + "Rouw " * 12 + "en"),
        [(7, "De tekst is te lang (62 tekens; maximaal 60). Maak hem korter.")],
        id="name-too-long",
    ),
    pytest.param(
        changed("  - name: Rouw\n    words", "  - words"),
        [(7, "Het veld 'name' (naam) ontbreekt. Bijvoorbeeld: name: Angst en spanning")],
        id="name-missing",
    ),
    pytest.param(
        changed("    words: [rouw, bang]\n", ""),
        [(7, "Het veld 'words' (zoekwoorden) ontbreekt.")],
        id="words-missing",
    ),
    pytest.param(
        changed("[rouw, bang]", "[]"),
        [(8, "De lijst is leeg. Zet er minstens 1 in.")],
        id="words-empty",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", "[angst, bang, angst]"),
        [(3, "'angst' staat twee keer in de lijst. Haal er één weg.")],
        id="word-twice-in-a-topic",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", "[cafe, angst, café]"),
        [
            (
                3,
                "'cafe' en 'café' zijn voor de zoeker hetzelfde woord "
                "(accenten, streepjes en apostroffen tellen niet). Haal er één weg.",
            )
        ],
        id="words-the-finder-cannot-tell-apart",
    ),
    pytest.param(
        changed("[rust, moeilijke dagen]", "[re-integratie, re integratie]"),
        [
            (
                6,
                "'re-integratie' en 're integratie' zijn voor de zoeker hetzelfde woord "
                "(accenten, streepjes en apostroffen tellen niet). Haal er één weg.",
            )
        ],
        id="fits-words-the-finder-cannot-tell-apart",
    ),
    pytest.param(
        changed("  - name: Rouw", "  - name: ANGST EN SPANNING"),
        [
            (
                7,
                "Er is al een onderwerp met de naam 'ANGST EN SPANNING' (regel 2). Geef elk onderwerp een "
                "eigen naam, of zet de woorden bij dat onderwerp.",
            )
        ],
        id="name-twice",
    ),
    pytest.param(
        changed("    fits:\n      audience: [naasten]\n", "    fits: {}\n"),
        [(9, EMPTY_FITS)],
        id="fits-empty",
    ),
    pytest.param(
        changed("      audience: [naasten]", "      audience: []\n      words: []"),
        [(9, EMPTY_FITS)],
        id="fits-with-only-empty-lists",
    ),
    pytest.param(
        changed("    fits:\n      audience: [naasten]\n", ""),
        [(7, "Het veld 'fits' (past bij) ontbreekt.")],
        id="fits-missing",
    ),
    pytest.param(
        changed("[rouw, bang]", "[" + ", ".join(f"woord{n}" for n in range(51)) + "]"),
        [(8, "De lijst is te lang (maximaal 50).")],
        id="too-many-words",
    ),
    pytest.param(
        "topics:\n"
        + "".join(f"  - name: Onderwerp {n}\n    words: [w{n}]\n    fits: {{type: [sport]}}\n" for n in range(201)),
        [(1, "De lijst is te lang (maximaal 200).")],
        id="too-many-topics",
    ),
    pytest.param(
        "# Nog niets.\n",
        [(1, "Het bestand is leeg. Vul de velden in, zie de voorbeeldbestanden.")],
        id="empty-file",
    ),
    pytest.param(
        changed("    words: [rouw, bang]", "    words: [rouw, bang"),
        [
            (
                9,
                "Dit is geen geldige YAML. Controleer de inspringing (spaties, geen tabs), dubbele punten "
                "en aanhalingstekens op deze regel en de regel erboven.",
            )
        ],
        id="yaml-unclosed-list",
    ),
    pytest.param(
        changed("[angst, bang, stemmen horen]", "[Angst, x]").replace("[naasten]", "[naaste]"),
        [
            (3, "Schrijf zoekwoorden met kleine letters: 'angst' in plaats van 'Angst'."),
            (3, "'x' is te kort voor een zoekwoord. Gebruik minstens 2 tekens."),
            (10, f"'naaste' kan hier niet. Kies uit: {AUDIENCES}. Bedoel je 'naasten'?"),
        ],
        id="every-mistake-at-once",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MISTAKES)
def test_a_mistake_in_the_search_words_gives_a_dutch_message_on_its_line(make_content, text, expected):
    assert problems(make_content, text) == [("zoekwoorden.yaml", line, message) for line, message in expected]


def test_the_file_with_a_yml_extension_is_not_silently_ignored(make_content):
    root = content(make_content, None)
    (root / "zoekwoorden.yml").write_text(WORDS, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalog(root, BUILD_DATE)
    assert [p.render(root) for p in caught.value.problems] == [
        "Fout in zoekwoorden.yml: Gebruik de extensie .yaml: noem dit bestand zoekwoorden.yaml."
    ]


def test_a_folder_named_like_the_file_is_refused(make_content):
    root = content(make_content, None)
    (root / "zoekwoorden.yaml").mkdir()
    with pytest.raises(ContentError) as caught:
        load_catalog(root, BUILD_DATE)
    assert [p.render(root) for p in caught.value.problems] == [
        "Fout in zoekwoorden.yaml: Dit is een map, geen bestand. Zet hier een .yaml-bestand."
    ]


def test_the_check_command_counts_the_topics(make_content):
    import subprocess
    import sys

    root = content(make_content, WORDS)
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "check", "--activities", str(root), "--build-date", "2026-11-23"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        result.stderr.strip() == "Alles in orde: 0 activiteiten, 1 training, 1 locatie, 2 onderwerpen met zoekwoorden."
    )
