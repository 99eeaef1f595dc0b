"""The printable monthly programme and the embeddable list, as data and in Chromium."""

from __future__ import annotations

import io
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from browser_support import open_page
from pypdf import PdfReader

from herstelnetwerk.loading.agenda import build_agenda
from herstelnetwerk.loading.catalog import load_catalog
from herstelnetwerk.planning import programme
from herstelnetwerk.planning.site_data import build_site_data

EXAMPLES = Path(__file__).resolve().parents[1] / "activities"
PROGRAMME = "gemeenten/amersfoort/programma/2026-12/"


@pytest.fixture(scope="module")
def data():
    catalog = load_catalog(EXAMPLES, date(2026, 11, 23)).catalog
    return build_site_data(catalog, build_agenda(catalog, date(2026, 11, 23)))


def test_programme_months_are_this_month_and_the_next():
    assert programme.programme_months(date(2026, 11, 23)) == [(2026, 11), (2026, 12)]
    assert programme.programme_months(date(2026, 12, 31)) == [(2026, 12), (2027, 1)]


def test_programme_has_the_months_sessions_per_day_with_place_and_address(data):
    page = programme.programme_page(data, "amersfoort", 2026, 12)
    assert page.month == "december 2026"
    dates = [day.iso_date for day in page.days]
    assert dates == sorted(dates) and dates[0] >= "2026-12-01" and dates[-1] <= "2026-12-31"
    youth = [(day.iso_date, item) for day in page.days for item in day.items if item.title == "Jongerengroep 18 tot 27"]
    assert [d for d, _ in youth] == ["2026-12-02", "2026-12-16", "2026-12-30"]
    cancelled = youth[-1][1]
    assert cancelled.session.cancelled and cancelled.session.note.startswith("Gaat niet door")
    assert cancelled.place == "Ontmoetingshuis De Bron"
    assert cancelled.address == "Laakplein 5, Amersfoort"
    # Online activities for Amersfoort are in it too, without an address.
    assert any(item.online and item.address == "" for day in page.days for item in day.items)


def test_the_current_month_starts_at_the_build_date(data):
    page = programme.programme_page(data, "amersfoort", 2026, 11)
    assert page.days and page.days[0].iso_date >= "2026-11-23"


def test_qr_code_is_an_inline_svg_with_a_text_alternative(data):
    page = programme.programme_page(data, "soest", 2026, 12)
    assert page.page_url == "https://herstelnetwerk-eemland.example.org/gemeenten/soest/"
    assert page.qr.startswith(
        '<svg role="img" aria-label="QR-code naar de website: '
        'https://herstelnetwerk-eemland.example.org/gemeenten/soest/"'
    )
    assert "<path" in page.qr and "http" not in page.qr.split(">", 1)[1]


def test_programme_prints_to_an_a4_pdf_with_the_month_and_its_sessions(page, site_url):
    open_page(page, site_url, PROGRAMME)
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width == pytest.approx(595.3, abs=1) and height == pytest.approx(841.9, abs=1)  # A4 in points
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Programma Amersfoort, december 2026" in text
    assert "Jongerengroep 18 tot 27" in text
    assert "Woensdag 2 december" in text
    assert "0800-0113" in text
    # The site's chrome stays off the paper.
    assert "Zet in mijn agenda" not in text and "Wat is er te doen" not in text
    assert "Lees waar je nog meer terecht kunt" not in text


def test_municipality_page_links_the_programmes_and_gives_the_embed_code(page, site_url):
    open_page(page, site_url, "gemeenten/amersfoort/")
    link = page.get_by_role("link", name="Programma om te printen: december 2026")
    assert link.get_attribute("href").endswith("programma/2026-12/")
    code = unescape(page.locator("#inbedden ~ pre code").inner_text())
    assert code.startswith(
        '<iframe src="https://herstelnetwerk-eemland.example.org/gemeenten/amersfoort/inbedden/" '
        'title="Activiteiten in Amersfoort"'
    )
    assert "https://herstelnetwerk-eemland.example.org/agenda/gemeenten/amersfoort.ics" in page.content()


def test_embed_works_in_an_iframe_without_site_chrome(page, site_url):
    page.set_content(
        f'<iframe src="{site_url}gemeenten/amersfoort/inbedden/" title="Activiteiten" '
        'width="360" height="600"></iframe>'
    )
    frame = page.frame_locator("iframe")
    frame.locator("h1").wait_for()
    assert frame.locator("h1").inner_text() == "Binnenkort in Amersfoort"
    assert frame.locator(".md-header, nav, footer").count() == 0
    links = frame.locator("a[href^='http'], a[href^='../'], a[href^='/']")
    assert links.count() >= 2
    for i in range(links.count()):
        assert links.nth(i).get_attribute("target") == "_blank"
        assert "noopener" in links.nth(i).get_attribute("rel")
    assert frame.locator("li").count() >= 3
    assert "0800-0113" in frame.locator("main").inner_text()
