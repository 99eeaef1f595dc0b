"""The hostile input corpus in tests/hostile/: reading the cases and placing them.

Every ``tests/hostile/*.yaml`` is one complete content file with a header:

    # tries: what the file attempts
    # expect: error regel N: <part of the Dutch message>   (or: error bestand: ...,
    #         for a problem with the file as a whole, or: renders-safely)
    # place: offerings/naam.yaml      (optional; default offerings/<case>.yaml)
    # schema_blind: why JSON Schema cannot see this   (optional)
    # shows: text the built page must show literally   (renders-safely only)

A case is placed into a copy of the minimal valid tree in tests/hostile/_base/.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

HOSTILE = Path(__file__).parent / "hostile"
BASE = HOSTILE / "_base"
BUILD_DATE = "2026-11-23"


@dataclass(frozen=True)
class Case:
    path: Path
    tries: str
    expect: str  # "error" or "renders-safely"
    line: int | None
    fragment: str
    place: str
    schema_blind: str | None
    shows: str | None

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def content_type(self) -> str:
        if self.place in ("network.yaml", "zoekwoorden.yaml"):
            return self.place.removesuffix(".yaml")
        return {"locations": "location", "trainings": "training", "offerings": "offering"}[self.place.split("/")[0]]


def _header(text: str, key: str) -> str | None:
    match = re.search(rf"^# {key}: (.*)$", text, re.MULTILINE)
    return match.group(1).strip() if match else None


def read_case(path: Path) -> Case:
    # Latin-1 cannot fail, so the header of the non-UTF-8 case can be read as well.
    text = path.read_bytes().decode("latin-1")
    expect = _header(text, "expect")
    assert expect, f"{path.name}: header '# expect:' is missing"
    match = re.fullmatch(r"error (?:regel (\d+)|bestand): (.+)", expect)
    if match:
        kind, line, fragment = "error", int(match.group(1)) if match.group(1) else None, match.group(2)
    else:
        assert expect == "renders-safely", f"{path.name}: unknown expectation {expect!r}"
        kind, line, fragment = expect, None, ""
    place = _header(text, "place") or f"offerings/{path.stem}.yaml"
    shows = _header(text, "shows")
    if shows is not None:
        shows = shows.encode("latin-1").decode("utf-8")
    return Case(path, _header(text, "tries") or "", kind, line, fragment, place, _header(text, "schema_blind"), shows)


def all_cases() -> list[Case]:
    return [read_case(path) for path in sorted(HOSTILE.glob("*.yaml"))]


def make_tree(target: Path, cases: list[Case] = ()) -> Path:
    """A copy of the base tree at ``target`` with ``cases`` placed in it."""
    shutil.copytree(BASE, target)
    for case in cases:
        destination = target / case.place
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case.path, destination)
    return target
