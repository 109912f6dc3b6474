"""The day or month an event falls in is its UK calendar date; durations are real time."""

import pytest

from tests.counting_helpers import a_child, an_episode, an_interview, report

pytestmark = pytest.mark.django_db


def test_an_episode_at_half_past_midnight_bst_on_1_july_is_in_july():
    # 00:30 BST on 1 July is 23:30 UTC on 30 June.
    an_episode(a_child(), "2020-07-01T00:30", "2020-07-01T05:00")

    assert report("2020-06-01", "2020-06-30")["missing"]["episodes"] == 0
    assert report("2020-07-01", "2020-07-31")["missing"]["episodes"] == 1


def test_an_episode_at_half_past_eleven_on_30_june_is_in_june():
    an_episode(a_child(), "2020-06-30T23:30", "2020-07-01T05:00")

    assert report("2020-06-01", "2020-06-30")["missing"]["episodes"] == 1
    assert report("2020-07-01", "2020-07-31")["missing"]["episodes"] == 0


def test_an_episode_ending_just_after_midnight_bst_ended_in_the_new_month():
    an_episode(a_child(), "2020-06-30T22:00", "2020-07-01T00:15")

    june, july = report("2020-06-01", "2020-07-31")["activity"]

    assert june["episodes_ended"] == 0
    assert july["episodes_ended"] == 1


def test_72_hours_across_the_october_clock_change_are_72_real_hours():
    child = a_child()
    # Clocks go back at 02:00 BST on 25 October 2020: the wall clock shows 71 hours later.
    on_time = an_episode(child, "2020-10-24T12:00", "2020-10-24T18:00")
    an_interview(
        child, [on_time], "completed", offered="2020-10-25T09:00", completed="2020-10-27T17:00"
    )
    late = an_episode(a_child(), "2020-10-10T12:00", "2020-10-24T18:30")
    # 72 hours after 18:30 BST on 24 October is 17:30 GMT on 27 October: 17:31 is late.
    an_interview(
        late.child, [late], "completed", offered="2020-10-25T09:00", completed="2020-10-27T17:31"
    )

    home = report("2020-10-01", "2020-10-31")["missing"]["return_interviews"]["home"]

    assert home["completed"] == 2
    assert home["completed_in_timescale"] == 1


def test_a_repeated_autumn_hour_means_its_first_occurrence():
    # 01:30 on 25 October 2020 happens twice; the first is 00:30 UTC, still 25 October.
    an_episode(a_child(), "2020-10-25T01:30", "2020-10-25T03:00")

    assert report("2020-10-25", "2020-10-25")["missing"]["episodes"] == 1
