"""News items: Markdown files in the content folder's nieuws/, their fields checked in Dutch with file and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from build_support import mkdocs_build

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError

BUILD_DATE = date(2026, 11, 23)

GOOD = """\
---
title: Nieuwe inloop
date: 2026-11-02
summary: Elke dinsdag koffie in het buurthuis.
---

Vanaf nu is er **elke dinsdag** een inloop. Kijk bij [de activiteiten](/activiteiten/).
"""


def _write(root, name: str, text: str) -> None:
    folder = root / "nieuws"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def _problems(root) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_catalog(root, BUILD_DATE)
    return [problem.render(root) for problem in raised.value.problems]


def test_news_is_read_newest_first(make_content):
    root = make_content()
    _write(root, "2026-11-02-inloop.md", GOOD)
    _write(root, "2026-10-01-ouder.md", GOOD.replace("2026-11-02", "2026-10-01").replace("Nieuwe inloop", "Ouder"))
    news = load_catalog(root, BUILD_DATE).catalog.news
    assert [(item.slug, item.title, item.date) for item in news] == [
        ("2026-11-02-inloop", "Nieuwe inloop", date(2026, 11, 2)),
        ("2026-10-01-ouder", "Ouder", date(2026, 10, 1)),
    ]
    assert news[0].body.strip().startswith("Vanaf nu is er **elke dinsdag**")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD.replace("title: Nieuwe inloop\n", ""),
            "Fout in nieuws/bericht.md, regel 2: Het veld 'title' (titel) ontbreekt. "
            "Bijvoorbeeld: title: Nieuwe inloop in Baarn",
        ),
        (
            GOOD.replace("date: 2026-11-02", "date: 2-11-2026"),
            "Fout in nieuws/bericht.md, regel 3: De datum '2-11-2026' klopt niet. Schrijf jaar-maand-dag, "
            "zoals 2027-01-12. Bedoel je 2026-11-02?",
        ),
        (
            GOOD.replace("title: Nieuwe inloop", "titel: Nieuwe inloop"),
            "Fout in nieuws/bericht.md, regel 2: Het veld 'titel' bestaat niet. "
            "Gebruik 'title' (de namen van velden zijn Engels).",
        ),
        (
            GOOD.split("---\n\n")[0] + "---\n",
            "Fout in nieuws/bericht.md, regel 6: Onder de tweede regel --- staat nog geen tekst. "
            "Schrijf daar het bericht.",
        ),
        (
            GOOD.replace("---\n\n", "\n", 1),
            "Fout in nieuws/bericht.md, regel 1: Een bericht begint met een regel ---, daaronder title:, date: en "
            "summary:, dan weer een regel ---, en daaronder de tekst. Zie templates/nieuws.md.",
        ),
        (
            GOOD + "\n[klik](javascript:alert(1))\n",
            "Fout in nieuws/bericht.md, regel 6: De link 'javascript:alert(1' is niet toegestaan. "
            "Een link moet beginnen met https://.",
        ),
        (
            GOOD.replace("summary: Elke dinsdag koffie in het buurthuis.", "summary: <script>x</script>"),
            "Fout in nieuws/bericht.md, regel 4: HTML-code (iets tussen < en >) is niet toegestaan. "
            "Schrijf gewone tekst, zonder < en > eromheen.",
        ),
    ],
    ids=["no-title", "dutch-date", "dutch-key", "no-text", "no-front-matter", "javascript-link", "html-in-summary"],
)
def test_a_mistake_in_a_news_item_is_named_in_dutch_with_its_line(make_content, text, expected):
    root = make_content()
    _write(root, "bericht.md", text)
    problems = _problems(root)
    assert problems[0].startswith(expected.split(":")[0])
    assert expected in problems, problems


def test_a_file_name_with_capitals_is_refused(make_content):
    root = make_content()
    _write(root, "Nieuw Bericht.md", GOOD)
    assert _problems(root) == [
        "Fout in nieuws/Nieuw Bericht.md: De bestandsnaam mag alleen kleine letters, cijfers en streepjes bevatten, "
        "zoals '2027-01-15-nieuwe-inloop.md'."
    ]


def test_the_share_image_must_be_a_png(make_content):
    root = make_content()
    (root / "delen.png").write_bytes(b"GIF89a" + b"\0" * 40)
    assert _problems(root) == [
        "Fout in delen.png: Dit is geen PNG-plaatje. Sla het plaatje op als PNG (1200 bij 630 beeldpunten)."
    ]


def test_the_news_pages_and_the_home_page(tmp_path):
    site = tmp_path / "site"
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr
    listing = (site / "nieuws/index.html").read_text("utf-8")
    newest = listing.index("Het nieuws van de herfst")
    assert newest < listing.index("Nieuw in Woudenberg, het Herstelcafé")
    item = (site / "nieuws/2026-11-16-nieuws-van-het-kwartaal/index.html").read_text("utf-8")
    assert "<strong>WRAP</strong>" in item
    assert '<meta property="og:title" content="Het nieuws van de herfst">' in item
    home = (site / "index.html").read_text("utf-8")
    assert 'href="nieuws/2026-11-16-nieuws-van-het-kwartaal/">Het nieuws van de herfst</a>' in home
    open_data = (site / "open-data/index.html").read_text("utf-8")
    assert "Herstelnetwerk Eemland publiceert deze gegevens onder de licentie" in open_data
    assert 'href="hsds/services.json"' in open_data


def test_the_template_is_a_valid_news_item(make_content):
    root = make_content()
    template = (Path(__file__).parents[1] / "templates" / "nieuws.md").read_text("utf-8")
    _write(root, "2027-01-15-nieuwe-inloop.md", template)
    (item,) = load_catalog(root, BUILD_DATE).catalog.news
    assert item.title == "Kop van het bericht, kort en duidelijk"


def test_the_news_page_links_to_the_web_editor_with_the_template(tmp_path):
    from urllib.parse import parse_qs, urlsplit

    from herstelnetwerk.planning import load_site, news
    from herstelnetwerk.settings import Settings

    repo = Path(__file__).parents[1]
    plan = load_site(Settings(repo / "activities", BUILD_DATE), repo)
    url = news.news_page(plan.data).new_item_url
    parts = urlsplit(url)
    assert parts.path == "/herstelnetwerk-eemland/site/new/main/activities/nieuws"
    query = parse_qs(parts.query)
    assert query["filename"] == ["jjjj-mm-dd-kop-van-het-bericht.md"]
    assert query["value"] == [(repo / "templates" / "nieuws.md").read_text("utf-8")]
