"""Browser tests in Debian's Chromium via Playwright: every page visited is checked by axe-core,
and any console error (a CSP refusal, a script error) fails the test."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Error as PlaywrightError

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
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
AXE = Path(settings.BASE_DIR) / "lantern" / "static" / "vendor" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("LANTERN_SCREENSHOTS", "/tmp/lantern-screenshots"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make setup`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def missing_described_by(page) -> list[str]:
    """Every aria-describedby id on the page that no element has (the hint or error is lost)."""
    try:
        return page.evaluate(
            """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(el =>
                 el.getAttribute('aria-describedby').split(/\\s+/).filter(Boolean)
                   .filter(id => !document.getElementById(id))
                   .map(id => (el.id || el.name || el.tagName) + ' -> ' + id))"""
        )
    except PlaywrightError:
        return []


class Checked:
    """A page that checks accessibility after every navigation and collects console errors."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.errors: list[str] = []
        self.checked: set[str] = set()
        self.problems: list[str] = []
        self.missed: set[str] = set()  # pages left before axe finished: checked again at the end
        self.expected_errors: list[str] = []  # console messages a test expects, e.g. a 429
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("load", lambda p: self.axe())  # problems are collected, then fail the test

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page

    def axe(self) -> None:
        """Allow no serious or critical violation on any page (screens.md)."""
        page = self.page
        url = page.url
        try:
            page.wait_for_load_state("load")
            if not page.evaluate("typeof axe !== 'undefined'"):
                # From our own origin, so the page's CSP allows it as it allows our scripts.
                page.add_script_tag(url=self.base_url + settings.STATIC_URL + "vendor/axe.min.js")
            violations = page.evaluate(
                """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .filter(v => ['serious', 'critical'].includes(v.impact))
                 .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target).join(', '))"""
            )
        except PlaywrightError:  # the test moved on before axe finished
            self.missed.add(url)
            return
        if violations:
            self.problems.append(f"{page.url}: {violations}")
        if missing := missing_described_by(page):
            self.problems.append(f"{page.url}: aria-describedby names no element: {missing}")
        self.checked.add(page.url)

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _empty_the_audit_trail() -> None:
    """Let the live server's test database be flushed between tests.

    The audit trail refuses DELETE even on SQLite (audit migration 0002), so the flush after
    a transactional test would fail. Only here, on the throwaway test database, the rows are
    removed with the trigger lifted for a moment, and the trigger is put back at once.
    """
    from importlib import import_module

    from django.db import connection

    from lantern.audit.migrations import __name__ as migrations

    append_only = import_module(f"{migrations}.0002_append_only")
    with connection.cursor() as cursor:
        for sql in append_only.SQLITE_BACKWARD:
            cursor.execute(sql)
        cursor.execute("DELETE FROM audit_auditentry")
        for sql in append_only.SQLITE_FORWARD:
            cursor.execute(sql)


@pytest.fixture
def web(browser, live_server, transactional_db):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("Browser tests run on SQLite (scripts/test-all.sh)")
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)  # CI machines can be busy
    checked = Checked(page, live_server.url)
    yield checked
    for url in sorted(checked.missed - checked.checked):  # a GET of the same address again
        checked.page.goto(url)
    context.close()
    _empty_the_audit_trail()
    assert checked.checked, "axe-core checked no page"
    assert not checked.problems, f"Serious accessibility problems: {checked.problems}"
    unexpected = [e for e in checked.errors if not any(x in e for x in checked.expected_errors)]
    assert not unexpected, f"Console errors: {unexpected}"
