"""Browser tests: build the example site once, serve it locally, drive Chromium.

The fixtures here are registered in ``conftest.py``, so every test module can
ask for them by name:

- ``built_site``: the folder of the example site, built once per test session
  with ``mkdocs build --strict`` on the fixed build date.
- ``site_url``: that folder served on ``http://127.0.0.1:<port>/``; unknown
  paths get the site's own 404 page with status 404, as on a real host.
- ``browser``: one headless Debian Chromium for the whole session.
- ``page``: a fresh browser context and page per test (no shared cookies or
  storage), closed afterwards. Its clock stands still on the morning of the build
  day (``at_build_time``): the lists are as built, whatever day the tests run.

Playwright cannot download its own browser on the build machines, so it
drives the system's Chromium (``scripts/test`` installs it when missing).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE = "2026-11-23"
# The moment the browser looks at the example site: its build day, before any session of that
# day has ended. On the machine's own clock, content/assets/today.js would take off what ended
# since the build, and the pages would differ from day to day.
BUILD_MORNING = f"{BUILD_DATE}T08:00:00+01:00"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(destination: Path, activities: Path | None = None) -> Path:
    """Build the site with MkDocs into ``destination``; fail with MkDocs' own output."""
    env = {**os.environ, "HERSTELNETWERK_BUILD_DATE": BUILD_DATE, "NO_MKDOCS_2_WARNING": "1"}
    if activities is not None:
        env["HERSTELNETWERK_ACTIVITIES"] = str(activities)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "-d", str(destination)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return destination


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; a missing path gets 404.html, like a static host."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep the test output clean
        pass

    def handle(self):
        # A browser may close a connection it no longer needs (leaving a page mid-load).
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


class SiteServer:
    """A static file server for ``folder`` on a free port of 127.0.0.1."""

    def __init__(self, folder: Path):
        handler = functools.partial(_Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def site_url(built_site):
    with SiteServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}; run 'bash scripts/test', which installs it.", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def at_build_time(context):
    """``context`` with its clock fixed at ``BUILD_MORNING`` (timers still run)."""
    context.clock.set_fixed_time(BUILD_MORNING)
    return context


@pytest.fixture
def page(browser):
    context = at_build_time(browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL"))
    page = context.new_page()
    yield page
    context.close()


# One page of every type the site has, as a path below the site root. The
# offering has a cancelled and a moved session; the finder has filters applied.
PAGE_TYPES = {
    "home": "",
    "gemeente": "gemeenten/amersfoort/",
    "activiteit": "activiteiten/jongerengroep-amersfoort/",
    "training": "trainingen/wrap/",
    "locatie": "locaties/buurthuis-de-tref/",
    "soort": "soort/inloop/",
    "thema": "thema/zingeving/",
    "overzicht-gemeenten": "gemeenten/",
    "overzicht-aanbod": "aanbod/",
    "overzicht-trainingen": "trainingen/",
    "overzicht-locaties": "locaties/",
    "agenda-uitleg": "agenda/",
    "over": "over/",
    "zoeken": "zoeken/?gemeente=amersfoort&soort=inloop",
    "programma": "gemeenten/amersfoort/programma/2026-12/",
    "inbedden": "gemeenten/amersfoort/inbedden/",
    "niet-gevonden": "deze-pagina-bestaat-niet/",
    "als-het-even-niet-gaat": "als-het-even-niet-gaat/",
    "overzicht-netwerk": "over/overzicht/",
    "nieuws": "nieuws/",
    "nieuwsbericht": "nieuws/2026-11-16-nieuws-van-het-kwartaal/",
    "open-data": "open-data/",
}


def open_page(page, site_url: str, path: str):
    """Go to ``path`` and wait until the page has settled (the finder: its results are shown)."""
    response = page.goto(site_url + path, wait_until="load")
    if path.startswith("zoeken/"):
        page.wait_for_function("() => (document.querySelector('[data-status]')?.textContent || '').trim() !== ''")
    return response
