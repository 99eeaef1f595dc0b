"""Dates and times written out in Dutch, without depending on the machine's locale."""

from __future__ import annotations

from datetime import date, datetime, time

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def clock(at: time | datetime) -> str:
    """``19:30``; Dutch writes times with a colon or a dot, the colon reads best aloud."""
    return f"{at.hour:02d}:{at.minute:02d}"


def day(when: date | datetime, weekday: bool = True, year: bool = False) -> str:
    """``dinsdag 24 november`` (with ``year``: ``dinsdag 24 november 2026``)."""
    text = f"{when.day} {MONTHS[when.month - 1]}"
    if year:
        text += f" {when.year}"
    if weekday:
        text = f"{DAYS[when.weekday()]} {text}"
    return text


def capital(text: str) -> str:
    """``Dinsdag 24 november``: the first letter a capital, the rest as it is."""
    return text[:1].upper() + text[1:]


def short_day(when: date | datetime) -> str:
    """``di 24 nov``: for compact lists."""
    return f"{DAYS[when.weekday()][:2]} {when.day} {MONTHS[when.month - 1][:3]}"


def month(year: int, month_number: int) -> str:
    return f"{MONTHS[month_number - 1]} {year}"


def join(words: list[str]) -> str:
    """``a, b en c``."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} en {words[-1]}"


def number(value: int) -> str:
    """``1.106``: thousands with a dot, as Dutch writes them."""
    return f"{value:,}".replace(",", ".")


def count(number: int, one: str, many: str) -> str:
    """``1 activiteit``, ``3 activiteiten``."""
    return f"{number} {one if number == 1 else many}"
