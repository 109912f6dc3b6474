"""Op MET month-end rows: the Op MET rule at every whole month end inside the period."""

from datetime import date

import pytest

from lantern.reports.selectors import month_ends
from tests.counting_helpers import a_child, an_assessment, report

pytestmark = pytest.mark.django_db


def test_only_month_ends_inside_the_period_are_rows():
    assert month_ends(date(2020, 10, 15), date(2021, 1, 20)) == [
        date(2020, 10, 31),
        date(2020, 11, 30),
        date(2020, 12, 31),
    ]
    assert month_ends(date(2020, 11, 1), date(2020, 11, 29)) == []
    assert month_ends(date(2024, 2, 1), date(2024, 2, 29)) == [date(2024, 2, 29)]


def test_each_row_is_the_op_met_list_at_that_month_end():
    child = a_child()
    an_assessment(child, "2020-11-10", "high")
    an_assessment(child, "2020-12-05", "medium")

    rows = report("2020-10-01", "2020-12-31")["op_met_month_ends"]

    assert [(r["month_end"], r["high"], r["medium"], r["new"]) for r in rows] == [
        ("2020-10-31", 0, 0, 0),
        ("2020-11-30", 1, 0, 1),
        ("2020-12-31", 0, 1, 0),
    ]


def test_a_child_turning_18_leaves_the_rows_after_their_birthday():
    child = a_child(date_of_birth=date(2002, 12, 15))
    an_assessment(child, "2020-11-10", "high")

    rows = report("2020-11-01", "2020-12-31")["op_met_month_ends"]

    assert [(r["month_end"], r["high"]) for r in rows] == [("2020-11-30", 1), ("2020-12-31", 0)]
