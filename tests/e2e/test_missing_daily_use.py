"""A co-ordinator's day with a missing child, in a real browser: record the episode and the
return, see it on the worklist with its clock, one interview covering two episodes, and a
trigger raised by the third episode and cleared by a meeting. axe-core checks every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.core.ukdate import aware_to_local
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def type_moment(page, name: str, moment: dt.datetime) -> None:
    local = aware_to_local(moment)
    page.locator(f"#id_{name}").fill(str(local.day))
    page.locator(f"#id_{name}_month").fill(str(local.month))
    page.locator(f"#id_{name}_year").fill(str(local.year))
    page.locator(f"#id_{name}_time").fill(f"{local:%H:%M}")


def test_recording_an_episode_to_the_interview_and_the_trigger_meeting(web, make_user):
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
    first = Episode.objects.create(
        source_id="E2E1", child=child, missing_from="home",
        started_at=now - dt.timedelta(days=40), ended_at=now - dt.timedelta(days=40, hours=-6),
    )  # fmt: skip
    done = ReturnInterview.objects.create(
        source_id="E2EI1", child=child, outcome="completed",
        offered_at=now - dt.timedelta(days=39), completed_at=now - dt.timedelta(days=38),
    )  # fmt: skip
    InterviewEpisode.objects.create(interview=done, episode=first)
    Episode.objects.create(
        source_id="E2E2", child=child, missing_from="home",
        started_at=now - dt.timedelta(days=5), ended_at=now - dt.timedelta(days=4, hours=20),
    )  # fmt: skip

    page = sign_in(web, "colin", path="/missing/episodes/new/")
    page.get_by_label("Name, reference or police reference").fill("quilfeather")
    page.get_by_role("button", name="Find the child").click()
    page.get_by_role("link", name="Record episode for Marnie Quillfeather").click()
    page.get_by_role("heading", name="Record a missing episode").wait_for()
    page.get_by_role("button", name="Save episode").click()  # nothing typed: errors beside
    page.locator("#id_started_at-error").wait_for()
    assert page.locator(".govuk-error-summary").is_visible()
    type_moment(page, "started_at", now - dt.timedelta(hours=5))
    page.locator("#id_missing_from").check()  # Home
    page.locator("#id_episode_type").check()  # Missing
    page.get_by_label("Police reference").fill("HC/55555/24")
    page.get_by_role("button", name="Save episode").click()
    page.get_by_text("Episode recorded").wait_for()
    web.screenshot("missing-episode")

    page.get_by_role("button", name="Record the return").click()
    type_moment(page, "ended_at", now - dt.timedelta(hours=1))
    page.get_by_label("Where found").fill("Bus station")
    page.get_by_role("button", name="Save the return").click()
    page.get_by_text("Return recorded").wait_for()
    assert "Changed: Came back, Where found" in page.locator("#history").inner_text()

    web.goto("/missing/interviews/")
    table = page.locator("#interviews")
    table.wait_for()
    text = table.inner_text()
    assert "Overdue" in text and re.search(r"\b7[01] hours left", text), text
    web.screenshot("missing-worklist")
    page.get_by_role("link", name=re.compile("Record interview for Marnie")).first.click()
    page.get_by_role("heading", name="Record a return interview").wait_for()
    boxes = page.locator("input[name=episodes]")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.get_by_label("Completed", exact=True).check()
    type_moment(page, "offered_at", now - dt.timedelta(minutes=50))
    type_moment(page, "completed_at", now - dt.timedelta(minutes=20))
    page.get_by_label("Older peers").check()
    page.get_by_label("The child's own words").fill("I was with friends")
    page.get_by_role("button", name="Save interview").click()
    page.get_by_text("Interview recorded for 2 episodes").wait_for()
    page.get_by_text("No return interviews are outstanding.").wait_for()

    web.goto("/missing/triggers/")
    page.get_by_role("link", name="Marnie Quillfeather", exact=True).wait_for()
    web.screenshot("missing-triggers")
    page.get_by_role("link", name="Record the meeting for Marnie Quillfeather").click()
    today = timezone.localdate()
    page.locator("#id_held_on").fill(str(today.day))
    page.locator("#id_held_on_month").fill(str(today.month))
    page.locator("#id_held_on_year").fill(str(today.year))
    page.get_by_label("Police").check()
    page.get_by_label("Children's social care").check()
    page.get_by_label("What to do if the child goes missing again").fill("Ring the aunt")
    page.get_by_role("button", name="Save the meeting").click()
    page.get_by_text("Missing intervention meeting recorded").wait_for()
    page.get_by_text("No child you can see has an open missing trigger").wait_for()

    web.goto("/missing/now/")
    page.get_by_text("0 children are missing now").wait_for()
    web.goto("/")
    page.locator("#missing-lists").wait_for()
