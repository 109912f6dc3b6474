"""`lantern missing overdue` and `lantern missing triggers`, as the issue specifies, agreeing
with the pages' rules."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command

from lantern.children.models import Child
from lantern.missing.models import InterviewEpisode, ReturnInterview
from tests.missing.conftest import at


def run(*args) -> str:
    out = io.StringIO()
    call_command("missing", *args, stdout=out)
    return out.getvalue()


def test_overdue_lists_outstanding_episodes_at_the_moment_ola_included(child, make_episode):
    make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20), source_id="E1")
    ola = Child.objects.create(
        source_id="OLA1", date_of_birth=date(2009, 1, 1), gender="male", placing_authority="X"
    )
    make_episode(ola, at(2024, 6, 3, 9), at(2024, 6, 3, 12), source_id="E2")
    done = make_episode(child, at(2024, 6, 2, 9), at(2024, 6, 2, 10), source_id="E3")
    i = ReturnInterview.objects.create(
        source_id="I1", child=child, outcome="completed",
        offered_at=at(2024, 6, 2, 12), completed_at=at(2024, 6, 5, 9),
    )  # fmt: skip
    InterviewEpisode.objects.create(interview=i, episode=done)
    data = json.loads(run("overdue", "--as-of", "2024-06-04T22:00"))
    assert data["as_of"] == "2024-06-04T22:00"
    assert data["interviews"] == [
        {"episode_id": "E1", "child_id": "MC001", "ended_at": "2024-06-01T21:00",
         "hours_since_return": 73, "status": "overdue", "ola": False},
        {"episode_id": "E3", "child_id": "MC001", "ended_at": "2024-06-02T11:00",
         "hours_since_return": 59, "status": "due_soon", "ola": False},
        {"episode_id": "E2", "child_id": "OLA1", "ended_at": "2024-06-03T13:00",
         "hours_since_return": 33, "status": "due", "ola": True},
    ]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(run("overdue", "--as-of", "2024-06-05T10:00",
                                               "--format", "csv"))))  # fmt: skip
    assert [r["episode_id"] for r in rows] == ["E1", "E2"]  # E3 completed by then
    assert rows[1]["ola"] == "true"


def test_triggers_lists_children_with_three_starts_and_whether_a_meeting_was_held(
    child, make_episode
):
    for start in (at(2023, 1, 1, 10), at(2023, 2, 1, 10), at(2023, 3, 1, 10)):
        make_episode(child, start, start + timedelta(hours=2))
    data = json.loads(run("triggers", "--as-of", "2023-03-01"))
    assert data == {
        "as_of": "2023-03-01",
        "children": [
            {"child_id": "MC001", "episodes_in_90_days": 3,
             "first_start": "2023-01-01T10:00", "meeting_held": False}
        ],
    }  # fmt: skip
    text = run("triggers", "--as-of", "2023-03-01", "--format", "csv")
    assert text.splitlines() == [
        "child_id,episodes_in_90_days,first_start,meeting_held",
        "MC001,3,2023-01-01T10:00,false",
    ]


def test_a_bad_as_of_is_a_clear_error():
    with pytest.raises(CommandError, match="not a date and time"):
        run("overdue", "--as-of", "yesterday")
    with pytest.raises(CommandError, match="not a date"):
        run("triggers", "--as-of", "3 June")
