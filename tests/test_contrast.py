"""Brand colours: too little contrast fails the build with a Dutch message on the right line."""

from __future__ import annotations

from datetime import date

import pytest

from herstelnetwerk.loading import contrast
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError

BUILD_DATE = date(2026, 11, 23)


@pytest.mark.parametrize(
    "foreground, background, expected",
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        # Reference values from the WCAG definition of relative luminance.
        ("#767676", "#ffffff", 4.54),
        ("#777777", "#ffffff", 4.48),
        ("#1d5c63", "#ffffff", 7.60),
    ],
)
def test_ratio_follows_the_wcag_formula(foreground, background, expected):
    assert contrast.ratio(foreground, background) == pytest.approx(expected, abs=0.01)
    assert contrast.ratio(background, foreground) == pytest.approx(expected, abs=0.01)


def test_the_example_brand_colours_pass():
    assert contrast.brand_problems("#1d5c63", "#b3541e") == []


def _with_brand(make_content, brand: str):
    root = make_content()
    network = root / "network.yaml"
    network.write_text(network.read_text(encoding="utf-8") + brand, encoding="utf-8")
    return root, network.read_text(encoding="utf-8").splitlines()


def test_too_light_colours_fail_with_the_line_of_each(make_content):
    root, lines = _with_brand(make_content, 'brand:\n  primary_color: "#7fb8bf"\n  accent_color: "#f0a050"\n')
    with pytest.raises(ContentError) as raised:
        load_catalog(root, BUILD_DATE)
    problems = {p.line: p.message for p in raised.value.problems}
    primary_line = next(i for i, line in enumerate(lines, 1) if "primary_color" in line)
    accent_line = next(i for i, line in enumerate(lines, 1) if "accent_color" in line)
    assert set(problems) == {primary_line, accent_line}
    assert problems[primary_line] == (
        "De kleur #7fb8bf is te licht: het contrast van witte tekst op deze kleur (de balk bovenaan) is 2,2 op 1. "
        "Dat moet minstens 4,5 op 1 zijn, anders kunnen niet alle bezoekers het lezen. Kies een donkerdere kleur."
    )
    assert "De kleur #f0a050 is te licht" in problems[accent_line]
    assert "links en knoppen" in problems[accent_line]
    assert "network.yaml" in raised.value.summary()


def test_a_colour_just_below_the_minimum_fails_and_just_above_passes(make_content):
    root, _ = _with_brand(make_content, 'brand:\n  primary_color: "#777777"\n  accent_color: "#767676"\n')
    with pytest.raises(ContentError) as raised:
        load_catalog(root, BUILD_DATE)
    assert [p.message.split(":")[0] for p in raised.value.problems] == ["De kleur #777777 is te licht"]
