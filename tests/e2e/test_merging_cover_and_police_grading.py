"""In a real browser, with axe-core on every page: a co-ordinator merges two records of one
child and undoes it; a manager sets absence cover; a child assessed high goes to the police
for grading and a police partner records the grade; the hotspots list."""

import datetime as dt

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.risk.models import PoliceGrading
from tests.counting_helpers import an_assessment
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e
DISTRICT = "Hart and Rushmoor"


def _child(ref, first, last="Pennyworth", **extra):
    return Child.objects.create(
        source_id=ref, first_name=first, last_name=last, date_of_birth=dt.date(2010, 4, 3),
        gender="female", district=DISTRICT, **extra,
    )  # fmt: skip


def _fill_date(page, name, day):
    page.locator(f"[name='{name}-day']").fill(str(day.day))
    page.locator(f"[name='{name}-month']").fill(str(day.month))
    page.locator(f"[name='{name}-year']").fill(str(day.year))


def test_a_coordinator_merges_two_records_of_one_child_and_undoes_it(web, make_user):
    make_user(Role.COORDINATOR)
    kept = _child("MG001", "Rosa")
    _child("MG002", "Rosa", "Penyworth")  # typed differently, same date of birth
    page = sign_in(web, "colin", path=f"/children/{kept.pk}/merge/")
    page.get_by_role("heading", name="Merge Rosa Pennyworth with another record").wait_for()
    page.locator("#suggested").get_by_role("link").first.click()
    page.get_by_role("heading", name="Merge MG002 into MG001").wait_for()
    web.screenshot("merge-confirm")
    page.get_by_role("button", name="Merge the records").click()
    page.get_by_role("button", name="Undo merge").wait_for()
    assert Child.objects.get(source_id="MG002").merged_into_id == kept.pk
    page.get_by_role("button", name="Undo merge").click()
    page.wait_for_load_state("load")
    for _ in range(100):
        if Child.objects.get(source_id="MG002").merged_into_id is None:
            break
        page.wait_for_timeout(50)
    assert Child.objects.get(source_id="MG002").merged_into_id is None


def test_cover_police_grading_and_hotspots(web, make_user):
    make_user(Role.MANAGER)
    make_user(Role.PRACTITIONER)
    make_user(Role.PRACTITIONER, username="pippa")
    make_user(Role.PARTNER, agency="police", district=DISTRICT)
    child = _child("PG001", "Skye", "Larkfield")
    an_assessment(child, timezone.localdate().isoformat(), "high")
    today = timezone.localdate()

    web.expected_errors.append("400 (Bad Request)")  # a form sent back with its errors
    page = sign_in(web, "maya", path="/cases/cover/")
    page.get_by_role("heading", name="Absence cover", exact=True).wait_for()
    page.get_by_role("button", name="Set cover").click()
    page.locator(".govuk-error-summary").wait_for()  # nothing chosen: errors beside fields
    page.get_by_label("Who is away").select_option(index=1)
    page.get_by_label("Who covers their work").select_option(index=2)
    _fill_date(page, "from_on", today)
    _fill_date(page, "to_on", today + dt.timedelta(days=7))
    page.get_by_role("button", name="Set cover").click()
    page.locator("table").first.wait_for()
    web.screenshot("cover")

    web.goto("/risk/police-grading/")
    page.get_by_role("heading", name="Assessed high, not yet sent (1)").wait_for()
    page.locator("#to-send").get_by_role("link", name="Send for grading").click()
    page.get_by_role("heading", name="Send for police grading").wait_for()
    page.get_by_role("button", name="Send to the police").click()
    page.get_by_role("heading", name="Sent, waiting for the police grade (1)").wait_for()
    web.screenshot("police-grading")
    web.goto("/mapping/hotspots/")
    page.get_by_role("heading", name="Hotspots", exact=True).wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Lantern").wait_for()

    page = sign_in(web, "paul", path="/risk/police-grading/")
    page.locator("#sent").get_by_role("link", name="Record the grade").click()
    page.get_by_role("button", name="Save the grade").click()
    page.locator("#id_grade-error").wait_for()
    page.get_by_label("High").check()
    _fill_date(page, "graded_on", today)
    page.get_by_role("button", name="Save the grade").click()
    page.get_by_role("heading", name="Graded, waiting for allocation (1)").wait_for()
    assert PoliceGrading.objects.get().graded_on == today
