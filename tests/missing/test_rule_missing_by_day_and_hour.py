"""Missing episodes by the day of the week and the hour they started, in UK local time."""

from datetime import UTC, date, datetime

import pytest

from lantern.missing.models import Episode
from lantern.missing.selectors import episodes_by_day_and_hour, episodes_in_group
from tests.counting_helpers import a_child, an_episode

pytestmark = pytest.mark.django_db

MONDAY, SATURDAY, SUNDAY = 0, 5, 6


def cells(matrix) -> dict:
    """The cells that are not zero: {(day, hour): n}."""
    return {(d, h): n for d, row in enumerate(matrix) for h, n in enumerate(row) if n}


def test_the_matrix_has_a_row_for_each_day_monday_first_and_a_column_for_each_hour():
    matrix = episodes_by_day_and_hour(date(2020, 7, 1), date(2020, 7, 31))
    assert len(matrix) == 7 and all(len(row) == 24 for row in matrix)
    assert cells(matrix) == {}


def test_an_episode_starting_at_half_past_midnight_in_summer_counts_on_the_uk_day_and_hour():
    # 00:30 on Monday 6 July 2020 in BST is 23:30 UTC on Sunday 5 July.
    episode = an_episode(a_child(), "2020-07-06T00:30")
    assert episode.started_at == datetime(2020, 7, 5, 23, 30, tzinfo=UTC)

    matrix = episodes_by_day_and_hour(date(2020, 7, 1), date(2020, 7, 31))

    assert cells(matrix) == {(MONDAY, 0): 1}


def test_episodes_are_counted_not_children():
    child = a_child()
    an_episode(child, "2020-07-04T22:10", "2020-07-04T22:40")
    an_episode(child, "2020-07-04T22:50")
    an_episode(a_child(), "2020-07-11T22:05")

    assert cells(episodes_by_day_and_hour(date(2020, 7, 1), date(2020, 7, 31))) == {
        (SATURDAY, 22): 3
    }


def test_when_the_clocks_go_back_both_of_the_repeated_hours_starts_count_at_one_oclock():
    child = a_child()
    # Sunday 25 October 2020: 01:30 BST (00:30 UTC), then 01:30 GMT (01:30 UTC).
    Episode.objects.create(
        child=child,
        source_id="TMBST",
        missing_from="home",
        started_at=datetime(2020, 10, 25, 0, 30, tzinfo=UTC),
        ended_at=datetime(2020, 10, 25, 0, 45, tzinfo=UTC),
    )
    Episode.objects.create(
        child=child,
        source_id="TMGMT",
        missing_from="home",
        started_at=datetime(2020, 10, 25, 1, 30, tzinfo=UTC),
    )

    assert cells(episodes_by_day_and_hour(date(2020, 10, 1), date(2020, 10, 31))) == {
        (SUNDAY, 1): 2
    }


def test_when_the_clocks_go_forward_the_skipped_hour_has_no_starts():
    child = a_child()
    # Sunday 29 March 2020: 00:59 UTC is 00:59 GMT; 01:00 UTC is already 02:00 BST.
    Episode.objects.create(
        child=child,
        source_id="TMGMT1",
        missing_from="home",
        started_at=datetime(2020, 3, 29, 0, 59, tzinfo=UTC),
        ended_at=datetime(2020, 3, 29, 1, 0, tzinfo=UTC),
    )
    Episode.objects.create(
        child=child,
        source_id="TMBST1",
        missing_from="home",
        started_at=datetime(2020, 3, 29, 1, 0, tzinfo=UTC),
    )

    assert cells(episodes_by_day_and_hour(date(2020, 3, 1), date(2020, 3, 31))) == {
        (SUNDAY, 0): 1,
        (SUNDAY, 2): 1,
    }


def test_the_period_begins_and_ends_at_uk_midnight():
    an_episode(a_child(), "2020-07-05T23:59")  # Sunday, the day before
    an_episode(a_child(), "2020-07-06T00:00")  # Monday's first minute (23:00 UTC Sunday)
    an_episode(a_child(), "2020-07-06T23:59")  # Monday's last minute
    an_episode(a_child(), "2020-07-07T00:00")  # Tuesday, the day after

    monday = date(2020, 7, 6)

    assert cells(episodes_by_day_and_hour(monday, monday)) == {(MONDAY, 0): 1, (MONDAY, 23): 1}


def test_episodes_of_children_placed_by_another_authority_are_left_out():
    an_episode(a_child(placing_authority="Dorset"), "2020-07-06T10:00")
    assert cells(episodes_by_day_and_hour(date(2020, 7, 1), date(2020, 7, 31))) == {}


def test_a_district_narrows_the_matrix_to_its_children():
    an_episode(a_child(district="Havant"), "2020-07-06T10:00")
    an_episode(a_child(district="Eastleigh"), "2020-07-06T11:00")

    matrix = episodes_by_day_and_hour(date(2020, 7, 1), date(2020, 7, 31), "Eastleigh")

    assert cells(matrix) == {(MONDAY, 11): 1}


def test_a_cell_lists_the_episodes_behind_it_by_the_same_uk_day_and_hour():
    wanted = an_episode(a_child(), "2020-07-06T00:30")
    an_episode(a_child(), "2020-07-05T23:30")

    episodes = episodes_in_group(date(2020, 7, 1), date(2020, 7, 31), "by_day_hour", "1-0")

    assert list(episodes) == [wanted]
    with pytest.raises(KeyError):
        episodes_in_group(date(2020, 7, 1), date(2020, 7, 31), "by_day_hour", "8-0")
