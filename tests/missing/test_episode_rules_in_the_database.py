"""The database itself keeps the episode rules, whatever path the data takes."""

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, connection, transaction

from lantern.children.models import Child
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview

pytestmark = pytest.mark.django_db(transaction=False)


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2024, 5, day, hour, tzinfo=UTC)


def child(ref: str) -> Child:
    return Child.objects.create(source_id=ref, date_of_birth=date(2009, 1, 1), gender="female")


def episode(ref: str, who: Child, start: datetime, end: datetime | None) -> Episode:
    return Episode.objects.create(
        source_id=ref, child=who, started_at=start, ended_at=end, missing_from="home"
    )


def refused(make) -> bool:
    """True when the database refuses the write (deferred rules checked at once)."""
    try:
        with transaction.atomic():
            make()
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    except IntegrityError:
        return True
    return False


def test_overlapping_episodes_of_one_child_are_refused():
    jo = child("C1")
    episode("E1", jo, at(1), at(3))
    assert refused(lambda: episode("E2", jo, at(2), at(4)))
    assert refused(lambda: episode("E3", jo, at(2), None))


def test_an_episode_still_open_refuses_a_later_one():
    jo = child("C1")
    episode("E1", jo, at(1), None)
    assert refused(lambda: episode("E2", jo, at(5), at(6)))


def test_back_to_back_episodes_and_other_children_are_allowed():
    jo, sam = child("C1"), child("C2")
    episode("E1", jo, at(1), at(3))
    assert not refused(lambda: episode("E2", jo, at(3), at(4)))
    assert not refused(lambda: episode("E3", sam, at(1), at(3)))


def test_an_interview_cannot_cover_another_childs_episode():
    jo, sam = child("C1"), child("C2")
    theirs = episode("E1", sam, at(1), at(2))
    mine = episode("E2", jo, at(1), at(2))
    interview = ReturnInterview.objects.create(source_id="I1", child=jo, outcome="outstanding")
    assert not refused(lambda: InterviewEpisode.objects.create(interview=interview, episode=mine))
    assert refused(lambda: InterviewEpisode.objects.create(interview=interview, episode=theirs))
