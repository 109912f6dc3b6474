"""The co-ordinator's landing page: returned episodes with no interview outcome, oldest
return first, with the time since return and "Over 72 hours" by the missing app's rule."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.missing.selectors import return_interview_overdue
from lantern.pages.selectors import (
    AwaitingInterview,
    awaiting_interview_rows,
    episodes_awaiting_interview,
)
from tests.counting_helpers import a_child, an_episode, an_interview, uk


@pytest.mark.parametrize(
    ("hours", "shown"),
    [(1, "1 hour"), (5, "5 hours"), (80, "80 hours"), (95, "95 hours"), (96, "4 days"),
     (58243, "2,426 days")],
)  # fmt: skip
def test_time_since_return_is_in_hours_while_the_72_hour_clock_matters_then_days(hours, shown):
    row = AwaitingInterview(episode=None, hours_since_return=hours, overdue=False)
    assert row.since_return == shown


def test_at_exactly_72_hours_since_return_an_interview_is_not_yet_overdue():
    returned = uk("2020-11-02T10:00")
    assert not return_interview_overdue(returned, returned + timedelta(hours=72))
    assert return_interview_overdue(returned, returned + timedelta(hours=72, minutes=1))


def test_the_72_hours_are_real_hours_across_the_autumn_clock_change():
    """Returned 10:00 on Friday 23 October 2020; clocks went back on Sunday 25 October, so
    72 hours later the clock on the wall reads 09:00 on Monday 26 October."""
    returned = uk("2020-10-23T10:00")
    assert not return_interview_overdue(returned, uk("2020-10-26T09:00"))
    assert return_interview_overdue(returned, uk("2020-10-26T09:01"))
    # 10:00 on the wall on Monday is already 73 real hours.
    assert return_interview_overdue(returned, uk("2020-10-26T09:59"))


def test_the_72_hours_are_real_hours_across_the_spring_clock_change():
    """Clocks went forward on Sunday 29 March 2020: 72 hours after 10:00 on Friday 27 March is
    11:00 on the wall on Monday 30 March."""
    returned = uk("2020-03-27T10:00")
    assert not return_interview_overdue(returned, uk("2020-03-30T11:00"))
    assert return_interview_overdue(returned, uk("2020-03-30T11:01"))


def test_the_list_holds_returned_episodes_without_an_outcome_oldest_return_first(db, make_user):
    coordinator = make_user(Role.COORDINATOR)
    child = a_child()
    older = an_episode(child, "2020-11-01T08:00", "2020-11-01T20:00")
    newer = an_episode(child, "2020-11-03T08:00", "2020-11-03T20:00")
    an_episode(a_child(), "2020-11-05T08:00")  # still missing: no interview due yet
    settled = an_episode(child, "2020-11-06T08:00", "2020-11-06T12:00")
    an_interview(child, [settled], "completed", completed="2020-11-07T10:00")
    waiting = an_episode(child, "2020-11-08T08:00", "2020-11-08T12:00")
    an_interview(child, [waiting], "outstanding", offered="2020-11-08T15:00")
    assert list(episodes_awaiting_interview(coordinator)) == [older, newer, waiting]


def test_the_list_marks_over_72_hours_from_the_first_minute_past_them(db, make_user):
    coordinator = make_user(Role.COORDINATOR)
    at_72 = an_episode(a_child(), "2020-10-22T08:00", "2020-10-23T10:00")
    past_72 = an_episode(a_child(), "2020-10-22T20:00", "2020-10-23T09:59")
    now = uk("2020-10-26T09:00")  # 72 real hours after 10:00 on the 23rd, across the change
    rows = awaiting_interview_rows(episodes_awaiting_interview(coordinator), now)
    by_episode = {row.episode: row for row in rows}
    assert by_episode[at_72].hours_since_return == 72
    assert not by_episode[at_72].overdue
    # 72 hours and one minute: overdue, though whole hours still read 72.
    assert by_episode[past_72].hours_since_return == 72
    assert by_episode[past_72].overdue


def test_the_landing_page_shows_the_list_with_over_72_hours_marked(db, client_as):
    child = a_child(first_name="Robin", last_name="Testchild")
    an_episode(child, "2020-11-01T08:00", "2020-11-01T20:00")
    now = timezone.now()
    recent = child.episodes.create(
        source_id="TM-RECENT",
        missing_from="home",
        started_at=now - timedelta(hours=30),
        ended_at=now - timedelta(hours=5),
    )
    page = client_as(Role.COORDINATOR).get("/").content.decode()
    assert page.count("Robin Testchild") == 2
    assert page.count("Over 72 hours") == 1
    assert "5 hours" in page
    assert recent.pk
