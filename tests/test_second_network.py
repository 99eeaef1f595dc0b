"""A second network, started with ``nieuw-netwerk`` and given a few offers of its own, builds from its folder alone.

Its folder lies outside the repository; the build is the real ``mkdocs build
--strict`` (and ProperDocs, as for the example). Nothing of the first network
(its name, region, towns, colours, logo, contact addresses and web-editor
addresses, all read from activities/network.yaml) may be in any file of the
built site, compressed search-index files included; the second network's own
name, tagline, welcome, logo, contact, audiences, themes and edit links must be.
And the repository is the same afterwards: no change outside the new folder.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from build_support import BUILD_DATE, mkdocs_build, site_hashes

from herstelnetwerk.loading.catalog import load_catalog

REPO = Path(__file__).resolve().parents[1]
FIRST = load_catalog(REPO / "activities", date.fromisoformat(BUILD_DATE)).catalog

NAME = "Herstelnetwerk Gooi en Vechtstreek"
TOWNS = ["Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren", "Wijdemeren"]
SITE = "https://herstel-gooi.example.org/"
PROJECT = "https://github.com/herstel-gooi/inhoud"
OWN_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" width="40" height="40">'
    '<rect x="4" y="4" width="32" height="32" rx="8" fill="#4a3b6b"/></svg>\n'
)
NETWORK_ADDITIONS = """\
  aanmelden:
    role: Aanmelden bij het steunpunt
    email: aanmelden@herstel-gooi.example.org
    phone: 035 000 00 20
audiences:
  - slug: medewerkers
    label: Medewerkers van partners
    for_professionals: ja
themes:
  - slug: werk-en-scholing
    label: Werk en scholing
"""
OFFERS = {
    "locations/wijkhuis-de-schakel.yaml": """\
name: Wijkhuis De Schakel
address: Lindenlaan 4
postcode: 1211 AB
municipality: hilversum
accessibility:
  step_free: ja
directions: Met de bus tot de halte Lindenlaan.
""",
    "offerings/werkplaats-hilversum.yaml": """\
title: Werkplaats voor de eerste stap
summary: Samen uitzoeken welk werk of welke opleiding bij je past.
type: ontmoeting
location: wijkhuis-de-schakel
schedule:
  repeat: tweewekelijks
  day: donderdag
  from: 2026-11-26
  start: "13:30"
  end: "15:30"
audience: [iedereen]
themes: [werk-en-scholing]
join:
  how: aanmelden
  contact: aanmelden
last_checked: 2026-11-20
""",
    "offerings/intervisie-medewerkers.yaml": """\
title: Intervisie voor medewerkers
summary: Medewerkers van partners bespreken samen hun werk met ervaringskennis.
type: intervisie
location: wijkhuis-de-schakel
schedule:
  dates: [2026-12-03, 2026-12-17]
  start: "19:00"
  end: "21:00"
audience: [medewerkers]
join:
  how: aanmelden
  contact: coordinatie
last_checked: 2026-11-20
""",
}


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout


def _repository_state() -> tuple[str, str]:
    """Every change against HEAD, untracked files included (the ignored ones, such as .venv, aside)."""
    return _git("status", "--porcelain", "--untracked-files=all"), _git("diff", "HEAD", "--binary")


@pytest.fixture(scope="module")
def second(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(content folder, site built with MkDocs, site built with ProperDocs)."""
    before = _repository_state()
    base = tmp_path_factory.mktemp("tweede-netwerk")
    assert not base.resolve().is_relative_to(REPO.resolve())
    folder = base / "gooi"
    command = [sys.executable, "-m", "herstelnetwerk", "nieuw-netwerk", str(folder), "--naam", NAME]
    command += ["--regio", "Gooi en Vechtstreek", "--website", SITE, "--opslagplaats", PROJECT]
    command += ["--email", "coordinatie@herstel-gooi.example.org", "--build-date", BUILD_DATE]
    for town in TOWNS:
        command += ["--gemeente", town]
    made = subprocess.run(command, cwd=base, capture_output=True, text=True, env={"PYTHONPATH": str(REPO)})
    assert made.returncode == 0, made.stderr
    # Its own offers, contact, audience, theme and logo, as a coordinator would add them.
    network = folder / "network.yaml"
    text = network.read_text(encoding="utf-8")
    text = text.replace("    # phone: 030 000 00 00\n", "    # phone: 030 000 00 00\n" + NETWORK_ADDITIONS, 1)
    network.write_text(text, encoding="utf-8")
    for name, content in OFFERS.items():
        (folder / name).write_text(content, encoding="utf-8")
    (folder / "assets" / "logo.svg").write_text(OWN_LOGO, encoding="utf-8")
    sites = []
    for engine in ("mkdocs", "properdocs"):
        site = base / f"site-{engine}"
        result = mkdocs_build(site, activities=folder, engine=engine)
        assert result.returncode == 0, result.stderr
        sites.append(site)
    assert _repository_state() == before, "the build changed files outside the new network's folder"
    return folder, sites[0], sites[1]


def _first_networks_marks() -> dict[str, str | bytes]:
    """What only the first network has, by what it is: read from its own folder, not written out here."""
    network = FIRST.network
    marks: dict[str, str | bytes] = {"name": network.name, "region": network.region}
    marks |= {f"town {m.slug}": m.name for m in network.municipalities}
    marks |= {f"colour {key}": getattr(network.brand, key) for key in ("primary_color", "accent_color")}
    for key, contact in network.contacts.items():
        marks |= {f"{key} e-mail": contact.email or "", f"{key} phone": contact.phone or ""}
        marks[f"{key} role"] = contact.role
    host = re.sub(r"^https?://|/.*$", "", network.site_url)
    marks["site address"] = host
    assert network.repository is not None
    marks["editor"] = network.repository.edit_url.split("/")[3]  # the organisation in the web editor's address
    marks["logo"] = (REPO / "activities" / (network.brand.logo or "")).read_bytes()
    return {key: value for key, value in marks.items() if value}


def _readable(path: Path) -> bytes:
    """The bytes of a file as a reader (or a search engine) gets them: gzip-compressed files unpacked."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def test_no_file_of_the_second_site_holds_anything_of_the_first_network(second):
    _, site, _ = second
    marks = _first_networks_marks()
    assert {"name", "region", "town soest", "colour primary_color", "coordinatie e-mail", "logo"} <= set(marks)
    found = []
    files = [path for path in site.rglob("*") if path.is_file()]
    assert len(files) > 40
    for path in files:
        data = _readable(path)
        lowered = data.lower()
        for what, mark in marks.items():
            needle = mark if isinstance(mark, bytes) else mark.lower().encode("utf-8")
            if needle in (data if isinstance(mark, bytes) else lowered):
                found.append((path.relative_to(site).as_posix(), what))
    assert found == []


def test_the_second_site_shows_its_own_name_texts_logo_and_contact(second):
    _, site, _ = second
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>{NAME}</title>" in home or f"<title>Welkom - {NAME}</title>" in home
    assert f"<h1>{NAME}</h1>" in home
    assert '<p class="hn-tagline">Samen werken aan herstel, dichtbij huis, gratis en zonder verwijzing.</p>' in home
    assert "In de regio Gooi en Vechtstreek kun je gratis meedoen" in home
    for town in TOWNS:
        assert f">{town}</a>" in home
    assert (site / "assets" / "netwerk" / "logo.svg").read_text(encoding="utf-8") == OWN_LOGO
    assert '<img src="assets/netwerk/logo.svg" alt="">' in home
    assert '<link rel="icon" href="assets/netwerk/logo.svg">' in home
    about = (site / "over" / "index.html").read_text(encoding="utf-8")
    assert f"<h1>Over {NAME}</h1>" in about
    assert f"{NAME} is een samenwerking van gemeenten" in about
    assert f"<li>Coördinatie {NAME}</li>" in about
    assert 'href="mailto:coordinatie@herstel-gooi.example.org"' in about
    assert "Blaricum, Gooise Meren, Hilversum, Huizen, Laren en Wijdemeren" in about
    assert "#4a3b6b" not in (site / "assets" / "brand.css").read_text()  # the logo's colour is only in the logo
    assert "--md-primary-fg-color: #2e4a6b;" in (site / "assets" / "brand.css").read_text()


def test_the_second_site_links_to_its_own_web_editor(second):
    _, site, _ = second
    offering = (site / "activiteiten" / "werkplaats-hilversum" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PROJECT}/edit/main/offerings/werkplaats-hilversum.yaml"' in offering
    location = (site / "locaties" / "wijkhuis-de-schakel" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PROJECT}/edit/main/locations/wijkhuis-de-schakel.yaml"' in location
    about = (site / "over" / "index.html").read_text(encoding="utf-8")
    assert f'href="{PROJECT}/new/main/offerings?filename=nieuwe-activiteit.yaml&amp;value=' in about
    assert '<h2 id="aanbod-doorgeven">Aanbod doorgeven</h2>' in about


def test_the_networks_own_audience_and_theme_have_pages_filters_and_a_feed(second):
    _, site, _ = second
    theme = (site / "thema" / "werk-en-scholing" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Werk en scholing</h1>" in theme and "Werkplaats voor de eerste stap" in theme
    (feed,) = site.rglob("werk-en-scholing.ics")
    assert "SUMMARY:Werkplaats voor de eerste stap" in feed.read_text(encoding="utf-8")
    audience = (site / "voor" / "medewerkers" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Medewerkers van partners</h1>" in audience
    finder = (site / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert 'value="medewerkers"' in finder and "Medewerkers van partners" in finder
    assert 'value="werk-en-scholing"' in finder and "Werk en scholing" in finder
    # Only for an audience the network marked as professionals: apart from the residents' offer.
    town = (site / "gemeenten" / "hilversum" / "index.html").read_text(encoding="utf-8")
    professionals = town.index('id="voor-professionals"')
    assert town.index("Intervisie voor medewerkers", professionals) > professionals
    assert town.index("Werkplaats voor de eerste stap") < professionals


def test_properdocs_builds_the_second_network_the_same(second):
    _, mkdocs_site, properdocs_site = second
    generator = re.compile(rb'<meta name="generator" content="[^"]*">')
    assert site_hashes(mkdocs_site).keys() == site_hashes(properdocs_site).keys()
    for name in site_hashes(mkdocs_site):
        first, other = (folder.joinpath(name).read_bytes() for folder in (mkdocs_site, properdocs_site))
        if name.endswith(".html"):
            first, other = generator.sub(b"", first), generator.sub(b"", other)
        assert first == other, name
