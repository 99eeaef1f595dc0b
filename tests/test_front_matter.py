"""A hand-written page's front matter (the fields between the --- lines at its top) is checked.

MkDocs reads a broken front matter as none at all and builds on: the page would
lose its title, template and description without a word. A volunteer who breaks it
in the web editor gets the line and the fix, in Dutch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from herstelnetwerk.loading.yamlfile import front_matter_problems
from herstelnetwerk.planning import ContentError, check_hand_written

REPO = Path(__file__).resolve().parents[1]


def _page(tmp_path: Path, text: str | bytes) -> Path:
    page = tmp_path / "pagina.md"
    page.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return page


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("---\ntitle: Welkom\ndescription: Kom: iedereen welkom\n---\n# Hoi\n", 3, "dubbele punt"),
        ("---\ntitle: Welkom\n\tdescription: x\n---\n", 3, "tab"),
        ("---\ntitle: Welkom\n# Hoi\n", 1, "niet afgesloten"),
        ("---\n- een\n- lijst\n---\n", 2, "horen velden"),
        ('---\ntitle: "Wel\x1bkom"\n---\n', 2, "U+001B"),
        (b"---\ntitle: Caf\xe9\n---\n", 2, "UTF-8"),
    ],
    ids=["colon", "tab", "unclosed", "a-list", "control-character", "latin-1"],
)
def test_a_broken_front_matter_is_named_with_its_line(tmp_path, text, line, said):
    (problem,) = front_matter_problems(_page(tmp_path, text))
    assert problem.line == line and said in problem.message, problem


@pytest.mark.parametrize(
    "text", ["# Alleen tekst\n", "---\ntitle: Welkom\n---\n# Hoi\n", "---\ntitle: a\n...\ntekst\n"]
)
def test_a_page_without_or_with_a_good_front_matter_passes(tmp_path, text):
    assert front_matter_problems(_page(tmp_path, text)) == []


def test_every_hand_written_page_of_the_site_passes():
    pages = sorted((REPO / "content").rglob("*.md"))
    assert len(pages) > 5
    check_hand_written(pages, REPO)


def test_the_problems_of_all_pages_come_as_one_error(tmp_path):
    pages = []
    for name in ("een", "twee"):
        (tmp_path / name).mkdir()
        pages.append(_page(tmp_path / name, "---\ntitle: a: b\n---\n"))
    with pytest.raises(ContentError) as raised:
        check_hand_written(pages, tmp_path)
    assert raised.value.summary().startswith("De inhoud bevat 2 fouten.\nFout in een/pagina.md, regel 2: ")
