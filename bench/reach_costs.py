"""What the reach outputs cost on a generated network: JSON-LD, the Atom feeds, the open data.

Each is timed on its own, on one processor, from the same site plan a build
makes (``load_site``), with the sizes of what it writes:

    .venv/bin/python bench/reach_costs.py --offerings 20000

The JSON-LD is made for every activity, training and location page, as their
views do; the Atom feeds and the open data are what the background process
writes beside the pages (``outputs/writing.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate

from herstelnetwerk.outputs import atom, open_data
from herstelnetwerk.planning import load_site, structured_data
from herstelnetwerk.settings import Settings

BUILD_DATE = date(2026, 11, 23)


def _timed(what, *args):
    started = time.process_time()
    result = what(*args)
    return result, time.process_time() - started


def measure(folder: Path) -> dict[str, float]:
    plan = load_site(Settings(folder, BUILD_DATE), None)
    data = plan.data
    found: dict[str, float] = {}

    def json_ld() -> int:
        size = 0
        for slug, entry in data.agenda.entries.items():
            if not entry.offering.is_draft:
                size += len(structured_data.script_text(structured_data.offering_data(data, slug)))
        for slug in data.catalog.trainings:
            size += len(structured_data.script_text(structured_data.training_data(data, slug)))
        for slug in data.catalog.locations:
            size += len(structured_data.script_text(structured_data.location_data(data, slug)))
        return size

    size, found["json_ld_s"] = _timed(json_ld)
    found["json_ld_mb"] = size / 1e6
    feeds, found["atom_s"] = _timed(atom.atom_feeds, data)
    found["atom_kb"] = sum(len(body) for body in feeds.values()) / 1e3
    with tempfile.TemporaryDirectory() as scratch:
        _, found["open_data_s"] = _timed(open_data.write_open_data, Path(scratch), data)
        for path in Path(scratch).rglob("*.*"):
            found[f"{path.name}_mb"] = path.stat().st_size / 1e6
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offerings", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "netwerk"
        generate.generate(folder, args.offerings, seed=args.seed, build_date=BUILD_DATE)
        print(json.dumps({k: round(v, 2) for k, v in measure(folder).items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
