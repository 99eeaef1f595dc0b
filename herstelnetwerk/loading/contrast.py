"""Colour contrast as WCAG 2.2 defines it, for the network's brand colours.

The primary colour is the background of the bar at the top, with white text on
it; the accent colour is the colour of links and buttons on a white page. Both
need a contrast ratio of at least 4.5 to 1 (success criterion 1.4.3), or some
readers cannot read the site. The build checks this, so a partner cannot pick a
colour that locks readers out.
"""

from __future__ import annotations

WHITE = "#ffffff"
MINIMUM = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour, from 0 (black) to 1 (white)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (_channel(int(text[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(foreground: str, background: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def brand_problems(primary: str, accent: str) -> list[tuple[str, str]]:
    """(field, Dutch message) for each brand colour that is too light for its use."""
    problems = []
    for field, colour, use in (
        ("primary_color", primary, "witte tekst op deze kleur (de balk bovenaan)"),
        ("accent_color", accent, "deze kleur op een witte achtergrond (links en knoppen)"),
    ):
        value = ratio(colour, WHITE)
        if value < MINIMUM:
            problems.append(
                (
                    field,
                    (
                        f"De kleur {colour} is te licht: het contrast van {use} is {_dutch_number(value)} op 1. "
                        f"Dat moet minstens 4,5 op 1 zijn, anders kunnen niet alle bezoekers het lezen. "
                        f"Kies een donkerdere kleur."
                    ),
                )
            )
    return problems


def _dutch_number(value: float) -> str:
    """2.345 -> '2,3' (rounded down, so a colour is never shown as passing when it does not)."""
    whole = int(value * 10) / 10
    return f"{whole:.1f}".replace(".", ",")
