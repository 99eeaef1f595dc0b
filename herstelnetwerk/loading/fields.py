"""Field kinds: how one YAML value is checked and turned into a Python value.

The model (``model.py``) declares its fields with these kinds. The same
declaration drives the validator (``parse``) and the JSON Schema that editors
use for help (``json_schema``), so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any


class Invalid(Exception):
    """A value is wrong; ``message`` is Dutch and says how to fix it."""

    def __init__(self, message: str, where: tuple = ()):
        super().__init__(message)
        self.message = message
        self.where = where  # sub-path below the field, for the line number


@dataclass
class Context:
    """What parsing needs besides the value itself."""

    build_date: date
    # A network's own values added to a list of choices (its audiences, its themes), by list name.
    extra_choices: dict[str, tuple[tuple[str, str], ...]] = dataclasses.field(default_factory=dict)

    def cache_key(self) -> tuple:
        """What a parsed file depends on besides its own bytes."""
        return (self.build_date, tuple(sorted(self.extra_choices.items())))


def _describe(value: Any) -> str:
    if value is None:
        return "een lege waarde"
    if isinstance(value, dict):
        return "een blok met velden"
    if isinstance(value, list):
        return "een lijst"
    return f"'{value}'"


def _expect_text(value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(f"Hier hoort een tekst, maar er staat {_describe(value)}.")
    return value


# Characters no text may hold: control characters (tab and line breaks aside), the C1 controls,
# the bidirectional embeddings, overrides and isolates that make text read in another order
# than it is written, the line and paragraph separators, halves of a character (surrogates,
# from a YAML escape such as "\ud800") and the non-characters. A zero-width joiner, as in an
# emoji, and the left-to-right and right-to-left marks of mixed scripts stay allowed.
# (The schema's pattern leaves out the surrogates: an editor's regex sees an emoji as two of them.)
_REFUSED_IN_SCHEMA = r"\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{_REFUSED_IN_SCHEMA}\ud800-\udfff]")
# The start of an HTML tag, comment or declaration. Texts are printed as they are
# on the pages, so no text field may contain one ("3 < 5" and "<3" stay fine).
HTML_RE = r"<\s*[/!?a-zA-Z]"
_HTML = re.compile(HTML_RE)


def _refuse_invisible(text: str) -> None:
    control = _CONTROL.search(text)
    if control:
        raise Invalid(
            f"De tekst bevat een onzichtbaar stuurteken (U+{ord(control[0]):04X}). "
            "Typ de tekst opnieuw, of haal het teken weg."
        )


def _ignore_case(word: str) -> str:
    """A regex for ``word`` in any case, without flags (JSON Schema has none)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


class Kind:
    """Base class of field kinds."""

    def parse(self, value: Any, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def label(self) -> str:
        return "tekst"


@dataclass(frozen=True)
class Text(Kind):
    max_length: int = 200
    multiline: bool = False

    def parse(self, value: Any, ctx: Context) -> str:
        text = _expect_text(value).strip()
        if not text:
            raise Invalid("Dit veld is leeg. Vul een tekst in of haal de regel weg.")
        _refuse_invisible(text)
        if not self.multiline and ("\n" in text or "\r" in text):
            raise Invalid("Deze tekst moet op één regel staan. Haal de regelovergang weg.")
        if _HTML.search(text):
            raise Invalid(
                "HTML-code (iets tussen < en >) is niet toegestaan. Schrijf gewone tekst, zonder < en > eromheen."
            )
        if len(text) > self.max_length:
            raise Invalid(f"De tekst is te lang ({len(text)} tekens; maximaal {self.max_length}). Maak hem korter.")
        return text

    def json_schema(self) -> dict:
        # No control characters (tab and, if multiline, newline are fine), no HTML tag;
        # a single-line text may end in a newline (a block scalar), as it is stripped.
        breaks = r"\u000b-\u001f" if self.multiline else r"\u000a-\u001f"
        refused = rf"\u0000-\u0008{breaks}{_REFUSED_IN_SCHEMA}"
        pattern = rf"^(?:[^<{refused}]|<(?!\s*[/!?a-zA-Z]))*\s*$"
        return {"type": "string", "minLength": 1, "maxLength": self.max_length, "pattern": pattern}


# List and quote marks stacked at a line's start ("- - - x", "1. 1. x", "> > x") nest one in the other;
# hundreds of them exhaust the Markdown renderer's stack, and a reader needs only a few.
MAX_NESTED_MARKS = 6
# (A line of only dashes, stars or underscores, "- - - -", is a horizontal rule: no nesting.)
_DEEP_MARKS = re.compile(
    rf"(?m)^(?![-*_ \t]*$)[ \t]*(?:(?:[-*+]|[0-9]{{1,9}}[.)])[ \t]+|>[ \t]*){{{MAX_NESTED_MARKS + 1},}}"
)


@dataclass(frozen=True)
class Markdown(Text):
    """Free text with simple Markdown (bold, lists, links); no HTML."""

    max_length: int = 5000
    multiline: bool = True

    def parse(self, value: Any, ctx: Context) -> str:
        text = super().parse(value, ctx)
        if _DEEP_MARKS.search(text):
            raise Invalid(
                f"Hier staan meer dan {MAX_NESTED_MARKS} lijsten of citaten in elkaar (zoals '- - -'). "
                "Schrijf de tekst eenvoudiger."
            )
        return text

    def label(self) -> str:
        return "tekst (Markdown)"


@dataclass(frozen=True)
class Pattern(Kind):
    regex: str
    hint: str  # Dutch: what a right value looks like
    max_length: int = 100

    def parse(self, value: Any, ctx: Context) -> str:
        text = _expect_text(value).strip()
        _refuse_invisible(text)  # the patterns allow none, but the surrogates only here (see _REFUSED_IN_SCHEMA)
        if len(text) > self.max_length or not re.fullmatch(self.regex, text):
            raise Invalid(f"{_describe(value)} klopt niet. {self.hint}")
        return text

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": f"^(?:{self.regex})$", "maxLength": self.max_length}


SLUG_RE = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def Slug(what: str) -> Pattern:
    return Pattern(
        SLUG_RE,
        f"Gebruik voor {what} alleen kleine letters, cijfers en streepjes, zoals 'de-koppeling'.",
        max_length=80,
    )


Url = Pattern(
    # No \" escape: JSON Schema regexes refuse it. The path holds no space, quote, tag or invisible character.
    # Nor a soft hyphen, zero-width or direction mark, or byte-order mark: invisible in an address.
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s<>"
    "\"'"
    rf"\u0000-\u001f\u00ad\u200b-\u200f\u2060-\u2064\ufeff{_REFUSED_IN_SCHEMA}]*)?",
    "Schrijf een volledig webadres dat begint met https://, zoals https://www.voorbeeld.nl/aanmelden.",
    max_length=500,
)
Email = Pattern(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
    "Schrijf een e-mailadres, zoals info@voorbeeld.nl.",
)
Phone = Pattern(
    r"\+?[0-9][0-9 -]{7,16}[0-9]",
    "Schrijf een telefoonnummer met alleen cijfers, spaties en streepjes, zoals 033 123 45 67.",
)
Postcode = Pattern(
    r"[1-9][0-9]{3} ?[A-Z]{2}",
    "Schrijf een postcode als 1234 AB.",
    max_length=7,
)
Color = Pattern(r"#[0-9a-fA-F]{6}", "Schrijf een kleur als #1d5c63 (een hekje en zes tekens).", max_length=7)


# A word or a few words as residents type them in the finder: lower-case letters (also with an accent,
# as in 'één' or 'paranoïde'), digits, and between two words one space, hyphen or apostrophe
# ("stemmen horen", "re-integratie", "zo'n"); one apostrophe may start it ("'s nachts").
_WORD_CHARACTERS = r"a-z0-9\u00df-\u00f6\u00f8-\u00ff"
SEARCH_WORD_RE = rf"'?[{_WORD_CHARACTERS}]+(?:[ '-]'?[{_WORD_CHARACTERS}]+)*"


@dataclass(frozen=True)
class SearchWord(Kind):
    """A search word: what a resident types, or a word of an offer's text that a topic looks for."""

    min_length: int = 2
    max_length: int = 40

    def parse(self, value: Any, ctx: Context) -> str:
        text = _expect_text(value).strip()
        _refuse_invisible(text)
        if text != text.lower() and re.fullmatch(SEARCH_WORD_RE, text.lower()):
            raise Invalid(f"Schrijf zoekwoorden met kleine letters: '{text.lower()}' in plaats van '{text}'.")
        if len(text) < self.min_length:
            raise Invalid(
                f"{_describe(value)} is te kort voor een zoekwoord. Gebruik minstens {self.min_length} tekens."
            )
        if len(text) > self.max_length:
            raise Invalid(
                f"Dit zoekwoord is te lang ({len(text)} tekens; maximaal {self.max_length}). "
                "Gebruik één woord of een paar woorden."
            )
        if not re.fullmatch(SEARCH_WORD_RE, text):
            raise Invalid(
                f"{_describe(value)} kan geen zoekwoord zijn. Gebruik kleine letters (ook met accent), cijfers, "
                "en tussen twee woorden een spatie, - of ', zoals 'stemmen horen'."
            )
        return text

    def json_schema(self) -> dict:
        return {
            "type": "string",
            "minLength": self.min_length,
            "maxLength": self.max_length,
            "pattern": f"^(?:{SEARCH_WORD_RE})$",
        }

    def label(self) -> str:
        return "zoekwoord"


@dataclass(frozen=True)
class Integer(Kind):
    minimum: int = 0
    maximum: int = 10_000

    def parse(self, value: Any, ctx: Context) -> int:
        text = _expect_text(value).strip()
        if not re.fullmatch(r"[0-9]+", text):
            raise Invalid(f"Hier hoort een heel getal, zoals 8, maar er staat {_describe(value)}.")
        # Thousands of digits are no number anyone means (and Python refuses to read them).
        number = int(text) if len(text.lstrip("0")) <= len(str(self.maximum)) else self.maximum + 1
        if not self.minimum <= number <= self.maximum:
            raise Invalid(f"Het getal moet tussen {self.minimum} en {self.maximum} liggen.")
        return number

    def json_schema(self) -> dict:
        # YAML 1.2 editors read `8` as a number, our loader as the text "8": allow both.
        return {"type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": self.minimum, "maximum": self.maximum}

    def label(self) -> str:
        return "getal"


_TRUE = {"ja", "true", "yes", "waar"}
_FALSE = {"nee", "false", "no", "onwaar"}


@dataclass(frozen=True)
class Boolean(Kind):
    def parse(self, value: Any, ctx: Context) -> bool:
        text = _expect_text(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise Invalid(f"Schrijf 'ja' of 'nee', niet {_describe(value)}.")

    def json_schema(self) -> dict:
        # `true` is a boolean for YAML 1.2 editors; every word is accepted in any case.
        words = sorted(_TRUE | _FALSE)
        return {
            "type": ["boolean", "string"],
            "pattern": "^(?:" + "|".join(_ignore_case(w) for w in words) + ")$",
            "examples": ["ja", "nee"],
        }

    def label(self) -> str:
        return "ja of nee"


_RELATIVE = re.compile(r"over ([0-9]{1,3}) dag(?:en)?")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


# Where a link in a text may go: the web, an e-mail address, a phone number, a place on the page or a
# page of this site. A browser drops tabs and line breaks from a link and reads a backslash as a
# slash, so "/\\evil.example" and "/<tab>/evil.example" would leave the site: they are refused.
_SAFE_LINK = re.compile(r"(?:https?://|mailto:|tel:|#|/(?![/\\]))", re.IGNORECASE)


def is_safe_link(target: str) -> bool:
    """Whether a link in a content text may be followed (the checker refuses, the renderer drops the others)."""
    return bool(_SAFE_LINK.match(re.sub(r"[\t\n\r]", "", target)))


# Dates are this century's: a year like 9999 is a typing mistake, and date arithmetic near it overflows.
FIRST_YEAR = 2000
LAST_YEAR = 2100


@dataclass(frozen=True)
class Date(Kind):
    """A calendar date: ``2027-01-12``, or ``over 14 dagen`` (from the build date)."""

    def parse(self, value: Any, ctx: Context) -> date:
        text = _expect_text(value).strip()
        relative = _RELATIVE.fullmatch(text)
        if relative:
            return ctx.build_date + timedelta(days=int(relative.group(1)))
        iso = _ISO_DATE.fullmatch(text)
        if not iso:
            hint = ""
            dutch = re.fullmatch(r"([0-9]{1,2})[-/]([0-9]{1,2})[-/]([0-9]{4})", text)
            if dutch:
                day, month, year = dutch.groups()
                iso_text = f"{year}-{int(month):02d}-{int(day):02d}"
                try:
                    date(int(year), int(month), int(day))
                    hint = f" Bedoel je {iso_text}?"
                except ValueError:  # never suggest a date that does not exist
                    hint = f" Dat wordt {iso_text}, maar die datum bestaat niet."
            raise Invalid(f"De datum {_describe(value)} klopt niet. Schrijf jaar-maand-dag, zoals 2027-01-12.{hint}")
        year, month, day = (int(part) for part in iso.groups())
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Invalid(f"Het jaar {year} kan niet. Kies een datum tussen {FIRST_YEAR} en {LAST_YEAR}.")
        try:
            return date(year, month, day)
        except ValueError:
            raise Invalid(
                f"De datum {text} bestaat niet (kijk of de maand zoveel dagen heeft). Kies een datum die wel bestaat."
            ) from None

    def json_schema(self) -> dict:
        return {
            "type": "string",
            "pattern": r"^(?:(?:20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}|over [0-9]{1,3} dag(?:en)?)$",
        }

    def label(self) -> str:
        return "datum"


@dataclass(frozen=True)
class Time(Kind):
    def parse(self, value: Any, ctx: Context) -> time:
        text = _expect_text(value).strip().replace(".", ":")
        match = re.fullmatch(r"([0-9]{1,2}):([0-9]{2})", text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise Invalid(f'De tijd {_describe(value)} klopt niet. Schrijf uren:minuten, zoals "19:30".')
        return time(int(match.group(1)), int(match.group(2)))

    def json_schema(self) -> dict:
        return {"type": "string", "pattern": r"^(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9]$"}

    def label(self) -> str:
        return "tijd"


@dataclass(frozen=True)
class Choice(Kind):
    """One value from a fixed list; ``choices`` maps the value to its Dutch label."""

    choices: tuple[tuple[str, str], ...]

    def parse(self, value: Any, ctx: Context) -> str:
        text = _expect_text(value).strip()
        allowed = [key for key, _ in self.choices]
        if text not in allowed:
            raise Invalid(f"{_describe(value)} kan hier niet. Kies uit: {', '.join(allowed)}.")
        return text

    def json_schema(self) -> dict:
        keys: list = [key for key, _ in self.choices]
        # `week: 1` is the number 1 for YAML 1.2 editors, the text "1" for our loader.
        return {"enum": keys + [int(key) for key in keys if key.isdigit()]}

    def label(self) -> str:
        return "keuze"


def nearest(value: str, known: list[str]) -> str:
    """`` Bedoel je 'naasten'?`` for a value close to one of ``known``; else nothing."""
    import difflib

    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    return f" Bedoel je '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class NetworkChoice(Choice):
    """One value from a fixed list, or from the network's own additions to it (``extra`` in network.yaml).

    The additions are known only once network.yaml is read; the loader puts them
    in the ``Context`` before it reads the other files.
    """

    extra: str = ""  # the list's name in network.yaml: "audiences" or "themes"
    excluded: tuple[str, ...] = ()  # built-in values this field does not take

    def parse(self, value: Any, ctx: Context) -> str:
        text = _expect_text(value).strip()
        allowed = [key for key, _ in self.choices] + [
            key for key, _ in ctx.extra_choices.get(self.extra, ()) if key not in self.excluded
        ]
        if text not in allowed:
            raise Invalid(f"{_describe(value)} kan hier niet. Kies uit: {', '.join(allowed)}.{nearest(text, allowed)}")
        return text

    def json_schema(self) -> dict:
        # The network's own values are not known to the schema: an editor suggests the built-in ones.
        return {"anyOf": [super().json_schema(), Slug("een eigen waarde").json_schema()]}


@dataclass(frozen=True)
class Coordinates(Kind):
    """``[lat, lon]`` in degrees, within the Netherlands and surroundings."""

    def parse(self, value: Any, ctx: Context) -> tuple[float, float]:
        hint = "Schrijf [breedtegraad, lengtegraad], zoals [52.1561, 5.3878]."
        if not isinstance(value, list) or len(value) != 2:
            raise Invalid(f"De coördinaten kloppen niet. {hint}")
        try:
            lat, lon = (float(_expect_text(part)) for part in value)
        except ValueError:
            raise Invalid(f"De coördinaten moeten getallen zijn. {hint}") from None
        if not (50.0 <= lat <= 54.0 and 2.5 <= lon <= 7.5):
            raise Invalid(f"Deze coördinaten liggen niet in Nederland. {hint}")
        return (lat, lon)

    def json_schema(self) -> dict:
        def degrees(low: float, high: float, title: str) -> dict:
            return {
                "title": title,
                "type": ["number", "string"],
                "pattern": r"^-?[0-9]+(?:\.[0-9]+)?$",
                "minimum": low,
                "maximum": high,
            }

        return {
            "type": "array",
            "minItems": 2,
            "additionalItems": False,
            "items": [degrees(50.0, 54.0, "Breedtegraad"), degrees(2.5, 7.5, "Lengtegraad")],
        }

    def label(self) -> str:
        return "coördinaten"


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind | type  # a kind of value, or a block (a dataclass)
    max_items: int = 100
    unique: bool = True
    min_items: int = 0

    # Its JSON Schema is made by ``reference.schema``, which knows the blocks a list can hold.

    def label(self) -> str:
        return "lijst"

    def parse(self, value: Any, ctx: Context) -> list:  # items are parsed by the walker
        raise NotImplementedError


@dataclass(frozen=True)
class Either(Kind):
    """A value that may be written in a short form or as a block (a dated item)."""

    short: Kind
    long: type
    short_field: str  # the long form's field that the short form fills in

    def json_schema(self) -> dict:  # filled in by schema.py, which knows objects
        raise NotImplementedError

    def parse(self, value: Any, ctx: Context) -> Any:
        raise NotImplementedError


@dataclass(frozen=True)
class Spec:
    """What a model field declares about itself."""

    kind: Any  # a Kind, or a dataclass type for a nested block
    title: str
    description: str = ""
    required: bool = False
    example: Any = None
    key: str | None = None  # the YAML key, when it is not the Python name


def spec(
    kind: Any,
    title: str,
    description: str = "",
    *,
    required: bool = False,
    example: Any = None,
    default: Any = None,
    default_factory: Any = None,
    key: str | None = None,
) -> Any:
    """Declare a model field with its kind and Dutch help text."""
    metadata = {"spec": Spec(kind, title, description, required, example, key)}
    if required:
        return dataclasses.field(metadata=metadata)
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)
