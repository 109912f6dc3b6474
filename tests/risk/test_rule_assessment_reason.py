"""An assessment's reason: new, review or re-referral, derived when blank; recorded wins."""

from datetime import date

import pytest

from lantern.risk.selectors import assessments_in_period
from tests.counting_helpers import a_child, an_assessment, report

pytestmark = pytest.mark.django_db


def reasons(first="2020-11-01", last="2020-11-30") -> dict:
    return report(first, last)["exploitation"]["by_reason"]


def test_a_childs_first_assessment_is_new():
    an_assessment(a_child(), "2020-11-02", "high")

    assert reasons() == {"new": 1, "re_referral": 0, "review": 0}


def test_an_assessment_after_one_that_put_the_child_on_the_list_is_a_review():
    child = a_child()
    an_assessment(child, "2020-08-02", "low")
    an_assessment(child, "2020-11-02", "medium")

    assert reasons() == {"new": 0, "re_referral": 0, "review": 1}


def test_an_assessment_after_one_that_took_the_child_off_the_list_is_a_re_referral():
    child = a_child()
    an_assessment(child, "2020-05-02", "high")
    an_assessment(child, "2020-08-02", "none")
    an_assessment(child, "2020-11-02", "medium")

    assert reasons() == {"new": 0, "re_referral": 1, "review": 0}


def test_a_reason_recorded_in_the_source_data_wins_over_the_derived_one():
    child = a_child()
    an_assessment(child, "2020-08-02", "low")
    an_assessment(child, "2020-11-02", "medium", reason="new")

    assert reasons() == {"new": 1, "re_referral": 0, "review": 0}


def test_assessments_on_one_day_are_ordered_by_their_id_compared_as_text():
    child = a_child()
    # As text "TA10" comes before "TA9": TA10 is the child's first, TA9 reviews it.
    an_assessment(child, "2020-11-02", "none", source_id="TA9")
    an_assessment(child, "2020-11-02", "high", source_id="TA10")

    derived = dict(
        assessments_in_period(date(2020, 11, 1), date(2020, 11, 30)).values_list(
            "source_id", "counted_reason"
        )
    )

    assert derived == {"TA10": "new", "TA9": "review"}


def test_assessments_of_children_placed_by_another_authority_are_counted():
    an_assessment(a_child(placing_authority="Dorset"), "2020-11-02", "high")

    figures = report("2020-11-01", "2020-11-30")["exploitation"]

    assert figures["assessments"] == 1
    assert figures["by_district"] == {"Havant": 1}


def test_an_assessment_counts_in_the_period_of_its_completion_date():
    child = a_child()
    an_assessment(child, "2020-10-31", "low")
    an_assessment(child, "2020-11-30", "low")
    an_assessment(child, "2020-12-01", "low")

    assert report("2020-11-01", "2020-11-30")["exploitation"]["assessments"] == 1


def test_gender_and_exploitation_types_count_assessments():
    boy = a_child(gender="male")
    an_assessment(boy, "2020-11-02", "high", types=("cse", "cce"))
    an_assessment(boy, "2020-11-20", "high", types=("cce", "county_lines"))
    an_assessment(a_child(gender="female"), "2020-11-03", "low", types=("cse",))

    figures = report("2020-11-01", "2020-11-30")["exploitation"]

    assert figures["by_gender"] == {"male": 2, "female": 1, "other": 0, "unknown": 0}
    assert figures["by_type"]["cse"] == 2
    assert figures["by_type"]["cce"] == 2
    assert figures["by_type"]["cse_and_cce"] == 1
    assert figures["by_type"]["county_lines"] == 1
    assert figures["by_level"] == {"none": 0, "low": 1, "medium": 0, "high": 2}
