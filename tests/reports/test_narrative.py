"""The sentences that open each section of the printable report."""

import json

from lantern.reports.narrative import change_sentence, comparison_text, report_narrative
from tests.conftest import SAMPLE_DIR


def test_a_rise_gives_the_percentage_and_both_figures():
    assert (
        change_sentence("Referrals", 385, 368)
        == "Referrals rose 4.6% on the previous period, from 368 to 385."
    )


def test_a_fall_gives_the_percentage_and_both_figures():
    assert (
        change_sentence("Missing episodes", 90, 120)
        == "Missing episodes fell 25% on the previous period, from 120 to 90."
    )


def test_no_change_says_so():
    assert (
        change_sentence("NRM referrals", 12, 12)
        == "NRM referrals stayed the same on the previous period, at 12."
    )


def test_a_rise_from_zero_has_no_percentage():
    assert (
        change_sentence("NRM referrals", 3, 0)
        == "NRM referrals rose from none on the previous period to 3."
    )


def test_a_fall_to_zero_says_none():
    assert (
        change_sentence("Screenings", 0, 8)
        == "Screenings fell on the previous period, from 8 to none."
    )


def test_large_rises_read_as_whole_percentages_with_thousands_separators():
    assert change_sentence("Assessments", 1150, 86) == (
        "Assessments rose 1,237% on the previous period, from 86 to 1,150."
    )


def test_hidden_small_numbers_are_never_compared():
    sentence = change_sentence("NRM referrals", "<5", 9)
    assert "fewer than 5" in sentence and "9" not in sentence


def test_every_section_has_sentences_against_the_previous_period():
    report = json.loads((SAMPLE_DIR / "expected" / "2021-02.json").read_text())
    previous = json.loads((SAMPLE_DIR / "expected" / "2021-01.json").read_text())
    narrative = report_narrative(report, previous)
    assert set(narrative) == {"exploitation", "missing", "activity", "op_met", "nrm"}
    assert all(narrative.values())
    assert "1 January 2021 to 31 January 2021" in comparison_text(previous)


def test_without_a_previous_period_there_is_no_narrative():
    report = json.loads((SAMPLE_DIR / "expected" / "2021-02.json").read_text())
    assert report_narrative(report, None)["missing"] == []
