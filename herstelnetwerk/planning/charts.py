"""The overview's two bar charts, as shapes for an SVG drawn by a template at build time.

Written here rather than taken from a charting library: the charts are two kinds
of bars with labels, and the libraries we looked at make far more than that. Their
SVG is large and without a text alternative, carries ids and dates that change
per run (matplotlib), or loads its own scripts and styles from another host when
opened (pygal). Here the shapes are computed (rounded, so a build is reproducible)
and ``overrides/partials/charts.html`` writes them: no script, no outside request.

Readable without colour, also printed in grey: bars are a solid fill or a hatched
pattern (explained in a legend), every bar has its number beside it, and a target
is a dashed line with its own label. Each chart has a title and a description
for screen readers, and the page shows a table with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from .overview import Month, Overview

WIDTH = 560
LABEL_WIDTH = 120  # municipality names left of the bars
VALUE_WIDTH = 90  # "12 van 15" right of the bars
ROW = 28
BAR = 16
TOP = 36  # room for the legend


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    hatched: bool


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    dashed: bool = False


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start, middle or end
    bold: bool = False


@dataclass(frozen=True)
class Chart:
    id: str  # unique on the page: the SVG's title and pattern ids derive from it
    title: str
    description: str  # what the chart shows, in words
    width: int
    height: int
    rects: tuple[Rect, ...]
    lines: tuple[Line, ...]
    labels: tuple[Label, ...]
    table_anchor: str  # the table with the same numbers


def _r(value: float) -> float:
    return round(value, 1)


def _legend(solid: str, hatched: str, target: bool) -> tuple[list[Rect], list[Line], list[Label]]:
    second = 20 + 7.5 * len(solid) + 24  # after the first label (about 7.5 units a letter)
    rects = [Rect(0, 6, 14, 14, False), Rect(_r(second), 6, 14, 14, True)]
    labels = [Label(20, 18, solid), Label(_r(second + 20), 18, hatched)]
    lines = []
    if target:
        third = _r(second + 20 + 7.5 * len(hatched) + 24)
        lines.append(Line(third, 4, third, 22, dashed=True))
        labels.append(Label(_r(third + 8), 18, "doel"))
    return rects, lines, labels


def target_chart(overview: Overview, month: Month, table_anchor: str) -> Chart:
    """Per municipality, the activities of ``month`` as horizontal bars, with its target as a dashed line."""
    places = overview.municipalities
    figures = [overview.figure(place.slug, month.key) for place in places]
    largest = max([f.activities for f in figures] + [p.target or 0 for p in places] + [1])
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest
    rects, lines, labels = _legend("doel gehaald of geen doel", "onder het doel", target=True)
    for index, (place, figure) in enumerate(zip(places, figures, strict=True)):
        y = TOP + index * ROW
        width = figure.activities * scale
        rects.append(Rect(LABEL_WIDTH, y, _r(width), BAR, bool(figure.shortfall)))
        labels.append(Label(LABEL_WIDTH - 8, y + BAR - 3, place.name, anchor="end"))
        value = str(figure.activities) if place.target is None else f"{figure.activities} van {place.target}"
        end = width
        if place.target is not None:
            x = _r(LABEL_WIDTH + place.target * scale)
            lines.append(Line(x, y - 4, x, y + BAR + 4, dashed=True))
            end = max(width, place.target * scale)  # the number after the target line, never across it
        labels.append(Label(_r(LABEL_WIDTH + end + 6), y + BAR - 3, value, bold=bool(figure.shortfall)))
    below = [f"{f.place.name} ({f.activities} van {f.place.target})" for f in figures if f.shortfall]
    description = f"Staafdiagram: het aantal activiteiten per gemeente in {month.label}. " + (
        f"Onder het doel: {', '.join(below)}." if below else "Geen gemeente zit onder het doel."
    )
    return Chart(
        "grafiek-doelen",
        f"Activiteiten in {month.label} per gemeente, met het doel",
        description,
        WIDTH,
        TOP + len(places) * ROW + 4,
        tuple(rects),
        tuple(lines),
        tuple(labels),
        table_anchor,
    )


def region_chart(overview: Overview, table_anchor: str) -> Chart:
    """The region's activities per month as vertical bars: past months solid, this month and later hatched."""
    months = overview.months
    height, bottom = 260, 220
    plot = bottom - TOP - 18  # room above the highest bar for its number
    largest = max([overview.region[m.key] for m in months] + [1])
    step = WIDTH / len(months)
    rects, lines, labels = _legend("voorbij", "deze maand en gepland", target=False)
    lines.append(Line(0, bottom, WIDTH, bottom))
    for index, month in enumerate(months):
        value = overview.region[month.key]
        bar_height = value * plot / largest
        x = index * step + step * 0.15
        rects.append(Rect(_r(x), _r(bottom - bar_height), _r(step * 0.7), _r(bar_height), month.coming))
        centre = _r(index * step + step / 2)
        labels.append(Label(centre, _r(bottom - bar_height - 5), str(value), anchor="middle"))
        name, year = month.short_label.split(" ")
        labels.append(Label(centre, bottom + 16, name, anchor="middle"))
        labels.append(Label(centre, bottom + 32, year, anchor="middle"))
    values = ", ".join(f"{m.label}: {overview.region[m.key]}" for m in months)
    return Chart(
        "grafiek-regio",
        f"Activiteiten per maand in de hele regio, {months[0].label} tot en met {months[-1].label}",
        f"Staafdiagram van het aantal verschillende activiteiten per maand in de regio. {values}.",
        WIDTH,
        height,
        tuple(rects),
        tuple(lines),
        tuple(labels),
        table_anchor,
    )
