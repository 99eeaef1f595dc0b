"""The overview in Chromium: charts with a text alternative, and a printed version that fits A4.

axe-core at 375 and 1280 px and the no-other-host check run on this page with
every other page type (``browser_support.PAGE_TYPES``).
"""

from __future__ import annotations

import io

from browser_support import open_page
from pypdf import PdfReader

OVERVIEW = "over/overzicht/"
# The width A4 leaves between the print margins of site.css (210 mm - 2 x 15 mm), in CSS pixels.
PRINTED_WIDTH = round(180 / 25.4 * 96)


def test_the_charts_have_a_title_and_a_description(page, site_url):
    open_page(page, site_url, OVERVIEW)
    charts = page.locator("svg[role=img]")
    assert charts.count() == 2
    for index in range(2):
        chart = charts.nth(index)
        ids = chart.get_attribute("aria-labelledby").split()
        texts = [page.locator(f"[id='{i}']").text_content().strip() for i in ids]
        assert len(texts) == 2 and all(texts)
        assert texts[1].startswith("Staafdiagram")
        assert chart.locator("text").count() > 10  # numbers beside the bars, not colour alone


def test_the_printed_overview_fits_a4(page, site_url):
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 900})
    open_page(page, site_url, OVERVIEW)
    page.emulate_media(media="print")
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('.hn-table')]
                 .filter(frame => frame.scrollWidth > frame.closest('article').clientWidth + 1)
                 .map(frame => frame.querySelector('caption').textContent)"""
    )
    assert too_wide == []
    hidden = page.evaluate("() => getComputedStyle(document.querySelector('.hn-overview__downloads')).display")
    assert hidden == "none"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    assert 2 <= len(pdf.pages) <= 6, len(pdf.pages)
    for sheet in pdf.pages:
        # A4 is 595.3 x 841.9 points; Chromium rounds it to whole hundredths of an inch.
        assert abs(float(sheet.mediabox.width) - 595.3) < 1.5 and abs(float(sheet.mediabox.height) - 841.9) < 1.5
    text = "".join(sheet.extract_text() for sheet in pdf.pages)
    assert "Overzicht voor het coördinatieteam" in text
    assert "Bouwstenen per gemeente" in text and "Niet nagekeken" in text
