"""Command line: ``python -m herstelnetwerk check``, ``... schema``, ``... docs`` and ``... nieuw-netwerk``.

``check`` reads and checks the content without building the site, prints every
error and warning, and exits with 1 when there is an error. In GitHub Actions
(``GITHUB_ACTIONS=true``) it prints workflow commands instead, so every problem
shows up next to the right line of the changed file.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from .loading.errors import ContentError, Problem, visible
from .planning.dutch import count
from .settings import SettingsError, parse_date, read_settings


def _date(text: str) -> date:
    try:
        return parse_date(text, "--build-date")
    except SettingsError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def repository_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with a .git, else the current folder."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd().resolve()


# A GitHub annotation may span lines; it encodes the breaks itself.
LINE_BREAKS = "\r\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem, repo_root: Path) -> str:
    """One problem as a GitHub Actions workflow command (an annotation)."""
    path = Path(os.path.abspath(problem.path))  # the file as named: resolving would follow a symlink (or loop)
    try:
        shown = path.relative_to(repo_root).as_posix()
    except ValueError:
        shown = path.as_posix()
    command = "error" if problem.severity == "error" else "warning"
    properties = [f"file={_escape_property(visible(shown))}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    title = "Fout in de inhoud" if problem.severity == "error" else "Let op"
    properties.append(f"title={_escape_property(title)}")
    message = _escape_data(visible(problem.message, keep=LINE_BREAKS))
    return f"::{command} {','.join(properties)}::{message}"


def check(activities: Path, build_date: date, github: bool) -> int:
    from .loading.catalog import load_catalog

    root = activities.resolve()
    try:
        loaded = load_catalog(root, build_date)
        errors: list[Problem] = []
        warnings = loaded.warnings
    except ContentError as error:
        errors = error.problems
        warnings = list(getattr(error, "warnings", []))
    problems = errors + warnings
    if github:
        repo_root = repository_root(root)
        for problem in problems:
            print(github_command(problem, repo_root))
    else:
        for problem in problems:
            print(problem.render(root))
    if errors:
        print(
            f"{count(len(errors), 'fout', 'fouten')} gevonden. Pas de bestanden aan en probeer het opnieuw.",
            file=sys.stderr,
        )
        return 1
    catalog = loaded.catalog
    counts = ", ".join(
        count(len(items), one, many)
        for items, one, many in (
            (catalog.offerings, "activiteit", "activiteiten"),
            (catalog.trainings, "training", "trainingen"),
            (catalog.locations, "locatie", "locaties"),
        )
    )
    if catalog.search_topics:
        counts += ", " + count(len(catalog.search_topics), "onderwerp", "onderwerpen") + " met zoekwoorden"
    print(f"Alles in orde: {counts}" + (f", {len(warnings)} om na te kijken." if warnings else "."), file=sys.stderr)
    return 0


def _new_network(args: argparse.Namespace) -> int:
    from .new_network import NewNetwork, NewNetworkError, write_new_network

    new = NewNetwork(name=args.naam, region=args.regio, municipalities=args.gemeente, email=args.email)
    if args.website:
        new.site_url = args.website if args.website.endswith("/") else args.website + "/"
    new.repository = args.opslagplaats
    new.today = args.build_date or read_settings(Path.cwd(), folder=".").build_date
    try:
        written = write_new_network(args.map, new)
    except NewNetworkError as error:
        print(str(error), file=sys.stderr)
        return 1
    for path in written:
        print(path.as_posix())
    print(
        f"De map {args.map} is klaar. Pas de bestanden aan, controleer met: "
        f"python -m herstelnetwerk check --activities {args.map}",
        file=sys.stderr,
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m herstelnetwerk", description="Controleer de inhoud of maak de JSON Schemas."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="Controleer alle bestanden in activities/ zonder de site te bouwen.")
    checking.add_argument(
        "--activities",
        type=Path,
        help="De map met network.yaml, locations/, trainings/ en offerings/ (standaard: activities).",
    )
    checking.add_argument("--build-date", type=_date, help="Doe alsof het deze dag is (JJJJ-MM-DD); standaard vandaag.")
    schema = commands.add_parser("schema", help="Schrijf de JSON Schemas naar schema/.")
    schema.add_argument("--out", type=Path, default=Path("schema"), help="De map voor de schemas (standaard: schema).")
    docs = commands.add_parser("docs", help="Schrijf het overzicht van alle velden naar docs/velden.md.")
    docs.add_argument(
        "--out", type=Path, default=Path("docs/velden.md"), help="Het bestand (standaard: docs/velden.md)."
    )
    docs.add_argument("--check", action="store_true", help="Schrijf niets; geef een fout als het bestand niet klopt.")
    starting = commands.add_parser(
        "nieuw-netwerk", help="Maak een nieuwe map met de inhoud van een netwerk: klein, compleet en goedgekeurd."
    )
    starting.add_argument("map", type=Path, help="De nieuwe map (mag nog niet bestaan, of moet leeg zijn).")
    starting.add_argument("--naam", required=True, help="De naam van het netwerk, zoals 'Herstelnetwerk Gooi'.")
    starting.add_argument("--regio", required=True, help="De naam van de regio, zoals 'Gooi en Vechtstreek'.")
    starting.add_argument(
        "--gemeente",
        action="append",
        default=[],
        help="Een gemeente van de regio; herhaal voor elke gemeente. Zonder: twee voorbeelden om te vervangen.",
    )
    starting.add_argument(
        "--website", help="Het adres van de website (standaard: https://herstelnetwerk.example.org/)."
    )
    starting.add_argument("--email", help="Het e-mailadres van de coördinatie (een rol, geen persoon).")
    starting.add_argument(
        "--opslagplaats", help="Het adres van het project op GitHub of GitLab, voor de links naar de web-editor."
    )
    starting.add_argument("--build-date", type=_date, help="De datum van vandaag (JJJJ-MM-DD); standaard vandaag.")
    args = parser.parse_args(argv)
    if args.command == "nieuw-netwerk":
        return _new_network(args)
    if args.command == "docs":
        from .reference.field_docs import TEMPLATES, write

        if write(args.out, TEMPLATES, check=args.check):
            return 0
        if args.check:
            print(
                f"{args.out.as_posix()} klopt niet met het model. Maak het opnieuw met: python -m herstelnetwerk docs",
                file=sys.stderr,
            )
            return 1
        print(args.out.as_posix())
        return 0
    if args.command == "schema":
        from .reference.schema import write_all

        for path in write_all(args.out):
            print(path.as_posix())
        return 0
    try:
        settings = read_settings(Path.cwd(), args.activities, args.build_date)
    except SettingsError as error:
        parser.error(str(error))
    return check(settings.activities, settings.build_date, os.environ.get("GITHUB_ACTIONS") == "true")
