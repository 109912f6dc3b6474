"""Meetings and actions made in the pages export with the dataset's columns only, and come
back unchanged on re-import (docs/meetings.md)."""

import csv
from datetime import date

from lantern.accounts.models import Role
from lantern.interchange.services import dataset_export, dataset_import
from lantern.meetings.models import Action
from lantern.meetings.services import action_complete, action_create, meeting_create


def rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_a_meeting_and_action_made_here_export_in_the_dataset_columns(tmp_path, make_user, child):
    colin = make_user(Role.COORDINATOR)
    meeting = meeting_create(
        by=colin, type="triage", held_on=date(2024, 6, 3), attendees=["police"], children=[child],
        decisions="Agreed",
    )  # fmt: skip
    action = action_create(
        by=colin, meeting=meeting, child=child, description="Visit", owner_user=colin,
        due_on=date(2024, 6, 10),
    )  # fmt: skip
    action_complete(action=action, by=colin)
    dataset_export(tmp_path / "out")
    actions = rows(tmp_path / "out" / "actions.csv")
    assert actions[0] == [
        "action_id", "meeting_id", "child_id", "description", "owner", "agency", "due_on",
        "completed_on",
    ]  # fmt: skip
    assert actions[1][4:7] == ["Colin Test", "social_care", "2024-06-10"]
    assert rows(tmp_path / "out" / "meetings.csv")[0] == [
        "meeting_id", "type", "held_on", "district", "title",
    ]  # fmt: skip
    dataset_import(tmp_path / "out")
    action.refresh_from_db()
    assert action.owner_user == colin and action.completed_by == colin
    assert Action.objects.count() == 1
