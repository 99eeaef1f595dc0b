"""The Dutch field reference (docs/velden.md), generated from the model.

Like the JSON Schema, the reference is derived from the ``spec`` declarations
in ``model.py`` and the value lists in ``vocabulary.py``, so it cannot drift
from what the validator accepts. ``python -m herstelnetwerk docs`` writes it;
``--check`` only compares, and a test does the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..loading import vocabulary as v
from ..loading.fields import (
    SLUG_RE,
    Boolean,
    Choice,
    Coordinates,
    Date,
    Either,
    Integer,
    ListOf,
    Markdown,
    Pattern,
    SearchWord,
    Text,
    Time,
)
from ..loading.model import Location, MapOf, Network, NewsItem, Offering, SearchWords, Training
from ..loading.parse import spec_fields

OUTPUT = Path("docs/velden.md")
TEMPLATES = Path("templates")

# (heading, model, where the files live, template file or None, who fills it in)
TYPES: tuple[tuple[str, type, str, str | None, str], ...] = (
    (
        "Een activiteit",
        Offering,
        "activities/offerings/<naam>.yaml",
        "activiteit.yaml",
        "Elke activiteit is één bestand. De bestandsnaam is ook het adres op de website.",
    ),
    (
        "Een locatie",
        Location,
        "activities/locations/<naam>.yaml",
        "locatie.yaml",
        "Een plek waar activiteiten zijn. Meerdere activiteiten kunnen dezelfde locatie gebruiken.",
    ),
    (
        "Een training",
        Training,
        "activities/trainings/<naam>.yaml",
        "training.yaml",
        "Wat een training is. Waar en wanneer een groep start, staat in een activiteit met `training: <naam>`.",
    ),
    (
        "Het netwerk",
        Network,
        "activities/network.yaml",
        None,
        "Eén bestand over het netwerk zelf. Dit bestand beheert de coördinatie.",
    ),
    (
        "De zoekwoorden",
        SearchWords,
        "activities/zoekwoorden.yaml",
        None,
        "Woorden die bewoners in de zoeker typen over hoe ze zich voelen of wat ze zoeken, en welk aanbod "
        "daarbij past. Het bestand mag ontbreken. Een woord mag bij meer onderwerpen staan.",
    ),
    (
        "Een nieuwsbericht",
        NewsItem,
        "activities/nieuws/<datum-en-een-paar-woorden>.md",
        None,
        "Elk bericht is één Markdown-bestand. Bovenaan staan de velden tussen twee regels met `---`; "
        "daaronder staat de tekst (`body` is die tekst, geen veld om in te vullen). Begin met templates/nieuws.md.",
    ),
)

# A list with at most this many values is written out in the table itself.
INLINE_CHOICES = 5

HEADER = """\
<!-- Dit bestand wordt gemaakt met `python -m herstelnetwerk docs`. Pas het niet met de hand aan:
     verander de uitleg in herstelnetwerk/loading/model.py of de lijsten in herstelnetwerk/loading/vocabulary.py. -->

# Alle velden

Hier staat elk veld dat je in een bestand kunt invullen. Hoe je een bestand toevoegt
of verandert, lees je in [CONTRIBUTING.md](../CONTRIBUTING.md).

- De namen van de velden zijn Engels (`title`, `location`). Wat je invult, is Nederlands.
- **Nodig** betekent: zonder dit veld klopt het bestand niet. De andere velden mag je weglaten.
- Schrijf `ja` of `nee` voor ja/nee-vragen. Zet tijden tussen aanhalingstekens: `"10:00"`.
- Een datum schrijf je als jaar-maand-dag: `2027-01-12`.
- Zet nooit namen van deelnemers of medewerkers in een bestand. Gebruik een rol uit
  `contacts` in network.yaml, zoals `coordinatie`.
"""


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def _is_block(kind: Any) -> bool:
    return isinstance(kind, type) and dataclasses.is_dataclass(kind)


def _choices_text(kind: Choice, names: dict[tuple, str]) -> str:
    keys = [key for key, _ in kind.choices]
    if len(keys) <= INLINE_CHOICES:
        return ", ".join(f"`{key}`" for key in keys)
    return f"een waarde uit de lijst *{names[kind.choices]}* hieronder"


def describe(kind: Any, names: dict[tuple, str]) -> str:
    """What a volunteer writes for a value of ``kind``, in words."""
    if _is_block(kind):
        return "een blok met velden (zie hieronder)"
    if isinstance(kind, MapOf):
        return "een blok met per contact een eigen code (zie hieronder)"
    if isinstance(kind, ListOf):
        item = kind.item
        if _is_block(item):
            return "een lijst met blokken (zie hieronder)"
        if isinstance(item, Either):
            return (
                f"een lijst met datums; of per datum een blok met `{item.short_field}` en meer velden (zie hieronder)"
            )
        if isinstance(item, Choice):
            return "een lijst met " + _choices_text(item, names) + ", zoals `[" + item.choices[0][0] + "]`"
        if isinstance(item, Date):
            return "een lijst met datums (jaar-maand-dag), zoals `[2027-01-12, 2027-01-19]`"
        if isinstance(item, Pattern) and item.regex == SLUG_RE:
            return "een lijst met codes (kleine letters, cijfers en streepjes)"
        if isinstance(item, SearchWord):
            return f"een lijst met hooguit {kind.max_items} zoekwoorden; " + describe(item, names)
        return "een lijst; per waarde: " + describe(item, names)
    if isinstance(kind, Choice):
        return (
            "één van: " + _choices_text(kind, names)
            if len(kind.choices) <= INLINE_CHOICES
            else _choices_text(kind, names)
        )
    if isinstance(kind, Markdown):
        return f"tekst, ook op meer regels, hooguit {kind.max_length} tekens; **vet** en lijstjes mogen"
    if isinstance(kind, Text):
        lines = ", ook op meer regels," if kind.multiline else " op één regel,"
        return f"tekst{lines} hooguit {kind.max_length} tekens"
    if isinstance(kind, SearchWord):
        return (
            f"per woord {kind.min_length} tot {kind.max_length} tekens: kleine letters (ook met accent) en cijfers; "
            "tussen twee woorden een spatie, - of '"
        )
    if isinstance(kind, Pattern) and kind.regex == SLUG_RE:
        return "een code: kleine letters, cijfers en streepjes, zoals `de-koppeling`"
    if isinstance(kind, Pattern):
        return kind.hint
    if isinstance(kind, Integer):
        return f"een heel getal van {kind.minimum} tot en met {kind.maximum}"
    if isinstance(kind, Boolean):
        return "`ja` of `nee`"
    if isinstance(kind, Date):
        return "een datum: jaar-maand-dag, zoals `2027-01-12`"
    if isinstance(kind, Time):
        return 'een tijd tussen aanhalingstekens, zoals `"19:30"`'
    if isinstance(kind, Coordinates):
        return "`[breedtegraad, lengtegraad]`, zoals `[52.1561, 5.3878]`"
    return kind.label()


def _yaml_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def _default(field: dataclasses.Field) -> Any:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None


def _nested(kind: Any) -> type | None:
    """The block type inside ``kind``, if a volunteer writes fields inside it."""
    if _is_block(kind):
        return kind
    if isinstance(kind, MapOf):
        return _nested(kind.value)
    if isinstance(kind, ListOf):
        return _nested(kind.item)
    if isinstance(kind, Either):
        return kind.long
    return None


def _blocks(cls: type, trail: tuple[str, ...] = (), outer: Any = None) -> Iterator[tuple[tuple[str, ...], type, Any]]:
    """``cls`` and every block inside it, depth first: (YAML keys that lead there, block type, the field's kind)."""
    yield trail, cls, outer
    for key, _, spec in spec_fields(cls):
        inner = _nested(spec.kind)
        if inner is not None:
            yield from _blocks(inner, trail + (key,), spec.kind)


def _choice_kinds(kind: Any) -> Iterator[Choice]:
    if isinstance(kind, Choice):
        yield kind
    elif isinstance(kind, ListOf):
        yield from _choice_kinds(kind.item)


def value_lists() -> dict[tuple, tuple[str, list[str]]]:
    """Every value list the model uses, in the order of first use: choices -> (title, YAML keys that use it)."""
    found: dict[tuple, tuple[str, list[str]]] = {}
    for _, cls, _, _, _ in TYPES:
        for trail, block, _ in _blocks(cls):
            for key, _, spec in spec_fields(block):
                for choice in _choice_kinds(spec.kind):
                    path = " › ".join(trail + (key,))
                    _, keys = found.setdefault(choice.choices, (spec.title, []))
                    if path not in keys:
                        keys.append(path)
    return found


def _template_keys(path: Path | None) -> list[str]:
    """The top-level keys of a template, in the order a volunteer meets them."""
    if path is None or not path.is_file():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data) if isinstance(data, dict) else []


def _table(block: type, names: dict[tuple, str], order: tuple[str, ...] | list[str] = ()) -> list[str]:
    rows = ["| Veld | Nodig | Wat vul je in | Uitleg | Voorbeeld |", "|---|---|---|---|---|"]
    rank = {key: index for index, key in enumerate(order)}
    # Stable: the rest keeps the model's order.
    fields = sorted(spec_fields(block), key=lambda item: rank.get(item[0], len(rank)))
    for key, field, spec in fields:
        needed = "ja" if spec.required else "nee"
        default = _default(field)
        if not spec.required and default not in (None, [], "") and not dataclasses.is_dataclass(default):
            needed += f" (weglaten is `{_yaml_value(default)}`)"
        example = f"`{_cell(_yaml_value(spec.example))}`" if spec.example is not None else ""
        rows.append(
            f"| `{key}` | {needed} | {_cell(describe(spec.kind, names))} | "
            f"{_cell(spec.title)}. {_cell(spec.description)} | {example} |"
        )
    return rows


def _section(
    heading: str,
    cls: type,
    where: str,
    template: str | None,
    intro: str,
    names: dict[tuple, str],
    templates_dir: Path | None,
) -> list[str]:
    lines = [f"## {heading}", "", f"Bestand: `{where}`. {intro}", ""]
    if template:
        lines += [f"Begin met het voorbeeld [templates/{template}](../templates/{template}).", ""]
    template_path = templates_dir / template if template and templates_dir is not None else None
    for trail, block, outer in _blocks(cls):
        if trail:
            inside = " › ".join(f"`{key}`" for key in trail)
            if isinstance(outer, MapOf):
                what = f"### Binnen {inside}: per contact een code, met daaronder"
            elif isinstance(outer, ListOf):
                what = f"### Binnen {inside}: elk item in de lijst"
            else:
                what = f"### Binnen {inside}"
            lines += [what, ""]
        lines += _table(block, names, _template_keys(template_path) if not trail else []) + [""]
    if template and templates_dir is not None and (templates_dir / template).is_file():
        text = (templates_dir / template).read_text(encoding="utf-8").rstrip("\n")
        lines += [f"### Voorbeeld: {heading.lower()}", "", "```yaml", text, "```", ""]
    return lines


def render(templates_dir: Path | None = TEMPLATES) -> str:
    """The whole reference as Markdown."""
    lists = value_lists()
    names = {choices: title for choices, (title, _) in lists.items()}
    lines = [HEADER]
    for heading, cls, where, template, intro in TYPES:
        lines += _section(heading, cls, where, template, intro, names, templates_dir)
    lines += [
        "## Lijsten met keuzes",
        "",
        "Schrijf de waarde uit de eerste kolom precies zo, met kleine letters. "
        "De tweede kolom laat zien wat bezoekers op de website lezen.",
        "",
    ]
    for choices, (title, keys) in lists.items():
        used = ", ".join(f"`{key}`" for key in keys)
        lines += [f"### {title}", "", f"Voor {used}.", "", "| Waarde | Op de website |", "|---|---|"]
        lines += [f"| `{key}` | {_cell(label)} |" for key, label in choices] + [""]
    lines += _building_blocks()
    return "\n".join(lines).rstrip("\n") + "\n"


def _building_blocks() -> list[str]:
    """What each MIND building block covers, and which types of activity count for it unless a file says otherwise."""
    groups = dict(v.MIND_GROUPS)
    by_block: dict[str, list[str]] = {}
    for kind, blocks in v.TYPE_MIND_BLOCKS.items():
        for block in blocks:
            by_block.setdefault(block, []).append(f"`{kind}`")
    for audience, blocks in v.AUDIENCE_MIND_BLOCKS.items():
        for block in blocks:
            by_block.setdefault(block, []).append(f"voor `{audience}`")
    lines = [
        "## Welke bouwsteen bij welk aanbod hoort",
        "",
        "Het overzicht voor het coördinatieteam telt het aanbod per MIND-bouwsteen. Een activiteit hoort bij de "
        "bouwstenen van haar soort (`type`), of bij de bouwsteen van haar training (`mind_block`). Klopt dat niet, "
        "zet dan `mind_blocks` in het bestand van de activiteit. Een activiteit voor naasten telt ook bij "
        "de steun voor naasten.",
        "",
        "| Groep | Bouwsteen | Wat hoort erbij | Standaard bij |",
        "|---|---|---|---|",
    ]
    for key, label, group, explanation in v.MIND_BLOCK_DETAILS:
        standard = ", ".join(by_block.get(key, [])) or "geen soort: alleen met `mind_block` of `mind_blocks`"
        lines.append(
            f"| {group}: {_cell(groups[group])} | `{key}`: {_cell(label)} | {_cell(explanation)} | {standard} |"
        )
    return lines + [""]


def write(out: Path = OUTPUT, templates_dir: Path | None = TEMPLATES, check: bool = False) -> bool:
    """Write the reference to ``out`` (or with ``check`` only compare); True when the file was up to date."""
    text = render(templates_dir)
    current = out.read_text(encoding="utf-8") if out.is_file() else None
    if current == text:
        return True
    if not check:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return False
