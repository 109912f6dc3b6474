"""Published reports hide counts from 1 to 4, and a second figure where a total would tell."""

import json

import pytest

from lantern.reports.selectors import HIDDEN, SMALL, suppress_small_numbers
from tests.counting_helpers import report

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_report():
    return report("2020-11-01", "2020-11-30")


def test_counts_from_1_to_4_become_less_than_5_and_zeros_and_larger_counts_stay(empty_report):
    empty_report["nrm"] |= {"referrals": 4, "rg_positive": 1, "rg_negative": 5, "pending": 0}

    published = suppress_small_numbers(empty_report)

    assert published["nrm"]["referrals"] == SMALL == "<5"
    assert published["nrm"]["rg_positive"] == "<5"
    assert published["nrm"]["rg_negative"] == 5
    assert published["nrm"]["pending"] == 0
    assert published["period"] == empty_report["period"]
    assert published["op_met"]["as_of"] == "2020-11-30"


def test_the_next_smallest_figure_in_a_row_is_hidden_where_the_total_would_reveal_it(
    empty_report,
):
    exploitation = empty_report["exploitation"]
    exploitation["assessments"] = 30
    exploitation["by_reason"] = {"new": 3, "re_referral": 9, "review": 18}

    published = suppress_small_numbers(empty_report)

    assert published["exploitation"]["assessments"] == 30
    assert published["exploitation"]["by_reason"] == {
        "new": "<5",
        "re_referral": HIDDEN,
        "review": 18,
    }


def test_no_second_figure_is_hidden_when_two_are_already_hidden(empty_report):
    empty_report["exploitation"]["assessments"] = 20
    empty_report["exploitation"]["by_gender"] = {"male": 16, "female": 2, "other": 2, "unknown": 0}

    published = suppress_small_numbers(empty_report)

    assert published["exploitation"]["by_gender"] == {
        "male": 16,
        "female": "<5",
        "other": "<5",
        "unknown": 0,
    }


def test_return_interview_outcomes_are_protected_against_their_episode_total(empty_report):
    home = empty_report["missing"]["return_interviews"]["home"]
    home |= {"episodes": 20, "completed": 12, "declined": 6, "exceptions": 0, "outstanding": 2}
    empty_report["missing"]["episodes"] = 20

    published = suppress_small_numbers(empty_report)["missing"]["return_interviews"]["home"]

    assert published["outstanding"] == "<5"
    assert published["exceptions"] == HIDDEN  # 0 is the next smallest figure in the row
    assert published["completed"] == 12


def test_a_return_offer_rate_is_hidden_with_either_of_its_counts(empty_report):
    empty_report["activity"][0] |= {
        "return_offers": 3,
        "episodes_ended": 10,
        "return_offer_rate": 0.3,
    }

    published = suppress_small_numbers(empty_report)["activity"][0]

    assert published["return_offer_rate"] == HIDDEN


def test_the_original_report_is_left_unchanged_and_the_result_is_valid_json(empty_report):
    empty_report["nrm"]["referrals"] = 2

    published = suppress_small_numbers(empty_report)

    assert empty_report["nrm"]["referrals"] == 2
    assert json.loads(json.dumps(published)) == published
