"""Screenings (tools `screening`, `cserq4`) are counted apart and take part in no other rule."""

from datetime import date

import pytest

from lantern.reports.selectors import figure_records
from lantern.risk.selectors import op_met_children
from tests.counting_helpers import a_child, an_assessment, report

pytestmark = pytest.mark.django_db


def test_a_screening_counts_only_as_a_screening():
    child = a_child()
    an_assessment(child, "2020-11-03", "high", tool="screening", types=("cse",))
    an_assessment(child, "2020-11-04", "medium", tool="cserq4")

    figures = report("2020-11-01", "2020-11-30")

    assert figures["exploitation"]["screenings"] == 2
    assert figures["exploitation"]["assessments"] == 0
    assert figures["exploitation"]["by_level"]["high"] == 0
    assert figures["exploitation"]["by_type"]["cse"] == 0
    assert figures["op_met"]["high"] == 0


def test_a_full_assessment_after_a_screening_is_still_new():
    child = a_child()
    an_assessment(child, "2020-10-01", "high", tool="screening")
    an_assessment(child, "2020-11-05", "medium", tool="seraf")

    figures = report("2020-11-01", "2020-11-30")

    assert figures["exploitation"]["by_reason"] == {"new": 1, "re_referral": 0, "review": 0}
    assert figures["risk_changes"]["increased"]["none_to_medium"] == 0
    assert sum(figures["risk_changes"]["reduced"].values()) == 0


def test_a_later_screening_does_not_change_the_childs_op_met_level():
    child = a_child()
    an_assessment(child, "2020-10-01", "medium")
    an_assessment(child, "2020-11-10", "none", tool="screening")

    assert list(op_met_children(date(2020, 11, 30)).values_list("current_level", flat=True)) == [
        "medium"
    ]


def test_the_screenings_figure_lists_the_screenings_behind_it():
    child = a_child()
    screening = an_assessment(child, "2020-11-03", "low", tool="screening")
    an_assessment(child, "2020-11-04", "low")

    records = figure_records(
        "exploitation.screenings", date_from=date(2020, 11, 1), date_to=date(2020, 11, 30)
    )

    assert list(records) == [screening]
