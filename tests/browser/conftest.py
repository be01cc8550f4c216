"""Real-browser tests: headless Debian Chromium driven by Playwright against ``live_server``.

Everything under ``tests/browser`` is marked ``browser`` (``pytest -m "not browser"`` leaves
it out). Without Chromium or the Playwright package these tests are skipped with the install
hint, except on CI (``CI=true``), where a missing browser must fail the run, not hide it.
"""

import os
import re
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from moit_wagtail.pages import models as pages
from tests import factories, inflight
from tests.browser.admin import LAW_TITLE

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported by browser_unavailable(): skipped here, an error on CI
    expect = sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, never a downloaded build (``playwright install`` is not used). The
# background-networking switches stop it calling home: the test machines have no network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a 2-core machine running the rest of the suite on the other xdist worker.
EXPECT_TIMEOUT_MS = 10_000
ACTION_TIMEOUT_MS = 15_000
THIS_DIR = Path(__file__).resolve().parent


def on_ci():
    return os.environ.get("CI", "").strip().lower() == "true"


def browser_unavailable():
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if sync_playwright is None:
        return "Playwright not installed: pip install -r requirements-dev.txt"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return "Chromium not installed: apt-get install chromium"
    return None


def skip_or_fail(reason):
    """Skip with the install hint; on CI fail instead, so a missing tool cannot pass."""
    if on_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder ``browser``; skip them all up front (before any
    database or server set-up) when the browser is missing, unless on CI."""
    reason = browser_unavailable()
    for item in items:
        if THIS_DIR not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason and not on_ci():
            item.add_marker(pytest.mark.skip(reason=reason))


@contextmanager
def playwright_beside_django():
    """Start Playwright so that Django code can still run between its calls.

    Playwright's sync API marks an asyncio loop as running in this thread from start to
    stop, although nothing here is async. Django then (1) refuses ORM calls
    (SynchronousOnlyOperation), so that check is off meanwhile, and (2) keeps database
    connections per async context instead of per thread: the test would get a second
    connection object without the test-database state pytest-django set up (the
    serialized rows ``site_url`` restores). Storing the thread's own connection objects
    for that case too keeps one per alias.
    """
    thread_connections = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection  # lands in the "running loop" storage
            try:
                yield playwright
            finally:
                for alias in thread_connections:
                    del connections[alias]


@pytest.fixture(scope="module")
def chromium(django_db_setup):
    """One headless Chromium per test module (and xdist worker): a launch costs about a
    second, while a fresh context per test (see ``page``) keeps the tests independent.

    Not session-scoped: Playwright's loop (see above) must be gone before the tests that
    the worker runs after these ones, which may use ``asyncio.run`` or ``async_to_sync``.
    pytest-django runs these (transactional) tests after all ``db`` tests of the worker,
    and the test database exists before Playwright starts (``django_db_setup``).
    """
    if reason := browser_unavailable():  # only reached on CI, see the collection hook
        skip_or_fail(reason)
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with playwright_beside_django() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site_url(live_server, transactional_db, django_db_serialized_rollback):
    """The live server's base URL, with the database access the server thread needs.

    * ``transactional_db``: the server runs in another thread, so rows the test creates
      must be committed to be seen there (a ``db`` test's transaction would hide them).
    * ``django_db_serialized_rollback``: a transactional test ends by emptying every table,
      including the rows the migrations made (Wagtail's root page, default locale, content
      types); restoring them is what lets the next browser test on this worker build a site.
      pytest-django runs these tests after the ``db`` ones, so those never see the flush.

    Files need nothing more although DEBUG is off: Django's live server serves
    ``STATIC_URL`` through the staticfiles finders and ``MEDIA_URL`` from ``MEDIA_ROOT``,
    read per request, so each test's own media directory (``tests/conftest.py``).
    """
    return live_server.url


@dataclass
class Traffic:
    """What the browser asked for that it should not have: other hosts, failed responses."""

    offsite: list = field(default_factory=list)
    failed: list = field(default_factory=list)


@pytest.fixture
def traffic():
    return Traffic()


@pytest.fixture
def page(chromium, site_url, traffic):
    """A fresh tab in a fresh context (no cookies or cache from other tests), as a Thai
    visitor in Bangkok would open it; relative URLs go to the live server.

    Requests to any other host are aborted and recorded: the site promises no
    third-party requests, and with no network they would only hang until a timeout.
    """
    context = chromium.new_context(
        base_url=site_url,
        locale="th-TH",
        timezone_id="Asia/Bangkok",
        viewport={"width": 1280, "height": 900},
        # axe-core is injected with add_script_tag, which the site's strict CSP would block;
        # the site's own scripts and the map are still checked by tests/test_security_headers.py
        bypass_csp=True,
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    own_origin = re.escape(site_url.rstrip("/"))

    def block_offsite(route):
        traffic.offsite.append(route.request.url)
        route.abort()

    context.route(re.compile(rf"^(?!{own_origin}/)"), block_offsite)

    def record_failure(response):
        if response.status >= 400:
            traffic.failed.append(f"{response.status} {response.url}")

    tab = context.new_page()
    tab.on("response", record_failure)
    yield tab
    context.close()
    # A request the tab started last (an autosave, Wagtail's ping) must finish before the
    # database is emptied under it.
    assert inflight.wait_until_idle(), "the live server still handles a request 15 s on"


@pytest.fixture(scope="session")
def thai_font_families():
    """Font families that fontconfig (what Chromium uses on Linux) says cover Thai."""
    if shutil.which("fc-list") is None:
        skip_or_fail("fc-list not installed: apt-get install fontconfig")
    listing = subprocess.run(
        ["fc-list", ":lang=th", "family"], capture_output=True, text=True, check=True
    ).stdout
    return {name.strip() for line in listing.splitlines() for name in line.split(",")} - {""}


@pytest.fixture
def save_screenshot(tmp_path):
    """``save_screenshot(page, name)``: a full-page PNG in the test's ``tmp_path``.

    Set ``MOIT_SCREENSHOT_DIR`` to also copy it there as ``browser-NAME.png`` for a person
    to look at (Thai text must show as Thai letters, not boxes: fonts-thai-tlwg).
    """

    def save(tab, name):
        path = tmp_path / f"{name}.png"
        tab.screenshot(path=path, full_page=True)
        if target := os.environ.get("MOIT_SCREENSHOT_DIR"):
            shutil.copyfile(path, Path(target) / f"browser-{name}.png")
        return path

    return save


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe():
    """axe-core's script (npm ``axe-core``, installed by ``npm ci``), to inject into a tab."""
    if not AXE.is_file():
        skip_or_fail("axe-core not installed: run `npm ci` at the repository root")
    return AXE


# -- the admin journeys' people and page --------------------------------------------------


@pytest.fixture
def people(make_member, unit):
    """An editor and a head of group (approver) of the unit."""
    return make_member("editor1", unit.editors, "สมศรี"), make_member(
        "approver1", unit.approvers, "ประเสริฐ"
    )


@pytest.fixture
def draft(people, category_indexes):
    """A valid law page saved as a draft by the editor, never published."""
    editor, _approver = people
    page = factories.build_page(pages.LawPage, editor, title=LAW_TITLE, slug="rules", live=False)
    category_indexes[pages.LawIndexPage].add_child(instance=page)
    page.save_revision(user=editor)
    return page
