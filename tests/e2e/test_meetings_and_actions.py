"""A co-ordinator records a meeting with an action owned by a partner; the partner signs in,
sees it overdue on their landing page and on /actions/, and completes it. axe-core checks
every page."""

import datetime as dt

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.children.models import ChildShare
from lantern.meetings.models import Action, Meeting
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def type_date(page, name: str, day: dt.date) -> None:
    page.locator(f"#id_{name}").fill(str(day.day))
    page.locator(f"#id_{name}_month").fill(str(day.month))
    page.locator(f"#id_{name}_year").fill(str(day.year))


def test_a_meeting_sets_an_action_the_partner_completes(web, make_user):
    from lantern.children.services import child_create

    colin = make_user(Role.COORDINATOR)
    paul = make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    child = child_create(
        by=colin,
        first_name="Marnie",
        last_name="Quillfeather",
        date_of_birth=dt.date(2009, 3, 2),
        gender="female",
        district="Hart and Rushmoor",
    )
    ChildShare.objects.create(child=child, agency="police")
    brother = child_create(
        by=colin,
        first_name="Tobias",
        last_name="Quillfeather",
        date_of_birth=dt.date(2011, 8, 9),
        gender="male",
        district="Hart and Rushmoor",
    )
    today = timezone.localdate()

    page = sign_in(web, "colin", path="/meetings/")
    page.get_by_role("heading", name="Meetings").wait_for()
    page.get_by_role("link", name="Record a meeting").first.click()
    page.get_by_role("heading", name="Record a meeting").wait_for()
    page.get_by_role("button", name="Save the meeting").click()  # nothing typed: errors beside
    page.locator("#id_type_error").wait_for()
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Kind of meeting").select_option("strategy")
    type_date(page, "held_on", today - dt.timedelta(days=7))
    page.get_by_label("District").select_option("Hart and Rushmoor")
    page.get_by_label("Police", exact=True).check()
    page.get_by_label("Children's social care").check()
    page.get_by_label("Children discussed").fill(child.source_id)
    page.get_by_label("Decisions").fill("Police to visit the address with the school")
    page.get_by_role("button", name="Save the meeting").click()
    page.get_by_text("Meeting recorded").wait_for()
    assert "Marnie Quillfeather" in page.locator("#children-discussed").inner_text()
    web.screenshot("meeting")
    page.get_by_role("link", name="Add children discussed").click()
    page.get_by_label("Name or reference").fill("tobias quil")
    page.get_by_role("button", name="Find children").click()
    page.get_by_label(f"Tobias Quillfeather ({brother.source_id})", exact=False).check()
    page.get_by_role("button", name="Add to the meeting").click()
    page.get_by_text("1 child added to the meeting").wait_for()
    assert "Tobias Quillfeather" in page.locator("#children-discussed").inner_text()

    page.get_by_role("link", name="Set an action").click()
    page.get_by_role("heading", name="Set an action").wait_for()
    page.get_by_label("What is to be done").fill("Visit the address with the school")
    page.get_by_label("Owner").select_option(label="Paul Test (Police)")
    type_date(page, "due_on", today - dt.timedelta(days=1))
    page.get_by_label("Child").select_option(label=f"Marnie Quillfeather ({child.source_id})")
    page.get_by_role("button", name="Save the action").click()
    page.get_by_text("Action set").wait_for()
    assert "Overdue" in page.locator("#meeting-actions").inner_text()
    web.axe()  # the meeting page (#actions) checked now, while colin may still open it
    meeting = Meeting.objects.get()
    web.goto("/actions/?scope=all")
    page.locator("#actions-list").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Lantern").wait_for()

    page = sign_in(web, "paul")
    page.get_by_role("heading", name="What needs you today").wait_for()
    panel = page.locator("#overdue-actions")
    assert "1 action you own is past its due date" in panel.inner_text()
    panel.get_by_role("link").click()
    table = page.locator("#actions-list")
    table.wait_for()
    text = table.inner_text()
    assert "Visit the address with the school" in text
    assert "Marnie Quillfeather" in text and "Overdue" in text
    web.screenshot("actions")
    page.get_by_role("button", name="Mark as done").click()
    page.get_by_text("Action marked as done").wait_for()
    assert "0 open actions" in page.locator("#action-count").inner_text()

    action = Action.objects.get()
    assert action.completed_by == paul and action.completed_at is not None
    assert action.meeting == meeting
