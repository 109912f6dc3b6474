"""What changed on the Op MET list since the last meeting: joined, left, level up or down,
turned 18; and month-end snapshots freeze the rule's answer."""

from datetime import date

import pytest

from lantern.audit.models import AuditEntry
from lantern.risk.models import OpMetSnapshot
from lantern.risk.selectors import op_met_changes, op_met_rows, snapshot_rows
from lantern.risk.services import take_month_end_snapshot
from tests.counting_helpers import a_child, an_assessment

pytestmark = pytest.mark.django_db


def changes(before: str, now: str) -> dict:
    return op_met_changes(
        op_met_rows(date.fromisoformat(before)), op_met_rows(date.fromisoformat(now))
    )


def test_a_child_first_assessed_since_joined_the_list():
    child = a_child()
    an_assessment(child, "2020-11-10", "medium")
    assert changes("2020-10-31", "2020-11-30")["joined"] == [child.pk]


def test_a_level_set_to_none_means_the_child_left():
    child = a_child()
    an_assessment(child, "2020-06-01", "high")
    an_assessment(child, "2020-11-10", "none")
    assert changes("2020-10-31", "2020-11-30")["left"] == [child.pk]


def test_level_up_and_level_down():
    riser, faller = a_child(), a_child()
    an_assessment(riser, "2020-06-01", "low")
    an_assessment(riser, "2020-11-10", "high")
    an_assessment(faller, "2020-06-01", "high")
    an_assessment(faller, "2020-11-10", "medium")
    result = changes("2020-10-31", "2020-11-30")
    assert (result["up"], result["down"], result["joined"], result["left"]) == (
        [riser.pk],
        [faller.pk],
        [],
        [],
    )


def test_turning_18_means_the_child_left_on_their_birthday():
    child = a_child(date_of_birth=date(2002, 11, 30))
    an_assessment(child, "2020-06-01", "medium")
    assert changes("2020-10-31", "2020-11-29")["left"] == []
    assert changes("2020-10-31", "2020-11-30")["left"] == [child.pk]


def test_a_snapshot_freezes_the_rule_and_is_taken_once():
    child = a_child()
    an_assessment(child, "2020-06-01", "high")
    snapshot, created = take_month_end_snapshot(date(2020, 10, 31))
    assert created
    an_assessment(child, "2020-10-15", "none")  # recorded late: the snapshot stays as it was
    again, created_again = take_month_end_snapshot(date(2020, 10, 31))
    assert (again.pk, created_again) == (snapshot.pk, False)
    assert list(snapshot_rows(snapshot)) == [child.pk]
    assert snapshot_rows(snapshot)[child.pk]["level"] == "high"
    assert OpMetSnapshot.objects.count() == 1
    assert AuditEntry.objects.filter(object_type="op_met_snapshot").count() == 1


def test_changes_since_a_snapshot_use_its_frozen_rows():
    child = a_child()
    an_assessment(child, "2020-06-01", "low")
    snapshot, _ = take_month_end_snapshot(date(2020, 10, 31))
    an_assessment(child, "2020-11-10", "high")
    assert op_met_changes(snapshot_rows(snapshot), op_met_rows(date(2020, 11, 30)))["up"] == [
        child.pk
    ]
