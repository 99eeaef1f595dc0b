"""Accessibility in a real browser (Chromium), on every page type of the example site.

axe-core checks what can be checked automatically against WCAG 2.2 AA, at a
phone's and a desktop's width. The other tests check what axe cannot see:
reaching "Zet in mijn agenda" with the keyboard alone, a visible focus, the
page language, no sideways scrolling at 320 px (reflow), and no movement for
readers who ask their system for reduced motion.

No axe rule is switched off.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import PAGE_TYPES, at_build_time, open_page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [375, 1280]

_axe = Axe()


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per width for this module (pages are opened and closed per test)."""
    made = {
        width: at_build_time(browser.new_context(viewport={"width": width, "height": 900}, locale="nl-NL"))
        for width in WIDTHS
    }
    yield made
    for context in made.values():
        context.close()


def _assert_no_violations(page, what: str = "") -> None:
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    assert results.violations_count == 0, what + results.generate_report()
    # axe really ran its rules on this page (an empty run would pass anything).
    assert results.response["testEngine"]["name"] == "axe-core"
    assert len(results.response["passes"]) > 10


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_wcag_violations(contexts, site_url, name, width):
    page = contexts[width].new_page()
    try:
        open_page(page, site_url, PAGE_TYPES[name])
        _assert_no_violations(page)
    finally:
        page.close()


# The finder's filter panel and every group in it that folds, by what they are rather than by their
# markup: `[data-filters]` (itself a <details>, or a container) and each <details> inside it.
# Resolves once nothing on the page has changed for `quiet` ms, or after 10 s.
_QUIET = """quiet => new Promise(resolve => {
    let timer;
    const done = () => { observer.disconnect(); clearTimeout(limit); resolve(); };
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    timer = setTimeout(done, quiet);
    const limit = setTimeout(done, 10000);
})"""


class _Settled:
    """Waits until the finder has settled: no request of the page in flight and no change to it for a second.

    Opening the filters fetches what their counts need, and the search engine works between fetches.
    """

    def __init__(self, page):
        self.page, self.pending = page, set()
        page.on("request", lambda request: self.pending.add(request))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def wait(self) -> None:
        for _ in range(20):
            self.page.evaluate(_QUIET, 1000)
            if not self.pending:
                return
            self.page.wait_for_timeout(250)
        pytest.fail(f"the finder did not settle: {[r.url for r in self.pending]}")


_VISIBLE_CHOICES = """() => [...document.querySelectorAll('[data-filters] input')]
    .filter(el => el.checkVisibility({visibilityProperty: true})).length"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("state", ["closed", "open"])
def test_axe_on_the_finder_with_its_filters_open_and_closed(contexts, site_url, state, width):
    """The finder folds its filters behind a button on a phone and shows them on a wide screen; its groups
    open one at a time. axe sees the filters folded, and each group open in turn, at both widths, with a
    filter chosen so that every option shows its count (the ones that would give nothing too)."""
    page = contexts[width].new_page()
    settled = _Settled(page)
    try:
        open_page(page, site_url, "zoeken/?gemeente=amersfoort")
        toggle = page.locator("[data-filters-toggle]")
        groups = page.locator("[data-filters] details")
        settled.wait()
        if state == "closed":
            if toggle.is_visible():
                assert page.evaluate(_VISIBLE_CHOICES) == 0
            else:
                page.evaluate(
                    "() => document.querySelectorAll('[data-filters] details').forEach(d => { d.open = false; })"
                )
                settled.wait()
                assert page.evaluate(_VISIBLE_CHOICES) == 0
            _assert_no_violations(page, "filters closed: ")
            return
        if toggle.is_visible():
            toggle.click()
        assert groups.count() >= 4
        for i in range(groups.count()):
            group = groups.nth(i)
            if group.get_attribute("open") is None:
                group.locator("summary").click()
            settled.wait()
            # One group at a time.
            assert (
                page.evaluate(
                    "() => [...document.querySelectorAll('[data-filters] details')].filter(d => d.open).length"
                )
                == 1
            )
            assert page.evaluate(_VISIBLE_CHOICES) > 0
            _assert_no_violations(page, f"filters open, group {i}: ")
    finally:
        page.close()


def test_axe_does_report_a_violation(page, site_url):
    """The check above can fail: a page with a low-contrast, unlabeled link has violations."""
    open_page(page, site_url, "")
    page.evaluate("""() => {
        const a = document.createElement('a'); a.href = '#'; a.style.color = '#eeeeee';
        a.innerHTML = '<svg width="10" height="10"></svg>';
        document.querySelector('main').append(a);
    }""")
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert "link-name" in {v["id"] for v in results.response["violations"]}


def _tab_until(page, predicate: str, limit: int = 200) -> dict:
    """Press Tab until the focused element matches the JS ``predicate(el)``; return a description of it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(f"""() => {{
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            return ({predicate})(el) ? {{text: el.textContent.trim(), href: el.getAttribute('href'),
                                         tag: el.tagName, download: el.hasAttribute('download')}} : null;
        }}""")
        if found:
            return found
    pytest.fail(f"no element matching {predicate} after {limit} Tab presses")


def test_keyboard_only_from_home_to_an_offerings_calendar_link(page, site_url):
    open_page(page, site_url, "")
    # Tab to the first activity of "Deze week" and open it with Enter.
    first = _tab_until(page, "el => el.closest('#deze-week + ul') && el.tagName === 'A'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/activiteiten/" in page.url
    assert page.locator("h1").inner_text() == first["text"]
    # Tab on to "Zet in mijn agenda": focus lands on it, and it is the .ics file of this activity.
    link = _tab_until(page, "el => el.textContent.trim() === 'Zet in mijn agenda'")
    slug = page.url.rstrip("/").rsplit("/", 1)[1]
    assert link["tag"] == "A" and link["download"]
    assert link["href"].endswith(f"agenda/activiteiten/{slug}.ics")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{slug}.ics"


# What makes focus visible: an outline or a box shadow that is not there without focus.
_FOCUS_STYLE = """(el) => {
    const s = getComputedStyle(el);
    return {outline: s.outlineStyle !== 'none' ? parseFloat(s.outlineWidth) : 0,
            shadow: s.boxShadow, label: el.tagName + ' ' + el.textContent.trim().slice(0, 40)};
}"""


@pytest.mark.parametrize("name", ["home", "activiteit", "zoeken", "inbedden"])
def test_every_element_reached_with_tab_shows_focus(page, site_url, name):
    open_page(page, site_url, PAGE_TYPES[name])
    invisible, seen = [], 0
    for _ in range(40):
        page.keyboard.press("Tab")
        element = page.evaluate_handle("document.activeElement")
        if page.evaluate("el => el === document.body", element):
            break
        focused = page.evaluate(_FOCUS_STYLE, element)
        page.evaluate("el => el.blur()", element)
        unfocused = page.evaluate(_FOCUS_STYLE, element)
        page.evaluate("el => el.focus({focusVisible: true})", element)
        seen += 1
        if not (focused["outline"] > 0 or (focused["shadow"] != "none" and focused["shadow"] != unfocused["shadow"])):
            invisible.append(focused["label"])
    assert seen >= 5
    assert invisible == [], f"no visible focus on: {invisible}"


def test_pages_are_dutch_and_reflow_at_320_px(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640}, locale="nl-NL")
    page = context.new_page()
    problems = []
    try:
        for name, path in PAGE_TYPES.items():
            open_page(page, site_url, path)
            lang = page.evaluate("document.documentElement.lang")
            width = page.evaluate("document.documentElement.scrollWidth")
            if lang != "nl":
                problems.append(f"{name}: lang={lang!r}")
            if width > 320:
                problems.append(f"{name}: scrollWidth {width} > 320")
    finally:
        context.close()
    assert problems == [], problems


_MOVING = """() => {
    const moving = [];
    const seconds = (list) => list.split(',').some(v => parseFloat(v) > 0);
    for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
            const s = getComputedStyle(el, pseudo);
            const animated = s.animationName !== 'none' && seconds(s.animationDuration);
            if (seconds(s.transitionDuration) || animated)
              moving.push(el.tagName + '.' + el.className + (pseudo || ''));
        }
    }
    return moving;
}"""


@pytest.mark.parametrize("name", ["home", "activiteit", "zoeken"])
def test_reduced_motion_is_honoured(browser, site_url, name):
    normal = browser.new_context(viewport={"width": 375, "height": 800})
    calm = browser.new_context(viewport={"width": 375, "height": 800}, reduced_motion="reduce")
    try:
        page = normal.new_page()
        open_page(page, site_url, PAGE_TYPES[name])
        assert page.evaluate(_MOVING), "the theme animates something; without it this test proves nothing"
        page = calm.new_page()
        open_page(page, site_url, PAGE_TYPES[name])
        assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
        assert page.evaluate(_MOVING) == []
    finally:
        normal.close()
        calm.close()


def test_the_crisis_numbers_are_buttons_a_thumb_finds(browser, site_url):
    """On a phone the crisis page's numbers are tap-to-call buttons of at least 48 by 48 px, readable in contrast."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site_url}als-het-even-niet-gaat/")
        buttons = page.locator("article a.hn-call")
        assert [buttons.nth(i).get_attribute("href") for i in range(buttons.count())] == ["tel:08000113", "tel:112"]
        for i in range(buttons.count()):
            box = buttons.nth(i).bounding_box()
            assert box is not None and box["height"] >= 48 and box["width"] >= 48, box
    finally:
        context.close()
