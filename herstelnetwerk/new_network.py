"""``python -m herstelnetwerk nieuw-netwerk MAP``: the content folder of a new network, small and valid.

It writes network.yaml (name, region, municipalities, one contact, colours, the
texts of the home and about pages), a plain logo, one location and one
offering, each with Dutch comments on what to change. Everything is first
written into a hidden folder beside ``MAP`` and checked with the same loader
the site uses; only a folder that passes is put in place, and an existing
folder with anything in it is never written into.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .loading.catalog import load_catalog
from .loading.errors import ContentError

PLACEHOLDER_MUNICIPALITIES = ("Gemeente A", "Gemeente B")
# Readable on white (the loader checks it); not the colours of any existing network.
PRIMARY_COLOR = "#2e4a6b"
ACCENT_COLOR = "#8a4510"


class NewNetworkError(ValueError):
    """The folder cannot be made; the message says why, in Dutch."""


@dataclass
class NewNetwork:
    name: str
    region: str
    municipalities: list[str] = field(default_factory=list)
    site_url: str = "https://herstelnetwerk.example.org/"
    email: str | None = None  # the coordinators' address; a placeholder on the site's domain without it
    repository: str | None = None  # https://github.com/org/site or a GitLab project address
    today: date = field(default_factory=date.today)


def slug(name: str) -> str:
    """``Gooise Meren`` -> ``gooise-meren``: lower case, no accents, words joined by dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _editor_addresses(repository: str) -> tuple[str, str]:
    """The web editor's edit and new-file addresses of a GitHub or GitLab project, on its main branch."""
    base = repository.rstrip("/")
    marker = "/-/" if "gitlab" in base.split("/")[2] else "/"
    return f"{base}{marker}edit/main/", f"{base}{marker}new/main/"


def network_yaml(new: NewNetwork) -> str:
    host = urlsplit(new.site_url).hostname or "herstelnetwerk.example.org"  # a wrong address: the check says so
    email = new.email or f"info@{host}"
    towns = new.municipalities or list(PLACEHOLDER_MUNICIPALITIES)
    lines = [
        "# Het netwerk zelf. Alles op de website dat bij dit netwerk hoort, komt uit deze map.",
        "# Een regel die met # begint is uitleg; die mag blijven staan.",
        "# Alle velden staan in docs/velden.md van de website-code.",
        "",
        "# De naam, zoals bovenaan elke pagina.",
        f"name: {_quoted(new.name)}",
        "# De regio, zoals in 'alle activiteiten in de regio ...'.",
        f"region: {_quoted(new.region)}",
        "# Eén zin onder de naam op de startpagina.",
        "tagline: Samen werken aan herstel, dichtbij huis, gratis en zonder verwijzing.",
        "# Het adres waarop de website komt te staan.",
        f"site_url: {new.site_url}",
    ]
    if new.repository:
        edit, new_file = _editor_addresses(new.repository)
        lines += [
            "# De links 'Bewerk deze pagina' en 'Nieuwe activiteit toevoegen' gaan naar deze web-editor.",
            "# Staat deze map niet bovenaan in de opslagplaats? Zet dan de map eronder, zoals: folder: activities",
            "repository:",
            f"  edit_url: {edit}",
            f"  new_file_url: {new_file}",
        ]
    else:
        lines += [
            "# Staan de bestanden online, bijvoorbeeld op GitHub? Dan krijgt elke pagina een link naar de",
            "# web-editor. Haal de # weg en vul het adres van je eigen opslagplaats in:",
            "# repository:",
            "#   edit_url: https://github.com/jouw-organisatie/jouw-site/edit/main/",
            "#   new_file_url: https://github.com/jouw-organisatie/jouw-site/new/main/",
        ]
    lines += [
        "# Logo (.svg of .png, in deze map) en kleuren. De kleuren moeten goed leesbaar zijn met wit.",
        "brand:",
        "  logo: assets/logo.svg",
        f'  primary_color: "{PRIMARY_COLOR}"',
        f'  accent_color: "{ACCENT_COLOR}"',
        "# Het eigen contact van het netwerk: de code van een rol hieronder. Het staat op 'Over het netwerk'.",
        "contact: coordinatie",
        "# Rollen die mensen kunnen bereiken, nooit namen van personen.",
        "contacts:",
        "  coordinatie:",
        f"    role: {_quoted('Coördinatie ' + new.name)}",
        f"    email: {email}",
        "    # phone: 030 000 00 00",
        "# De welkomsttekst op de startpagina (Markdown: een lege regel begint een nieuwe alinea).",
        "intro: |",
        "  Zit je in een moeilijke periode? Of ben je er net doorheen? Dan ben je hier welkom.",
        f"  In de regio {new.region} kun je gratis meedoen aan activiteiten en trainingen.",
        "  Je hebt geen verwijzing nodig en je hoeft geen diagnose te hebben.",
        "# De tekst van de pagina 'Over het netwerk'. Het contact en de uitleg over privacy komen er vanzelf onder.",
        "about: |",
        f"  {new.name} is een samenwerking van gemeenten, zorg- en welzijnsorganisaties",
        "  en mensen met eigen ervaring. Alles is gratis, en je hebt geen verwijzing nodig.",
        "# Eigen doelgroepen of thema's, naast de vaste lijst? Bijvoorbeeld:",
        "# audiences:",
        "#   - slug: medewerkers",
        "#     label: Medewerkers van partners",
        "#     for_professionals: ja",
        "# themes:",
        "#   - slug: werk-en-scholing",
        "#     label: Werk en scholing",
        "# De gemeenten van de regio: een code (kleine letters, voor in webadressen) en de naam.",
    ]
    if not new.municipalities:
        lines.append("# Vervang deze voorbeelden door je eigen gemeenten.")
    lines.append("municipalities:")
    for town in towns:
        lines += [f"  - slug: {slug(town)}", f"    name: {_quoted(town)}"]
    return "\n".join(lines) + "\n"


def location_yaml(municipality: str) -> str:
    return "\n".join(
        [
            "# Een plek waar activiteiten zijn. De bestandsnaam is de code, en het adres van de pagina.",
            "# Vervang de voorbeelden door de gegevens van een echte plek.",
            "name: Buurthuis Het Midden",
            "address: Dorpsstraat 1",
            "postcode: 1234 AB",
            "# De code van de gemeente uit network.yaml.",
            f"municipality: {municipality}",
            "# Toegankelijkheid: ja of nee.",
            "accessibility:",
            "  step_free: ja",
            "  accessible_toilet: ja",
            "  quiet_room: nee",
            "directions: De ingang is aan de voorkant.",
            "",
        ]
    )


def offering_yaml(location: str, today: date) -> str:
    return "\n".join(
        [
            "# Een activiteit. De bestandsnaam is het adres van de pagina.",
            "# Alle velden en keuzes staan in docs/velden.md van de website-code.",
            "title: Inloop in de huiskamer",
            "summary: Elke dinsdagochtend een open huiskamer, waar je zonder afspraak binnenloopt.",
            "description: |",
            "  Zin in koffie en een praatje? Of wil je gewoon even ergens zijn?",
            "  Je bepaalt zelf hoe lang je blijft.",
            "# Soort: inloop, training, steunpunt, spreekuur, lotgenotengroep, herstelgroep,",
            "# themabijeenkomst, sport, creatief, ontmoeting, coaching of intervisie.",
            "type: inloop",
            "# De code van de plek: de bestandsnaam in locations/ zonder .yaml. Of: online",
            f"location: {location}",
            "# Wanneer: hier elke week op dinsdag, vanaf de datum bij from (jaar-maand-dag).",
            "schedule:",
            "  repeat: wekelijks",
            "  day: dinsdag",
            f"  from: {today.isoformat()}",
            '  start: "10:00"',
            '  end: "12:00"',
            "audience: [iedereen]",
            "themes: [meedoen]",
            "join:",
            "  # binnenlopen (gewoon komen) of aanmelden (met contact: de code van een rol uit network.yaml)",
            "  how: binnenlopen",
            "# De datum waarop iemand dit voor het laatst heeft nagekeken.",
            f"last_checked: {today.isoformat()}",
            "",
        ]
    )


# A plain logo in the network's colours: a ring with a path through it. Replace it with the network's own.
LOGO = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
  <circle cx="32" cy="32" r="28" fill="none" stroke="{PRIMARY_COLOR}" stroke-width="6"/>
  <path d="M18 38 L28 28 L36 36 L46 24" fill="none" stroke="{ACCENT_COLOR}" stroke-width="5" stroke-linecap="round"/>
</svg>
"""


def files_of(new: NewNetwork) -> dict[str, str]:
    """The files of the new folder by their path in it."""
    towns = new.municipalities or list(PLACEHOLDER_MUNICIPALITIES)
    return {
        "network.yaml": network_yaml(new),
        "assets/logo.svg": LOGO,
        "locations/buurthuis-het-midden.yaml": location_yaml(slug(towns[0])),
        "offerings/inloop-in-de-huiskamer.yaml": offering_yaml("buurthuis-het-midden", new.today),
        "trainings/README.md": "Zet hier de trainingen van het netwerk, één .yaml-bestand per training.\n",
    }


def write_new_network(folder: Path, new: NewNetwork) -> list[Path]:
    """Write and check the new content folder; raises ``NewNetworkError`` and then leaves nothing behind."""
    folder = Path(folder)
    if folder.is_symlink() or (folder.exists() and (not folder.is_dir() or any(folder.iterdir()))):
        raise NewNetworkError(
            f"De map {folder} bestaat al en is niet leeg. Kies een nieuwe map: er wordt niets overschreven."
        )
    problems = _input_problems(new)
    if problems:
        raise NewNetworkError("\n".join(problems))
    staging = folder.parent / f".{folder.name}-nieuw"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        for name, text in files_of(new).items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        try:
            load_catalog(staging, new.today)
        except ContentError as error:
            raise NewNetworkError(
                "De nieuwe map klopt niet; er is niets geschreven.\n"
                + "\n".join(problem.render(staging) for problem in error.problems)
            ) from None
        if folder.exists():
            folder.rmdir()  # empty: checked above
        staging.rename(folder)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return sorted(folder / name for name in files_of(new))


def _input_problems(new: NewNetwork) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for town in new.municipalities:
        code = slug(town)
        if not code:
            problems.append(f"De gemeente '{town}' heeft geen letters of cijfers. Geef de naam van de gemeente.")
        elif code in seen:
            problems.append(f"'{seen[code]}' en '{town}' krijgen dezelfde code ({code}). Noem elke gemeente één keer.")
        seen.setdefault(code, town)
    if new.repository and not re.fullmatch(r"https://[A-Za-z0-9.-]+(?:/[^\s/?#]+){2,}/?", new.repository):
        problems.append(
            f"--opslagplaats {new.repository} is geen adres van een project, zoals https://github.com/organisatie/site."
        )
    return problems
