"""Turn a loaded YAML document into model objects, collecting every problem.

The walker reads the ``spec`` of each dataclass field: the field's YAML key,
whether it is required, and its kind. Nested blocks are dataclasses too.
"""

from __future__ import annotations

import dataclasses
import difflib
from functools import cache
from typing import Any

from .errors import Problem
from .fields import Context, Either, Invalid, Kind, ListOf, Spec
from .model import MapOf
from .yamlfile import Document

# Dutch words volunteers are likely to type for an English key.
DUTCH_KEYS = {
    "titel": "title",
    "naam": "name",
    "omschrijving": "description",
    "beschrijving": "description",
    "samenvatting": "summary",
    "locatie": "location",
    "plek": "location",
    "adres": "address",
    "gemeente": "municipality",
    "gemeenten": "municipalities",
    "plaats": "place",
    "datum": "dates",
    "data": "dates",
    "begintijd": "start",
    "eindtijd": "end",
    "begin": "start",
    "eind": "end",
    "tot": "until",
    "vanaf": "from",
    "dag": "day",
    "herhaling": "repeat",
    "soort": "type",
    "doelgroep": "audience",
    "voor": "audience",
    "themas": "themes",
    "thema": "themes",
    "aanmelden": "join",
    "meedoen": "join",
    "kosten": "cost",
    "prijs": "cost",
    "talen": "languages",
    "taal": "languages",
    "gecontroleerd": "last_checked",
    "aanbieder": "provider",
    "afgelast": "cancelled",
    "vervalt": "cancelled",
    "verplaatst": "moved",
    "pauze": "breaks",
    "vakantie": "breaks",
    "eerste_keer": "first_time",
    "deelnemers": "max_participants",
    "maximum": "max_participants",
    "minimum": "min_participants",
    "afspraak": "appointment",
    "op_afspraak": "appointment",
    "dagen": "day",
    "werkdagen": "day",
    "nachten": "nights",
    "overnachten": "stay",
    "extra": "added",
    "inhaal": "added",
    "dagdelen": "half_days",
    "aanbevolen": "recommended",
    "bijeenkomsten": "meetings",
    "toegankelijkheid": "accessibility",
    "route": "directions",
    "coordinaten": "coordinates",
    # zoekwoorden.yaml
    "onderwerpen": "topics",
    "onderwerp": "topics",
    "woorden": "words",
    "zoekwoorden": "words",
    "aanbod": "fits",
    "past_bij": "fits",
    "soorten": "type",
}


def yaml_key(field: dataclasses.Field) -> str:
    spec: Spec = field.metadata["spec"]
    return spec.key or field.name


@cache
def spec_fields(cls: type) -> tuple[tuple[str, dataclasses.Field, Spec], ...]:
    """The fields of ``cls`` that are written in YAML, with their key and spec."""
    return tuple((yaml_key(f), f, f.metadata["spec"]) for f in dataclasses.fields(cls) if "spec" in f.metadata)


@cache
def _known_keys(cls: type) -> frozenset[str]:
    """The YAML keys of ``cls``, to look one up quickly."""
    return frozenset(key for key, _, _ in spec_fields(cls))


def _meant(key: str, known: list[str]) -> str | None:
    """The known key that an unknown ``key`` most likely means, if any."""
    lowered = key.lower().strip()
    if lowered in known:
        return lowered
    if DUTCH_KEYS.get(lowered) in known:
        return DUTCH_KEYS[lowered]
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(key: str, known: list[str]) -> str:
    lowered = key.lower().strip()
    meant = _meant(key, known)
    if meant is None:
        return f" Mogelijke velden hier: {', '.join(known)}."
    if meant == lowered:
        return f" Schrijf '{lowered}' met kleine letters."
    if DUTCH_KEYS.get(lowered) == meant:
        return f" Gebruik '{meant}' (de namen van velden zijn Engels)."
    return f" Bedoel je '{meant}'?"


class Walker:
    """Parses one document; ``problems`` collects what is wrong with it."""

    def __init__(self, doc: Document, ctx: Context):
        self.doc = doc
        self.ctx = ctx
        self.problems: list[Problem] = []

    def problem(self, where: tuple, message: str) -> None:
        self.problems.append(Problem(self.doc.path, self.doc.line(where), message))

    def block(self, cls: type, data: Any, where: tuple, what: str = "") -> Any:
        if not isinstance(data, dict):
            self.problem(where, f"Hier hoort een blok met velden{what}, zoals 'naam: waarde' op aparte regels.")
            return None
        fields = spec_fields(cls)
        known = _known_keys(cls)
        meant: set[str] = set()  # keys an unknown key was taken for: their absence is not reported again
        for key in data:
            if key not in known:
                in_order = [known_key for known_key, _, _ in fields]
                self.problem(where + (key,), f"Het veld '{key}' bestaat niet.{_suggest(key, in_order)}")
                meant.add(_meant(key, in_order) or "")
        values: dict[str, Any] = {}
        ok = True
        for key, field, spec in fields:
            if key not in data or data[key] is None:
                if spec.required and key in meant and key not in data:
                    ok = False
                elif spec.required:
                    example = (
                        f" Bijvoorbeeld: {key}: {spec.example}"
                        if spec.example is not None and not isinstance(spec.example, list)
                        else ""
                    )
                    self.problem(where, f"Het veld '{key}' ({spec.title.lower()}) ontbreekt.{example}")
                    ok = False
                continue
            value = self.value(spec.kind, data[key], where + (key,))
            if value is _FAILED:
                ok = False
                continue
            values[field.name] = value
        if not ok:
            return None
        return cls(**values)

    def value(self, kind: Any, data: Any, where: tuple) -> Any:
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            result = self.block(kind, data, where)
            return _FAILED if result is None else result
        if isinstance(kind, MapOf):
            if not isinstance(data, dict):
                self.problem(where, "Hier hoort een blok met namen en waarden.")
                return _FAILED
            result = {}
            for key, item in data.items():
                parsed = self.value(kind.value, item, where + (key,))
                if parsed is _FAILED:
                    return _FAILED
                result[key] = parsed
            return result
        if isinstance(kind, ListOf):
            if not isinstance(data, list):
                data = [data]  # a single value where a list is allowed: be kind
            if len(data) > kind.max_items:
                self.problem(where, f"De lijst is te lang (maximaal {kind.max_items}).")
                return _FAILED
            if len(data) < kind.min_items:
                self.problem(where, f"De lijst is leeg. Zet er minstens {kind.min_items} in.")
                return _FAILED
            # Every item is checked, so a long list (the search words) shows all its mistakes in one check.
            items = []
            failed = False
            for index, item in enumerate(data):
                if item is None:  # '-' with nothing after it, or '[a, , b]'
                    self.problem(where + (index,), "Dit item van de lijst is leeg. Vul het in of haal het weg.")
                    failed = True
                    continue
                parsed = self.value(kind.item, item, where + (index,))
                if parsed is _FAILED:
                    failed = True
                    continue
                if kind.unique and isinstance(parsed, str) and parsed in items:
                    self.problem(where + (index,), f"'{parsed}' staat twee keer in de lijst. Haal er één weg.")
                    failed = True
                    continue
                items.append(parsed)
            return _FAILED if failed else items
        if isinstance(kind, Either):
            if isinstance(data, dict):
                return self.value(kind.long, data, where)
            short = self.value(kind.short, data, where)
            return _FAILED if short is _FAILED else kind.long(**{kind.short_field: short})
        assert isinstance(kind, Kind), kind
        try:
            return kind.parse(data, self.ctx)
        except Invalid as invalid:
            self.problem(where + invalid.where, invalid.message)
            return _FAILED


_FAILED = object()
