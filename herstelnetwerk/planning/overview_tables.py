"""The overview's figures as tables: one shape for the page, the downloads and the terminal.

Each ``Table`` is what the page shows, what the CSV and JSON files hold and what
``python -m herstelnetwerk overzicht`` prints, so the three cannot tell different
stories. A cell carries its value and, for the page, a mark: below the target, or
an empty spot.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dutch
from .overview import ONLINE, Overview, Spread

SHORT = "tekort"  # a month below the municipality's target
GAP = "witte-vlek"  # a municipality without any offer of this kind
REGION = "Hele regio"


@dataclass(frozen=True)
class Cell:
    value: int | str | None  # None: nothing to say (no target, no edit link)
    mark: str = ""
    url: str | None = None  # a page of the site (relative to its root) or the web editor
    # How the page and the terminal write it, when not as the value: a month is ``2026-12`` in the
    # files (a spreadsheet would turn ``december 2026`` into a date of its own) and ``december 2026`` here.
    label: str | None = None

    @property
    def file_text(self) -> str:
        return "" if self.value is None else str(self.value)

    @property
    def text(self) -> str:
        return self.file_text if self.label is None else self.label


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False
    # The heading in the CSV and JSON files, when it differs: a month is ``2026-03`` there, because
    # a spreadsheet reads ``mrt 2026`` (or ``nov 2025`` in English) as a date and changes the heading.
    key: str | None = None

    @property
    def file_label(self) -> str:
        return self.key or self.label


@dataclass(frozen=True)
class Table:
    name: str  # its files: <name>.csv and <name>.json
    title: str
    explanation: str  # one or two sentences: what it counts
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def values(self) -> list[list[int | str | None]]:
        return [[cell.value for cell in row] for row in self.rows]


def _count(value: int, gap: bool = False) -> Cell:
    return Cell(value, GAP if gap and value == 0 else "")


def overview_tables(overview: Overview) -> list[Table]:
    """Every table of the overview, in the page's order."""
    return [
        per_month_table(overview, "activiteiten"),
        per_month_table(overview, "bijeenkomsten"),
        month_figures_table(overview),
        spread_table(
            overview,
            "bouwstenen",
            "Bouwstenen per gemeente",
            "Hoeveel activiteiten op de website nu bij elke MIND-bouwsteen horen. Een 0 bij een gemeente is een witte "
            "vlek. Eén activiteit kan bij meer bouwstenen horen.",
            overview.blocks,
        ),
        spread_table(
            overview,
            "doelgroepen",
            "Voor wie, per gemeente",
            "Hoeveel activiteiten op de website nu voor deze groepen zijn. Een 0 bij een gemeente is een witte vlek.",
            overview.audiences,
        ),
        block_targets_table(overview),
        trainings_table(overview),
        doubles_table(overview),
        unchecked_table(overview),
    ]


def period(overview: Overview) -> str:
    """``december 2025 tot en met maart 2027``."""
    return f"{overview.months[0].label} tot en met {overview.months[-1].label}"


def per_month_table(overview: Overview, what: str) -> Table:
    """Municipalities by month: the activities (marked when below target) or the sessions."""
    activities = what == "activiteiten"
    rows = []
    for place in overview.places:
        cells = [Cell(place.name), Cell(place.target)] if activities else [Cell(place.name)]
        for month in overview.months:
            figure = overview.figure(place.slug, month.key)
            if activities:
                cells.append(Cell(figure.activities, SHORT if figure.shortfall else ""))
            else:
                cells.append(Cell(figure.sessions))
        rows.append(tuple(cells))
    region = [Cell(REGION), Cell(None)] if activities else [Cell(REGION)]
    for month in overview.months:
        sessions = sum(overview.figure(place.slug, month.key).sessions for place in overview.places)
        region.append(Cell(overview.region[month.key] if activities else sessions))
    rows.append(tuple(region))
    months = tuple(Column(month.short_label, numeric=True, key=month.key) for month in overview.months)
    if activities:
        return Table(
            "activiteiten-per-maand",
            "Activiteiten per maand",
            "Hoeveel verschillende activiteiten er in een maand minstens één keer waren of gepland zijn, met het "
            "afgesproken aantal. Onder het doel is gemarkeerd.",
            (Column("Gemeente"), Column("Doel per maand", numeric=True)) + months,
            tuple(rows),
        )
    return Table(
        "bijeenkomsten-per-maand",
        "Bijeenkomsten per maand",
        "Hoeveel keer de activiteiten in een maand bij elkaar kwamen of komen. Bijeenkomsten die niet doorgaan tellen "
        "niet mee.",
        (Column("Gemeente"),) + months,
        tuple(rows),
    )


def month_figures_table(overview: Overview) -> Table:
    """Every municipality and month in one list, with target and shortfall: for a spreadsheet."""
    rows = tuple(
        (
            Cell(figure.place.name),
            Cell(figure.month.key),
            Cell(figure.activities),
            Cell(figure.sessions),
            Cell(figure.place.target),
            Cell(figure.shortfall, SHORT if figure.shortfall else ""),
        )
        for figure in overview.figures
    )
    return Table(
        "per-maand",
        "Per gemeente per maand",
        "Alle maanden onder elkaar: activiteiten, bijeenkomsten, het doel en hoeveel activiteiten er te weinig zijn.",
        (
            Column("Gemeente"),
            Column("Maand"),
            Column("Activiteiten", numeric=True),
            Column("Bijeenkomsten", numeric=True),
            Column("Doel per maand", numeric=True),
            Column("Tekort", numeric=True),
        ),
        rows,
    )


def spread_table(overview: Overview, name: str, title: str, explanation: str, spreads: list[Spread]) -> Table:
    """Municipalities (and Online) by building block or audience, with the totals."""
    rows = []
    for place in overview.places:
        rows.append(
            (Cell(place.name),)
            + tuple(_count(spread.counts.get(place.slug, 0), gap=place.slug != ONLINE) for spread in spreads)
        )
    rows.append((Cell("Totaal"),) + tuple(_count(spread.total, gap=True) for spread in spreads))
    columns = (Column("Gemeente"),) + tuple(
        Column(f"{spread.group}. {spread.label}" if spread.group else spread.label, numeric=True) for spread in spreads
    )
    return Table(name, title, explanation, columns, tuple(rows))


def block_targets_table(overview: Overview) -> Table:
    month = overview.this_month
    rows = tuple(
        (
            Cell(figure.place.name),
            Cell(figure.label),
            Cell(figure.target),
            Cell(figure.activities, SHORT if figure.shortfall else ""),
            Cell(figure.shortfall),
        )
        for figure in overview.block_figures
    )
    return Table(
        "doelen-per-bouwsteen",
        "Doelen per bouwsteen",
        f"Waar een aantal per bouwsteen is afgesproken: hoeveel verschillende activiteiten bij die bouwsteen er in "
        f"{month.label} zijn.",
        (
            Column("Gemeente"),
            Column("Bouwsteen"),
            Column("Doel per maand", numeric=True),
            Column(f"Activiteiten in {month.label}", numeric=True, key=f"Activiteiten {month.key}"),
            Column("Tekort", numeric=True),
        ),
        rows,
    )


def trainings_table(overview: Overview) -> Table:
    rows = tuple(
        (
            Cell(group.training),
            Cell(group.title, url=group.url),
            Cell(group.place),
            Cell(group.start.key, label=group.start.label),
            Cell(group.meetings),
            Cell(group.join),
        )
        for group in overview.trainings
    )
    return Table(
        "trainingen",
        "Trainingen",
        f"Elke groep van een training met bijeenkomsten van {period(overview)}: waar, wanneer de groep begon of "
        "begint, hoeveel bijeenkomsten in die maanden, en of je binnenloopt of je aanmeldt.",
        (
            Column("Training"),
            Column("Groep"),
            Column("Gemeente"),
            Column("Start"),
            Column("Bijeenkomsten", numeric=True),
            Column("Meedoen"),
        ),
        rows,
    )


def doubles_table(overview: Overview) -> Table:
    rows = tuple(
        (
            Cell(double.place),
            Cell(double.type_label),
            Cell(double.first, url=double.first_url),
            Cell(double.second, url=double.second_url),
            Cell(double.times),
            Cell(double.from_day.isoformat(), label=dutch.day(double.from_day, year=True)),
        )
        for double in overview.doubles
    )
    return Table(
        "mogelijk-dubbel",
        "Mogelijk dubbel",
        "Activiteiten van dezelfde soort in dezelfde gemeente die van nu tot en met "
        f"{overview.months[-1].label} op hetzelfde moment zijn.",
        (
            Column("Gemeente"),
            Column("Soort"),
            Column("Activiteit"),
            Column("Tegelijk met"),
            Column("Keer tegelijk", numeric=True),
            Column("Eerste keer"),
        ),
        rows,
    )


def unchecked_table(overview: Overview) -> Table:
    rows = tuple(
        (
            Cell(item.title, url=item.url),
            Cell(item.place),
            Cell(item.last_checked.isoformat()),
            Cell(item.days),
            Cell(item.edit_url, url=item.edit_url),
        )
        for item in overview.unchecked
    )
    return Table(
        "niet-gecontroleerd",
        "Niet nagekeken",
        f"Activiteiten die langer dan {overview.review_after_days} dagen niet zijn nagekeken, de oudste eerst.",
        (
            Column("Activiteit"),
            Column("Gemeente"),
            Column("Nagekeken op"),
            Column("Dagen geleden", numeric=True),
            Column("Bewerken"),
        ),
        rows,
    )
