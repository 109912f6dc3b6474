"""Missing episodes by the child's age band at the episode's UK start date, and distinct
children missing from home and from care."""

from datetime import date

import pytest

from lantern.missing.selectors import children_missing_from_home_and_care, episodes_by_age_band
from tests.counting_helpers import a_child, an_episode

pytestmark = pytest.mark.django_db

NOVEMBER = (date(2020, 11, 1), date(2020, 11, 30))


def test_the_age_band_is_the_age_on_the_uk_date_the_episode_started():
    # 14th birthday on 3 November 2020: 23:30 UK on the 2nd is still 13.
    child = a_child(date_of_birth=date(2006, 11, 3))
    an_episode(child, "2020-11-02T23:30", "2020-11-02T23:50")
    an_episode(child, "2020-11-03T00:00")

    bands = episodes_by_age_band(*NOVEMBER)

    assert bands["12_to_13"] == 1
    assert bands["14_to_15"] == 1
    assert sum(bands.values()) == 2


def test_the_bands_add_up_to_every_episode_including_those_over_17():
    an_episode(a_child(date_of_birth=date(2010, 1, 1)), "2020-11-05T10:00")
    an_episode(a_child(date_of_birth=date(2003, 11, 10)), "2020-11-10T10:00")  # turns 17
    an_episode(a_child(date_of_birth=date(2002, 11, 10)), "2020-11-10T10:00")  # turns 18

    assert episodes_by_age_band(*NOVEMBER) == {
        "under_12": 1,
        "12_to_13": 0,
        "14_to_15": 0,
        "16_to_17": 1,
        "18_or_over": 1,
    }


def test_after_the_clock_change_the_uk_date_decides_the_period_and_the_age():
    # 25 October 2020: clocks went back. 00:30 UK on 1 November is 00:30 UTC, in November.
    child = a_child(date_of_birth=date(2008, 11, 1))
    an_episode(child, "2020-10-31T23:59", "2020-11-01T00:10")  # October: not counted
    an_episode(child, "2020-11-01T00:30")  # 12 on the day

    assert episodes_by_age_band(*NOVEMBER)["12_to_13"] == 1
    assert sum(episodes_by_age_band(*NOVEMBER).values()) == 1


def test_a_child_missing_from_home_and_from_care_counts_once_in_each():
    both = a_child()
    an_episode(both, "2020-11-02T20:00", "2020-11-02T21:00")
    an_episode(both, "2020-11-03T20:00", "2020-11-03T21:00")
    an_episode(both, "2020-11-04T20:00", missing_from="care", placement_type="foster")
    an_episode(a_child(), "2020-11-05T20:00", missing_from="care", placement_type="foster")

    assert children_missing_from_home_and_care(*NOVEMBER) == {"home": 1, "care": 2}
