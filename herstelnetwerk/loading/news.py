"""Read the news: one Markdown file per item in the content folder's ``nieuws/``.

Volunteers write a news item as they write a hand-written page: a few fields
between two lines of ``---`` (title, date, summary) and the text below them.
The fields are checked by the same declarations as every other content file
(``model.NewsItem``), so a mistake names the file, the line and the fix in
Dutch; the text below is checked as any Markdown field is. The folder is
optional: a network without news has no news pages.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import Problem
from .fields import SLUG_RE, Context
from .model import NewsItem
from .parse import Walker
from .yamlfile import Document, parse_text, read_text, split_front_matter

NEWS_FOLDER = "nieuws"
# The key the text below the front matter is read under; the front matter itself may not use it.
BODY = "body"
MAX_ITEMS = 2000


def read_news(root: Path, ctx: Context) -> tuple[list[NewsItem], list[Problem], dict[Path, Document]]:
    """Every news item of ``root/nieuws/``, newest first; the problems found; each item's document."""
    folder = root / NEWS_FOLDER
    problems: list[Problem] = []
    documents: dict[Path, Document] = {}
    items: list[NewsItem] = []
    if not (folder.exists() or folder.is_symlink()):
        return items, problems, documents
    if folder.is_symlink() or not folder.is_dir():
        problems.append(
            Problem(folder, None, f"Hier hoort een gewone map {NEWS_FOLDER}/ met .md-bestanden, één per bericht.")
        )
        return items, problems, documents
    for path in sorted(folder.iterdir())[:MAX_ITEMS]:
        if path.name.startswith(".") or path.name == "README.md":
            continue
        if path.suffix != ".md" or path.is_dir():
            problems.append(Problem(path, None, f"In {NEWS_FOLDER}/ horen alleen .md-bestanden, één per bericht."))
            continue
        if not re.fullmatch(SLUG_RE, path.stem) or len(path.stem) > 80:
            problems.append(
                Problem(
                    path,
                    None,
                    "De bestandsnaam mag alleen kleine letters, cijfers en streepjes bevatten, "
                    "zoals '2027-01-15-nieuwe-inloop.md'.",
                )
            )
            continue
        item, found, doc = read_item(path, root, ctx)
        problems.extend(found)
        if doc is not None:
            documents[path] = doc
        if item is not None and not found:
            item.slug, item.source = path.stem, path
            items.append(item)
    items.sort(key=lambda item: (item.date, item.slug), reverse=True)
    return items, problems, documents


def read_item(path: Path, root: Path, ctx: Context) -> tuple[NewsItem | None, list[Problem], Document | None]:
    """One news file: the item (None when it cannot be read), its problems, and its document for line numbers."""
    text, problem = read_text(path, root)
    if text is None:
        return None, [problem] if problem else [], None
    parts = split_front_matter(text) if text.startswith("---") else None
    if parts is None:
        return (
            None,
            [
                Problem(
                    path,
                    1,
                    "Een bericht begint met een regel ---, daaronder title:, date: en summary:, dan weer een "
                    "regel ---, en daaronder de tekst. Zie templates/nieuws.md.",
                )
            ],
            None,
        )
    head, body = parts
    doc, problems = parse_text(head, path)
    problems = [_below_first_line(p) for p in problems]
    if doc is None:
        return None, problems, None
    doc.lines = {where: line + 1 for where, line in doc.lines.items()}
    if not isinstance(doc.data, dict):
        problems.append(Problem(path, 2, "Tussen de regels met --- horen velden, zoals 'title: Nieuwe inloop'."))
        return None, problems, doc
    if BODY in doc.data:
        problems.append(
            Problem(path, doc.line((BODY,)), "Het veld 'body' bestaat niet. Zet de tekst onder de tweede regel ---.")
        )
        return None, problems, doc
    body_line = head.count("\n") + 3  # the first ---, the front matter, the second ---
    doc.lines[(BODY,)] = body_line
    empty = not body.strip()
    if empty:
        problems.append(
            Problem(path, body_line, "Onder de tweede regel --- staat nog geen tekst. Schrijf daar het bericht.")
        )
    walker = Walker(doc, ctx)
    item = walker.block(NewsItem, {**doc.data, BODY: "-" if empty else body}, (), " (het hele bericht)")
    problems.extend(walker.problems)
    return None if empty else item, problems, doc


def _below_first_line(problem: Problem) -> Problem:
    """A problem in the front matter, on the file's own line (the fields start below the first ---)."""
    line = problem.line + 1 if problem.line is not None else None
    return Problem(problem.path, line, problem.message, problem.column)
