"""Privacy in a real browser: every page type loads only from this site, and leaves nothing behind.

Recorded per page: every network request the page makes (nothing may go to
another host), the cookies of the browser context (none), what is in
localStorage and sessionStorage (nothing: the theme only stores settings the
site does not switch on, such as a colour toggle), and whether the page's
Content-Security-Policy blocked anything (nothing may be blocked: what the
site needs is allowed, and it needs nothing from elsewhere).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_support import PAGE_TYPES, open_page

_LISTEN = """
document.addEventListener('securitypolicyviolation', (e) => {
    (window.__blocked = window.__blocked || []).push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def visits(browser, site_url):
    """Open every page type once in one fresh context; record what happened."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="nl-NL")
    context.add_init_script(_LISTEN)
    found = {}
    for name, path in PAGE_TYPES.items():
        page = context.new_page()
        requests, console = [], []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        page.on("console", lambda message, said=console: said.append(message.text))
        open_page(page, site_url, path)
        page.wait_for_load_state("networkidle")
        found[name] = {
            "requests": requests,
            "console": console,
            "blocked": page.evaluate("window.__blocked || []"),
            "storage": page.evaluate("() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]"),
            "csp": page.evaluate("""() => [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')]
                                          .map(m => m.content)"""),
        }
        page.close()
    found["__cookies__"] = context.cookies()
    context.close()
    return found


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_every_request_goes_to_this_site(visits, site_url, name):
    requests = visits[name]["requests"]
    assert requests, "the page made no requests at all; the recording does not work"
    elsewhere = [url for url in requests if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]
    assert elsewhere == []


def test_no_cookies(visits):
    assert visits["__cookies__"] == []


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_nothing_is_kept_in_browser_storage(visits, name):
    assert visits[name]["storage"] == []


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_page_forbids_other_hosts_and_blocks_nothing_of_its_own(visits, name):
    (policy,) = visits[name]["csp"]
    directives = dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    assert not re.search(r"https?:|\*", policy), "the policy allows another host"
    assert visits[name]["blocked"] == []
    assert [text for text in visits[name]["console"] if "Content Security Policy" in text] == []


def test_the_csp_check_catches_a_blocked_inline_script(browser, site_url):
    """The check above can fail: an inline script the build did not hash is blocked and reported."""
    context = browser.new_context()
    context.add_init_script(_LISTEN)
    page = context.new_page()
    open_page(page, site_url, "")
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';
                             document.body.append(s); }""")
    assert page.evaluate("window.ran") is None
    assert any(entry.startswith("script-src") for entry in page.evaluate("window.__blocked || []"))
    context.close()


def test_the_about_page_says_what_the_tests_prove():
    text = (Path(__file__).resolve().parents[1] / "content" / "over.md").read_text(encoding="utf-8")
    privacy = text.split("## Jouw privacy", 1)[1].split("\n## ", 1)[0]
    assert "geen cookies" in privacy
    assert "bewaart ook niets in je browser" in privacy
    assert "alles komt van deze website zelf" in privacy


@pytest.mark.parametrize("name", [name for name in PAGE_TYPES if name != "niet-gevonden"])
def test_the_page_asks_for_nothing_that_is_not_there(visits, name):
    """No request of the page fails (the theme's script asks for a sitemap.xml beside every
    ``<link rel="alternate">``: an Atom feed linked that way gave a 404 on every page)."""
    assert [text for text in visits[name]["console"] if "Failed to load resource" in text] == []
