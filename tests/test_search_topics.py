"""``topics_for``: which search topics an offer fits. Whole words, any case, any accent; any one list is enough."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.model import SearchTopic, TopicFit
from herstelnetwerk.loading.words import words_of
from herstelnetwerk.planning import display
from herstelnetwerk.planning.search_topics import topics_for

REPO = Path(__file__).resolve().parents[1]

SPANNING = SearchTopic("Angst en spanning", ["angst"], TopicFit(words=["spanning", "moeilijke dagen"]))
NAASTEN = SearchTopic("Naasten", ["familie"], TopicFit(audiences=["naasten"]))
SPORT = SearchTopic("Bewegen", ["sport"], TopicFit(types=["sport"]))
RITME = SearchTopic("Dagritme", ["structuur"], TopicFit(themes=["dagelijks-functioneren"]))
CAFE = SearchTopic("Café", ["koffie"], TopicFit(words=["café", "zo'n"]))
ALL = [SPANNING, NAASTEN, SPORT, RITME, CAFE]


def names(**offer) -> list[str]:
    return [topic.name for topic in topics_for(ALL, **offer)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Even geen spanning.", ["Angst en spanning"], id="a-whole-word"),
        pytest.param("Yoga voor ontspanning.", [], id="not-inside-another-word"),
        pytest.param("Spanningen de baas", [], id="not-the-start-of-another-word"),
        pytest.param("SPANNING, stress", ["Angst en spanning"], id="any-case"),
        pytest.param("Spanning-avond", ["Angst en spanning"], id="a-hyphen-ends-a-word"),
        pytest.param("Voor moeilijke dagen", ["Angst en spanning"], id="a-phrase"),
        pytest.param("Moeilijke\n*dagen*", ["Angst en spanning"], id="a-phrase-across-a-line-and-markup"),
        pytest.param("Moeilijke en goede dagen", [], id="not-a-phrase-with-a-word-between"),
        pytest.param("Dagen die moeilijk zijn", [], id="not-the-words-in-another-order"),
        pytest.param("Het herstelcafe", [], id="an-accent-free-word-inside-another-is-no-match"),
        pytest.param("In het cafe", ["Café"], id="without-the-accent"),
        pytest.param("In het CAFÉ", ["Café"], id="with-the-accent-in-capitals"),
        pytest.param("In het cafe\u0301", ["Café"], id="with-a-combining-accent"),
        pytest.param("Zo’n avond", ["Café"], id="a-curly-apostrophe-is-an-apostrophe"),
        pytest.param("", [], id="no-text"),
    ],
)
def test_text_matches_whole_words_in_any_case_and_accent(text, expected):
    assert names(text=text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eén Café-avond", ("een", "cafe", "avond")),
        ("cafe\u0301 e\u0308n", ("cafe", "en")),  # accents written as their own character
        ("Søren, Straße, Ærø", ("søren", "strasse", "ærø")),  # letters that are no letter plus an accent stay
        ("ﬁets 2e", ("fiets", "2e")),  # a ligature is its letters
        ("Ελένη 😀 Ünal", ("ελενη", "unal")),
        ("", ()),
    ],
)
def test_words_are_compared_without_case_and_accents(text, expected):
    assert words_of(text) == expected


def test_any_one_list_is_enough_and_the_order_is_the_topics_order():
    assert names(themes=["dagelijks-functioneren"]) == ["Dagritme"]
    assert names(types=["sport"]) == ["Bewegen"]
    assert names(audiences=["iedereen", "naasten"]) == ["Naasten"]
    assert names(themes=["meedoen"], types=["inloop"], audiences=["iedereen"], text="Koffie en een praatje") == []
    offer = {"themes": ["dagelijks-functioneren"], "types": ["sport"], "audiences": ["naasten"], "text": "cafe"}
    assert names(**offer) == ["Naasten", "Bewegen", "Dagritme", "Café"]


def test_a_topic_is_not_found_by_its_own_words_only_by_what_fits():
    """The words residents type ('angst') are for the search; what fits an offer is in ``fits``."""
    assert names(text="Angst en familie, sport en structuur, met koffie") == []


def test_no_topics_fit_nothing():
    assert topics_for([], themes=["meedoen"], text="spanning") == []


# --- the example content ------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    catalog = load_catalog(REPO / "activities", date(2026, 11, 23)).catalog
    fitting: dict[str, set[str]] = {topic.name: set() for topic in catalog.search_topics}
    for slug, offering in catalog.offerings.items():
        training = display.training_of(offering, catalog)
        parts = [offering.title, offering.summary, offering.description]
        parts += [training.title, training.summary, training.description] if training else []
        for topic in topics_for(
            catalog.search_topics,
            themes=offering.themes,
            types=[display.offering_type(offering)],
            audiences=offering.audience,
            text="\n".join(part for part in parts if part),
        ):
            fitting[topic.name].add(slug)
    return catalog, fitting


def test_the_example_file_has_topics_for_feelings_and_for_what_residents_look_for(example):
    catalog, _ = example
    words = {word for topic in catalog.search_topics for word in topic.words}
    assert len(catalog.search_topics) >= 14
    for word in ("angst", "somber", "depressie", "eenzaam", "psychose", "verslaving", "rouw", "werk", "familie"):
        assert word in words, word


def test_the_example_file_sends_no_crisis_word_to_an_activity(example):
    catalog, _ = example
    words = {word for topic in catalog.search_topics for word in topic.words + topic.fits.words}
    assert not words & {"suïcide", "suicide", "zelfmoord", "dood willen", "crisis", "113", "112"}


def test_every_example_topic_finds_some_offers_but_not_the_whole_offer(example):
    catalog, fitting = example
    for name, slugs in fitting.items():
        assert 1 <= len(slugs) <= len(catalog.offerings) // 3, (name, sorted(slugs))


def test_example_topics_find_what_a_professional_would_recommend(example):
    _, fitting = example
    assert fitting["Verslaving"] >= {"lotgenotengroep-verslaving-leusden", "themabijeenkomst-verslaving-en-herstel"}
    assert not fitting["Verslaving"] & {"zaalvoetbal-nijkerk", "naastengroep-amersfoort", "wrap-online"}
    assert "naastengroep-amersfoort" in fitting["Naasten, familie en mantelzorg"]
    assert "wrap-online" in fitting["Somber of depressief"]
    assert "jongerengroep-amersfoort" in fitting["Jongeren"]
    # Trainings for volunteers and peer workers are not what someone who feels anxious or grieves looks for.
    for name in ("Angst en spanning", "Rouw en verlies", "Zingeving"):
        assert not fitting[name] & {"kwartier-maken-amersfoort", "wmee-soest", "intervisie-ervaringswerkers-online"}
