"""Each episode has exactly one return interview status as at the report's end date."""

from datetime import date

import pytest

from lantern.missing.selectors import return_interview_status
from lantern.reports.selectors import figure_records
from tests.counting_helpers import a_child, an_episode, an_interview, report

pytestmark = pytest.mark.django_db

NOVEMBER = ("2020-11-01", "2020-11-30")


def statuses() -> dict:
    return dict(
        return_interview_status(date(2020, 11, 1), date(2020, 11, 30)).values_list(
            "source_id", "rhi_status"
        )
    )


def home() -> dict:
    return report(*NOVEMBER)["missing"]["return_interviews"]["home"]


def test_an_episode_no_interview_covers_is_outstanding():
    an_episode(a_child(), "2020-11-02T20:00", "2020-11-03T01:00")

    assert home() == {
        "episodes": 1,
        "completed": 0,
        "completed_in_timescale": 0,
        "declined": 0,
        "declined_by_parent": 0,
        "exceptions": 0,
        "outstanding": 1,
    }


def test_completed_within_72_hours_of_the_end_inclusive_is_in_timescale():
    child = a_child()
    exact = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00")
    an_interview(
        child, [exact], "completed", offered="2020-11-03T09:00", completed="2020-11-06T01:00"
    )
    late = an_episode(child, "2020-11-10T20:00", "2020-11-11T01:00")
    an_interview(
        child, [late], "completed", offered="2020-11-11T09:00", completed="2020-11-14T01:01"
    )

    figures = home()

    assert figures["completed"] == 2
    assert figures["completed_in_timescale"] == 1


def test_one_interview_covering_two_episodes_counts_for_each():
    child = a_child()
    first = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00")
    second = an_episode(child, "2020-11-04T20:00", "2020-11-05T01:00")
    an_interview(
        child,
        [first, second],
        "completed",
        offered="2020-11-05T09:00",
        completed="2020-11-05T15:00",
    )

    figures = home()

    assert figures["episodes"] == 2
    assert figures["completed"] == 2
    assert figures["completed_in_timescale"] == 2


def test_a_completion_after_the_reports_end_date_is_outstanding():
    child = a_child()
    an_interview(
        child,
        [an_episode(child, "2020-11-29T20:00", "2020-11-30T01:00")],
        "completed",
        offered="2020-11-30T09:00",
        completed="2020-12-01T10:00",
    )

    assert home()["outstanding"] == 1
    assert home()["completed"] == 0
    december = report("2020-11-01", "2020-12-31")["missing"]["return_interviews"]["home"]
    assert december["completed"] == 1


def test_an_interview_completed_by_the_end_decides_over_a_later_offer():
    child = a_child()
    episode = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00", source_id="E1")
    an_interview(
        child, [episode], "completed", offered="2020-11-03T09:00", completed="2020-11-04T10:00"
    )
    an_interview(child, [episode], "declined_child", offered="2020-11-08T09:00")

    assert statuses() == {"E1": "completed"}


def test_otherwise_the_interview_offered_last_decides():
    child = a_child()
    episode = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00", source_id="E1")
    an_interview(child, [episode], "exception", offered="2020-11-08T09:00")
    an_interview(child, [episode], "declined_parent", offered="2020-11-03T09:00")

    assert statuses() == {"E1": "exception"}


def test_offers_at_the_same_time_are_decided_by_the_greatest_interview_id_as_text():
    child = a_child()
    episode = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00", source_id="E1")
    an_interview(child, [episode], "exception", offered="2020-11-03T09:00", source_id="I10")
    an_interview(child, [episode], "declined_child", offered="2020-11-03T09:00", source_id="I9")

    assert statuses() == {"E1": "declined_child"}


def test_declined_by_a_parent_is_also_counted_as_declined():
    child = a_child()
    for outcome in ("declined_parent", "declined_child", "exception", "outstanding"):
        day = f"2020-11-0{len(outcome) % 9 + 1}"
        episode = an_episode(child, f"{day}T20:00", f"{day}T23:00")  # one child: no overlaps
        an_interview(child, [episode], outcome, offered="2020-11-20T09:00")

    figures = home()

    assert figures["declined"] == 2
    assert figures["declined_by_parent"] == 1
    assert figures["exceptions"] == 1
    assert figures["outstanding"] == 1
    assert figures["episodes"] == (
        figures["completed"] + figures["declined"] + figures["exceptions"] + figures["outstanding"]
    )


def test_the_outstanding_figure_lists_its_episodes():
    child = a_child()
    waiting = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00", missing_from="care")

    records = figure_records(
        "missing.return_interviews.care.outstanding",
        date_from=date(2020, 11, 1),
        date_to=date(2020, 11, 30),
    )

    assert list(records) == [waiting]
