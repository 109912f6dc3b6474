"""The worklist rule, `outstanding_as_of(moment)`: of the interviews covering an episode,
one completed by the moment decides, otherwise the one offered last (domain.md)."""

from lantern.missing.models import InterviewEpisode, ReturnInterview
from lantern.missing.selectors import outstanding_as_of
from tests.missing.conftest import at


def interview(child, episode, outcome, offered, completed=None):
    n = ReturnInterview.objects.count() + 1
    i = ReturnInterview.objects.create(
        source_id=f"RI{n}", child=child, outcome=outcome,
        offered_at=offered, completed_at=completed,
    )  # fmt: skip
    InterviewEpisode.objects.create(interview=i, episode=episode)
    return i


def ids(moment) -> list[str]:
    return list(outstanding_as_of(moment).values_list("source_id", flat=True))


def test_a_returned_episode_with_no_interview_is_outstanding(child, make_episode):
    make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20), source_id="E1")
    assert ids(at(2024, 6, 2, 9)) == ["E1"]


def test_an_episode_returned_after_the_moment_or_still_open_is_not_listed(child, make_episode):
    make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 3, 20), source_id="E1")
    make_episode(child, at(2024, 6, 4, 9), source_id="E2")
    assert ids(at(2024, 6, 2, 9)) == []
    assert ids(at(2024, 6, 3, 20)) == ["E1"]  # ended at the moment: on the list


def test_a_decline_followed_by_a_later_offer_is_still_outstanding(child, make_episode):
    e = make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20), source_id="E1")
    interview(child, e, "declined_child", at(2024, 6, 2, 9))
    assert ids(at(2024, 6, 3, 9)) == []
    interview(child, e, "outstanding", at(2024, 6, 3, 10))
    assert ids(at(2024, 6, 3, 12)) == ["E1"]


def test_an_interview_completed_after_the_moment_leaves_it_outstanding(child, make_episode):
    e = make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20), source_id="E1")
    interview(child, e, "completed", at(2024, 6, 2, 9), completed=at(2024, 6, 4, 15))
    assert ids(at(2024, 6, 4, 14, 59)) == ["E1"]
    assert ids(at(2024, 6, 4, 15)) == []  # completed at the moment: done


def test_one_interview_covering_two_episodes_settles_both(child, make_episode):
    one = make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20), source_id="E1")
    two = make_episode(child, at(2024, 6, 2, 9), at(2024, 6, 2, 20), source_id="E2")
    i = interview(child, one, "completed", at(2024, 6, 3, 9), completed=at(2024, 6, 3, 10))
    InterviewEpisode.objects.create(interview=i, episode=two, position=1)
    assert ids(at(2024, 6, 5, 9)) == []
