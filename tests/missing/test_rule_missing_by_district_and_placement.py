"""Missing episodes by the child's district and by where the child went missing from."""

from datetime import date

import pytest

from lantern.missing.selectors import (
    episodes_by_day_and_hour,
    episodes_by_district,
    episodes_by_placement_type,
    episodes_in_group,
)
from tests.counting_helpers import a_child, an_episode

pytestmark = pytest.mark.django_db

NOVEMBER = (date(2020, 11, 1), date(2020, 11, 30))


def test_episodes_are_counted_by_the_childs_district_with_not_recorded_last():
    havant = a_child(district="Havant")
    an_episode(havant, "2020-11-02T20:00", "2020-11-02T22:00")
    an_episode(havant, "2020-11-09T20:00", "2020-11-09T22:00")
    an_episode(a_child(district="Eastleigh"), "2020-11-03T20:00")
    an_episode(a_child(district=""), "2020-11-04T20:00")

    assert episodes_by_district(*NOVEMBER) == [
        ("Eastleigh", 1),
        ("Havant", 2),
        ("Not recorded", 1),
    ]


def test_by_district_counts_only_the_periods_episodes_and_leaves_out_ola_children():
    an_episode(a_child(district="Havant"), "2020-10-31T23:59")  # October, UK time
    an_episode(a_child(district="Havant", placing_authority="Dorset"), "2020-11-02T20:00")
    an_episode(a_child(district="Havant"), "2020-11-30T23:59")

    assert episodes_by_district(*NOVEMBER) == [("Havant", 1)]


def test_a_district_cell_lists_its_episodes():
    wanted = an_episode(a_child(district=""), "2020-11-04T20:00")
    an_episode(a_child(district="Havant"), "2020-11-04T20:00")

    assert list(episodes_in_group(*NOVEMBER, "by_district", "Not recorded")) == [wanted]


def test_episodes_are_counted_by_home_each_placement_type_and_care_not_recorded():
    child = a_child()
    an_episode(child, "2020-11-02T20:00", "2020-11-02T21:00")
    an_episode(
        child, "2020-11-03T20:00", "2020-11-03T21:00", missing_from="care", placement_type="foster"
    )
    an_episode(
        child, "2020-11-04T20:00", "2020-11-04T21:00", missing_from="care", placement_type="foster"
    )
    an_episode(
        child,
        "2020-11-05T20:00",
        "2020-11-05T21:00",
        missing_from="care",
        placement_type="childrens_home",
    )
    an_episode(child, "2020-11-06T20:00", missing_from="care")

    figures = {key: n for key, _, n in episodes_by_placement_type(*NOVEMBER)}

    assert figures == {
        "home": 1,
        "foster": 2,
        "childrens_home": 1,
        "semi_independent": 0,
        "secure": 0,
        "other": 0,
        "care_not_recorded": 1,
    }


def test_an_episode_from_home_counts_as_home_whatever_placement_it_carries():
    an_episode(a_child(), "2020-11-02T20:00", placement_type="foster")

    figures = {key: n for key, _, n in episodes_by_placement_type(*NOVEMBER)}

    assert figures["home"] == 1 and figures["foster"] == 0


def test_the_placement_rows_are_labelled_in_plain_words_in_a_fixed_order():
    labels = [label for _, label, _ in episodes_by_placement_type(*NOVEMBER)]
    assert labels[0] == "Home"
    assert labels[1] == "Care: foster care"
    assert labels[-1] == "Care: placement type not recorded"


def test_a_placement_cell_lists_its_episodes():
    child = a_child()
    wanted = an_episode(child, "2020-11-06T20:00", "2020-11-06T21:00", missing_from="care")
    an_episode(
        child, "2020-11-07T20:00", "2020-11-07T21:00", missing_from="care", placement_type="secure"
    )
    an_episode(child, "2020-11-08T20:00")

    assert list(episodes_in_group(*NOVEMBER, "by_placement", "care_not_recorded")) == [wanted]
    with pytest.raises(KeyError):
        episodes_in_group(*NOVEMBER, "by_placement", "castle")


def test_each_figure_is_one_query(django_assert_num_queries):
    an_episode(a_child(), "2020-11-02T20:00")
    for figure in (episodes_by_district, episodes_by_placement_type, episodes_by_day_and_hour):
        with django_assert_num_queries(1):
            figure(*NOVEMBER)
