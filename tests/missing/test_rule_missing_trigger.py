"""Missing trigger: 3 episodes starting within 90 x 24 hours, the third within the period."""

from datetime import date

import pytest

from lantern.missing.selectors import children_meeting_missing_trigger
from tests.counting_helpers import a_child, an_episode, report

pytestmark = pytest.mark.django_db


def triggered(first="2020-11-01", last="2020-11-30") -> int:
    return report(first, last)["missing"]["children_meeting_trigger"]


def test_the_third_episode_exactly_90_days_after_the_first_triggers():
    child = a_child()
    an_episode(child, "2020-09-01T12:00", "2020-09-01T18:00")
    an_episode(child, "2020-10-01T12:00", "2020-10-01T18:00")
    # 90 x 24 real hours after 12:00 BST on 1 September is 11:00 GMT on 30 November.
    an_episode(child, "2020-11-30T11:00", "2020-11-30T18:00")

    assert triggered() == 1


def test_a_third_episode_a_minute_past_90_days_does_not_trigger():
    child = a_child()
    an_episode(child, "2020-09-01T12:00", "2020-09-01T18:00")
    an_episode(child, "2020-10-01T12:00", "2020-10-01T18:00")
    an_episode(child, "2020-11-30T11:01", "2020-11-30T18:00")

    assert triggered() == 0


def test_the_child_is_counted_in_the_period_of_the_third_episode_only():
    child = a_child()
    for day in ("2020-10-20", "2020-10-25", "2020-11-02", "2020-11-06"):
        an_episode(child, f"{day}T20:00", f"{day}T23:00")

    assert triggered("2020-10-01", "2020-10-31") == 0
    assert triggered() == 1
    assert triggered("2020-12-01", "2020-12-31") == 0


def test_children_placed_by_another_authority_are_left_out():
    child = a_child(placing_authority="Dorset")
    for day in ("2020-11-02", "2020-11-04", "2020-11-06"):
        an_episode(child, f"{day}T20:00", f"{day}T23:00")

    assert triggered() == 0


def test_children_meeting_the_trigger_lists_each_child_once():
    child = a_child()
    for day in ("2020-11-02", "2020-11-04", "2020-11-06", "2020-11-08"):
        an_episode(child, f"{day}T20:00", f"{day}T23:00")

    assert list(children_meeting_missing_trigger(date(2020, 11, 1), date(2020, 11, 30))) == [child]
