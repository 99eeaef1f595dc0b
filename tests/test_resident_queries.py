"""What residents type, and what the finder must bring up: tests/data/resident_queries.yaml, in Chromium.

The list was made by reading the example content as a resident would look for it: words
for how one feels ("somber", "eenzaam", "bang"), for what one looks for ("vrijwilligerswerk",
"wandelen"), half-typed words, words that are nowhere, and words of someone in acute need.
It runs against the real search index of the built example site, through the finder's page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import expect

QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "resident_queries.yaml").read_text(encoding="utf-8"))
TOP = 5


def test_the_list_is_long_enough_to_mean_something():
    assert len(QUERIES) >= 40
    assert sum(1 for q in QUERIES if q.get("nothing")) >= 3
    assert sum(1 for q in QUERIES if q.get("crisis")) >= 2


@pytest.fixture(scope="module")
def finder(browser, site_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("case", QUERIES, ids=[q["query"] for q in QUERIES])
def test_a_resident_query_finds_what_fits(finder, site_url, case):
    page = finder
    page.goto(site_url + "zoeken/?q=" + quote(case["query"]))
    status = page.locator("[data-status]")
    expect(status).to_have_text(re.compile(r"gevonden|vonden we niets"), timeout=15000)
    crisis = page.locator("[data-crisis]")
    if case.get("crisis"):
        expect(crisis).to_be_visible()
        expect(crisis.get_by_role("link", name="0800-0113")).to_be_visible()
    else:
        expect(crisis).to_be_hidden()
    if case.get("nothing"):
        expect(status).to_have_text(f'Op "{case["query"]}" vonden we niets.')
        expect(page.locator("[data-results] > li")).to_have_count(0)
        expect(page.locator("[data-nothing]")).to_be_visible()
        return
    titles = [t.strip() for t in page.locator("[data-results] h3 a").all_text_contents()[:TOP]]
    for wanted in case.get("top", []):
        assert wanted in titles, f"{case['query']!r}: {wanted!r} not among the first {TOP}: {titles}"
