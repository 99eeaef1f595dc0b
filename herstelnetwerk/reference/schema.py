"""JSON Schemas for the content files, generated from the model.

The model's ``spec`` declarations are the one source of truth: this module
walks them and writes one schema per content type. Editors (VS Code with the
YAML extension, for example) read the ``# yaml-language-server: $schema=``
line at the top of every content file and then show the Dutch titles and
descriptions as help, and underline wrong values while someone types.

The schemas describe the structure: field names, kinds, value lists and
patterns. What needs more than one file (does this location exist?) or
arithmetic on dates stays with the validator in ``catalog``.

``python -m herstelnetwerk schema`` writes the files to ``schema/``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from ..loading.fields import SLUG_RE, Either, Kind, ListOf, Spec
from ..loading.model import Location, MapOf, Network, Offering, SearchWords, Training
from ..loading.parse import spec_fields

DRAFT = "http://json-schema.org/draft-07/schema#"

# Content type -> (model class, title, where the files live).
TYPES: dict[str, tuple[type, str, str]] = {
    "network": (Network, "Het netwerk", "activities/network.yaml"),
    "location": (Location, "Een locatie", "activities/locations/<naam>.yaml"),
    "training": (Training, "Een training", "activities/trainings/<naam>.yaml"),
    "offering": (Offering, "Een activiteit", "activities/offerings/<naam>.yaml"),
    "zoekwoorden": (SearchWords, "De zoekwoorden", "activities/zoekwoorden.yaml"),
}


def _is_block(kind: Any) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def kind_schema(kind: Any) -> dict:
    """The schema of one value of ``kind``."""
    if _is_block(kind):
        return block_schema(kind)
    if isinstance(kind, MapOf):
        return {
            "type": "object",
            "patternProperties": {f"^(?:{SLUG_RE})$": kind_schema(kind.value)},
            "additionalProperties": False,
        }
    if isinstance(kind, ListOf):
        item = kind_schema(kind.item)
        array: dict = {"type": "array", "items": item, "maxItems": kind.max_items}
        if kind.min_items:
            array["minItems"] = kind.min_items
        if kind.unique and not (_is_block(kind.item) or isinstance(kind.item, Either)):
            array["uniqueItems"] = True  # the validator compares plain values only
        # The validator takes a single value where a list is allowed (`audience: iedereen`).
        return {"anyOf": [array, item]}
    if isinstance(kind, Either):
        return {"anyOf": [kind_schema(kind.short), kind_schema(kind.long)]}
    assert isinstance(kind, Kind), kind
    return kind.json_schema()


def _property(spec: Spec) -> dict:
    schema = kind_schema(spec.kind)
    help_text: dict[str, Any] = {"title": spec.title}
    if spec.description:
        help_text["description"] = spec.description
    if spec.example is not None:
        help_text["examples"] = [spec.example]
    if not spec.required:
        schema = _nullable(schema)
    return help_text | schema


def _nullable(schema: dict) -> dict:
    """``veld:`` without a value means "not filled in", as in the validator."""
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return schema | {"type": types + ["null"]}
    if "enum" in schema:
        return schema | {"enum": schema["enum"] + [None]}
    return {"anyOf": [schema, {"type": "null"}]}


def block_schema(cls: type) -> dict:
    properties = {key: _property(spec) for key, _, spec in spec_fields(cls)}
    required = [key for key, _, spec in spec_fields(cls) if spec.required]
    schema: dict = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        schema["required"] = required
    return schema


def content_schema(name: str) -> dict:
    cls, title, where = TYPES[name]
    return {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": title,
        "description": f"Een bestand {where}. Gemaakt uit herstelnetwerk/loading/model.py; pas dat bestand aan, "
        "niet dit schema.",
    } | block_schema(cls)


def render(name: str) -> str:
    return json.dumps(content_schema(name), ensure_ascii=False, indent=2) + "\n"


def write_all(folder: Path) -> list[Path]:
    """Write every schema to ``folder``; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TYPES:
        path = folder / f"{name}.schema.json"
        path.write_text(render(name), encoding="utf-8")
        written.append(path)
    return written
