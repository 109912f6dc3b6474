"""A trigger opens on the day of a third start within 90 x 24 hours of the first of three,
and stays open until a missing intervention meeting is held on or after that day."""

from datetime import date, timedelta

from lantern.missing.selectors import trigger_open
from tests.missing.conftest import at

STARTS = [at(2024, 1, 1, 10), at(2024, 2, 1, 10), at(2024, 3, 1, 10)]


def test_a_third_start_within_90_days_opens_a_trigger_on_its_day():
    trigger = trigger_open("c", STARTS, [])
    assert trigger.opened_on == date(2024, 3, 1)
    assert trigger.first_start == STARTS[0]


def test_a_third_start_more_than_90_days_after_the_first_opens_none():
    late = [STARTS[0], STARTS[1], STARTS[0] + timedelta(days=90, seconds=1)]
    assert trigger_open("c", late, []) is None
    assert trigger_open("c", late[:2] + [STARTS[0] + timedelta(days=90)], []) is not None


def test_a_trigger_older_than_90_days_stays_open_until_a_meeting():
    assert trigger_open("c", STARTS, []).opened_on == date(2024, 3, 1)  # long ago, still open
    assert trigger_open("c", STARTS, [date(2024, 2, 28)]) is not None  # before it opened
    assert trigger_open("c", STARTS, [date(2024, 3, 1)]) is None  # on the day it opened


def test_after_the_meeting_a_new_trigger_needs_three_new_starts():
    meeting = date(2024, 3, 10)
    later = STARTS + [at(2024, 3, 20, 10), at(2024, 4, 1, 10)]
    assert trigger_open("c", later, [meeting]) is None  # two new starts only
    third = later + [at(2024, 4, 15, 10)]
    assert trigger_open("c", third, [meeting]).opened_on == date(2024, 4, 15)
