"""The Op MET list as at a date: under 18, current level low, medium or high."""

from datetime import date

import pytest

from lantern.reports.selectors import figure_records
from lantern.risk.selectors import op_met_children
from tests.counting_helpers import a_child, an_assessment, report

pytestmark = pytest.mark.django_db


def on_list(as_of: str) -> dict:
    return op_met(as_of)


def op_met(as_of: str, **kwargs) -> dict:
    return report("2020-11-01", as_of, **kwargs)["op_met"]


def test_the_latest_assessment_on_or_before_the_date_sets_the_level():
    child = a_child()
    an_assessment(child, "2020-06-01", "low")
    an_assessment(child, "2020-11-30", "high")
    an_assessment(child, "2020-12-01", "none")

    figures = op_met("2020-11-30")

    assert (figures["as_of"], figures["high"], figures["medium"], figures["low"]) == (
        "2020-11-30",
        1,
        0,
        0,
    )


def test_a_review_that_sets_the_level_to_none_takes_the_child_off_the_list():
    child = a_child()
    an_assessment(child, "2020-06-01", "high")
    an_assessment(child, "2020-11-10", "none")

    assert op_met("2020-11-30")["high"] == 0


def test_a_child_turning_18_drops_off_the_list_on_their_birthday():
    child = a_child(date_of_birth=date(2002, 11, 30))
    an_assessment(child, "2020-06-01", "medium")

    assert op_met("2020-11-29")["medium"] == 1
    assert op_met("2020-11-30")["medium"] == 0


def test_a_child_born_on_29_february_is_under_18_until_1_march():
    child = a_child(date_of_birth=date(2004, 2, 29))
    an_assessment(child, "2021-06-01", "low")

    assert op_met_children(date(2022, 2, 28)).count() == 1
    assert op_met_children(date(2022, 3, 1)).count() == 0


def test_trafficked_counts_trafficking_or_modern_slavery_in_the_current_assessment():
    an_assessment(a_child(), "2020-11-02", "high", types=("trafficking",))
    an_assessment(a_child(), "2020-11-02", "low", types=("modern_slavery", "cce"))
    was = a_child()
    an_assessment(was, "2020-07-02", "high", types=("trafficking",))
    an_assessment(was, "2020-10-02", "high", types=("cce",))

    assert op_met("2020-11-30")["trafficked"] == 2


def test_new_counts_children_whose_first_assessment_ever_is_in_that_month():
    an_assessment(a_child(), "2020-11-02", "high")
    older = a_child()
    an_assessment(older, "2020-08-02", "none")
    an_assessment(older, "2020-11-02", "high")

    assert op_met("2020-11-30")["new"] == 1


def test_children_placed_by_another_authority_are_on_the_list_by_district():
    an_assessment(a_child(placing_authority="Dorset", district="Havant"), "2020-11-02", "high")
    an_assessment(a_child(district="Eastleigh"), "2020-11-02", "low")

    figures = op_met("2020-11-30")

    assert figures["by_district"] == {
        "Eastleigh": {"high": 0, "medium": 0, "low": 1},
        "Havant": {"high": 1, "medium": 0, "low": 0},
    }
    assert op_met("2020-11-30", district="Havant")["low"] == 0


def test_the_high_figure_lists_its_children():
    child = a_child()
    an_assessment(child, "2020-11-02", "high")
    an_assessment(a_child(), "2020-11-02", "low")

    records = figure_records("op_met.high", date_from=date(2020, 11, 1), date_to=date(2020, 11, 30))

    assert list(records) == [child]
