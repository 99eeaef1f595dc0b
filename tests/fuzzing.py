"""A fuzzer of the content checker: one change at a time to the real example files, with a fixed seed.

Every case takes a copy of activities/, changes one thing and runs the checker the
way ``python -m herstelnetwerk check`` does. An accepted case is also planned and
built in the same process: every page's view, every hub's view, the search records
and the iCal feeds (written to disk). ``judge`` then says what is wrong with the
outcome; ``tests/test_fuzz.py`` runs the cases and fails on what ``judge`` finds.

The changes come in four families:

- ``tree``: the YAML tree of an example file, changed and written back out by a
  small emitter of our own that knows the line of every key: a value of another
  type, numbers and dates at the edges, texts with control, bidirectional,
  zero-width or combining characters (written raw or as escapes), a key deleted,
  doubled or unknown, a list where a scalar was, tags, anchors and aliases (alias
  bombs), deep nesting, long lists, a second document;
- ``bytes``: the bytes of an example file: a byte inserted, flipped or cut away, a
  raw control character, another encoding (UTF-16, Latin-1, ...), other line breaks,
  a tab in the indentation, an unclosed quote;
- ``lines``: a raw CR, NEL, U+2028 ... early in a file and a mistake further down,
  whose line must be the line an editor shows;
- ``fs``: file-system oddities in the content folder: empty files, folders and pipes
  named like YAML files, symlinks (out of the folder, loops, to nothing), odd file
  names, files at and over the size limit.

Each case is made from its own random generator, seeded with the run's seed and
the case's number, so ``FUZZ_SEED=s FUZZ_ONLY=17`` makes case 17 again without the
others. Cases run in forked worker processes: a case that hangs (even inside C
code) or kills its process is named as such instead of stopping the run.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import difflib
import io
import itertools
import json
import multiprocessing
import os
import random
import re
import shutil
import socket
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

import yaml
from icalendar import Calendar

from herstelnetwerk import cli
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.errors import ContentError, Problem
from herstelnetwerk.loading.fields import Markdown
from herstelnetwerk.outputs.feeds import write_feeds
from herstelnetwerk.planning import markdown_html
from herstelnetwerk.planning.plan import load_site
from herstelnetwerk.settings import Settings

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "activities"
BUILD_DATE = date(2026, 11, 23)
MAX_FILE_BYTES = 256 * 1024  # the checker's limit, repeated here on purpose
OFFERING = "offerings/inloop-baarn.yaml"  # an example the file-system cases copy or point at

DEFAULT_SEED = "herstelnetwerk"
DEFAULT_CASES = 400
# A file the !!python tags try to create; it must never appear.
MARKER = "fuzz-marker"

# Gaps in the checker that are known and being fixed: their checks report without failing
# until they are switched on (FUZZ_CHECK=name,... or FUZZ_STRICT=1); remove an entry once it is fixed.
# Fixed and checked since the fuzzer was written: bidirectional and C1 controls in texts and web
# addresses, lines after a lone CR, NEL or U+2028 (now refused on their own line), an empty list
# item shown as 'None', a content folder symlinked out of the content, line separators printed as
# they are, a traceback for a symlink loop in a GitHub annotation, a block text's line without
# indentation reported lines further down, Markdown marks nested hundreds deep crashing the
# renderer, and a file one byte over the size limit said to be at it.
KNOWN_GAPS: dict[str, str] = {}

# Known gaps that end in a traceback, by what the traceback holds.
CRASHES: dict[str, tuple[str, ...]] = {}


# --- options -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    seed: str = DEFAULT_SEED
    cases: int = DEFAULT_CASES
    only: frozenset[str] | None = None  # case idents to run, all when None
    workers: int = 2
    timeout: float = 20.0  # seconds per case before it counts as a hang
    slow: float = 10.0  # seconds per case before it counts as too slow
    builds: int = 4  # accepted cases built with the real mkdocs
    cli_samples: int = 6  # cases also run through the real command line
    checks: frozenset[str] = frozenset()  # known gaps switched on

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Options:
        only = environ.get("FUZZ_ONLY")
        checks = frozenset(KNOWN_GAPS) if environ.get("FUZZ_STRICT") == "1" else frozenset()
        checks |= frozenset(name.strip() for name in environ.get("FUZZ_CHECK", "").split(",") if name.strip())
        return cls(
            seed=environ.get("FUZZ_SEED", DEFAULT_SEED),
            cases=int(environ.get("FUZZ_CASES", DEFAULT_CASES)),
            only=frozenset(part.strip() for part in only.split(",")) if only else None,
            workers=int(environ.get("FUZZ_WORKERS", min(2, os.cpu_count() or 1))),
            timeout=float(environ.get("FUZZ_TIMEOUT", 20)),
            slow=float(environ.get("FUZZ_SLOW", 10)),
            builds=int(environ.get("FUZZ_BUILDS", 4)),
            cli_samples=int(environ.get("FUZZ_CLI", 6)),
            checks=checks,
        )

    def reproduce(self, ident: str) -> str:
        return f"FUZZ_SEED={self.seed} FUZZ_ONLY={ident} pytest tests/test_fuzz.py"


# --- the example files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    path: str  # relative to the content folder: "offerings/inloop-baarn.yaml"
    raw: bytes
    tree: Any  # every scalar as text, as the checker reads it
    header: tuple[str, ...]  # the comment lines at the top

    @property
    def kind(self) -> str:
        return "network" if "/" not in self.path else self.path.split("/")[0]


@lru_cache(maxsize=1)
def examples() -> dict[str, Example]:
    found = {}
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        header = tuple(itertools.takewhile(lambda line: line.startswith("#"), text.splitlines()))
        relative = path.relative_to(EXAMPLES).as_posix()
        found[relative] = Example(relative, raw, yaml.load(text, Loader=yaml.BaseLoader), header)
    return found


def pick_example(rng: random.Random, kinds: tuple[str, ...] | None = None) -> Example:
    """A file of the examples: offerings most often, since they have the most to break."""
    weights = {"offerings": 5, "network": 2, "locations": 2, "trainings": 2}
    chosen_kind = rng.choices(list(weights), [weights[k] for k in weights])[0] if kinds is None else rng.choice(kinds)
    return rng.choice([e for e in examples().values() if e.kind == chosen_kind])


# --- a YAML emitter that knows its lines ---------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """A value or key written exactly as given: a YAML fragment such as ``[a, b]``, ``*a`` or several lines."""

    text: str
    mark: str | None = None


@dataclass(frozen=True)
class Styled:
    """A text in a chosen style: ``plain``, ``single``, ``double`` (escapes only what YAML does not allow),
    ``escaped`` (every character outside printable ASCII as an escape) or ``raw`` (double quotes, nothing
    escaped but the quote and the backslash: control characters land in the file as they are)."""

    value: str
    style: str
    mark: str | None = None


@dataclass(frozen=True)
class Props:
    """A node with a tag and/or an anchor in front of it."""

    node: Any
    tag: str | None = None
    anchor: str | None = None
    mark: str | None = None


@dataclass(frozen=True)
class Flow:
    """A list written as ``[a, b]``."""

    items: list


class Pairs(list):
    """A mapping as a list of (key, value): keys may repeat, and a key may be a ``Raw`` fragment."""


# Characters the emitter never writes raw in a double-quoted string (unless asked to), as YAML would refuse them.
_NEEDS_ESCAPE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_NULLS = {"", "~", "null", "Null", "NULL"}


@cache
def _plain_ok(text: str, flow: bool = False) -> bool:
    """Whether ``text`` reads back as itself when written without quotes."""
    if text in _NULLS or text != text.strip() or "\n" in text or _NEEDS_ESCAPE.search(text) or "\t" in text:
        return False
    document = f"k: [{text}]" if flow else f"k: {text}"
    try:
        loaded = yaml.load(document, Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return False
    return loaded == {"k": [text] if flow else text}


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return {"\n": "\\n", "\t": "\\t"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _double(text: str, style: str = "double") -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n" or (style == "raw" and char != "\t"):
            out.append("\\n" if char == "\n" else char)
        elif _NEEDS_ESCAPE.match(char) or (style == "escaped" and not " " <= char <= "~"):
            out.append(_escape(char))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _literal_ok(text: str) -> bool:
    lines = text.rstrip("\n").split("\n")
    return (
        "\n" in text.rstrip("\n")
        and not _NEEDS_ESCAPE.search(text)
        and "\r" not in text
        and not lines[0].startswith((" ", "\t"))
        and all(line.strip() or not line for line in lines)
        and all(line == line.rstrip(" \t") for line in lines)
    )


def scalar_text(value: str, flow: bool = False) -> str:
    """How a text is written on one line: plain when that reads back the same, else double-quoted."""
    return value if _plain_ok(value, flow) else _double(value)


class Emitter:
    """Writes a tree as block-style YAML and remembers the line of every key, item and mark."""

    def __init__(self, header: tuple[str, ...] = (), step: int = 2):
        self.out: list[str] = list(header)
        self.lines: dict[tuple, int] = {}
        self.marks: dict[str, int] = {}
        self.step = step
        self.text = ""

    @property
    def next_line(self) -> int:
        return len(self.out) + 1

    def document(self, tree: Any) -> str:
        if isinstance(tree, dict | Pairs) and tree:
            self.lines[()] = self.next_line
            self.entries(Pairs(tree.items()) if isinstance(tree, dict) else tree, 0, ())
        elif isinstance(tree, list) and tree:
            self.lines[()] = self.next_line
            self.items(tree, 0, ())
        else:
            self.lines[()] = self.next_line
            self.value("", tree, -self.step, (), top=True)
        return "\n".join(self.out) + "\n"

    def entries(self, pairs: list, indent: int, path: tuple, head: str | None = None) -> None:
        for index, (key, value) in enumerate(pairs):
            prefix = head if index == 0 and head is not None else " " * indent
            if isinstance(key, Raw):
                text, name = key.text, key.text
                if key.mark:
                    self.marks[key.mark] = self.next_line
            else:
                text, name = scalar_text(key), key
            self.lines.setdefault(path + (name,), self.next_line)
            self.value(prefix + text + ":", value, indent, path + (name,))

    def items(self, items: list, indent: int, path: tuple) -> None:
        for index, item in enumerate(items):
            self.lines[path + (index,)] = self.next_line
            self.value(" " * indent + "-", item, indent, path + (index,), in_list=True)

    def value(self, head: str, node: Any, indent: int, path: tuple, in_list: bool = False, top: bool = False) -> None:
        props = ""
        if isinstance(node, Props):
            if node.mark:
                self.marks[node.mark] = self.next_line
            props = "".join(f" {part}" for part in (node.tag, node.anchor and f"&{node.anchor}") if part)
            node = node.node
        if getattr(node, "mark", None):
            self.marks[node.mark] = self.next_line
        inner = indent + self.step
        if isinstance(node, dict):
            node = Pairs(node.items())
        joined = (head + props).lstrip() if top else head + props
        if isinstance(node, Pairs) and node:
            if in_list and not props:
                self.entries(node, indent + 2, path, head=head + " ")
            else:
                if joined:
                    self.out.append(joined)
                self.entries(node, inner if joined else 0, path)
            return
        if isinstance(node, list) and node:
            if joined:
                self.out.append(joined)
            self.items(node, inner if joined else 0, path)
            return
        if isinstance(node, Raw) and "\n" in node.text:
            if joined:
                self.out.append(joined)
            pad = " " * max(inner, 0)
            self.out.extend(pad + part if part else "" for part in node.text.split("\n"))
            return
        if isinstance(node, str) and _literal_ok(node) and not top:
            chomp = "" if node.endswith("\n") and not node.endswith("\n\n") else "-" if not node.endswith("\n") else "+"
            self.out.append(f"{head}{props} |{chomp}")
            body = node[:-1] if node.endswith("\n") else node
            self.out.extend(" " * inner + line if line else "" for line in body.split("\n"))
            return
        text = self.scalar(node)
        self.out.append(f"{joined} {text}".strip() if top else f"{joined} {text}" if text else joined)

    def scalar(self, node: Any) -> str:
        if isinstance(node, Raw):
            return node.text
        if isinstance(node, Styled):
            if node.style == "plain" and _plain_ok(node.value):
                return node.value
            if node.style == "single" and not _NEEDS_ESCAPE.search(node.value) and "\n" not in node.value:
                return "'" + node.value.replace("'", "''") + "'"
            return _double(node.value, node.style if node.style in ("raw", "escaped") else "double")
        if isinstance(node, Flow):
            return (
                "["
                + ", ".join(
                    self.scalar(item) if not isinstance(item, str) else scalar_text(item, True) for item in node.items
                )
                + "]"
            )
        if node is None:
            return ""
        if isinstance(node, list):
            return "[]"
        if isinstance(node, dict | Pairs):
            return "{}"
        return scalar_text(node)


def emit(tree: Any, header: tuple[str, ...] = (), step: int = 2) -> Emitter:
    emitter = Emitter(header, step)
    emitter.text = emitter.document(tree)
    return emitter


# --- line numbers as an editor shows them --------------------------------------------------------


def editor_line(text: str, offset: int) -> int:
    """The line of ``offset`` as git, GitHub (its annotations) and editors count: by LF (CRLF is one).

    YAML also breaks lines at a lone CR, NEL, U+2028 and U+2029; a volunteer's editor does not.
    """
    return text.count("\n", 0, offset) + 1


def editor_line_count(raw: bytes) -> int:
    return raw.count(b"\n") + 1


# --- cases ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """What the outcome of a case must be, beyond the checks every case gets."""

    verdict: str | None = None  # "accept" or "refuse"
    verdict_gap: str | None = None  # a known gap that a wrong verdict belongs to
    lines: frozenset[int] | None = None  # an error in the target is on one of these lines
    only_lines: bool = False  # ... and every error in the target is
    line_gap: str | None = None
    near: tuple[int, int] | None = None  # an error in the target lies within these lines, or on the root line
    root_line: int | None = None
    text: bool = False  # a file-system case made a text file (the target): its errors have lines
    same_warnings: bool = False  # a change that means nothing: the examples' warnings and nothing else
    subjects: tuple[str, ...] | None = None  # every error names one of these paths


@dataclass(frozen=True)
class Case:
    ident: str
    seed: str
    family: str  # tree, bytes, lines or fs
    operator: str
    target: str  # the file changed or made, relative to the content folder
    where: str  # the path in the tree, the byte offset or the line
    value: str  # what was put there, shortened
    content: bytes | None  # the target's new bytes (None for fs cases, which do their own thing)
    fs: str | None = None
    expect: Expect = field(default_factory=Expect)

    def describe(self) -> str:
        return f"case {self.ident} (seed {self.seed!r}): {self.operator} in {self.target} at {self.where}: {self.value}"

    def diff(self, limit: int = 14) -> str:
        """The change as a short unified diff of the target, with every odd character written as an escape."""
        if self.content is None:
            return ""
        original = examples().get(self.target)
        if original is None:
            before = ""
        elif self.family == "tree":  # against the example as the emitter writes it, so only the change shows
            before = emit(original.tree, original.header).text
        else:
            before = original.raw.decode("utf-8")
        after = self.content.decode("utf-8", "surrogateescape")
        lines = [
            shown(line.rstrip("\n"))
            for line in difflib.unified_diff(_lines(before), _lines(after), "before", "after", n=1)
        ]
        if len(lines) > limit:
            lines = lines[:limit] + [f"... ({len(lines) - limit} more diff lines)"]
        return "\n".join(lines)


def _lines(text: str) -> list[str]:
    """The lines of ``text`` by LF only (``splitlines`` would also break at CR, NEL, FF, U+2028 ...)."""
    return [line + "\n" for line in text.split("\n")]


def shown(text: str, limit: int = 300) -> str:
    """``text`` with control, invisible and undecodable characters as escapes, and cut short."""
    text = ODD.sub(lambda match: _escape(match[0]), text)
    return text if len(text) <= limit else text[:limit] + f"...({len(text)} chars)"


def short(value: Any, limit: int = 80) -> str:
    text = ascii(value) if not isinstance(value, Raw | Styled | Props | Flow) else _node_repr(value)
    return text if len(text) <= limit else text[: limit - 20] + f"...({len(text)} chars)"


def _node_repr(node: Any) -> str:
    if isinstance(node, Raw):
        return f"Raw({node.text!a})"
    if isinstance(node, Styled):
        return f"{node.style}({node.value!a})"
    if isinstance(node, Props):
        return f"{node.tag or ''} {'&' + node.anchor if node.anchor else ''} {short(node.node, 40)}".strip()
    return f"Flow({len(node.items)} items)"


def dotted(path: tuple) -> str:
    return ".".join(str(part) for part in path) or "(the whole file)"


def make_cases(options: Options) -> list[Case]:
    """The run's cases: numbered ones (1 to ``cases``), then every file-system case; or only those asked for."""
    if options.only is not None:  # any number, also one past ``cases``
        numbered = sorted(int(ident) for ident in options.only if ident.isdigit())
        odd = [case for case in file_system_cases(options.seed) if case.ident in options.only]
        return [make_case(options.seed, number) for number in numbered] + odd
    cases = [make_case(options.seed, number) for number in range(1, options.cases + 1)]
    return cases + file_system_cases(options.seed)


FAMILIES = {"tree": 60, "bytes": 27, "lines": 13}


def make_case(seed: str, number: int) -> Case:
    rng = random.Random(f"{seed}:{number}")
    family = rng.choices(list(FAMILIES), list(FAMILIES.values()))[0]
    return {"tree": tree_case, "bytes": bytes_case, "lines": lines_case}[family](rng, str(number), seed)


# --- values to put into the tree ----------------------------------------------------------------

# fmt: off
CHARACTERS = {
    "bidi": ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069"],
    "direction-mark": ["\u200e", "\u200f", "\u061c"],  # left-to-right and right-to-left marks, for mixed scripts
    "c0": [chr(code) for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)] + ["\x7f"],
    "c1": [chr(code) for code in range(0x80, 0xA0)],
    "surrogate": ["\ud800", "\udbff", "\udc00", "\udfff"],
    "noncharacter": ["\ufffe", "\uffff", "\ufdd0", "\ufdef"],
    "separator": ["\u2028", "\u2029"],
    "zero-width": ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"],
    "emoji": ["😀", "👩\u200d👩\u200d👧", "🇳🇱", "❤\ufe0f", "🏳\ufe0f\u200d🌈"],
    "combining": ["e\u0301", "a" + "\u0300" * 40, "\u0301", "Z\u0324\u0354\u0367\u0311\u0313"],
    "script": ["שלום", "مرحبا", "Привет", "日本語", "\ufdfa", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "İı", "ß", "ﬁ", "\U0010fffd"],
    "space": ["\u00a0", "\u2003", "\u3000", "\u205f", "\u180e", "\t"],
    "replacement": ["\ufffd"],
}
# Characters that have no place in any value: each must be refused.
FORBIDDEN = {"bidi", "c1", "c0", "surrogate", "noncharacter", "separator"}
FORBIDDEN_CHARACTER = re.compile("[" + "".join(re.escape(c) for kind in FORBIDDEN for c in CHARACTERS[kind]) + "]")
# What YAML refuses to read anywhere in a file (PyYAML's reader).
YAML_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

TYPE_VALUES = [
    "0", "-1", "3.14", "1e309", "-1e309", ".inf", "-.inf", ".nan", "0x1F", "0o17", "0b101", "1_000", "+1", "true",
    "False", "yes", "NO", "on", "off", "y", "n", "~", "null", "NULL", "", '""', "''", "[]", "{}", "[a, b]",
    "{a: b}", "[[]]", "[null]", "[~, ~]", "[{}]", "!!null ''", "-", "?", ":", "'   '", '" "', "'\t'",
]
NUMBER_VALUES = [
    "00008", "8.0", "8,5", "٨", "８", "2147483648", "18446744073709551616", "-0", "1e3", "0" * 300 + "8",
    "-" + "9" * 50, "1" + "0" * 5000,
]
DATE_VALUES = [
    "0001-01-01", "9999-12-31", "1999-12-31", "2000-01-01", "2000-02-29", "2100-12-31", "2101-01-01",
    "2100-02-29", "2026-02-29", "2028-02-29", "2026-13-01", "2026-00-10", "2026-12-32", "2026-04-31",
    "over 0 dagen", "over 1 dag", "over 999 dagen", "over 1000 dagen", "over -1 dagen", "over 14 dagen",
    "31-12-2026", "2026-1-5", "10000-01-01", "+2026-01-01", "2026-01-01T10:00:00", "2026-01-01 10:00", "2026-W01",
    "20261123", "２０２６-１１-２３", "2026-11-23\u200b",
]
TIME_VALUES = ["24:00", "23:59", "00:00", "0:00", "-1:00", "10:60", "9.30", "1000", "10:00:00", "25:00", "1:5",
               "١٠:٠٠"]
TEXT_VALUES = [
    "   ", "a", "<b>vet</b>", "[klik](javascript:alert(1))", "javascript:alert(1)", "https://", "https://x",
    "http://[::1]/", "mailto:", "data:text/html,x", "{{ page.title }}", "{% raw %}", "%s %d", "\\", "'", '"',
    "# geen opmerking", "- geen lijst", "Koffie: iedereen welkom", "&amp;", "&#x3C;script&#x3E;", "<3", "3 < 5",
    "[x]: /../../etc/passwd", "![](https://x/y.png)", "`code`", "\\u0041", "...", "---",
]
LENGTHS = [79, 80, 81, 99, 100, 101, 119, 120, 121, 199, 200, 201, 299, 300, 301, 999, 1000, 1001, 4999, 5000, 5001,
           20000]
TAGS = [
    "!!binary", "!!set", "!!omap", "!!pairs", "!!timestamp", "!!int", "!!float", "!!bool", "!!null", "!!str",
    "!!map", "!!seq", "!custom", "!", "!<tag:yaml.org,2002:str>", "!<!lokaal>", "!e!onbekend",
    "!!python/object:os.system", "!!python/name:os.system", "!!python/module:os", "!!python/object/new:type",
    "!!merge", "!!value",
]
PYTHON_PAYLOADS = [
    f'!!python/object/apply:os.system ["touch {MARKER}"]',
    f"!!python/object/apply:subprocess.call [[touch, {MARKER}]]",
    "!!python/object/new:str {state: !!python/tuple [x, {a: 1}]}",
]
UNKNOWN_KEYS = [
    "titel", "Title", "TITLE", "x-extra", "naam", "omschrijving", "tïtle", "ti\u200btle", "title\u202e", "1",
    "true", "null", "~", "<<", '""', "'title '", '"ti\\ttle"', "k" * 300, "k" * 1100, "[a, b]", "{a: b}", "é",
    "🙂", "_", "schedule.start", "Schedule", "? vraag", "-x",
]
# fmt: on


def _character_value(rng: random.Random, original: Any) -> tuple[Styled, str]:
    """``original`` (or a word) with an odd character in it, most often one that must be refused; and its class."""
    kind = rng.choice(sorted(FORBIDDEN) if rng.random() < 0.6 else list(CHARACTERS))
    char = rng.choice(CHARACTERS[kind])
    base = original if isinstance(original, str) and original else "Inloop"
    at = rng.choice([0, len(base), rng.randrange(len(base) + 1)])
    # Written raw, a character YAML refuses makes the file unreadable (a line, not a value, is wrong).
    style = rng.choice(["escaped", "double", "raw", "plain"])
    return Styled(base[:at] + char + base[at:], style), kind


def _value_pool(rng: random.Random, original: Any) -> tuple[Any, str | None]:
    """A value to put where ``original`` was, and the class of the character it carries (if any)."""
    pool = rng.choice(["type", "number", "date", "time", "text", "length", "character", "character", "structure"])
    if pool == "type":
        return Raw(rng.choice(TYPE_VALUES)), None
    if pool == "number":
        return Raw(rng.choice(NUMBER_VALUES)), None
    if pool == "date":
        return Styled(rng.choice(DATE_VALUES), rng.choice(["plain", "double"])), None
    if pool == "time":
        return Styled(rng.choice(TIME_VALUES), rng.choice(["plain", "double", "single"])), None
    if pool == "text":
        return Styled(rng.choice(TEXT_VALUES), rng.choice(["plain", "double", "single"])), None
    if pool == "length":
        unit = rng.choice(["a", "é", "Koffie ", "😀", "\u0915\u094d\u0937"])
        length = rng.choice(LENGTHS)
        return Styled((unit * length)[:length], rng.choice(["plain", "double"])), None
    if pool == "character":
        return _character_value(rng, original)
    shape = rng.choice(["list", "mapping", "nested", "flow-nested", "block-nested", "long-list", "flow-list"])
    if shape == "list":
        return [original if isinstance(original, str) else "x"], None
    if shape == "mapping":
        return {"x": original if isinstance(original, str) else "y"}, None
    if shape == "nested":
        return [[["x"]]], None
    depth = rng.choice([5, 18, 19, 20, 21, 22, 50, 1000, 30000])
    if shape == "flow-nested":
        return Raw(rng.choice(["[" * depth + "]" * depth, "{a: " * depth + "b" + "}" * depth])), None
    if shape == "block-nested":
        depth = min(depth, 200)
        if rng.random() < 0.5:
            return Raw(
                "\n".join("  " * level + "- " + ("x" if level == depth - 1 else "") for level in range(depth)).replace(
                    "- \n", "-\n"
                )
            ), None
        return Raw(
            "\n".join("  " * level + "a:" + (" x" if level == depth - 1 else "") for level in range(depth))
        ), None
    count = rng.choice([0, 1, 10, 11, 50, 51, 100, 101, 200, 201, 400, 401, 5000])
    item = original if isinstance(original, str) else "x"
    return (Flow([item] * count) if shape == "flow-list" or count > 500 else [item] * count), None


# --- tree cases ----------------------------------------------------------------------------------


def _paths(tree: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield path + (key,), value
            yield from _paths(value, path + (key,))
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield path + (index,), value
            yield from _paths(value, path + (index,))


def _get(tree: Any, path: tuple) -> Any:
    for part in path:
        tree = tree[part]
    return tree


def _set(tree: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _get(tree, path[:-1])[path[-1]] = value
    return tree


def _related(path: tuple) -> set[str]:
    """Top-level keys a mistake at ``path`` may be reported at, besides its own."""
    top = path[0] if path else None
    groups = [{"contact", "contacts"}, {"location", "municipalities"}, {"training", "title", "summary", "type"}]
    return set().union(*(group for group in groups if top in group)) | ({top} if top else set())


def _near(emitter: Emitter, path: tuple, shift: int = 0) -> tuple[int, int] | None:
    """The lines of the top-level blocks a mistake at ``path`` may be reported in."""
    tops = sorted((line + shift, path_[0]) for path_, line in emitter.lines.items() if len(path_) == 1)
    wanted = _related(path)
    spans = []
    for index, (line, key) in enumerate(tops):
        if key in wanted:
            end = tops[index + 1][0] - 1 if index + 1 < len(tops) else len(emitter.out) + shift
            spans.append((line, end))
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def tree_case(rng: random.Random, ident: str, seed: str) -> Case:
    example = pick_example(rng)
    tree = copy.deepcopy(example.tree)
    paths = list(_paths(tree))
    operator = rng.choice(
        ["replace"] * 6
        + ["character"] * 3
        + ["delete", "duplicate", "unknown-key", "swap", "tag", "python", "anchor", "alias", "alias-bomb", "document"]
        + ["neutral"]
        + (["schedule"] * 3 if isinstance(tree, dict) and isinstance(tree.get("schedule"), dict) else [])
        + (["markdown"] * 2 if any(path[-1] in MARKDOWN_KEYS for path, _ in paths) else [])
        + (["empty-item"] if any(isinstance(p[-1], int) for p, _ in paths) else [])
    )
    where: tuple = ()
    value: Any = None
    kind = None  # the class of odd character the value holds
    verdict = None
    marks: list[tuple[str, int]] = []  # (mark, lines after it): an error must be on one of these lines
    parent_line = False  # ... or on the line of the parent of ``where``
    near = True
    same_warnings = False
    step = 2
    prefix = suffix = ""
    if operator in ("replace", "character"):
        if operator == "character":  # into a text that is there
            where, original = rng.choice([(p, v) for p, v in paths if isinstance(v, str)])
            value, kind = _character_value(rng, original)
        else:
            where, original = rng.choice(paths)
            value, kind = _value_pool(rng, original)
        tree = _set(tree, where, value)
        if kind in FORBIDDEN and isinstance(value, Styled) and not _harmless(value):
            verdict = "refuse"
            value = dataclasses.replace(value, mark="value")
            tree = _set(tree, where, value)
            marks, parent_line = [("value", 0)], True
    elif operator == "empty-item":  # '-' with nothing after it, or '~': refused on its line (or its list's)
        where = rng.choice([p for p, _ in paths if isinstance(p[-1], int)])
        value = Raw(rng.choice(["", "~", "null"]), mark="item")
        tree = _set(tree, where, value)
        verdict, marks, parent_line = "refuse", [("item", 0)], True
    elif operator == "markdown":
        where = rng.choice([path for path, _ in paths if path[-1] in MARKDOWN_KEYS])
        value = Styled(rng.choice(MARKDOWN_VALUES), "double")
        tree = _set(tree, where, value)
    elif operator == "schedule":
        where, value = _schedule_change(rng, tree["schedule"])
        where = ("schedule",) + where
    elif operator == "delete":
        where, _ = rng.choice([(p, v) for p, v in paths if isinstance(p[-1], str)])
        del _get(tree, where[:-1])[where[-1]]
        value = "(deleted)"
    elif operator == "duplicate":
        where, value = rng.choice([(p, v) for p, v in paths if isinstance(p[-1], str)])
        if rng.random() < 0.5:  # another value, one that YAML reads (else that is refused first, elsewhere)
            value = Styled(rng.choice(TEXT_VALUES + DATE_VALUES + TIME_VALUES), "double")
        pairs = Pairs()
        for key, item in _get(tree, where[:-1]).items():
            pairs.append((key, item))
            if key == where[-1]:
                pairs.append((Raw(scalar_text(key), mark="key"), value))
        tree = _set(tree, where[:-1], pairs)
        verdict, marks = "refuse", [("key", 0)]
    elif operator == "unknown-key":
        parent_path, parent = rng.choice([((), tree)] + [(p, v) for p, v in paths if isinstance(v, dict)])
        key = rng.choice(UNKNOWN_KEYS)
        value = rng.choice(["x", "ja", "2027-01-01", Raw("[a]"), {"role": "Iets"}])
        pairs = Pairs(parent.items())
        pairs.insert(rng.randrange(len(pairs) + 1), (Raw(key, mark="key"), value))
        tree = _set(tree, parent_path, pairs)
        where = parent_path + (key,)
        if parent_path != ("contacts",):  # the names of contacts are the author's own
            # A key longer than YAML allows (1024) makes the parser stumble on the line after it.
            verdict, marks = "refuse", [("key", 0), ("key", 1)] if len(key) > 1024 else [("key", 0)]
    elif operator == "swap":
        where, original = rng.choice(paths)
        if isinstance(original, list):
            value = original[0] if original else "x"
        elif isinstance(original, dict):
            value = [original]
        else:
            value = rng.choice([[original], [original, original], Flow([original])])
        tree = _set(tree, where, value)
    elif operator == "tag":
        where, original = rng.choice(paths)
        tag = rng.choice(TAGS)
        value = Props(original, tag=tag, mark="tag")
        tree = _set(tree, where, value)
        if tag.startswith("!e!"):  # an undefined tag handle: not YAML at all
            verdict, marks = "refuse", [("tag", 0)]
    elif operator == "python":
        where, _ = rng.choice(paths)
        value = Raw(rng.choice(PYTHON_PAYLOADS))
        tree = _set(tree, where, value)
    elif operator == "anchor":
        where, original = rng.choice(paths)
        value = Props(original, anchor=rng.choice(["a", "anker-1", "x_y", "😀"]), mark="anchor")
        tree = _set(tree, where, value)
        verdict, marks = "refuse", [("anchor", 0)]
    elif operator == "alias":
        where, _ = rng.choice(paths)
        others = [(p, v) for p, v in paths if p[: len(where)] != where and where[: len(p)] != p]
        tree = _set(tree, where, Raw(rng.choice(["*a", "*onbekend"]), mark="alias"))
        value, marks, verdict = "*alias", [("alias", 0)], "refuse"
        if others and rng.random() < 0.7:
            anchored, node = rng.choice(others)
            tree = _set(tree, anchored, Props(node, anchor="a", mark="anchor"))
            value = f"*a, anchored at {dotted(anchored)}"
            marks = [("first", 0)]  # whichever of the anchor and the alias comes first
    elif operator == "alias-bomb":
        levels = "abcdefghi"
        bomb = "\n".join(
            f"{name}: &{name} [" + ",".join(['"lol"'] * 9 if i == 0 else [f"*{levels[i - 1]}"] * 9) + "]"
            for i, name in enumerate(levels)
        )
        if rng.random() < 0.5:
            bomb = "a: &a " + '"' + "lol" * 20000 + '"\n' + "b: [" + ", ".join(["*a"] * 2000) + "]"
        pairs = Pairs(tree.items())
        pairs.insert(rng.randrange(len(pairs) + 1), (Raw("lol", mark="bomb"), Raw(bomb)))
        tree, where, value = pairs, ("lol",), "an alias bomb"
        verdict, marks = "refuse", [("bomb", 1)]
    elif operator == "document":
        choice = rng.choice(
            ["second", "end-then-text", "yaml-1.1", "yaml-2.0", "unknown-directive", "tag-directive", "start-marker"]
        )
        value, near = choice, False
        if choice == "second":
            suffix, verdict, marks = "---\nname: Tweede\n", "refuse", [("end", 1)]
        elif choice == "end-then-text":
            suffix, verdict, marks = "...\ntitle: Na het einde\n", "refuse", [("end", 2)]
        elif choice == "yaml-2.0":
            prefix, verdict, marks = "%YAML 2.0\n---\n", "refuse", [("start", 1)]
        else:
            prefix = {
                "yaml-1.1": "%YAML 1.1\n---\n",
                "unknown-directive": "%ONBEKEND x\n---\n",
                "tag-directive": "%TAG !x! tag:example.org,2026:\n---\n",
                "start-marker": "---\n",
            }[choice]
            verdict, same_warnings = "accept", True
    else:  # neutral: the same content written another way
        choice = rng.choice(["identity", "reorder", "flow-lists", "quoted", "single-quoted", "indent-4", "escaped"])
        value, near = choice, False
        verdict, same_warnings = "accept", True
        if choice == "reorder":
            items = list(tree.items())
            rng.shuffle(items)
            tree = dict(items)
        elif choice == "flow-lists":
            tree = _map_lists(tree, lambda items: Flow(items) if all(isinstance(i, str) for i in items) else items)
        elif choice in ("quoted", "single-quoted", "escaped"):
            style = {"quoted": "double", "single-quoted": "single", "escaped": "escaped"}[choice]
            tree = _map_scalars(tree, lambda text: Styled(text, style))
        elif choice == "indent-4":
            step = 4
    emitter = emit(tree, example.header, step)
    text = prefix + emitter.text + suffix
    shift = prefix.count("\n")
    lines = {path: line + shift for path, line in emitter.lines.items()}
    anchors = {name: line + shift for name, line in emitter.marks.items()}
    anchors |= {"end": len(emitter.out), "start": 0}
    if "anchor" in anchors and "alias" in anchors:
        anchors["first"] = min(anchors["anchor"], anchors["alias"])
    expected = {anchors[name] + after for name, after in marks}
    if parent_line and where[:-1] in lines:
        expected.add(lines[where[:-1]])
    content = text.encode("utf-8", "surrogatepass")
    expect = Expect(
        verdict=verdict,
        lines=frozenset(expected) if expected else None,
        near=(_near(emitter, where, shift) or (lines[()], lines[()])) if near and where and not expected else None,
        root_line=lines.get(()),
        same_warnings=same_warnings,
    )
    return Case(
        ident,
        seed,
        "tree",
        operator,
        example.path,
        dotted(where),
        f"{kind} {short(value)}" if kind else short(value),
        content,
        expect=_unreadable(content) or expect,
    )


# The fields that hold Markdown, and texts that stress a Markdown renderer: deep nesting, long runs of markup.
MARKDOWN_KEYS = {"description", "first_time", "directions"}
MARKDOWN_VALUES = [
    *("- " * depth + "x" for depth in (50, 300, 495, 600, 1000, 2400)),
    *("1. " * depth + "x" for depth in (200, 600, 1600)),
    *("> " * depth + "x" for depth in (200, 1000, 2400)),
    "- > " * 600 + "x", "* " * 2000, "\n".join("  " * level + "- x" for level in range(60)),
    "\n".join(">" * level + " x" for level in range(90)), "[x](" + "(" * 2000, "*" * 4999, "_" * 4999, "`" * 4999,
    "[a]" * 1600, "<" * 4999, "&" + "#" * 4000, "\t" * 4000 + "x", "# " * 2000 + "x", "\\" * 2400,
    "[a](https://x/" + "a" * 4000 + ")", "\n" * 4000 + "x", "**" * 2400 + "x",
]  # fmt: skip

# Days at the edges of the calendar: clock changes in Europe/Amsterdam, leap days, the ends of the years allowed.
EDGE_DAYS = [
    "2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31", "2028-02-29", "2000-01-01", "2000-02-29", "2100-12-31",
    "2100-12-30", "2100-02-28", "2026-11-23", "2026-11-22", "2026-11-24", "over 0 dagen", "over 999 dagen",
    "2026-12-31", "2027-01-01",
]  # fmt: skip
EDGE_TIMES = ["02:30", "02:00", "03:00", "00:00", "23:59", "00:01", "12:00"]


def _schedule_change(rng: random.Random, schedule: dict) -> tuple[tuple, str]:
    """A change of a schedule at the edges of dates and times; returns where (below ``schedule``) and what."""
    choice = rng.choice(["from", "dates", "start", "end", "until", "count", "repeat", "cancelled", "moved", "breaks"])
    day, time_ = rng.choice(EDGE_DAYS), rng.choice(EDGE_TIMES)
    if choice == "from" or (choice == "dates" and not isinstance(schedule.get("dates"), list)):
        schedule.pop("dates", None)
        schedule.update({"repeat": schedule.get("repeat", "wekelijks"), "day": schedule.get("day", "dinsdag")})
        schedule["from"] = day
        return ("from",), day
    if choice == "dates":
        dates = schedule["dates"]
        dates[rng.randrange(len(dates))] = day
        return ("dates",), day
    if choice in ("start", "end"):
        schedule[choice] = time_
        if rng.random() < 0.3:  # the other one the same
            schedule["end" if choice == "start" else "start"] = time_
        return (choice,), time_
    if choice == "until":
        schedule["until"] = day
        return ("until",), day
    if choice == "count":
        schedule["count"] = rng.choice(["1", "200", "201", "0"])
        if rng.random() < 0.5:
            schedule["until"] = day
        return ("count",), f"count {schedule['count']}, until {schedule.get('until')}"
    if choice == "repeat":
        schedule.pop("dates", None)
        schedule.setdefault("from", "2026-09-01")
        schedule["repeat"] = rng.choice(["wekelijks", "tweewekelijks", "maandelijks"])
        schedule["day"] = rng.choice(["maandag", "zondag", "vrijdag"])
        if schedule["repeat"] == "maandelijks" or rng.random() < 0.3:
            schedule["week"] = rng.choice(["1", "4", "laatste", "5"])
        return ("repeat",), f"{schedule['repeat']} {schedule['day']} {schedule.get('week', '')}"
    if choice == "cancelled":
        schedule["cancelled"] = [day, {"date": rng.choice(EDGE_DAYS), "reason": "Studiedag"}]
        return ("cancelled",), day
    if choice == "moved":
        schedule["moved"] = [{"date": day, "to": rng.choice(EDGE_DAYS), "start": time_}]
        return ("moved",), day
    schedule["breaks"] = [{"from": day, "until": rng.choice(EDGE_DAYS), "reason": "Vakantie"}]
    return ("breaks",), day


def _harmless(value: Styled) -> bool:
    """Whether the checker may rightly take this text: its odd character is gone before the text is used."""
    if value.style == "raw" and "\x85" in value.value:
        return True  # written raw, a NEL is a line break inside the quotes, folded into a space
    # A control character that counts as white space is stripped from the ends of a value, as spaces are.
    return not FORBIDDEN_CHARACTER.search(value.value.strip())


def _unreadable(content: bytes) -> Expect | None:
    """The expectation for a file that cannot be read: not UTF-8, or a character YAML refuses anywhere."""
    raw = content[3:] if content.startswith(b"\xef\xbb\xbf") else content
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = editor_line_count(raw[: error.start])
    else:
        found = YAML_UNPRINTABLE.search(text)
        if found is None:
            return None
        line = editor_line(text, found.start())
    return Expect(verdict="refuse", lines=frozenset({line}), only_lines=True)


def _map_lists(tree: Any, change: Callable[[list], Any]) -> Any:
    if isinstance(tree, dict):
        return {key: _map_lists(value, change) for key, value in tree.items()}
    if isinstance(tree, list):
        return change([_map_lists(item, change) for item in tree])
    return tree


def _map_scalars(tree: Any, change: Callable[[str], Any]) -> Any:
    if isinstance(tree, dict):
        return {key: _map_scalars(value, change) for key, value in tree.items()}
    if isinstance(tree, list):
        return [_map_scalars(item, change) for item in tree]
    return change(tree) if isinstance(tree, str) else tree


# --- byte cases ----------------------------------------------------------------------------------

# A line with a value: "  key: value", "- value" or "  - key: value".
# A line with a value: "  key: value", "- value" or "  - key: value".
_VALUE_LINE = re.compile(r"^(\s*(?:-\s+)?(?:([A-Za-z_]+):\s+)?)([^\s#|>].*)$")
_KEY_LINE = re.compile(r"^(\s*)(?:-\s+)?([A-Za-z_]+):")


@dataclass(frozen=True)
class Spot:
    """A place inside a value of a file's text."""

    offset: int
    line: int  # the line of the place
    key_line: int  # the line of the key the value belongs to (of ``description: |`` for a line of its text)
    key: str | None  # that key
    flow: bool = False  # inside [...], where a line break is only white space


def _value_positions(text: str) -> list[Spot]:
    spots = []
    offset = 0
    block: tuple[int, int, str] | None = None  # (indent, line, key) of a "key: |" whose text we are in
    last_key: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block[0]):
            if line.strip():
                spots.append(Spot(offset + indent + (len(line) - indent) // 2, number, block[1], block[2]))
            offset += len(line) + 1
            continue
        block = None
        key_match = _KEY_LINE.match(line)
        if key_match:
            last_key = key_match.group(2)
        if line.rstrip().endswith(("|", "|-", ">", "|+")) and key_match:
            block = (indent, number, key_match.group(2))
        elif not line.lstrip().startswith("#"):
            match = _VALUE_LINE.match(line)
            key = (match.group(2) or last_key) if match else None
            if match and match.group(3).strip() and not match.group(3).startswith(("[", "{")):
                value = match.group(3)
                quoted = value[:1] in "\"'" and len(value) > 2
                at = match.start(3) + (1 + (len(value) - 2) // 2 if quoted else len(value) // 2)  # in the middle
                spots.append(Spot(offset + at, number, number, key))
            elif match and match.group(3).startswith("["):
                spots.append(Spot(offset + match.start(3) + 1, number, number, key, flow=True))
        offset += len(line) + 1
    return spots


def _structure_lines(text: str) -> list[int]:
    """The indexes of the lines that are keys or list items, not the text of a ``key: |`` block."""
    inside = {spot.line - 1 for spot in _value_positions(text) if spot.line != spot.key_line}
    return [i for i, line in enumerate(text.split("\n")) if i not in inside and _KEY_LINE.match(line)]


def bytes_case(rng: random.Random, ident: str, seed: str) -> Case:
    example = pick_example(rng)
    raw = example.raw
    text = raw.decode("utf-8")
    operator = rng.choice(
        [
            "insert-byte",
            "flip-bit",
            "delete-range",
            "truncate",
            "swap-bytes",
            "raw-character",
            "raw-character",
            "raw-character",
            "encoding",
            "line-endings",
            "bom",
            "tab-indent",
            "unclosed-quote",
            "colon-in-value",
        ]
    )
    expect = Expect()
    where = value = ""
    new = raw
    if operator in ("insert-byte", "flip-bit", "delete-range", "swap-bytes", "truncate"):
        at = rng.randrange(len(raw))
        where = f"byte {at}"
        if operator == "insert-byte":
            byte = rng.choice(
                [rng.randrange(256), rng.choice(b"\x00\x1b\x7f\x80\xc3\xe2\xef\xff\t\r:#&*!|>'\"-[]{}%@`")]
            )
            new, value = raw[:at] + bytes([byte]) + raw[at:], f"byte 0x{byte:02x}"
        elif operator == "flip-bit":
            bit = 1 << rng.randrange(8)
            new, value = raw[:at] + bytes([raw[at] ^ bit]) + raw[at + 1 :], f"bit 0x{bit:02x}"
        elif operator == "delete-range":
            size = rng.randint(1, 40)
            new, value = raw[:at] + raw[at + size :], f"{size} bytes deleted"
        elif operator == "swap-bytes":
            at = min(at, len(raw) - 2)
            new, value = raw[:at] + raw[at + 1 : at + 2] + raw[at : at + 1] + raw[at + 2 :], "two bytes swapped"
        else:
            new, value = raw[:at], "cut off here"
    elif operator == "raw-character":
        kind = rng.choice(sorted(FORBIDDEN) if rng.random() < 0.6 else list(CHARACTERS))
        char = rng.choice(CHARACTERS[kind])
        spot = rng.choice(_value_positions(text))
        new = (text[: spot.offset] + char + text[spot.offset :]).encode("utf-8", "surrogatepass")
        where, value = f"line {spot.line}", f"{kind} {char!a}"
        # A character no value may hold, or a line break for YAML that is none for an editor (NEL, U+2028):
        # refused, on its line or its key's. (Between the items of [...] such a break is only white space;
        # the characters YAML refuses anywhere are found by _unreadable below.)
        if kind in FORBIDDEN and not (char in "\x85\u2028\u2029" and spot.flow):
            expect = Expect(verdict="refuse", lines=frozenset({spot.line, spot.key_line}))
    elif operator == "encoding":
        encoding = rng.choice(
            [
                "utf-16",
                "utf-16-le",
                "utf-16-be",
                "utf-32",
                "latin-1",
                "cp1252",
                "utf-8-sig",
                "mojibake",
                "utf-8-sig-twice",
            ]
        )
        where, value = "the whole file", encoding
        if encoding == "mojibake":
            new = text.encode("utf-8").decode("latin-1").encode("utf-8")
        elif encoding == "utf-8-sig-twice":
            new = b"\xef\xbb\xbf\xef\xbb\xbf" + raw
        else:
            new = text.encode(encoding, "replace")
        if encoding == "utf-8-sig" or new == raw:
            expect = Expect(verdict="accept", same_warnings=True)
    elif operator == "line-endings":
        style = rng.choice(["crlf", "cr", "mixed", "trailing-spaces", "no-final-newline", "blank-lines"])
        where, value = "the whole file", style
        if style == "crlf":
            new, expect = raw.replace(b"\n", b"\r\n"), Expect(verdict="accept", same_warnings=True)
        elif style == "cr":
            # Old Mac line ends: all one line for git and GitHub; taken, or refused on that line.
            new, expect = raw.replace(b"\n", b"\r"), Expect(lines=frozenset({1}))
        elif style == "mixed":
            parts = raw.split(b"\n")
            new = b"".join(part + rng.choice([b"\n", b"\r\n"]) for part in parts[:-1]) + parts[-1]
            expect = Expect(verdict="accept", same_warnings=True)
        elif style == "trailing-spaces":
            lines_ = text.split("\n")
            new = "\n".join(line + " " * rng.randint(0, 3) if not line.startswith("#") else line for line in lines_)
            new = new.encode("utf-8")
            expect = Expect(verdict="accept", same_warnings=True)
        elif style == "no-final-newline":
            new, expect = raw.rstrip(b"\n"), Expect(verdict="accept", same_warnings=True)
        else:
            new, expect = raw.replace(b"\n", b"\n\n", 3), Expect()
    elif operator == "bom":
        choice = rng.choice(["start", "start-twice", "in-a-value"])
        where, value = choice, "U+FEFF"
        if choice == "start":
            new, expect = b"\xef\xbb\xbf" + raw, Expect(verdict="accept", same_warnings=True)
        elif choice == "start-twice":
            new = "\ufeff\ufeff".encode() + raw
        else:
            spot = rng.choice(_value_positions(text))
            new, where = (text[: spot.offset] + "\ufeff" + text[spot.offset :]).encode("utf-8"), f"line {spot.line}"
            expect = Expect(lines=frozenset({spot.line, spot.key_line}))
    elif operator == "tab-indent":
        candidates = [i for i, line in enumerate(text.split("\n")) if line.startswith("  ") and _KEY_LINE.match(line)]
        if not candidates:
            return bytes_case(rng, ident, seed)
        index = rng.choice(candidates)
        lines_ = text.split("\n")
        lines_[index] = "\t" + lines_[index][2:]
        new, where, value = "\n".join(lines_).encode("utf-8"), f"line {index + 1}", "a tab instead of two spaces"
        expect = Expect(verdict="refuse", lines=frozenset({index + 1}))
    elif operator == "unclosed-quote":
        lines_ = text.split("\n")
        candidates = [i for i, line in enumerate(lines_) if re.search(r':\s+"[^"]*"\s*$', line)]
        if not candidates:
            return bytes_case(rng, ident, seed)
        index = rng.choice(candidates)
        lines_[index] = lines_[index].rstrip()[:-1]
        new, where, value = "\n".join(lines_).encode("utf-8"), f"line {index + 1}", "closing quote removed"
        expect = Expect(verdict="refuse", lines=frozenset({index + 1}))
    else:  # colon-in-value
        lines_ = text.split("\n")
        candidates = [
            i for i, line in enumerate(lines_) if re.match(r"^(title|summary|name|cost|role): [^\"'].*$", line)
        ]
        if not candidates:
            return bytes_case(rng, ident, seed)
        index = rng.choice(candidates)
        lines_[index] += ": welkom"
        new, where, value = "\n".join(lines_).encode("utf-8"), f"line {index + 1}", "': welkom' after the value"
        expect = Expect(verdict="refuse", lines=frozenset({index + 1}))
    return Case(ident, seed, "bytes", operator, example.path, where, value, new, expect=_unreadable(new) or expect)


# --- line-break cases ----------------------------------------------------------------------------

# Private-use characters that mark where the mistake and the break go, until their lines are known.
MISTAKE, BREAK = "\ue000", "\ue001"
BREAKS = {
    "cr": "\r",
    "cr-cr": "\r\r",
    "nel": "\x85",
    "ls": "\u2028",
    "ps": "\u2029",
    "crlf": "\r\n",
    "vt": "\x0b",
    "ff": "\x0c",
}


def lines_case(rng: random.Random, ident: str, seed: str) -> Case:
    """A line break of another kind early in a file, and a mistake further down: its line must be the editor's."""
    example = pick_example(rng, ("offerings", "locations", "trainings"))
    lines = example.raw.decode("utf-8").split("\n")
    # The mistake: a top-level line twice (a duplicate key), an unknown key, a raw control character, or a byte
    # that is no UTF-8; each is found by another part of the checker, which counts lines in its own way.
    mistake_at = rng.choice([i for i, line in enumerate(lines) if re.match(r"^[a-z_]+: [^\s|>]", line) and i > 2])
    mistake = rng.choice(["duplicate", "unknown-key", "control", "not-utf-8"])
    if mistake == "duplicate":
        lines.insert(mistake_at + 1, MISTAKE + lines[mistake_at])
    elif mistake == "unknown-key":
        lines.insert(mistake_at + 1, MISTAKE + "titel: Onbekend veld")
    else:
        lines[mistake_at] += MISTAKE
    name = rng.choice(list(BREAKS))
    where = rng.choice(["end-of-comment", "own-line", "in-a-value"])
    if where == "end-of-comment":  # on a line of keys, not of a block of text (where '#' is text)
        index = rng.choice([i for i in _structure_lines("\n".join(lines)) if 0 < i < mistake_at])
        lines[index] += "  # opmerking" + BREAK
    elif where == "own-line":  # before a top-level key, so it cannot end a block of text
        index = rng.choice([i for i in range(1, mistake_at + 1) if re.match(r"^[a-z_]+:", lines[i])])
        lines.insert(index, "# opmerking" + BREAK + "# vervolg")
    text = "\n".join(lines)
    spot = None
    if where == "in-a-value":
        spot = rng.choice([spot for spot in _value_positions(text) if spot.offset < text.index(MISTAKE)])
        text = text[: spot.offset] + BREAK + text[spot.offset :]
    break_at = text.index(BREAK)
    text = text.replace(BREAK, BREAKS[name])
    break_line = editor_line(text, break_at)
    mistake_line = editor_line(text, text.index(MISTAKE))
    before, after = text.split(MISTAKE)
    if mistake == "control":
        content = (before + "\x01" + after).encode("utf-8")
    elif mistake == "not-utf-8":
        content = before.encode("utf-8") + b"\xff" + after.encode("utf-8")
    else:
        content = (before + after).encode("utf-8")
    # The mistake further down is found, on the line the editor shows; or the break is refused first, on its
    # own line: any break but LF and CRLF, which YAML and an editor count alike. A break inside a value may
    # also be refused on the line of its key (a text that now holds it); a CRLF inside a value is a real new
    # line, and YAML stumbles where the value goes on.
    allowed = {mistake_line} | ({break_line} if name != "crlf" else set())
    if spot is not None:
        allowed.add(spot.key_line)
        if name == "crlf" and spot.line != spot.key_line:  # a line of a block of text, cut: the rest is not indented
            allowed |= {break_line, break_line + 1}
        elif name == "crlf":
            allowed |= {break_line, break_line + 1, break_line + 2}
    return Case(
        ident,
        seed,
        "lines",
        f"{name}-{where}-then-{mistake}",
        example.path,
        f"break on line {break_line}, mistake on line {mistake_line}",
        f"{BREAKS[name]!a} then a {mistake}",
        content,
        expect=Expect(
            verdict="refuse",
            lines=frozenset(allowed),
            only_lines=True,
        ),
    )


# --- file-system cases ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Oddity:
    name: str
    subject: str | None  # the entry made, relative to the content folder; None: errors anywhere
    verdict: str | None
    make: Callable[[Path, Path, Example], None]  # (content folder, a folder outside it, an example offering)
    lines: frozenset[int] | None = None
    text: bool = False


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _replace_with_dir(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.mkdir()


def _socket(path: Path) -> None:
    here = Path.cwd()
    os.chdir(path.parent)  # a socket's address is short: bind it by its name alone
    try:
        server = socket.socket(socket.AF_UNIX)
        server.bind(path.name)
        server.close()
    finally:
        os.chdir(here)


def _bytes_name(root: Path, name: bytes, data: bytes) -> None:
    with open(os.path.join(os.fsencode(root / "offerings"), name), "wb") as file:
        file.write(data)


def _padded(example: Example, size: int) -> bytes:
    """A valid offering of exactly ``size`` bytes: the example with comment lines added."""
    data = example.raw
    line = b"# " + b"opvulling " * 9 + b"\n"
    while len(data) + len(line) <= size:
        data += line
    return data + b"#" * (size - len(data) - 1) + b"\n" if size > len(data) else data


def _oddities() -> list[Oddity]:
    def copy_to(name: str) -> Callable[[Path, Path, Example], None]:
        return lambda root, outside, example: _write(root / name, example.raw)

    def link(name: str, target: str | Callable[[Path, Path], str]) -> Callable[[Path, Path, Example], None]:
        def make(root: Path, outside: Path, example: Example) -> None:
            (root / name).symlink_to(target(root, outside) if callable(target) else target)

        return make

    def outside_copy(root: Path, outside: Path) -> str:
        _write(outside / "buiten.yaml", examples()[OFFERING].raw)
        return str(outside / "buiten.yaml")

    def outside_folder(name: str) -> Callable[[Path, Path, Example], None]:
        def make(root: Path, outside: Path, example: Example) -> None:
            shutil.copytree(root / name, outside / name)
            shutil.rmtree(root / name)
            (root / name).symlink_to(outside / name)

        return make

    def outside_network(root: Path, outside: Path, example: Example) -> None:
        shutil.copyfile(root / "network.yaml", outside / "network.yaml")
        (root / "network.yaml").unlink()
        (root / "network.yaml").symlink_to(outside / "network.yaml")

    def fifo(name: str) -> Callable[[Path, Path, Example], None]:
        def make(root: Path, outside: Path, example: Example) -> None:
            if (root / name).exists():
                (root / name).unlink()
            os.mkfifo(root / name)

        return make

    def remove(name: str) -> Callable[[Path, Path, Example], None]:
        def make(root: Path, outside: Path, example: Example) -> None:
            path = root / name
            shutil.rmtree(path) if path.is_dir() else path.unlink()

        return make

    def sparse(root: Path, outside: Path, example: Example) -> None:
        with open(root / "offerings" / "groot.yaml", "wb") as file:
            file.write(example.raw)
            file.truncate(4 * 1024**3)

    def unreadable(root: Path, outside: Path, example: Example) -> None:
        path = root / "offerings" / "geheim.yaml"
        _write(path, example.raw)
        path.chmod(0)

    def empty_offerings(root: Path, outside: Path, example: Example) -> None:
        for path in (root / "offerings").iterdir():
            path.unlink()

    def locations_file(root: Path, outside: Path, example: Example) -> None:
        shutil.rmtree(root / "locations")
        _write(root / "locations", b"locaties\n")

    def loop_pair(root: Path, outside: Path, example: Example) -> None:
        (root / "offerings" / "lus-a.yaml").symlink_to("lus-b.yaml")
        (root / "offerings" / "lus-b.yaml").symlink_to("lus-a.yaml")

    def chain_out(root: Path, outside: Path, example: Example) -> None:
        _write(outside / "eind.yaml", example.raw)
        (root / "offerings" / "tussen.yaml").symlink_to(outside / "eind.yaml")
        (root / "offerings" / "keten.yaml").symlink_to("tussen.yaml")

    def text_file(name: str, path: str, data: bytes, lines: set[int] | None) -> Oddity:
        """A file of odd text that the checker must refuse, on one of ``lines`` (its problems have lines)."""
        return Oddity(
            name, path, "refuse", lambda r, o, e: _write(r / path, data), frozenset(lines or ()) or None, True
        )

    def named(name: str, file_name: str) -> Oddity:
        """A copy of a good offering under an odd name, which the checker must refuse."""
        return Oddity(name, f"offerings/{file_name}", "refuse", copy_to(f"offerings/{file_name}"))

    def padded(size: int) -> Callable[[Path, Path, Example], None]:
        return lambda root, outside, example: _write(root / "offerings/precies.yaml", _padded(example, size))

    big = b"description: |\n" + b"  Een rustige ochtend met koffie en een goed gesprek.\n" * 6000
    unreadable_subject = "offerings/geheim.yaml" if os.geteuid() != 0 else None  # root reads anything
    return [
        text_file("empty-file", "offerings/leeg.yaml", b"", {1}),
        text_file("whitespace-file", "offerings/leeg.yaml", b"  \n\n \n", None),
        text_file("comments-only", "offerings/leeg.yaml", b"# alleen een opmerking\n", {1}),
        # An empty document: on its first line, or on the line that ends it.
        text_file("document-marker-only", "offerings/leeg.yaml", b"---\n...\n", {1, 2}),
        text_file("scalar-document", "offerings/tekst.yaml", b"gewoon een zin\n", {1}),
        text_file("list-document", "offerings/lijst.yaml", b"- a\n- b\n", {1}),
        text_file("null-document", "network.yaml", b"null\n", {1}),
        Oddity("folder-named-yaml", "offerings/map.yaml", "refuse", lambda r, o, e: (r / "offerings/map.yaml").mkdir()),
        Oddity("network-is-a-folder", "network.yaml", "refuse", lambda r, o, e: _replace_with_dir(r / "network.yaml")),
        Oddity("subfolder", "offerings/extra", "refuse", copy_to("offerings/extra/inloop.yaml")),
        Oddity("symlink-outside", "offerings/buiten.yaml", "refuse", link("offerings/buiten.yaml", outside_copy)),
        Oddity("symlink-to-device", "offerings/nul.yaml", "refuse", link("offerings/nul.yaml", "/dev/zero")),
        Oddity("symlink-chain-out", None, "refuse", chain_out),
        Oddity("symlink-inside", None, None, link("offerings/kopie.yaml", Path(OFFERING).name)),
        Oddity("symlink-out-and-back", None, None, link("offerings/terug.yaml", "../../activities/" + OFFERING)),
        Oddity("symlink-to-itself", "offerings/lus.yaml", "refuse", link("offerings/lus.yaml", "lus.yaml")),
        Oddity("symlink-loop", None, "refuse", loop_pair),
        Oddity("symlink-to-nothing", "offerings/weg.yaml", "refuse", link("offerings/weg.yaml", "nergens.yaml")),
        Oddity("symlink-to-folder", "offerings/map.yaml", "refuse", link("offerings/map.yaml", "../locations")),
        Oddity("folder-symlinked-outside", None, "refuse", outside_folder("locations")),
        Oddity("network-symlinked-outside", "network.yaml", "refuse", outside_network),
        Oddity("fifo", "offerings/pijp.yaml", "refuse", fifo("offerings/pijp.yaml")),
        Oddity("network-is-a-fifo", "network.yaml", "refuse", fifo("network.yaml")),
        Oddity("socket", "offerings/sok.yaml", "refuse", lambda r, o, e: _socket(r / "offerings" / "sok.yaml")),
        named("newline-in-name", "a\nb.yaml"),
        named("bidi-in-name", "\u202elmay.yaml"),
        named("escape-in-name", "\x1b[31mrood.yaml"),
        Oddity("bytes-in-name", "offerings/" + os.fsdecode(b"\xff\xfe.yaml"), "refuse",
               lambda r, o, e: _bytes_name(r, b"\xff\xfe.yaml", e.raw)),
        named("decomposed-name", "cafe\u0301.yaml"),
        named("long-name", "a" * 81 + ".yaml"),
        named("longest-name", "a" * 250 + ".yaml"),
        named("yml-extension", "inloop-extra.yml"),
        named("upper-case-extension", "inloop-extra.YAML"),
        named("backup-file", "inloop-baarn.yaml~"),
        named("no-extension", "inloop-extra"),
        Oddity("hidden-file", None, "accept", lambda r, o, e: _write(r / "offerings/.kladje.yaml", b"\x00 kapot: [")),
        Oddity("readme", None, "accept", lambda r, o, e: _write(r / "offerings/README.md", b"# Activiteiten\n")),
        Oddity("too-big", "offerings/groot.yaml", "refuse", lambda r, o, e: _write(r / "offerings/groot.yaml", big)),
        Oddity("at-the-limit", None, "accept", padded(MAX_FILE_BYTES)),
        Oddity("one-past-the-limit", "offerings/precies.yaml", "refuse", padded(MAX_FILE_BYTES + 1)),
        Oddity("sparse-huge-file", "offerings/groot.yaml", "refuse", sparse),
        Oddity("unreadable", unreadable_subject, "refuse" if unreadable_subject else None, unreadable),
        Oddity("no-network", "network.yaml", "refuse", remove("network.yaml")),
        Oddity("no-offerings-folder", "offerings", "refuse", remove("offerings")),
        Oddity("no-trainings-folder", None, "refuse", remove("trainings")),
        Oddity("no-offerings", None, "accept", empty_offerings),
        Oddity("locations-is-a-file", None, "refuse", locations_file),
    ]  # fmt: skip


def file_system_cases(seed: str) -> list[Case]:
    cases = []
    for oddity in _oddities():
        rng = random.Random(f"{seed}:fs:{oddity.name}")
        example = pick_example(rng, ("offerings",))
        cases.append(
            Case(
                f"fs-{oddity.name}",
                seed,
                "fs",
                oddity.name,
                oddity.subject or "(the content folder)",
                "-",
                f"with {example.path}",
                None,
                fs=oddity.name,
                expect=Expect(
                    verdict=oddity.verdict,
                    lines=oddity.lines,
                    text=oddity.text,
                    subjects=(oddity.subject,) if oddity.subject else None,
                ),
            )
        )
    return cases


def _oddity(name: str) -> Oddity:
    return next(oddity for oddity in _oddities() if oddity.name == name)


# --- running a case ------------------------------------------------------------------------------


@dataclass
class Outcome:
    ident: str
    outcome: str = "?"  # accepted, refused, crashed, hang, died
    stage: str = ""  # where a crash happened: check, build
    traceback: str = ""
    problems: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    exit_code: int | None = None
    output: str = ""  # what the check command printed
    built: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    code_ran: bool = False


def prepare(home: Path) -> Path:
    """A repository in ``home`` with a copy of the examples; returns its content folder."""
    repo = home / "repo"
    if repo.exists():
        for path in repo.rglob("*"):  # an unreadable file or folder made by a case
            with contextlib.suppress(OSError):
                if not path.is_symlink():
                    path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(repo)
    shutil.rmtree(home / "outside", ignore_errors=True)
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(EXAMPLES, repo / "activities")
    shutil.copytree(REPO / "templates", repo / "templates")
    (home / "outside").mkdir(exist_ok=True)
    return repo / "activities"


def apply(case: Case, root: Path) -> Callable[[], None]:
    """Put the case into the content folder ``root``; returns what undoes it."""
    if case.fs is not None:
        example = pick_example(random.Random(f"{case.seed}:fs:{case.fs}"), ("offerings",))
        _oddity(case.fs).make(root, root.parent.parent / "outside", example)
        return lambda: prepare(root.parent.parent) and None
    assert case.content is not None
    target = root / case.target
    before = target.read_bytes() if target.exists() else None
    target.write_bytes(case.content)
    return lambda: target.write_bytes(before) if before is not None else target.unlink()


def _describe(problem: Problem, root: Path, repo: Path) -> dict:
    try:
        relative, inside = problem.path.relative_to(root).as_posix(), True
    except ValueError:
        relative, inside = problem.path.as_posix(), False
    return {
        "path": relative,
        "inside": inside,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "severity": problem.severity,
        "rendered": problem.render(root),
        "github": cli.github_command(problem, repo),
    }


def examine(root: Path, repo: Path, site: Path, ident: str = "") -> Outcome:
    """Check ``root`` as the command does and, if it is accepted, build everything but the HTML."""
    result = Outcome(ident)
    stage = "check"
    try:
        printed, complaints = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(complaints):
            result.exit_code = cli.check(root, BUILD_DATE, github=False)
        result.output = printed.getvalue()
        for text in (printed.getvalue(), complaints.getvalue()):
            text.encode("utf-8")  # what a terminal or a CI log takes
        try:
            loaded = load_catalog(root, BUILD_DATE)
        except ContentError as error:
            result.outcome = "refused"
            result.problems = [_describe(p, root, repo) for p in error.problems]
            result.warnings = [_describe(p, root, repo) for p in error.warnings]
        else:
            result.outcome = "accepted"
            result.warnings = [_describe(p, root, repo) for p in loaded.warnings]
            stage = "build"
            result.built = build(root, repo, site)
    except BaseException:
        result.outcome, result.stage, result.traceback = "crashed", stage, traceback.format_exc()
    return result


def build(root: Path, repo: Path, site: Path) -> dict[str, int]:
    """Plan the site, make every page's and hub's view and the search records, and write the feeds.

    The templates are not rendered (that takes the site generator; a sample of cases is built with it),
    but what they do with the content is: every Markdown text through their ``markdown`` filter.
    """
    plan = load_site(Settings(root, BUILD_DATE), repo)
    catalog = plan.data.catalog
    for group in (catalog.locations, catalog.trainings, catalog.offerings):
        for item in group.values():
            _render_markdown(item)
    for page in plan.pages:
        _encodable((page.url, page.title, page.description, page.make_view()))
    for hub in plan.hubs:
        _encodable(plan.hub_view(hub))
    records = plan.search_records([])
    payload = [dataclasses.asdict(record) for index in records.values() for record in index]
    json.dumps(payload, ensure_ascii=False).encode("utf-8")  # what the search indexer is sent, as UTF-8
    for text in plan.files.values():
        text.encode("utf-8")
    shutil.rmtree(site, ignore_errors=True)
    feeds = write_feeds(site, plan.data.catalog, plan.data.agenda, plan.site_url)
    for feed in site.rglob("*.ics"):
        _check_feed(feed.read_bytes(), feed.relative_to(site).as_posix())
    Calendar.from_ical((site / "agenda" / "alles.ics").read_bytes())  # the feed with everything reads back
    _encodable(plan.summary())
    return {"pages": len(plan.pages), "records": len(payload), "feeds": feeds}


def _render_markdown(item: Any) -> None:
    """Every Markdown field of ``item`` and its blocks, rendered as the templates' ``markdown`` filter does."""
    for declared in dataclasses.fields(item):
        value = getattr(item, declared.name)
        spec = declared.metadata.get("spec")
        if spec is not None and isinstance(spec.kind, Markdown) and value:
            _encodable(str(markdown_html(value)))
        for part in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(part) and not isinstance(part, type):
                _render_markdown(part)


class FeedError(AssertionError):
    """A feed that breaks RFC 5545's rules for content lines."""


def _check_feed(body: bytes, name: str) -> None:
    """Every content line ends in CRLF and is at most 75 octets of whole UTF-8 characters (RFC 5545, 3.1)."""
    if not body.endswith(b"\r\n"):
        raise FeedError(f"{name} does not end with CRLF")
    for number, line in enumerate(body[:-2].split(b"\r\n"), start=1):
        if len(line) > 75 or b"\n" in line or b"\r" in line:
            raise FeedError(f"{name}, line {number}: {len(line)} octets or a bare line break: {line[:100]!r}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise FeedError(f"{name}, line {number}: a character cut in two: {line!r}") from None


def _encodable(value: Any) -> None:
    """Every text in ``value`` (a view: dataclasses, lists, dicts) can be written as UTF-8, as a page must be."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            item.encode("utf-8")
        elif id(item) in seen:
            continue
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            seen.add(id(item))
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, dict):
            seen.add(id(item))
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            seen.add(id(item))
            stack.extend(item)


def _limit_memory(extra: int = 2 * 1024**3) -> None:
    """An alias bomb or a runaway list must end in an error, not in a machine out of memory."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
        resource.setrlimit(resource.RLIMIT_AS, (size + extra, size + extra))
    except (ImportError, OSError, ValueError, StopIteration):
        pass


def _worker(connection: Any, home: Path) -> None:
    _limit_memory()
    root = prepare(home).resolve()
    os.chdir(home)  # the !!python payloads would make their marker here
    while True:
        case = connection.recv()
        if case is None:
            return
        started = time.monotonic()
        try:
            undo = apply(case, root)
        except Exception:
            connection.send(Outcome(case.ident, "unapplied", traceback=traceback.format_exc()))
            prepare(home)
            continue
        try:
            result = examine(root, root.parent, home / "site", case.ident)
        finally:
            undo()
        result.seconds = time.monotonic() - started
        result.code_ran = (home / MARKER).exists()
        (home / MARKER).unlink(missing_ok=True)
        connection.send(result)


@dataclass
class _Worker:
    process: Any
    connection: Any
    case: Case | None = None
    deadline: float = 0.0


def run_cases(cases: list[Case], base: Path, workers: int = 2, timeout: float = 20.0) -> dict[str, Outcome]:
    """Every case's outcome, the cases shared among forked workers; a worker that hangs or dies is replaced."""
    context = multiprocessing.get_context("fork")
    numbers = itertools.count()
    pending = deque(cases)
    results: dict[str, Outcome] = {}

    def spawn() -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs, base / f"worker-{next(numbers)}"), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def stop(worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()

    idle = [spawn() for _ in range(max(1, min(workers, len(cases))))]
    busy: dict[Any, _Worker] = {}
    while pending or busy:
        while idle and pending:
            worker = idle.pop()
            worker.case, worker.deadline = pending.popleft(), time.monotonic() + timeout
            worker.connection.send(worker.case)
            busy[worker.connection] = worker
        left = max(0.0, min(w.deadline for w in busy.values()) - time.monotonic())
        for connection in wait(list(busy), timeout=left):
            worker = busy.pop(connection)
            assert worker.case is not None
            try:
                results[worker.case.ident] = connection.recv()
                idle.append(worker)
            except (EOFError, OSError):
                worker.process.join()
                results[worker.case.ident] = Outcome(
                    worker.case.ident, "died", traceback=f"the process ended with code {worker.process.exitcode}"
                )
                stop(worker)
                idle.append(spawn())
        now = time.monotonic()
        for connection, worker in list(busy.items()):
            if worker.deadline <= now:
                assert worker.case is not None
                results[worker.case.ident] = Outcome(worker.case.ident, "hang", seconds=timeout)
                del busy[connection]
                stop(worker)
                idle.append(spawn())
    for worker in idle:
        with contextlib.suppress(OSError):
            worker.connection.send(None)
        worker.process.join(5)
        if worker.process.is_alive():
            stop(worker)
    return results


def materialize(case: Case, home: Path) -> Path:
    """The case in a repository of its own under ``home`` (for the command line and mkdocs); its content folder."""
    root = prepare(home)
    apply(case, root)
    return root


# --- the oracle ----------------------------------------------------------------------------------

# What the system says in English when a failure slips through untranslated.
ENGLISH = (
    "No such file", "Errno", "Traceback", "object has no attribute", "invalid literal", "unacceptable character",
    "Error", "error", "expected", "found", "while scanning", "could not", "cannot", "is not", "not allowed", "codec",
    "decode", "NoneType", "<class", " at 0x", "Exception", "special characters", "stream", "mapping", "scalar",
    "sequence", "token", "line ", "column", "Permission denied", "Is a directory", "unicode",
)  # fmt: skip
# Words of which a Dutch message has at least two.
DUTCH = set(
    """de het een niet geen is staat hier van op in mag moet klopt schrijf haal zet kies bestand regel tekst veld
    gebruik dit deze er bij of met naar ontbreekt bestaat kan twee keer hoort tussen maak alleen horen zijn wordt
    voor als dat je zoals bijvoorbeeld map mappen typ opnieuw weg lang""".split()  # noqa: SIM905
)
# Characters that act instead of show in a terminal or a CI log.
INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
# ... and what a report shows as an escape, to be seen.
ODD = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
# Problems about a file as a whole, which have no line.
WHOLE_FILE = ("te groot",)
# An error elsewhere that a change of ``target`` may cause: a reference to what it no longer has.
REFERENCE = ("bestaat niet", "staat niet bij")


# What ``judge`` checks, by name.
CHECKS = (
    "traceback", "hang", "died", "slow", "code-ran", "setup",  # the checker or the build failed, or the fuzzer
    "dutch", "file", "line", "visible", "cli",  # a message: Dutch, naming the file and the line, showing all
    "verdict", "exact-line", "near", "blame", "warnings", "build",  # what the case was expected to give
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    check: str
    detail: str
    gap: str | None = None


def judge(case: Case, result: Outcome, baseline: set[tuple[str, str]], slow: float = 10.0) -> list[Finding]:
    """What is wrong with ``result``, the outcome of ``case``."""
    findings: list[Finding] = []

    def find(check: str, detail: str, gap: str | None = None) -> None:
        assert check in CHECKS, check
        findings.append(Finding(check, detail, gap))

    if result.outcome in ("hang", "died"):
        find(result.outcome, result.traceback or f"no answer within {result.seconds:.0f} s")
        return findings
    if result.outcome == "unapplied":
        find("setup", f"the fuzzer could not make this case:\n{result.traceback}")
        return findings
    if result.outcome == "crashed":
        gap = next((gap for gap, parts in CRASHES.items() if all(part in result.traceback for part in parts)), None)
        stage = "building" if result.stage == "build" else "checking"
        find("traceback", f"while {stage}:\n{_short_traceback(result.traceback)}", gap)
        return findings
    if result.code_ran:
        find("code-ran", f"a !!python tag ran code: {MARKER} was made")
    if result.seconds > slow:
        find("slow", f"{result.seconds:.1f} s")
    errors = [p for p in result.problems if p["severity"] == "error"]
    refused = result.outcome == "refused"
    # The command says the same as the checker.
    if result.exit_code != (1 if refused else 0):
        find("cli", f"the check command exits with {result.exit_code} for a {result.outcome} case")
    printed = result.output.split("\n")[:-1] if result.output else []
    expected = [p["rendered"] for p in result.problems + result.warnings]
    if printed != expected:
        find("cli", f"the check command printed {printed[:3]!r}, the problems are {expected[:3]!r}")
    if refused and not errors:
        find("verdict", "refused without an error")
    for problem in result.problems + result.warnings:
        _judge_message(problem, find)
    # Lines.
    in_target = [p for p in errors if p["path"] == case.target]
    if case.content is not None or case.expect.text:  # a text file was changed or made: its errors have lines
        total = editor_line_count(case.content) if case.content is not None else None
        for problem in in_target:
            if problem["line"] is None:
                if not any(part in problem["message"] for part in WHOLE_FILE):
                    find("line", f"no line in: {problem['rendered']}")
            elif total is not None and not 1 <= problem["line"] <= total + 1:
                find("line", f"line {problem['line']} of a file of {total} lines: {problem['rendered']}")
    expect = case.expect
    first = sorted(errors, key=lambda p: p["path"] != case.target)  # the target's errors first
    if expect.verdict is not None and result.outcome != {"accept": "accepted", "refuse": "refused"}[expect.verdict]:
        shown = "; ".join(p["rendered"] for p in first[:3]) or "no errors"
        wanted = {"accept": "accepted", "refuse": "refused"}[expect.verdict]
        find("verdict", f"expected to be {wanted}, but it was {result.outcome}: {shown}", expect.verdict_gap)
    if refused and expect.lines is not None:
        lines = sorted(expect.lines)
        if not any(p["line"] in expect.lines for p in in_target):
            shown = "; ".join(p["rendered"] for p in first[:3])
            find("exact-line", f"expected an error on line {lines} of {case.target}, got: {shown}", expect.line_gap)
        elif expect.only_lines:
            stray = [p for p in in_target if p["line"] not in expect.lines]
            if stray:
                find(
                    "exact-line",
                    f"expected errors only on lines {lines}, also: {stray[0]['rendered']}",
                    expect.line_gap,
                )
    whole = any(p["line"] is None for p in in_target)  # a problem with the file as a whole: no line to be near
    # A renamed code that the same file refers to elsewhere (a target naming a municipality): the
    # error is at the reference, which is where the fix goes.
    referring = any(part in p["message"] for p in in_target for part in REFERENCE)
    if refused and expect.near is not None and in_target and not whole and not referring:
        low, high = expect.near
        if not any(
            p["line"] is not None and (low <= p["line"] <= high or p["line"] == expect.root_line) for p in in_target
        ):
            find("near", f"no error on lines {low}-{high} (or the first line); got: {in_target[0]['rendered']}")
    # Who is blamed.
    if expect.subjects is not None:
        for problem in errors:
            if problem["path"] not in expect.subjects:
                find("blame", f"an error about another entry than {expect.subjects[0]!r}: {problem['rendered']}")
    elif case.content is not None and refused:
        elsewhere = [p for p in errors if p["path"] != case.target]
        referenced = not case.target.startswith("offerings/")
        for problem in elsewhere:
            if not referenced or not any(part in problem["message"] for part in REFERENCE):
                find("blame", f"changing {case.target} made an error elsewhere: {problem['rendered']}")
        if not in_target and not referenced:
            find("blame", f"no error names {case.target}")
    if expect.same_warnings and result.outcome == "accepted":
        warnings = {(p["path"], p["message"]) for p in result.warnings}
        if warnings != baseline:
            find("warnings", f"the warnings changed: {sorted(warnings ^ baseline)[:2]}")
    if result.outcome == "accepted" and not result.built.get("pages"):
        find("build", "accepted, but no pages were planned")
    return findings


def _judge_message(problem: dict, find: Callable[..., None]) -> None:
    rendered, message = problem["rendered"], problem["message"]
    label = "Fout in " if problem["severity"] == "error" else "Let op in "
    if not problem["inside"]:
        find("file", f"the problem names a path outside the content folder: {rendered}")
    if not rendered.startswith(label) or not problem["path"]:
        find("file", f"the problem does not start with {label!r} and the file: {rendered}")
    for where, text in (("printed", rendered), ("in the GitHub annotation", problem["github"])):
        if INVISIBLE.search(text):
            find("visible", f"an invisible character {where} as it is: {text!a}")
    # What the message echoes of the content is quoted; the rest must be Dutch.
    own = re.sub(r"'[^']*'", "''", message)
    english = [phrase for phrase in ENGLISH if re.search(rf"(?<![\w]){re.escape(phrase)}", own)]  # not "online"
    if english:
        find("dutch", f"English ({english[0]!r}) in: {rendered}")
    words = set(re.findall(r"[a-zë]+", own.lower()))
    if len(words & DUTCH) < 2:
        find("dutch", f"this does not read as Dutch: {rendered}")
    if re.search(r"\bNone\b", message):
        find("dutch", f"Python's None in: {rendered}")
    if re.search(r"\b(True|False)\b|\[\]|\{\}|\['|\{'", own):
        find("dutch", f"a Python value in: {rendered}")
    size = re.search(r"\((\d+) kB; maximaal (\d+) kB\)", message)
    if size and int(size[1]) <= int(size[2]):
        find("dutch", f"too big, but no bigger than the limit: {rendered}", "size-rounded-down")


def _short_traceback(text: str, head: int = 12, tail: int = 8) -> str:
    """A traceback without the middle of a deep recursion: its first and its last lines."""
    lines = text.rstrip("\n").split("\n")
    if len(lines) <= head + tail + 1:
        return "\n".join(lines)
    return "\n".join(lines[:head] + [f"... ({len(lines) - head - tail} lines)"] + lines[-tail:])


def report(case: Case, findings: list[Finding], options: Options) -> str:
    lines = [case.describe(), f"  reproduce: {options.reproduce(case.ident)}"]
    for finding in findings:
        gap = f" [known gap: {finding.gap}]" if finding.gap in KNOWN_GAPS else ""
        detail = finding.detail if len(finding.detail) < 3000 else finding.detail[-3000:]
        lines.append(f"  {finding.check}{gap}: " + detail.replace("\n", "\n    "))
    diff = case.diff()
    if diff:
        lines.append("  " + diff.replace("\n", "\n  "))
    return "\n".join(lines)


def baseline_warnings() -> set[tuple[str, str]]:
    loaded = load_catalog(EXAMPLES, BUILD_DATE)
    return {(p.path.relative_to(EXAMPLES).as_posix(), p.message) for p in loaded.warnings}


@dataclass
class Run:
    options: Options
    cases: list[Case]
    results: dict[str, Outcome]
    findings: dict[str, list[Finding]]
    seconds: float

    def failures(self, checks: set[str]) -> list[str]:
        """Reports of the cases with a finding of one of ``checks`` that is no known gap (or a switched-on one)."""
        out = []
        for case in self.cases:
            hard = [
                f
                for f in self.findings[case.ident]
                if f.check in checks and (f.gap is None or f.gap not in KNOWN_GAPS or f.gap in self.options.checks)
            ]
            if hard:
                out.append(report(case, hard, self.options))
        return out

    def known_gaps(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for case in self.cases:
            for finding in self.findings[case.ident]:
                if finding.gap in KNOWN_GAPS and finding.gap not in self.options.checks:
                    found.setdefault(finding.gap, []).append(case.ident)
        return found


def fuzz(base: Path, options: Options) -> Run:
    started = time.monotonic()
    cases = make_cases(options)
    baseline = baseline_warnings()
    results = run_cases(cases, base, options.workers, options.timeout)
    findings = {case.ident: judge(case, results[case.ident], baseline, options.slow) for case in cases}
    return Run(options, cases, results, findings, time.monotonic() - started)


def main() -> None:  # pragma: no cover - a longer run by hand: python tests/fuzzing.py
    import tempfile

    options = Options.from_environment()
    with tempfile.TemporaryDirectory() as folder:
        run = fuzz(Path(folder), options)
    everything = {f.check for findings in run.findings.values() for f in findings}
    failures = run.failures(everything)
    print("\n\n".join(failures))
    print(
        f"{len(run.cases)} cases in {run.seconds:.1f} s; {len(failures)} with findings; known gaps: "
        f"{ {gap: len(ids) for gap, ids in run.known_gaps().items()} }",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
