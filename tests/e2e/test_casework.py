"""The casework walk in a real browser: a nomination from the queue to a decision that opens
a case with a worker, direct work and an onward referral, a closure with outcomes and
feedback approved by a manager; a partner refers a child and sees only their own referrals.
axe-core checks every page on the way (the `web` fixture)."""

import datetime as dt
import re

import pytest

from lantern.accounts.models import Role
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e

PARTNER = {"agency": "police", "district": "Hart and Rushmoor"}


def fill_date(page, field: str, day: dt.date) -> None:
    page.locator(f"#id_{field}").fill(str(day.day))
    page.locator(f"#id_{field}_month").fill(str(day.month))
    page.locator(f"#id_{field}_year").fill(str(day.year))


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Lantern").wait_for()


def sign_in_again(web, username: str, path: str = "/"):
    """A second sign-in within the same 30 seconds would reuse the authenticator code, which
    is refused (as it should be): let the test's device accept the current code once more."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
    return sign_in(web, username, path=path)


def test_a_nomination_becomes_a_case_with_work_and_a_closure_approved_by_a_manager(
    web, make_user, shipped_lookups
):
    from lantern.cases.models import Case, CaseOutcome, DirectWork, OnwardReferral
    from lantern.children.services import child_create
    from lantern.risk.models import Assessment

    colin = make_user(Role.COORDINATOR)
    make_user(Role.MANAGER)
    make_user(Role.PRACTITIONER)
    child = child_create(
        by=colin,
        first_name="Rowan",
        last_name="Ashby",
        date_of_birth=dt.date(2009, 4, 2),
        gender="male",
        district="Hart and Rushmoor",
    )
    today = dt.date.today()

    # The co-ordinator records the district team's nomination.
    page = sign_in(web, "colin", path="/referrals/")
    page.get_by_role("heading", name="Referrals and nominations").wait_for()
    page.get_by_role("link", name="Add a referral or nomination").click()
    page.get_by_label("Child's reference").fill(child.source_id)
    fill_date(page, "received_on", today - dt.timedelta(days=3))
    page.get_by_label("Nomination").check()
    page.get_by_label("Who referred").select_option("district_team")
    page.get_by_label("What is the concern?").fill("Seen with older youths at the station")
    page.get_by_role("button", name="Add to the queue").click()
    page.get_by_text("added to the queue").wait_for()
    web.screenshot("referral")
    sign_out(page)

    # The manager decides at the weekly meeting: accept, allocate to Priya.
    page = sign_in(web, "maya", path="/referrals/")
    page.get_by_role("heading", name=re.compile("Nominations for the weekly decision")).wait_for()
    page.locator("#nominations a").first.click()
    page.get_by_role("link", name=re.compile("^Decide")).click()
    page.get_by_role("button", name="Record the decision").click()  # nothing chosen yet
    page.locator("#id_decision-error").wait_for()
    assert (
        "Select accept, decline or give advice" in page.locator("#id_decision-error").inner_text()
    )
    web.screenshot("decision-error")
    page.get_by_label("Accept: open a case").check()
    page.get_by_label("Reason for the decision").fill("Meets the threshold for the team")
    page.get_by_label("Allocated worker").select_option(label="Priya Test")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Referral accepted and a case opened").wait_for()
    assert page.locator("#allocated-worker").inner_text() == "Priya Test"
    case = Case.objects.get(child=child)
    sign_out(page)

    # Priya finds the case in her list and records the work.
    page = sign_in(web, "priya", path="/cases/mine/")
    page.get_by_role("heading", name="My cases").wait_for()
    page.get_by_role("link", name=case.source_id).click()
    page.wait_for_url(re.compile(f"/cases/{case.pk}/$"))
    page.get_by_role("link", name="Record a direct work session").click()
    fill_date(page, "held_on", today)
    page.get_by_label("The child", exact=True).check()
    page.get_by_label("Face to face").check()
    page.get_by_label("Yes").check()
    page.get_by_label("What was done").fill("Talked about who he spends time with")
    page.get_by_label("The child's own words").fill("They are not my friends really")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Direct work session recorded").wait_for()
    page.wait_for_url(re.compile(f"/cases/{case.pk}/$"))
    page.get_by_role("link", name="Record an onward referral").click()
    page.get_by_label("Service").select_option("camhs")
    page.get_by_label("The need seen").fill("Low mood and poor sleep")
    fill_date(page, "need_identified_on", today - dt.timedelta(days=1))
    fill_date(page, "referred_on", today)
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Onward referral recorded").wait_for()
    assert "1 day so far" in page.locator("#work").inner_text()
    web.screenshot("case")

    # An assessment whose level differs from the suggestion, with the reason.
    page.goto(web.base_url + f"/children/{child.pk}/")
    page.get_by_role("tab", name="Risk history").click()  # the child page's sections are tabs
    page.get_by_role("link", name="Assess Rowan Ashby").click()
    page.get_by_role("link", name=re.compile("CERAF-like")).click()
    page.locator("#id_indicator_carrying_1").check()  # current (the first option is not seen)
    page.get_by_role("button", name="Work out the score").click()
    page.locator("#score").get_by_text("Score:").wait_for()
    assert "Low" in page.locator("#score").inner_text()
    page.locator("#id_exploitation_types").check()
    page.get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Save the assessment").click()
    page.locator("#id_override_reason_error").wait_for()
    page.get_by_label("Why is the level different from the suggestion?").fill(
        "Police intelligence: threatened over a drug debt"
    )
    page.get_by_label("High", exact=True).check()
    page.get_by_role("button", name="Save the assessment").click()
    page.get_by_text("goes to a manager to approve").wait_for()
    web.screenshot("assessment")
    page.goto(web.base_url + f"/cases/{case.pk}/")
    page.get_by_role("link", name="Ask to close this case").click()
    page.get_by_label("Why is the case closing?").fill("Risk reduced; engaged with CAMHS")
    page.get_by_label("Risk reduced").check()
    page.get_by_label("How helpful did the child find the work?").select_option(label="Helpful")
    page.get_by_label("The child's own words").fill("It was alright talking to you")
    page.get_by_label("How helpful did the family find the work?").select_option(
        label="Very helpful"
    )
    page.get_by_role("button", name="Send for approval").click()
    page.get_by_text("Closure sent to a manager for approval").wait_for()
    assert "closure waiting for approval" in page.locator("#case-status").inner_text()
    sign_out(page)

    # Maya sees both waiting on her landing page: she agrees the level, then approves closure.
    page = sign_in_again(web, "maya")
    page.get_by_role("heading", name="Risk levels waiting for approval").wait_for()
    page.locator("#overrides").get_by_role("link", name="Rowan Ashby").click()
    page.get_by_label("Agree with the level set").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Decision recorded").wait_for()
    assert "Approved" in page.locator("#level-set").inner_text()
    page.goto(web.base_url + "/")
    page.get_by_role("heading", name="Closures waiting for approval").wait_for()
    page.locator("#approvals").get_by_role("link", name="Rowan Ashby").click()
    page.get_by_label("Approve: close the case today").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Closure approved: the case closed today").wait_for()
    assert page.locator("#case-status").inner_text().startswith("Closed")
    case.refresh_from_db()
    assert case.closed_on == today
    assert DirectWork.objects.filter(case=case).count() == 1
    assert OnwardReferral.objects.filter(case=case).count() == 1
    assert CaseOutcome.objects.get(case=case).kind == "risk_reduced"
    assessment = Assessment.objects.get(child=child)
    assert assessment.risk_level == "high" and assessment.approval == "approved"
    page.goto(web.base_url + "/cases/team/")
    page.get_by_role("heading", name="Team caseloads").wait_for()


def test_a_partner_refers_a_child_and_sees_only_their_own_referrals(web, make_user, make_child):
    from lantern.referrals.services import referral_create

    other = make_user(Role.PARTNER, username="pat", **PARTNER)
    referral_create(
        child=make_child(first_name="Someone", last_name="Else"),
        by=other,
        received_on=dt.date(2024, 6, 1),
        route="other",
        submitted_by_partner=True,
    )
    make_user(Role.PARTNER, **PARTNER)
    page = sign_in(web, "paul")
    page.get_by_role("link", name="Refer a child").first.click()
    page.get_by_role("heading", name="Referrals you have sent").wait_for()
    assert "You have not sent any referrals yet" in page.content()
    page.get_by_role("link", name="Refer a child").last.click()
    page.get_by_role("heading", name="Refer a child to the team").wait_for()
    page.get_by_role("button", name="Send the referral").click()
    page.locator("#id_first_name_error").wait_for()
    page.get_by_label("Child's first name").fill("Tia")
    page.get_by_label("Child's last name").fill("Morgan")
    fill_date(page, "date_of_birth", dt.date(2010, 7, 9))
    page.get_by_label("Gender").select_option("female")
    page.get_by_label("What are you worried about?").fill("Picked up in a car after school")
    page.get_by_role("button", name="Send the referral").click()
    page.get_by_text("Referral sent").wait_for()
    text = page.locator("main").inner_text()
    assert "Tia Morgan" in text and "Someone Else" not in text
    assert "1 referral." in text
    web.screenshot("partner-referrals")


@pytest.fixture
def make_child(transactional_db):
    from lantern.children.models import Child
    from tests.children.conftest import _numbers

    def make(**fields):
        n = next(_numbers)
        values = {
            "source_id": f"E2E{n:05d}",
            "first_name": "Test",
            "last_name": f"Child{n}",
            "date_of_birth": dt.date(2008, 6, 3),
            "gender": "female",
            "district": "Hart and Rushmoor",
        }
        values.update(fields)
        return Child.objects.create(**values)

    return make
