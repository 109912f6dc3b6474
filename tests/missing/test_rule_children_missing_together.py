"""Children missing together: episodes of two children that overlap in time."""

from datetime import UTC, date, datetime

import pytest

from lantern.children.models import Child
from lantern.missing.models import Episode
from lantern.missing.selectors import children_missing_together


@pytest.fixture
def child(db):
    def make(ref: str) -> Child:
        return Child.objects.create(
            source_id=ref, date_of_birth=date(2009, 1, 1), gender="male", district="Hart"
        )

    return make


def episode(child, ref, start, end=None):
    return Episode.objects.create(
        source_id=ref, child=child, started_at=start, ended_at=end, missing_from="care"
    )


def at(day, hour, minute=0):
    return datetime(2024, 6, day, hour, minute, tzinfo=UTC)


def test_two_children_missing_at_the_same_time_are_paired_once(child):
    a, b = child("B"), child("A")
    episode(a, "E1", at(1, 10), at(1, 20))
    episode(b, "E2", at(1, 12), at(1, 13))
    assert children_missing_together() == [("A", "B", 1)]


def test_episodes_starting_at_the_same_minute_count_once(child):
    a, b = child("A"), child("B")
    episode(a, "E1", at(1, 10), at(1, 20))
    episode(b, "E2", at(1, 10), at(1, 11))
    assert children_missing_together() == [("A", "B", 1)]


def test_an_episode_starting_as_the_other_ends_is_not_an_overlap(child):
    a, b = child("A"), child("B")
    episode(a, "E1", at(1, 10), at(1, 20))
    episode(b, "E2", at(1, 20), at(1, 22))
    assert children_missing_together() == []


def test_an_open_episode_overlaps_every_later_one(child):
    a, b = child("A"), child("B")
    episode(a, "E1", at(1, 10))
    episode(b, "E2", at(20, 10), at(20, 11))
    episode(b, "E3", at(25, 10), at(25, 11))
    assert children_missing_together() == [("A", "B", 2)]


def test_as_of_a_day_only_episodes_started_by_its_end_count(child):
    a, b = child("A"), child("B")
    episode(a, "E1", at(1, 10))
    episode(b, "E2", at(3, 23, 59), at(4, 2))
    assert children_missing_together(date(2024, 6, 2)) == []
    # 23:59 UTC on 3 June is 00:59 on 4 June in the UK (summer time)
    assert children_missing_together(date(2024, 6, 3)) == []
    assert children_missing_together(date(2024, 6, 4)) == [("A", "B", 1)]


def test_one_childs_own_episodes_never_pair_with_themselves(child):
    a = child("A")
    episode(a, "E1", at(1, 10), at(1, 12))
    episode(a, "E2", at(2, 10), at(2, 12))
    assert children_missing_together() == []
