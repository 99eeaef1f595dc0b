"""What belongs to a network comes from its content folder, and is checked there.

The logo and favicon (a missing or unsafe file is a Dutch error with file and
line), the texts of the home and about pages, and the network's own audiences
and themes, which offerings, trainings and search words may then use.
The folders are made with ``nieuw-netwerk`` itself, then changed as a
coordinator would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError
from herstelnetwerk.new_network import NewNetwork, files_of, write_new_network
from herstelnetwerk.planning.plan import load_site
from herstelnetwerk.planning.site_data import BY_AUDIENCE, BY_THEME
from herstelnetwerk.settings import Settings

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
NEW = NewNetwork(name="Herstelnetwerk Proef", region="Proefstreek", municipalities=["Aadorp", "Beekdal"], today=TODAY)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "netwerk"
    write_new_network(root, NEW)
    return root


def problems(root: Path) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ContentError) as raised:
        load_catalog(root, TODAY)
    return [(p.path.relative_to(root).as_posix(), p.line, p.message) for p in raised.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line)


# --- the command ---------------------------------------------------------------------


def run_command(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "nieuw-netwerk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
    )


def test_the_command_writes_a_folder_that_passes_the_check(tmp_path: Path):
    result = run_command(
        "nieuw", "--naam", "Herstelnetwerk Proef", "--regio", "Proefstreek", "--gemeente", "Gooise Meren",
        "--gemeente", "Súdwest-Fryslân", "--build-date", "2026-11-23", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    root = tmp_path / "nieuw"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()) == sorted(files_of(NEW))
    catalog = load_catalog(root, TODAY).catalog
    assert [(m.slug, m.name) for m in catalog.network.municipalities] == [
        ("gooise-meren", "Gooise Meren"),
        ("sudwest-fryslan", "Súdwest-Fryslân"),
    ]
    assert catalog.network.name == "Herstelnetwerk Proef" and catalog.network.region == "Proefstreek"
    assert list(catalog.offerings) == ["inloop-in-de-huiskamer"] and list(catalog.locations) == ["buurthuis-het-midden"]
    assert catalog.locations["buurthuis-het-midden"].municipality == "gooise-meren"
    assert set(catalog.pictures) == {"logo"}
    # Every setting is explained in Dutch next to it.
    assert "# De gemeenten van de regio" in (root / "network.yaml").read_text(encoding="utf-8")


def test_without_municipalities_the_folder_has_placeholders_to_replace(tmp_path: Path):
    write_new_network(tmp_path / "n", NewNetwork(name="N", region="R", today=TODAY))
    text = (tmp_path / "n" / "network.yaml").read_text(encoding="utf-8")
    assert "# Vervang deze voorbeelden door je eigen gemeenten." in text
    assert [m.slug for m in load_catalog(tmp_path / "n", TODAY).catalog.network.municipalities] == [
        "gemeente-a",
        "gemeente-b",
    ]


def test_the_command_never_writes_into_a_folder_that_holds_something(tmp_path: Path):
    existing = tmp_path / "bestaand"
    existing.mkdir()
    (existing / "network.yaml").write_text("name: van iemand anders\n", encoding="utf-8")
    result = run_command("bestaand", "--naam", "N", "--regio", "R", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "De map bestaand bestaat al en is niet leeg. Kies een nieuwe map: er wordt niets overschreven.\n"
    )
    assert [p.name for p in existing.iterdir()] == ["network.yaml"]
    assert (existing / "network.yaml").read_text(encoding="utf-8") == "name: van iemand anders\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestaand"]  # nothing left beside it either


def test_a_wrong_value_leaves_nothing_behind(tmp_path: Path):
    result = run_command("n", "--naam", "N", "--regio", "R", "--website", "geen adres", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("De nieuwe map klopt niet; er is niets geschreven.\nFout in network.yaml, regel ")
    assert "Schrijf een volledig webadres" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_two_names_with_the_same_code_are_refused(tmp_path: Path):
    result = run_command(
        "n", "--naam", "N", "--regio", "R", "--gemeente", "De Bilt", "--gemeente", "de bilt", cwd=tmp_path
    )
    assert result.returncode == 1
    assert result.stderr == "'De Bilt' en 'de bilt' krijgen dezelfde code (de-bilt). Noem elke gemeente één keer.\n"


# --- logo and favicon ----------------------------------------------------------------


def test_the_logo_and_favicon_are_the_files_the_network_names(folder: Path):
    (folder / "assets" / "tab.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    edit(folder / "network.yaml", "  logo: assets/logo.svg\n", "  logo: assets/logo.svg\n  favicon: assets/tab.png\n")
    plan = load_site(Settings(folder, TODAY), None)
    assert plan.logo == "assets/netwerk/logo.svg" and plan.favicon == "assets/netwerk/favicon.png"
    assert plan.pictures == {
        "assets/netwerk/logo.svg": (folder / "assets" / "logo.svg").read_bytes(),
        "assets/netwerk/favicon.png": (folder / "assets" / "tab.png").read_bytes(),
    }


def test_without_a_logo_the_site_shows_none(folder: Path):
    edit(folder / "network.yaml", "  logo: assets/logo.svg\n", "")
    plan = load_site(Settings(folder, TODAY), None)
    assert (plan.logo, plan.favicon, plan.pictures) == (None, None, {})


def test_a_missing_logo_is_an_error_at_its_line(folder: Path):
    (folder / "assets" / "logo.svg").unlink()
    line = line_of(folder / "network.yaml", "logo: assets/logo.svg")
    assert problems(folder) == [
        (
            "network.yaml",
            line,
            "Het bestand 'assets/logo.svg' voor het logo staat niet in de map met de inhoud. "
            "Zet het bestand daar (naast network.yaml: assets/logo.svg), of haal de regel weg.",
        )
    ]


def test_a_logo_that_leads_out_of_the_folder_is_refused(folder: Path, tmp_path: Path):
    outside = tmp_path / "geheim.svg"
    outside.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (folder / "assets" / "logo.svg").unlink()
    (folder / "assets" / "logo.svg").symlink_to(outside)
    line = line_of(folder / "network.yaml", "logo: assets/logo.svg")
    assert problems(folder) == [
        (
            "network.yaml",
            line,
            "'assets/logo.svg' is een snelkoppeling (symlink) naar een plek buiten de map met de inhoud. "
            "Zet het bestand zelf in de map.",
        )
    ]


def test_a_path_upwards_is_refused_by_the_field_itself(folder: Path):
    edit(folder / "network.yaml", "logo: assets/logo.svg", "logo: ../assets/logo.svg")
    line = line_of(folder / "network.yaml", "logo: ../assets")
    assert problems(folder) == [
        (
            "network.yaml",
            line,
            "'../assets/logo.svg' klopt niet. Geef het pad van een .svg- of .png-bestand in de map met de inhoud, "
            "zoals assets/logo.svg.",
        )
    ]


@pytest.mark.parametrize(
    ("svg", "line", "message"),
    [
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg">\n  <circle r="4"/>\n  <script>alert(1)</script>\n</svg>',
            3,
            "In de afbeelding staat <script>. Een logo mag geen code of webpagina bevatten; haal het weg.",
            id="script",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg"\n     onload="alert(1)"/>',
            1,
            "In de afbeelding staat 'onload=', dat code laat lopen. Haal het weg.",
            id="event-attribute",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">\n'
            '<image x:href="https://elders.example.org/p.png"/></svg>',
            2,
            "In de afbeelding staat een link of een ander bestand. Een logo mag niets van elders halen; "
            "zet alles in de afbeelding zelf.",
            id="outside-image",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg"><style>\n@import url(https://elders.example.org/a.css);</style></svg>',
            2,
            "In de opmaak van de afbeelding staat een adres (url(...) of @import). Haal het weg.",
            id="stylesheet-elsewhere",
        ),
        pytest.param(
            '<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            1,
            "In de afbeelding staat een <!DOCTYPE>. Dat is niet nodig; haal het weg.",
            id="entities",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg">\n<foreignObject><p>hoi</p></foreignObject></svg>',
            2,
            "In de afbeelding staat <foreignobject>. Een logo mag geen code of webpagina bevatten; haal het weg.",
            id="html-inside",
        ),
        pytest.param(
            "<html><body>geen svg</body></html>",
            1,
            "Dit is geen SVG-afbeelding: het bestand begint niet met <svg>.",
            id="not-svg",
        ),
        pytest.param(
            '<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="4">\n</svg>',
            3,
            "De afbeelding is geen geldige SVG (mismatched tag). Sla hem opnieuw op als SVG.",
            id="broken-xml",
        ),
    ],
)
def test_an_unsafe_svg_is_refused_at_its_own_line(folder: Path, svg: str, line: int, message: str):
    (folder / "assets" / "logo.svg").write_text(svg, encoding="utf-8")
    assert problems(folder) == [("assets/logo.svg", line, message)]


def test_a_png_that_is_no_png_is_refused(folder: Path):
    (folder / "assets" / "logo.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    edit(folder / "network.yaml", "logo: assets/logo.svg", "logo: assets/logo.png")
    line = line_of(folder / "network.yaml", "logo: assets/logo.png")
    assert problems(folder) == [
        (
            "network.yaml",
            line,
            "'assets/logo.png' is geen PNG-afbeelding. Sla het opnieuw op als .png, of kies een ander bestand.",
        )
    ]


def test_a_plain_svg_with_its_own_gradient_is_fine(folder: Path):
    (folder / "assets" / "logo.svg").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><defs><linearGradient id="g"/></defs>'
        '<rect fill="url(#g)" width="4" height="4"/><use xlink:href="#g"/></svg>',
        encoding="utf-8",
    )
    assert load_catalog(folder, TODAY).catalog.pictures["logo"].suffix == ".svg"


# --- texts ---------------------------------------------------------------------------


def test_the_home_and_about_texts_are_checked_like_every_text(folder: Path):
    network = folder / "network.yaml"
    edit(network, "  Je hebt geen verwijzing nodig", "  Kom <b>gewoon</b>. Je hebt geen verwijzing nodig")
    assert problems(folder) == [
        (
            "network.yaml",
            line_of(network, "intro: |"),
            "HTML-code (iets tussen < en >) is niet toegestaan. Schrijf gewone tekst, zonder < en > eromheen.",
        )
    ]
    edit(network, "Kom <b>gewoon</b>.", "Kom gewoon.")
    edit(network, "  en mensen met eigen ervaring.", "  en mensen met [eigen ervaring](javascript:void).")
    assert problems(folder) == [
        (
            "network.yaml",
            line_of(network, "about: |"),
            "De link 'javascript:void' is niet toegestaan. Een link moet beginnen met https://.",
        )
    ]


def test_a_private_address_in_the_about_text_is_refused(folder: Path):
    network = folder / "network.yaml"
    edit(network, "  en mensen met eigen ervaring.", "  en mensen met eigen ervaring. Mail jan@voorbeeld.nl.")
    assert problems(folder) == [
        (
            "network.yaml",
            line_of(network, "about: |"),
            "Het e-mailadres jan@voorbeeld.nl staat niet bij de contacten in network.yaml. Zet hier geen "
            "persoonlijke gegevens; gebruik 'join: contact:' met een rol uit network.yaml.",
        )
    ]


# --- the network's own audiences and themes -----------------------------------------

OWN = """audiences:
  - slug: medewerkers
    label: Medewerkers van partners
    for_professionals: ja
  - slug: aankomende-cotrainers
    label: Aankomende co-trainers
themes:
  - slug: werk-en-scholing
    label: Werk en scholing
"""


def test_offerings_may_use_the_networks_own_audiences_and_themes(folder: Path):
    edit(folder / "network.yaml", "municipalities:\n", OWN + "municipalities:\n")
    offering = folder / "offerings" / "inloop-in-de-huiskamer.yaml"
    edit(offering, "audience: [iedereen]", "audience: [medewerkers]")
    edit(offering, "themes: [meedoen]", "themes: [werk-en-scholing, meedoen]")
    data = load_site(Settings(folder, TODAY), None).data
    assert data.choices(BY_AUDIENCE)[-2:] == (
        ("medewerkers", "Medewerkers van partners"),
        ("aankomende-cotrainers", "Aankomende co-trainers"),
    )
    assert data.label(BY_THEME, "werk-en-scholing") == "Werk en scholing"
    assert data.cards["inloop-in-de-huiskamer"].for_professionals  # only for an audience marked so
    assert data.in_grouping(BY_THEME, "werk-en-scholing") == ["inloop-in-de-huiskamer"]


def test_an_unknown_audience_names_the_networks_own_and_suggests_the_nearest(folder: Path):
    edit(folder / "network.yaml", "municipalities:\n", OWN + "municipalities:\n")
    offering = folder / "offerings" / "inloop-in-de-huiskamer.yaml"
    edit(offering, "audience: [iedereen]", "audience: [medewerker]")
    assert problems(folder) == [
        (
            "offerings/inloop-in-de-huiskamer.yaml",
            line_of(offering, "audience:"),
            "'medewerker' kan hier niet. Kies uit: iedereen, naasten, jongvolwassenen, migratieachtergrond, "
            "verslavingservaring, ervaringswerkers, medewerkers, aankomende-cotrainers. Bedoel je 'medewerkers'?",
        )
    ]


def test_an_own_value_that_the_fixed_list_has_or_that_comes_twice_is_refused(folder: Path):
    network = folder / "network.yaml"
    edit(
        network,
        "municipalities:\n",
        "themes:\n  - slug: zingeving\n    label: Zin\n  - slug: werk\n    label: Werk\n"
        "  - slug: werk\n    label: Ook werk\nmunicipalities:\n",
    )
    lines = [n for n, text in enumerate(network.read_text().splitlines(), 1) if text.startswith("  - slug: ")]
    assert problems(folder) == [
        (
            "network.yaml",
            lines[0],
            "'zingeving' staat al in de vaste lijst (Zingeving). Haal dit blok weg: je kunt de code zo gebruiken.",
        ),
        ("network.yaml", lines[2], "De code 'werk' staat twee keer in themes. Haal er één weg."),
    ]


def test_an_edit_of_the_own_values_is_seen_by_a_kept_parse(folder: Path):
    """While serving, parsed offerings are kept: they must be checked again against the network's new lists."""
    from herstelnetwerk.loading.catalog import ParseCache

    cache = ParseCache()
    network = folder / "network.yaml"
    edit(network, "municipalities:\n", OWN + "municipalities:\n")
    offering = folder / "offerings" / "inloop-in-de-huiskamer.yaml"
    edit(offering, "audience: [iedereen]", "audience: [medewerkers]")
    load_catalog(folder, TODAY, cache)
    edit(network, OWN, "")
    with pytest.raises(ContentError) as raised:
        load_catalog(folder, TODAY, cache)
    assert [p.message.split(" Kies")[0] for p in raised.value.problems] == ["'medewerkers' kan hier niet."]


def test_the_wording_of_an_unknown_contact_is_dutch(folder: Path):
    offering = folder / "offerings" / "inloop-in-de-huiskamer.yaml"
    edit(offering, "  how: binnenlopen", "  how: aanmelden\n  contact: coordinatei")
    assert problems(folder) == [
        (
            "offerings/inloop-in-de-huiskamer.yaml",
            line_of(offering, "contact: coordinatei"),
            "Het contact 'coordinatei' bestaat niet (zie network.yaml). Bedoel je 'coordinatie'?",
        )
    ]
