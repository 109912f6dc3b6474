"""A co-ordinator keeps the placing authorities' contacts and records telling one whose
child went missing, in a real browser; axe-core checks every page."""

import datetime as dt

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.missing.models import OlaNotice
from tests.e2e.test_browser import sign_in
from tests.e2e.test_missing_daily_use import type_moment

pytestmark = pytest.mark.e2e


def test_adding_an_authority_and_recording_that_it_was_told(web, make_user):
    from lantern.children.services import child_create
    from lantern.missing.services import episode_create

    colin = make_user(Role.COORDINATOR)
    child = child_create(
        by=colin,
        first_name="Tamsin",
        last_name="Orchardley",
        date_of_birth=dt.date(2010, 4, 5),
        gender="female",
        district="Hart and Rushmoor",
        placing_authority="Dorset Council",
    )
    now = timezone.now()
    episode = episode_create(
        child=child, by=colin, started_at=now - dt.timedelta(hours=3), missing_from="care"
    )

    page = sign_in(web, "colin", path="/children/placing-authorities/")
    page.get_by_role("heading", name="Placing authorities").wait_for()
    page.get_by_text("No placing authorities are recorded yet").wait_for()
    page.get_by_role("button", name="Add a placing authority").click()
    page.get_by_role("heading", name="Add a placing authority").wait_for()
    page.get_by_label("Email address for missing notifications").fill("not an address")
    page.get_by_role("button", name="Save").click()
    page.locator("#id_name_error").wait_for()
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Authority").fill("Kent County Council")
    page.get_by_label("Email address for missing notifications").fill("missing@kent.example")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Placing authority saved").wait_for()
    assert "missing@kent.example" in page.locator("#authorities").inner_text()

    web.goto("/missing/placing-authorities/")
    page.get_by_role("heading", name="Placing authorities to tell").wait_for()
    assert "Dorset Council" in page.locator("#ola-notices").inner_text()
    page.locator("#ola-notices a", has_text="Record that they were told").click()
    page.get_by_role("heading", name="Record that Dorset Council was told").wait_for()
    page.get_by_role("button", name="Save").click()
    page.locator("#id_told_at-error").wait_for()
    page.locator("#id_how").check()  # Phone
    type_moment(page, "told_at", now - dt.timedelta(minutes=20))
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Every placing authority has been told.").wait_for()
    assert OlaNotice.objects.get().how == "phone"

    web.goto(f"/missing/episodes/{episode.pk}/")
    page.locator("#placing-authority").wait_for()
    assert "Placing authority told on" in page.locator("#placing-authority").inner_text()
