"""A missing episode counts in the period it started; OLA children's episodes are counted apart."""

from datetime import date

import pytest

from lantern.missing.selectors import children_missing_in_period
from lantern.reports.selectors import figure_records
from tests.counting_helpers import a_child, an_episode, report

pytestmark = pytest.mark.django_db


def test_an_episode_counts_in_the_month_it_started_not_the_month_it_ended():
    child = a_child()
    an_episode(child, "2020-10-31T22:00", "2020-11-01T03:00")
    an_episode(child, "2020-11-30T22:00", "2020-12-01T03:00")

    assert report("2020-10-01", "2020-10-31")["missing"]["episodes"] == 1
    assert report("2020-11-01", "2020-11-30")["missing"]["episodes"] == 1


def test_children_who_went_missing_are_counted_once_each_by_gender():
    girl, boy = a_child(gender="female"), a_child(gender="male")
    an_episode(girl, "2020-11-02T20:00", "2020-11-03T01:00")
    an_episode(girl, "2020-11-12T20:00", "2020-11-13T01:00")
    an_episode(boy, "2020-11-05T20:00", "2020-11-06T01:00", missing_from="care")

    missing = report("2020-11-01", "2020-11-30")["missing"]

    assert missing["episodes"] == 3
    assert missing["children"] == 2
    assert missing["children_by_gender"] == {"male": 1, "female": 1, "other": 0, "unknown": 0}
    assert missing["return_interviews"]["home"]["episodes"] == 2
    assert missing["return_interviews"]["care"]["episodes"] == 1


def test_episodes_of_children_placed_by_another_authority_are_left_out_and_counted_apart():
    placed_here = a_child(placing_authority="Dorset")
    ours = a_child()
    an_episode(placed_here, "2020-11-02T20:00", "2020-11-03T01:00")
    an_episode(ours, "2020-11-02T20:00", "2020-11-03T01:00")

    missing = report("2020-11-01", "2020-11-30")["missing"]

    assert missing["episodes"] == 1
    assert missing["children"] == 1
    assert missing["ola_episodes"] == 1
    assert missing["return_interviews"]["home"]["episodes"] == 1
    assert list(children_missing_in_period(date(2020, 11, 1), date(2020, 11, 30))) == [ours]


def test_a_district_report_counts_only_that_districts_children():
    an_episode(a_child(district="Havant"), "2020-11-02T20:00")
    an_episode(a_child(district="Eastleigh"), "2020-11-02T20:00")

    assert report("2020-11-01", "2020-11-30", district="Eastleigh")["missing"]["episodes"] == 1


def test_the_episodes_figure_lists_the_episodes_behind_it():
    child = a_child()
    episode = an_episode(child, "2020-11-02T20:00")
    an_episode(a_child(placing_authority="Dorset"), "2020-11-02T20:00")

    records = figure_records(
        "missing.episodes", date_from=date(2020, 11, 1), date_to=date(2020, 11, 30)
    )

    assert list(records) == [episode]
