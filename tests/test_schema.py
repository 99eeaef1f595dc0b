"""The JSON Schemas in schema/ are generated from the model and accept every example file."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.reference import schema

REPO = Path(__file__).resolve().parents[1]
ACTIVITIES = REPO / "activities"
FOLDERS = {
    "network": ["network.yaml"],
    "location": ["locations"],
    "training": ["trainings"],
    "offering": ["offerings"],
    "zoekwoorden": ["zoekwoorden.yaml"],
}


def example_files(content_type: str) -> list[Path]:
    (entry,) = FOLDERS[content_type]
    target = ACTIVITIES / entry
    return [target] if target.is_file() else sorted(target.glob("*.yaml"))


@pytest.mark.parametrize("content_type", list(schema.TYPES))
def test_committed_schema_is_what_the_model_generates(content_type):
    committed = (REPO / "schema" / f"{content_type}.schema.json").read_text(encoding="utf-8")
    assert committed == schema.render(content_type), (
        "schema/ is out of date: run `python -m herstelnetwerk schema` and commit the result"
    )


def test_schema_command_writes_the_files(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "herstelnetwerk", "schema", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{t}.schema.json" for t in schema.TYPES)
    for content_type in schema.TYPES:
        assert (tmp_path / f"{content_type}.schema.json").read_text(encoding="utf-8") == schema.render(content_type)


def test_schema_is_built_from_the_specs():
    offering = schema.content_schema("offering")
    assert offering["additionalProperties"] is False
    assert set(offering["required"]) == {"schedule", "location", "join", "last_checked"}
    title = offering["properties"]["title"]
    assert title["title"] == "Titel" and "activiteit" in title["description"]
    join = offering["properties"]["join"]
    assert join["additionalProperties"] is False and join["required"] == ["how"]
    contacts = schema.content_schema("network")["properties"]["contacts"]
    assert contacts["additionalProperties"] is False and len(contacts["patternProperties"]) == 1
    cancelled = offering["properties"]["schedule"]["properties"]["cancelled"]
    # A list, or one item on its own; an item is a date, or a block with date and reason.
    forms, empty = cancelled["anyOf"]  # optional: `cancelled:` without a value is allowed
    assert empty == {"type": "null"}
    array, single = forms["anyOf"]
    assert array["type"] == "array" and array["items"] == single and len(single["anyOf"]) == 2


@pytest.mark.parametrize("content_type", list(schema.TYPES))
def test_every_example_file_points_at_its_schema(content_type):
    files = example_files(content_type)
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{path.name}: the first line must name the schema"
        target = (path.parent / match.group(1)).resolve()
        assert target == REPO / "schema" / f"{content_type}.schema.json", path


def test_check_jsonschema_accepts_every_example_file():
    """A real JSON Schema tool with a YAML 1.2 parser, as editors use, accepts all examples."""
    tool = Path(sys.executable).with_name("check-jsonschema")
    for content_type in schema.TYPES:
        files = example_files(content_type)
        result = subprocess.run(
            [str(tool), "--schemafile", str(REPO / "schema" / f"{content_type}.schema.json"), *map(str, files)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    # ...and the validator accepts them too: both sides agree on every example file.
    load_catalog(ACTIVITIES, date(2026, 11, 23))


def test_check_jsonschema_refuses_a_broken_file(tmp_path):
    """The schema is not trivially permissive: an unknown key and a wrong value list entry fail."""
    broken = tmp_path / "kapot.yaml"
    text = (ACTIVITIES / "offerings" / "inloop-baarn.yaml").read_text(encoding="utf-8")
    broken.write_text(text + "participants: [Jan]\n", encoding="utf-8")
    tool = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(tool), "--schemafile", str(REPO / "schema" / "offering.schema.json"), str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "participants" in result.stdout
