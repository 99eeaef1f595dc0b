"""The overview page for the coordinating team: its view, made from the overview's tables and charts.

The page is under "Over het netwerk" and not in the residents' navigation; it
holds no personal data (the content has none) and needs no login. Its tables
are the ones the downloads beside it hold (``outputs.overview_files``).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dutch, urls
from .charts import Chart, region_chart, target_chart
from .overview import Overview
from .overview_tables import Cell, Table, overview_tables, period

TITLE = "Overzicht voor het coördinatieteam"
DESCRIPTION = (
    "Het aanbod per gemeente en per maand, de doelen, de witte vlekken en de trainingen: de cijfers van het netwerk."
)
# The tables the page shows, in its order; ``per-maand`` is only a download (the same figures in one list).
SHOWN = (
    "activiteiten-per-maand",
    "bijeenkomsten-per-maand",
    "bouwstenen",
    "doelgroepen",
    "doelen-per-bouwsteen",
    "trainingen",
    "mogelijk-dubbel",
    "niet-gecontroleerd",
)


@dataclass(frozen=True)
class Download:
    label: str
    csv: str  # site-relative addresses
    json: str


# A list (trainings, doubles, unchecked listings) shows this many rows on the page; the files hold all.
# The tables per municipality are shown whole: they are what the page is for.
PAGE_ROWS = 100
LISTS = ("trainingen", "mogelijk-dubbel", "niet-gecontroleerd")


@dataclass(frozen=True)
class TableSection:
    table: Table
    anchor: str
    download: Download
    empty_text: str  # said instead of an empty table
    chart: Chart | None = None
    rows: tuple[tuple[Cell, ...], ...] = ()  # the rows the page shows
    more_text: str = ""  # how many rows only the files have


def section(table: Table, chart: Chart | None) -> TableSection:
    shown = table.rows[:PAGE_ROWS] if table.name in LISTS else table.rows
    more = len(table.rows) - len(shown)
    more_text = (
        f"Hier staan de eerste {len(shown)}. De andere {dutch.number(more)} staan in de bestanden hieronder."
        if more
        else ""
    )
    return TableSection(table, table.name, download(table), EMPTY.get(table.name, ""), chart, shown, more_text)


@dataclass(frozen=True)
class BlockNote:
    group: str
    label: str
    explanation: str


@dataclass
class OverviewView:
    title: str
    lead: str
    period: str
    findings: list[str]  # the main points in words, first on the page
    target_chart: Chart  # this month against the targets, beside the findings
    sections: list[TableSection]
    blocks: list[BlockNote]  # what each building block means
    downloads: list[Download]  # every table, the download-only ones too
    command: str


def download(table: Table) -> Download:
    base = urls.OVERVIEW
    return Download(table.title, f"{base}{table.name}.csv", f"{base}{table.name}.json")


def findings(overview: Overview) -> list[str]:
    """What stands out, as sentences: who is below target this month, which blocks nobody offers, what to check."""
    month = overview.this_month
    said = []
    below = overview.below_target(month)
    if below:
        names = dutch.join([f"{f.place.name} ({f.activities} van de {f.place.target})" for f in below])
        said.append(f"Onder het doel in {month.label}: {names}.")
    elif any(place.target is not None for place in overview.places):
        said.append(f"In {month.label} haalt elke gemeente met een doel dat doel.")
    else:
        said.append("Er zijn nog geen doelen afgesproken. Zet ze in network.yaml bij 'targets'.")
    short_blocks = [f for f in overview.block_figures if f.shortfall]
    if short_blocks:
        names = dutch.join([f"{f.place.name}: {f.label} ({f.activities} van de {f.target})" for f in short_blocks])
        said.append(f"Onder het doel per bouwsteen in {month.label}: {names}.")
    missing = overview.missing_blocks()
    if missing:
        said.append(f"Geen aanbod in de hele regio voor: {dutch.join([block.label for block in missing])}.")
    gaps = sum(
        1 for block in overview.blocks for place in overview.municipalities if not block.counts.get(place.slug, 0)
    )
    said.append(f"{dutch.count(gaps, 'witte vlek', 'witte vlekken')} bij de bouwstenen (gemeente zonder aanbod).")
    said.append(
        f"{dutch.count(len(overview.doubles), 'mogelijke dubbeling', 'mogelijke dubbelingen')}, "
        f"{dutch.count(len(overview.unchecked), 'activiteit', 'activiteiten')} te lang niet nagekeken."
    )
    return said


EMPTY = {
    "doelen-per-bouwsteen": "Er zijn geen aantallen per bouwsteen afgesproken. Dat kan in network.yaml, bij 'targets'.",
    "trainingen": "In deze maanden zijn er geen trainingsgroepen.",
    "mogelijk-dubbel": "Er zijn geen activiteiten van dezelfde soort op hetzelfde moment in dezelfde gemeente.",
    "niet-gecontroleerd": "Alle activiteiten zijn op tijd nagekeken.",
}


def overview_page(overview: Overview) -> OverviewView:
    tables = {table.name: table for table in overview_tables(overview)}
    charts = {"activiteiten-per-maand": region_chart(overview, "activiteiten-per-maand")}
    sections = [section(tables[name], charts.get(name)) for name in SHOWN]
    return OverviewView(
        title=TITLE,
        lead=(
            f"Wat {overview.network} aanbiedt, per gemeente en per maand, van {period(overview)}. De cijfers komen uit "
            f"de activiteiten op deze website, op {dutch.day(overview.build_date, year=True)}. Voorbije maanden tellen "
            "wat er was; deze maand en de komende maanden wat er gepland is."
        ),
        period=period(overview),
        findings=findings(overview),
        target_chart=target_chart(overview, overview.this_month, "activiteiten-per-maand"),
        sections=sections,
        blocks=[BlockNote(block.group, block.label, block.explanation) for block in overview.blocks],
        downloads=[download(table) for table in tables.values()],
        command="python -m herstelnetwerk overzicht --uit overzicht",
    )
