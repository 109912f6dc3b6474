"""In a real browser: the dashboard's missing figures (the heat table scrolls in its own box
at 390 px, its numbers printed), and linking the people and places named in a return
interview to mapping. axe-core checks every page."""

import datetime as dt

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.mapping.models import Entity, Link
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from tests.e2e.test_browser import sign_in
from tests.e2e.test_every_page_accessible import HOME, willow  # noqa: F401

pytestmark = pytest.mark.e2e

NARROW = {"width": 390, "height": 844}


def test_the_missing_figures_on_the_dashboard(web, willow, make_user):  # noqa: F811
    make_user(Role.MANAGER)
    page = sign_in(web, "maya")
    page.get_by_role("heading", name=HOME).wait_for()
    web.goto("/reports/?period=year&year=2020/21")
    page.get_by_role("heading", name="Missing episodes by district, time and placement").wait_for()
    heat = page.locator(".lantern-heat__table")
    assert heat.locator("tbody tr").count() == 7
    assert heat.locator("tbody tr").first.locator("th").inner_text() == "Monday"
    assert heat.locator("thead th").nth(1).inner_text() == "00"
    web.screenshot("missing-figures")
    page.set_viewport_size(NARROW)  # no reload: the page reflows where it is
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.locator(".lantern-heat")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")  # it scrolls by itself
    page.locator("#missing-by-placement ~ .lantern-table-scroll a").first.click()
    page.get_by_role("heading", name="Missing episodes from", exact=False).wait_for()


def test_linking_people_and_places_named_in_an_interview(web, make_user):
    from lantern.children.services import child_create

    colin = make_user(Role.COORDINATOR)
    child = child_create(
        by=colin,
        first_name="Marnie",
        last_name="Quillfeather",
        date_of_birth=dt.date(2009, 3, 2),
        gender="female",
        district="Hart and Rushmoor",
    )
    now = timezone.now()
    episode = Episode.objects.create(
        source_id="E2EM1", child=child, missing_from="home",
        started_at=now - dt.timedelta(days=3), ended_at=now - dt.timedelta(days=2),
    )  # fmt: skip
    interview = ReturnInterview.objects.create(
        source_id="E2EMI1", child=child, outcome="completed", not_shareable=True,
        offered_at=now - dt.timedelta(days=2), completed_at=now - dt.timedelta(days=1),
        where_child_was="A flat on Station Road", with_whom="An older man called Dex",
    )  # fmt: skip
    InterviewEpisode.objects.create(interview=interview, episode=episode)
    Entity.objects.create(source_id="EAE2E", kind="adult", label="Dexter Quarry")

    page = sign_in(web, "colin", path=f"/missing/episodes/{episode.pk}/")
    page.get_by_role("link", name="People and places named in this interview").click()
    page.get_by_role("heading", name="People and places named in this interview").wait_for()
    assert page.locator("#not-shareable").is_visible()
    page.get_by_role("button", name="Search mapping").click()
    page.locator("#id_search-q_error").wait_for()  # nothing typed: the error beside the field
    page.get_by_label("Name, description or reference").fill("dexter")
    page.get_by_role("button", name="Search mapping").click()
    page.get_by_text("1 match").wait_for()
    page.get_by_label("Dexter Quarry (adult of concern, EAE2E)").check()
    page.locator("#id_existing-relation").select_option("associate")
    page.get_by_role("button", name="Link to the child", exact=True).click()
    page.get_by_text("Linked Dexter Quarry to the child as associate").wait_for()
    web.screenshot("interview-mapping")

    page.locator("#id_new-kind").select_option("adult")
    page.get_by_label("Name or description").fill("Flat 2, Station Road")
    page.locator("#id_new-relation").select_option("found_at")
    page.get_by_role("button", name="Add and link to the child").click()
    page.locator("#id_new-relation_error").wait_for()  # found at joins only a place
    page.locator("#id_new-kind").select_option("location")
    page.locator("#id_new-relation").select_option("found_at")
    page.get_by_role("button", name="Add and link to the child").click()
    page.get_by_text("(added to mapping)").wait_for()
    assert page.locator("#linked tbody tr").count() == 2
    assert Link.objects.filter(source="rhi").count() == 2
