"""In a real browser (axe-core checks every page): a co-ordinator records a UASC record,
fixing an error shown beside its field, and sees the child among those presenting from
elsewhere; then tags an entity with an operation and merges a duplicate it suggests."""

import datetime as dt

import pytest

from lantern.accounts.models import Role
from lantern.mapping.models import Entity
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def test_recording_a_uasc_record_and_the_list_of_children_from_elsewhere(web, make_user):
    from lantern.children.services import child_create

    colin = make_user(Role.COORDINATOR)
    child = child_create(
        by=colin,
        first_name="Dawit",
        last_name="Tesfaye",
        date_of_birth=dt.date(2009, 3, 2),
        gender="male",
        district="Hart and Rushmoor",
        uasc=True,
    )
    page = sign_in(web, "colin", path=f"/children/{child.pk}/")
    page.get_by_role("tab", name="NRM and UASC").click()
    page.locator("#uasc-record-link").click()
    page.get_by_role("button", name="Record UASC details").click()
    page.get_by_label("How the child arrived").select_option("national_transfer")
    page.locator("#id_arrived_on").fill("1")
    page.locator("#id_arrived_on_month").fill("3")
    page.locator("#id_arrived_on_year").fill("2024")
    page.get_by_label("First social worker who assessed the age").fill("Sam Social")
    page.get_by_label("Second social worker who assessed the age").fill("sam social")
    page.locator("#id_from_elsewhere_1").check()
    page.get_by_label("Which authority").fill("Kent County Council")
    page.get_by_role("button", name="Save UASC record").click()
    page.locator("#id_age_assessor_2_error").wait_for()
    page.get_by_label("Second social worker who assessed the age").fill("Alex Worker")
    page.get_by_role("button", name="Save UASC record").click()
    page.locator("#uasc-summary").wait_for()
    page.get_by_role("link", name="All unaccompanied asylum seeking children").click()
    page.locator("#uasc-elsewhere").get_by_text("Kent County Council").wait_for()
    web.screenshot("uasc-list")


def test_tagging_an_operation_and_merging_a_suggested_duplicate(web, make_user):
    make_user(Role.COORDINATOR)
    Entity.objects.create(source_id="EA001", kind="adult", label="Jordan Smith")
    page = sign_in(web, "colin", path="/mapping/operations/new/")
    page.get_by_label("Name of the operation").fill("Operation Flint")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Operation Flint").wait_for()
    web.goto("/mapping/entities/new/")
    page.get_by_label("Kind").select_option("adult")
    page.get_by_label("Name or description").fill("Mr. JORDAN smith")
    page.get_by_label("Operation Flint").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="This may already be recorded").wait_for()
    page.get_by_role("button", name="Create a new record anyway").click()
    page.get_by_role("link", name="Possible duplicates").click()
    page.get_by_role("button", name="Merge EA001 into").click()
    page.locator("#entity-facts").get_by_text("EA001").wait_for()
    web.goto("/mapping/operations/")
    page.locator("#operation-table").get_by_role("link", name="Operation Flint").wait_for()
