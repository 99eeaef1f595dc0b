"""Shared fixture: write a small, real content folder to a temp dir.

``make_content`` writes a minimal ``network.yaml`` (two municipalities,
amersfoort and soest), one location (``buurthuis``, in Amersfoort), one
training (``wrap``) and the offerings you give, and returns the folder for
``herstelnetwerk.loading.catalog.load_catalog``::

    root = make_content(schedules={"inloop": '''
        repeat: wekelijks
        day: dinsdag
        from: 2027-01-05
        start: "19:00"
        end: "21:00"
    '''})

``schedules`` maps a slug to the YAML below ``schedule:`` of an otherwise
ordinary walk-in offering at the buurthuis; ``offerings`` maps a slug to a whole
offering file; ``locations`` and ``trainings`` add or replace those files.
Indented snippets are dedented, so they can be written in place.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# The browser fixtures (built_site, site_url, browser, page), once for the whole session.
from browser_support import browser, built_site, page, site_url  # noqa: F401

NETWORK = """\
# yaml-language-server: $schema=../schema/network.schema.json
name: Herstelnetwerk Test
region: Testregio
site_url: https://herstel.example.org/
contact: coordinatie
contacts:
  coordinatie:
    role: Coördinatie
    email: info@herstel.example.org
municipalities:
  - slug: amersfoort
    name: Amersfoort
  - slug: soest
    name: Soest
"""

LOCATION = """\
name: Buurthuis De Tussenstap
address: Stationsstraat 12
postcode: 3811 AB
municipality: amersfoort
coordinates: [52.155, 5.379]
"""

TRAINING = """\
title: WRAP
summary: Je maakt je eigen plan om je goed te voelen.
meetings: 8
"""

OFFERING_HEAD = """\
title: Inloop
summary: Een open huiskamer.
type: inloop
location: buurthuis
join:
  how: binnenlopen
last_checked: 2026-11-01
"""


def _dedent(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[..., Path]:
    def make(
        offerings: dict[str, str] | None = None,
        *,
        schedules: dict[str, str] | None = None,
        locations: dict[str, str] | None = None,
        trainings: dict[str, str] | None = None,
    ) -> Path:
        root = tmp_path / "activities"
        files = {"network.yaml": NETWORK, "locations/buurthuis.yaml": LOCATION, "trainings/wrap.yaml": TRAINING}
        files |= {f"locations/{slug}.yaml": text for slug, text in (locations or {}).items()}
        files |= {f"trainings/{slug}.yaml": text for slug, text in (trainings or {}).items()}
        files |= {f"offerings/{slug}.yaml": text for slug, text in (offerings or {}).items()}
        for slug, block in (schedules or {}).items():
            files[f"offerings/{slug}.yaml"] = OFFERING_HEAD + "schedule:\n" + textwrap.indent(_dedent(block), "  ")
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dedent(text), encoding="utf-8")
        (root / "offerings").mkdir(exist_ok=True)  # a network may have no offering yet, but it has the folder
        return root

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are marked ``browser``: ``pytest -m "not browser"`` leaves them out."""
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
