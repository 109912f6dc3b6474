"""The casework pages the main walk does not reach, each with data and with errors shown:
axe-core finds no serious or critical problem on any of them (the `web` fixture)."""

import datetime as dt

import pytest

from lantern.accounts.models import Role
from tests.e2e.test_browser import sign_in
from tests.e2e.test_casework import sign_in_again, sign_out

pytestmark = pytest.mark.e2e


def wait_heading(page, name: str, web=None) -> None:
    """Wait for the page's heading and for axe to have checked it, so that leaving it at once
    does not send the end-of-test re-check there as another user."""
    page.get_by_role("heading", name=name).first.wait_for()
    page.wait_for_load_state("load")
    for _ in range(300):
        if web is None or page.url in web.checked:
            return
        page.wait_for_timeout(50)
    web.axe()


def test_sharing_worklists_approvals_and_the_tool_editor_are_accessible(
    web, make_user, shipped_lookups
):
    from lantern.cases.models import Case
    from lantern.cases.services import case_closure_request
    from lantern.children.models import ChildShare
    from lantern.children.services import child_create
    from lantern.risk.models import RiskTool
    from lantern.risk.services import assessment_record

    colin = make_user(Role.COORDINATOR)
    priya = make_user(Role.PRACTITIONER)
    make_user(Role.MANAGER)
    make_user(Role.ADMIN)
    today = dt.date.today()
    child = child_create(
        by=colin,
        first_name="Esme",
        last_name="Hollis",
        date_of_birth=dt.date(2008, 1, 5),
        gender="female",
        district="Hart and Rushmoor",
    )
    ChildShare.objects.create(
        child=child,
        agency="police",
        district="Hart and Rushmoor",
        reason="Joint work",
        review_on=today,
        ends_on=today + dt.timedelta(days=60),
        shared_by=colin,
    )
    case = Case.objects.create(
        source_id="E2E-C1",
        child=child,
        opened_on=today - dt.timedelta(days=90),
        route="s17",
        allocated_to=priya,
    )
    case_closure_request(case=case, by=priya, reason="Work complete")
    assessment_record(
        child=child,
        by=priya,
        tool=RiskTool.objects.get(code="ceraf", is_current=True),
        completed_on=today - dt.timedelta(days=85),
        answers={},
        exploitation_types=["cse"],
        risk_level="medium",
        override_reason="Disclosure at school",
    )

    page = sign_in(web, "colin", path=f"/children/{child.pk}/shares/")
    wait_heading(page, "Sharing Esme Hollis with partners", web)
    page.get_by_role("button", name="Share", exact=True).click()  # nothing filled in
    page.locator("#id_agency_error").wait_for()
    page.goto(web.base_url + "/children/shares/review/")
    wait_heading(page, "Shares due for review", web)
    page.goto(web.base_url + "/children/reviews-due/")
    wait_heading(page, "Risk reviews due", web)
    sign_out(page)

    page = sign_in(web, "maya", path="/cases/approvals/")
    wait_heading(page, "Closures waiting for approval", web)
    page.goto(web.base_url + "/risk/approvals/")
    wait_heading(page, "Risk levels waiting for approval", web)
    page.goto(web.base_url + "/cases/team/")
    wait_heading(page, "Team caseloads", web)
    page.goto(web.base_url + f"/cases/{case.pk}/")
    page.get_by_role("button", name="Record the decision").click()  # nothing chosen
    page.locator("#id_decision-error").wait_for()
    sign_out(page)

    page = sign_in(web, "priya", path=f"/cases/children/{child.pk}/plans/new/")
    wait_heading(page, "Record a plan", web)
    page.get_by_role("button", name="Save").click()
    page.locator("#id_kind-error").wait_for()
    page.goto(web.base_url + f"/risk/children/{child.pk}/new/")
    wait_heading(page, "Assess Esme Hollis", web)
    page.goto(web.base_url + f"/risk/children/{child.pk}/new/cserq4/")
    wait_heading(page, "Health exploitation questions (four questions)", web)
    sign_out(page)

    page = sign_in_again(web, "adam", path="/risk/tools/")
    wait_heading(page, "Risk tools", web)
    page.get_by_role("link", name="Child exploitation risk assessment (CERAF-like)").click()
    page.get_by_label("Indicators").fill("serious | x | 1 | wording")
    page.get_by_role("button", name="Save as a new version").click()
    page.locator("#id_indicators_error").wait_for()
    page.goto(web.base_url + "/cases/outcomes/")
    wait_heading(page, "Outcomes a closure may record", web)
    page.get_by_role("button", name="Add", exact=True).click()
    page.locator("#id_label_error").wait_for()
