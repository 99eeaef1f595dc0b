"""A mistake in one real example file stops the real build with a Dutch message.

Each case copies the repository's activities/ folder, breaks one example file
in one way, and runs ``mkdocs build --strict`` on the copy (through
HERSTELNETWERK_ACTIVITIES). The build must fail, name the file and the line,
and show no Python traceback. The builds stop while reading the content, so
they are short; they run side by side.
"""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from build_support import REPO, mkdocs_build

OFFERING = "offerings/inloop-de-lindeboom.yaml"
LOCATION = "locations/wijkcentrum-de-lindeboom.yaml"


def line_of(text: str, pattern: str) -> int:
    """The 1-based number of the only line matching ``pattern``."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if re.match(pattern, line)]
    assert len(found) == 1, f"{pattern!r} must match one line of the example file, found {found}"
    return found[0]


def replace_line(pattern: str, new: str):
    """A breaker that rewrites the line matching ``pattern`` (from its start) with ``new``, as re.sub does."""

    def breaker(text: str) -> tuple[str, int]:
        number = line_of(text, pattern)
        lines = text.splitlines(keepends=True)
        lines[number - 1] = re.sub(pattern, new, lines[number - 1].rstrip("\n"), count=1) + "\n"
        return "".join(lines), number

    return breaker


# (file, breaker, message fragment); the breaker returns the new text and the line of the mistake.
CASES = {
    "unknown-key": (
        OFFERING,
        replace_line(r"summary:", "sumary:"),
        "Het veld 'sumary' bestaat niet. Bedoel je 'summary'?",
    ),
    "dutch-key": (OFFERING, replace_line(r"title:", "titel:"), "Het veld 'titel' bestaat niet. Gebruik 'title'"),
    "impossible-date": (
        OFFERING,
        replace_line(r"last_checked: .*", "last_checked: 2026-02-30"),
        "De datum 2026-02-30 bestaat niet",
    ),
    "unknown-location": (
        OFFERING,
        replace_line(r"location: .*", "location: wijkcentrum-de-lindebom"),
        "De locatie 'wijkcentrum-de-lindebom' bestaat niet (zie locations/). Bedoel je 'wijkcentrum-de-lindeboom'?",
    ),
    "unknown-municipality": (
        LOCATION,
        replace_line(r"municipality: .*", "municipality: amersfort"),
        "De gemeente 'amersfort' bestaat niet (zie network.yaml). Bedoel je 'amersfoort'?",
    ),
    "yaml-tab": (OFFERING, replace_line(r"  day:", "\tday:"), "Er staat een tab in het inspringen."),
    "yaml-indentation": (OFFERING, replace_line(r"  day:", "   day:"), "De inspringing klopt niet"),
    "yaml-unclosed-quote": (
        OFFERING,
        replace_line(r'  start: "(.*)"', r'  start: "\1'),
        "Er mist een afsluitend aanhalingsteken.",
    ),
    "yaml-duplicate-key": (
        OFFERING,
        replace_line(r"type: .*", r"\g<0>\ntype: ontmoeting"),
        "'type' staat twee keer in dit blok",
    ),
}


def broken_copy(base: Path, name: str) -> tuple[Path, int]:
    """A copy of activities/ with one file broken as ``CASES[name]`` says; returns it and the line."""
    relative, breaker, _ = CASES[name]
    root = base / name / "activities"
    shutil.copytree(REPO / "activities", root)
    target = root / relative
    text, line = breaker(target.read_text(encoding="utf-8"))
    if name == "yaml-duplicate-key":
        line += 1  # the second 'type' is the mistake
    target.write_text(text, encoding="utf-8")
    return root, line


@pytest.fixture(scope="module")
def broken_builds(tmp_path_factory) -> dict:
    """Every case's build, run side by side: name -> (line of the mistake, CompletedProcess)."""
    base = tmp_path_factory.mktemp("broken")
    copies = {name: broken_copy(base, name) for name in CASES}

    def run(name: str):
        root, line = copies[name]
        return name, (line, mkdocs_build(base / name / "site", activities=root, timeout=120))

    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(pool.map(run, CASES))


@pytest.mark.parametrize("name", list(CASES))
def test_a_broken_file_stops_the_build_with_a_dutch_message(broken_builds, name):
    relative, _, fragment = CASES[name]
    line, result = broken_builds[name]
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"Fout in {relative}, regel {line}: " in output, output
    message_line = next(text for text in output.splitlines() if f"Fout in {relative}, regel {line}: " in text)
    assert fragment in message_line
    assert "Traceback" not in output
    assert not (Path(result.args[-1]) / "index.html").exists(), "no half-built site"


def test_mistakes_in_two_files_are_reported_in_one_build(tmp_path):
    root = tmp_path / "activities"
    shutil.copytree(REPO / "activities", root)
    offering, location = root / OFFERING, root / LOCATION
    offering_text, offering_line = CASES["impossible-date"][1](offering.read_text(encoding="utf-8"))
    location_text, location_line = CASES["unknown-municipality"][1](location.read_text(encoding="utf-8"))
    offering.write_text(offering_text, encoding="utf-8")
    location.write_text(location_text, encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", activities=root, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "De inhoud bevat 2 fouten." in output
    assert f"Fout in {OFFERING}, regel {offering_line}: De datum 2026-02-30 bestaat niet" in output
    assert f"Fout in {LOCATION}, regel {location_line}: De gemeente 'amersfort' bestaat niet" in output
    assert "Traceback" not in output
