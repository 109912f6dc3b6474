"""Risk changes: each assessment compares its level with the child's one before it."""

import pytest

from tests.counting_helpers import a_child, an_assessment, report

pytestmark = pytest.mark.django_db


def test_each_change_of_level_is_counted_against_the_earlier_assessment():
    child = a_child()
    an_assessment(child, "2020-08-01", "high")
    an_assessment(child, "2020-11-02", "medium")
    an_assessment(child, "2020-11-20", "none")
    other = a_child()
    an_assessment(other, "2020-09-01", "none")
    an_assessment(other, "2020-11-05", "high")

    changes = report("2020-11-01", "2020-11-30")["risk_changes"]

    assert changes["reduced"] == {
        "high_to_medium": 1,
        "high_to_low": 0,
        "high_to_none": 0,
        "medium_to_low": 0,
        "medium_to_none": 1,
        "low_to_none": 0,
    }
    assert changes["increased"]["none_to_high"] == 1
    assert sum(changes["increased"].values()) == 1


def test_a_first_assessment_or_an_unchanged_level_is_no_change():
    an_assessment(a_child(), "2020-11-02", "high")
    child = a_child()
    an_assessment(child, "2020-10-02", "low")
    an_assessment(child, "2020-11-02", "low")

    changes = report("2020-11-01", "2020-11-30")["risk_changes"]

    assert sum(changes["reduced"].values()) + sum(changes["increased"].values()) == 0


def test_children_reviewed_counts_each_child_with_a_review_once():
    child = a_child()
    an_assessment(child, "2020-10-02", "low")
    an_assessment(child, "2020-11-02", "medium")
    an_assessment(child, "2020-11-22", "high")
    came_back = a_child()
    an_assessment(came_back, "2020-10-02", "none")
    an_assessment(came_back, "2020-11-02", "medium")

    changes = report("2020-11-01", "2020-11-30")["risk_changes"]

    assert changes["children_reviewed"] == 1
