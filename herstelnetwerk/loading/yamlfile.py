"""Read one YAML content file into plain Python values with line numbers.

PyYAML follows YAML 1.1, which turns ``10:00`` into 600 and ``nee`` stays text
while ``no`` becomes False. Content must not depend on such luck, so every
scalar is read as text here and the schema decides what it means. Anchors,
aliases and duplicate keys are refused: volunteers never need them, and they
hide mistakes (a duplicate key silently wins) or blow up in memory.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

MAX_FILE_BYTES = 256 * 1024
# Content is at most a few blocks deep; thousands of nested [ would exhaust Python's stack.
MAX_DEPTH = 20


@dataclass
class Document:
    """A parsed file: its data and the line of every key or list item."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line(self, where: tuple) -> int | None:
        """The line of ``where``, or of its nearest parent that has one."""
        while True:
            if where in self.lines:
                return self.lines[where]
            if not where:
                return None
            where = where[:-1]


# YAML 1.1 (and so PyYAML and libyaml) also breaks lines at a lone CR, NEL, U+2028 and U+2029;
# git, GitHub and editors count only LF (CRLF is one). A file with one is refused at that
# character, so every line number YAML gives is the line an editor shows.
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        self.message = message


class _Loader(yaml.SafeLoader):
    """A composer that refuses anchors and aliases before they are built."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                event.start_mark.line + 1,
                "Verwijzingen met * (aliassen) zijn niet toegestaan. Schrijf de waarde gewoon nog een keer uit.",
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark.line + 1,
                f"Ankers met & zijn niet toegestaan. Haal '&{event.anchor}' weg en schrijf waarden gewoon uit.",
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    event.start_mark.line + 1,
                    "Hier staan te veel blokken of lijsten in elkaar. Schrijf de waarde als gewone tekst.",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Why a file could not be opened, in words a volunteer understands (the system's own text is English).
_OPEN_FAILURES = {
    errno.ENOENT: "Het bestand bestaat niet (meer), of het is een snelkoppeling naar niets.",
    errno.EACCES: "Het bestand mag niet worden gelezen. Kijk of het bestand leesbaar is voor iedereen.",
    errno.ELOOP: "Dit is een snelkoppeling (symlink) die naar zichzelf terugwijst. Zet het bestand zelf hier.",
    errno.ENAMETOOLONG: "De naam van het bestand is te lang. Geef het een kortere naam.",
}


def _read_bounded(path: Path, root: Path | None) -> tuple[bytes | None, Problem | None]:
    """The bytes of ``path``, if it is an ordinary file inside ``root``: at most one byte past the limit.

    A symlink may come in through git. One that leaves the content folder would
    publish another file; one to a device or a pipe (FIFO) would be read for
    ever. So the target is checked before anything is read, and the file is
    opened without waiting and checked again once open.
    """
    try:
        if root is not None and path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(Path(root).resolve()):
                return None, Problem(
                    path,
                    None,
                    "Dit bestand is een snelkoppeling (symlink) naar een plek buiten de map met de inhoud. "
                    "Zet het bestand zelf hier.",
                )
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, Problem(path, None, _OPEN_FAILURES.get(exc.errno or 0, "Het bestand kan niet worden gelezen."))
    except RuntimeError:  # a symlink loop, found while resolving
        return None, Problem(path, None, _OPEN_FAILURES[errno.ELOOP])
    try:
        status = os.fstat(descriptor)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            return None, Problem(path, None, "Dit is een map, geen bestand. Zet hier een .yaml-bestand.")
        if not stat.S_ISREG(mode):
            return None, Problem(
                path, None, "Dit is geen gewoon bestand (maar bijvoorbeeld een pipe). Zet hier een .yaml-bestand."
            )
        if status.st_size > MAX_FILE_BYTES:
            return None, _too_big(path, status.st_size)
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read(MAX_FILE_BYTES + 1), None  # one byte more tells that it grew meanwhile
    except OSError:
        return None, Problem(path, None, "Het bestand kan niet worden gelezen.")
    finally:
        os.close(descriptor)


def _too_big(path: Path, size: int) -> Problem:
    return Problem(
        path,
        None,
        # Rounded, but never down to the limit itself: one byte over it is over it.
        f"Het bestand is te groot ({max(round(size / 1024), MAX_FILE_BYTES // 1024 + 1)} kB; "
        f"maximaal {MAX_FILE_BYTES // 1024} kB). "
        "Maak de teksten korter of splits het op.",
    )


def _decode(raw: bytes, path: Path) -> tuple[str | None, Problem | None]:
    if len(raw) > MAX_FILE_BYTES:
        return None, _too_big(path, len(raw))
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(
            path,
            line,
            "Dit bestand is niet opgeslagen als UTF-8 (een teken is onleesbaar). "
            "Sla het op als UTF-8, of typ het teken op deze regel opnieuw.",
        )


# A value that opens a quote: ``start: "10:00`` or ``- 'tekst``.
_OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s#'"-][^#]*?:\s+)?(["'])(.*)$""")
_BLOCK_START = re.compile(r"""^\s*(?:-\s+)?[^\s#'"][^#]*?:\s+[|>][-+0-9]*\s*(?:#.*)?$""")


def _unclosed_quote(text: str, last_line: int) -> tuple[int, str] | None:
    """The last line up to ``last_line`` whose value opens a quote that the line does not close, and that quote."""
    found = None
    block = None  # indentation of the key of a block text (``description: |``) we are in
    for number, line in enumerate(text.splitlines()[:last_line], start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not line.strip() or indent > block):
            continue  # free text inside a block may hold any quote
        block = indent if _BLOCK_START.match(line) else None
        match = _OPENING_QUOTE.match(line)
        if match is None:
            continue
        quote, rest = match.groups()
        rest = rest.replace("\\\\", "").replace('\\"', "") if quote == '"' else rest.replace("''", "")
        if quote not in rest:
            found = (number, quote)
    return found


def _character_problem(exc: yaml.reader.ReaderError, path: Path, text: str) -> Problem:
    """A character YAML does not allow anywhere (a control character, a non-character like U+FFFE)."""
    line = text[: exc.position].count("\n") + 1
    return Problem(
        path,
        line,
        f"Op deze regel staat een onzichtbaar teken dat niet in een bestand mag (U+{exc.character:04X}). "
        "Typ de regel opnieuw, of haal het teken weg.",
    )


def _odd_break_problem(found: re.Match, path: Path, text: str) -> Problem:
    line = text.count("\n", 0, found.start()) + 1
    if found[0] == "\r":
        message = (
            "Op deze regel staat een los regeleinde-teken (U+000D, van oude Mac-bestanden). "
            "Sla het bestand op met gewone regeleinden, of typ de regel opnieuw."
        )
    else:
        message = (
            f"Op deze regel staat een onzichtbaar teken dat de regel afbreekt (U+{ord(found[0]):04X}). "
            "Typ de regel opnieuw, of haal het teken weg."
        )
    return Problem(path, line, message)


def _yaml_problem(exc: yaml.YAMLError, path: Path, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    key_start = getattr(exc, "context_mark", None)
    if getattr(exc, "context", None) == "while scanning a simple key" and key_start is not None:
        # A line with no colon (often a line of a block text that lost its indentation): YAML notices
        # only at the next line, or further down; the line itself is where the key began.
        mark = key_start
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    problem = (getattr(exc, "problem", "") or "").lower()
    # Text on the problem line before the problem: 'titel: Koffie' in 'titel: Koffie: welkom'.
    before = (
        text.splitlines()[mark.line][: mark.column] if mark is not None and mark.line < len(text.splitlines()) else ""
    )
    tab = "\\t" in problem or "tab" in problem
    unclosed = None if tab else _unclosed_quote(text, line or 0)
    if tab:
        message = "Er staat een tab in het inspringen. Gebruik spaties in plaats van tabs."
    elif unclosed is not None:
        # The quote runs on into the next lines, so the parser stumbles later: point at where it opens.
        (line, quote), column = unclosed, None
        message = f"Er mist een afsluitend aanhalingsteken. Sluit de tekst af met {quote}."
    elif "mapping values are not allowed" in problem and ": " in before:
        message = (
            "Er staat een dubbele punt op een plek waar dat niet kan. Zet de tekst "
            'tussen aanhalingstekens, bijvoorbeeld: title: "Koffie: iedereen welkom".'
        )
    elif (
        "could not find expected ':'" in problem
        or "expected <block end>" in problem
        or "mapping values are not allowed" in problem
    ):
        message = (
            "De inspringing klopt niet, of er mist een dubbele punt na een naam. "
            "Controleer dat elke regel evenveel spaties heeft als de regels erboven."
        )
    elif "found undefined alias" in problem or "found character" in problem:
        message = (
            "Deze regel bevat een teken dat hier niet mag (zoals * of @ aan het begin). "
            "Zet de tekst tussen aanhalingstekens."
        )
    elif "while scanning a quoted scalar" in str(getattr(exc, "context", "")) or "end of stream" in problem:
        message = 'Er mist een afsluitend aanhalingsteken. Sluit de tekst af met ".'
    else:
        message = (
            "Dit is geen geldige YAML. Controleer de inspringing (spaties, geen tabs), "
            "dubbele punten en aanhalingstekens op deze regel en de regel erboven."
        )
    return Problem(path, line, message, column=column)


def _to_python(node: yaml.Node, path: Path, where: tuple, doc: Document, problems: list[Problem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, line, "Een naam (sleutel) moet gewone tekst zijn."))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(path, line, "Samenvoegen met '<<' is niet toegestaan. Schrijf de velden uit."))
                continue
            if key in result:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"'{key}' staat twee keer in dit blok (eerder op regel "
                        f"{doc.lines[where + (key,)]}). Haal een van de twee weg.",
                    )
                )
                continue
            doc.lines[where + (key,)] = line
            result[key] = _to_python(value_node, path, where + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[where + (index,)] = item.start_mark.line + 1
            items.append(_to_python(item, path, where + (index,), doc, problems))
        return items
    # A scalar: keep the text. An empty plain value (``key:``) or ~/null means "nothing".
    assert isinstance(node, yaml.ScalarNode)
    if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    return node.value


_CAREFUL = object()


class _CLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader without tag resolution: every value is read as text anyway."""

    def resolve(self, kind, value, implicit):  # PyYAML calls it so
        return "tag:yaml.org,2002:str"


def _compose_fast(text: str) -> Any:
    """The node tree of a clean file via libyaml (C), or ``_CAREFUL`` to take the careful path.

    The careful (pure Python) loader above refuses anchors, aliases and deep
    nesting while it composes, and explains syntax errors; it is also ten
    times slower, which shows with thousands of files. Most files are clean,
    so they are composed in C and checked afterwards; anything unusual
    (an '&', deep nesting, any error) goes the careful way,
    so the messages stay exactly the same.
    """
    if not yaml.__with_libyaml__ or "&" in text or text.count("[") + text.count("{") > MAX_DEPTH:
        return _CAREFUL
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return _CAREFUL
    finally:
        loader.dispose()
    # Without an '&' there is no anchor, so no alias: every node is used once.
    stack = [(node, 1)] if node is not None else []
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return _CAREFUL
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            for item in current.value:
                stack.append((item, depth + 1))
        elif current.style == "":
            current.style = None  # libyaml marks plain scalars with '', the Python loader with None
    return node


def load_document(path: Path, root: Path | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse ``path``, a file of the content folder ``root``. Returns the document (or None) and the problems found."""
    raw, problem = _read_bounded(path, root)
    if raw is None:
        return None, [problem] if problem else []
    text, problem = _decode(raw, path)
    if text is None:
        return None, [problem] if problem else []
    return parse_text(text, path)


def parse_text(text: str, path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse the YAML ``text`` of ``path`` (already read and decoded) as ``load_document`` does."""
    odd = _ODD_BREAK.search(text)
    if odd is not None:
        return None, [_odd_break_problem(odd, path, text)]
    node = _compose_fast(text)
    if node is _CAREFUL:
        try:
            loader = _Loader(text)  # its reader refuses control characters at once
        except yaml.reader.ReaderError as exc:
            return None, [_character_problem(exc, path, text)]
        try:
            node = loader.get_single_node()
        except _Refused as refused:
            return None, [Problem(path, refused.line, refused.message)]
        except yaml.reader.ReaderError as exc:
            return None, [_character_problem(exc, path, text)]
        except yaml.YAMLError as exc:
            return None, [_yaml_problem(exc, path, text)]
        finally:
            loader.dispose()
    doc = Document(path=path, data=None)
    if node is None:
        return None, [Problem(path, 1, "Het bestand is leeg. Vul de velden in, zie de voorbeeldbestanden.")]
    problems: list[Problem] = []
    doc.data = _to_python(node, path, (), doc, problems)
    doc.lines.setdefault((), node.start_mark.line + 1)
    return doc, problems


# A page's front matter as the site generator reads it: '---' on the first line, YAML, then '---' or '...'.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def front_matter_problems(path: Path) -> list[Problem]:
    """What is wrong with the front matter of a hand-written page (Markdown), in Dutch, with the line.

    The site generator reads a broken front matter as none at all and goes on: the
    page loses its title, template and description without a word. So it is read here first.
    """
    try:
        raw = path.read_bytes()
    except OSError:
        return [Problem(path, None, "Het bestand kan niet worden gelezen.")]
    text, problem = _decode(raw, path)
    if text is None:
        return [problem] if problem else []
    if not text.startswith("---"):
        return []
    found = _FRONT_MATTER.match(text)
    if found is None:
        return [
            Problem(
                path,
                1,
                "De kop van deze pagina begint met --- maar wordt niet afgesloten. "
                "Zet onder de velden een regel met alleen ---.",
            )
        ]
    block = found.group(1)
    try:
        data = yaml.load(block, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:
        return [_shifted(_character_problem(exc, path, block))]
    except yaml.YAMLError as exc:
        return [_shifted(_yaml_problem(exc, path, block))]
    if not isinstance(data, dict):
        return [Problem(path, 2, "Tussen de regels met --- horen velden, zoals 'title: Welkom'.")]
    return []


def _shifted(problem: Problem) -> Problem:
    """A problem in the front matter, on the page's own line (the block starts below the first ---)."""
    line = problem.line + 1 if problem.line is not None else None
    return Problem(problem.path, line, problem.message, problem.column)


def read_text(path: Path, root: Path | None = None) -> tuple[str | None, Problem | None]:
    """The text of ``path``, a file of the content folder ``root``, with the checks ``load_document`` makes."""
    raw, problem = _read_bounded(path, root)
    if raw is None:
        return None, problem
    return _decode(raw, path)


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``(front matter, rest)`` of a Markdown file that starts with a closed front matter; else None."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None
    return found.group(1), text[found.end() :]
