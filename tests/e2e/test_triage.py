"""Triage in a real browser: the co-ordinator opens the agenda, sees the new assessment,
records the meeting agreeing a level and an action with an owner, and the child is on the
Op MET list at the agreed level. axe-core checks every page."""

import datetime as dt

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.meetings.models import Action
from lantern.risk.models import Assessment
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def test_an_assessment_goes_to_triage_and_the_agreed_level_puts_the_child_on_op_met(web, make_user):
    from lantern.children.services import child_create

    colin = make_user(Role.COORDINATOR)
    child = child_create(
        by=colin,
        first_name="Tamsin",
        last_name="Oakridge",
        date_of_birth=dt.date(2011, 4, 9),
        gender="female",
        district="Hart and Rushmoor",
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    assessment = Assessment.objects.create(
        source_id="E2ETR1", child=child, completed_on=yesterday, risk_level="low",
        tool="ceraf", exploitation_types=["cce"],
    )  # fmt: skip

    page = sign_in(web, "colin", path="/triage/")
    page.get_by_role("heading", name="Triage agenda").wait_for()
    assert "1 child on the agenda" in page.locator("#agenda-total").inner_text()
    card = page.locator(f"#item-{child.source_id}")
    assert "Tamsin Oakridge" in card.inner_text() and "New" in card.inner_text()
    web.screenshot("triage-agenda")

    web.expected_errors.append("400 (Bad Request)")  # the form sent back with its errors
    page.get_by_role("button", name="Record the triage").click()  # no agency: error beside
    page.locator("#id_attendees-error").wait_for()
    assert page.locator(".govuk-error-summary").is_visible()

    page.locator("input[name=attendees][value=police]").check()
    page.locator("input[name=attendees][value=health]").check()
    page.locator(f"#id_level_{child.pk.hex}").select_option("high")
    page.locator(f"#id_notes_{child.pk.hex}").fill("Police to grade this week")
    page.locator("#id_action1_description").fill("Visit at school and update the plan")
    page.locator("#id_action1_owner").select_option(str(colin.pk))
    due = timezone.localdate() + dt.timedelta(days=7)
    page.locator("#id_action1_due_on").fill(str(due.day))
    page.locator("#id_action1_due_on_month").fill(str(due.month))
    page.locator("#id_action1_due_on_year").fill(str(due.year))
    page.locator("#id_action1_child").select_option(child.pk.hex)
    page.get_by_role("button", name="Record the triage").click()
    page.get_by_text("Triage recorded").wait_for()
    page.get_by_role("heading", name="Triage minutes").wait_for()
    assert "level agreed: high (assessed low)" in page.locator("#decisions").inner_text()
    assert "Visit at school" in page.locator("#minutes-actions").inner_text()
    web.screenshot("triage-minutes")

    assessment.refresh_from_db()
    assert assessment.risk_level == "high" and assessment.triaged_on == timezone.localdate()
    action = Action.objects.get()
    assert action.owner_user == colin and action.child == child

    web.goto("/triage/")
    page.get_by_text("Nothing new for triage").wait_for()

    web.goto("/opmet/")
    row = page.locator("tr", has_text="Tamsin Oakridge")
    row.wait_for()
    assert "High" in row.inner_text()
