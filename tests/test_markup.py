"""Content texts to HTML: plain paragraphs take a short way that must give exactly
what Markdown gives, on real texts and on many random ones."""

from __future__ import annotations

import random
import sys
from datetime import date
from pathlib import Path

import pytest

from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.loading.fields import Context, Markdown
from herstelnetwerk.planning import markup

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import generate  # noqa: E402


def texts_of(root: Path) -> list[str]:
    catalog = load_catalog(root, date(2026, 11, 23)).catalog
    found = []
    for item in [*catalog.offerings.values(), *catalog.trainings.values(), *catalog.locations.values()]:
        for name in ("description", "first_time", "directions"):
            if getattr(item, name, None):
                found.append(getattr(item, name))
    return found


def test_real_and_generated_texts_render_as_markdown_renders_them(tmp_path):
    generate.generate(tmp_path / "netwerk", 300, seed=2)
    texts = texts_of(REPO / "activities") + texts_of(tmp_path / "netwerk")
    assert len(texts) > 300
    plain = [text for text in texts if markup._is_plain(text)]
    assert len(plain) > len(texts) // 2, "the short way is taken for most texts"
    for text in texts:
        assert markup.to_html(text) == markup._markdown(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Een regel\nnog een regel\n\n\nTweede alinea.",
        "1986. Toen begon het.",
        "- een lijst",
        "Titel\n---",
        "Titel\n===",
        "    code",
        "Regel met twee spaties  \nerna",
        "Een *nadruk*",
        "Een [link](https://x.nl)",
        "Zie https://example.org/pagina?a=1",
        "R&D",
        "a < b",
        "Vraag? Antwoord!",
        "Één ding\n\nÉén ander",
        "Tekst\n \nmeer",
        "Tab\tin de tekst",
        "Eind met spatie ",
        "e-mail: info@example.org",
        "Koffie (gratis); thee: ook.",
    ],
)
def test_edge_cases_render_as_markdown(text):
    assert markup.to_html(text) == markup._markdown(text)


def random_text(rng: random.Random) -> str:
    """Lines of words with punctuation, now and then a mark, an indent or a number in front."""
    words = [
        "wandelen",
        "Koffie",
        "thee",
        "10:00-12:00",
        "(gratis)",
        "e-mail",
        "Één",
        "2026.",
        "1.",
        "-",
        "a",
        "*",
        "_x_",
        "[link](/a)",
        "#",
        ">",
        "&",
        "=",
        "---",
        "  ",
        "vraag?",
        "ja!",
        "http://x.nl/a",
    ]
    lines = []
    for _ in range(rng.randint(1, 6)):
        count = rng.randint(0, 8)
        common = words[:8] if rng.random() < 0.7 else words
        lines.append(" ".join(rng.choice(common) for _ in range(count)))
    return "\n".join(lines)


def test_random_texts_render_as_markdown():
    rng = random.Random(7)
    checked = 0
    for _ in range(3000):
        text = random_text(rng)
        if markup._is_plain(text):
            checked += 1
        assert markup.to_html(text) == markup._markdown(text), repr(text)
    assert checked > 300


@pytest.mark.parametrize(
    "target",
    [
        "/\\evil.example/phish",
        "/\\\\evil.example/phish",  # Markdown's escaped backslash is a backslash again in the page
        "/\\/evil.example/phish",
        "//evil.example/",
        "javascript:alert(1)",
        "data:text/html,x",
    ],
    ids=["backslash", "escaped-backslash", "escaped-slash", "protocol-relative", "javascript", "data"],
)
def test_a_link_that_would_leave_the_site_or_run_is_dropped(target):
    html = markup.to_html(f"Lees [meer]({target}) hier.")
    assert "href" not in html and "<a>meer</a>" in html


@pytest.mark.parametrize("target", ["/&#92;evil.example/", "/&#x2F;evil.example/", "/&Tab;/evil.example/"])
def test_a_character_reference_in_a_link_stays_text(target):
    """A browser would decode '&#92;' in an attribute to a backslash; the renderer writes '&amp;#92;'."""
    html = markup.to_html(f"Lees [meer]({target}) hier.")
    assert 'href="/&amp;' in html


@pytest.mark.parametrize("target", ["/over/", "#wat", "https://113.nl/", "mailto:info@example.org", "tel:0800-0113"])
def test_a_link_within_the_site_or_to_the_web_stays(target):
    assert f'href="{target}"' in markup.to_html(f"Lees [meer]({target}) hier.")


def test_marks_nested_hundreds_deep_show_their_words_instead_of_crashing():
    """The checker refuses them; if one still comes, the page shows the text as it was written."""
    html = markup.to_html("- " * 500 + "x")
    assert html.startswith("<p>- - -") and html.endswith("x</p>")


def test_a_horizontal_rule_of_spaced_dashes_is_no_nesting():
    """'- - - - - - - -' is a rule across the page in Markdown, not eight lists in each other."""
    assert Markdown().parse("Boven\n\n- - - - - - - -\n\nOnder", Context(date(2026, 1, 1)))
    assert "<hr" in markup.to_html("Boven\n\n- - - - - - - -\n\nOnder")
