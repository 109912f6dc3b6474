"""The report's JSON shape (reports.md): every key, integers, a fixed number of queries."""

from datetime import date

import pytest

from lantern.reports.selectors import figure_records, performance_report
from tests.counting_helpers import a_child, an_assessment, an_episode, an_interview, report

pytestmark = pytest.mark.django_db


def some_records(n: int) -> None:
    for i in range(n):
        child = a_child(district=f"District {i % 3}", gender=("male", "female")[i % 2])
        an_assessment(child, "2020-10-02", "high")
        an_assessment(child, "2020-11-02", "medium", types=("cse", "cce"))
        episode = an_episode(
            child, f"2020-11-{i % 28 + 1:02d}T20:00", f"2020-11-{i % 28 + 1:02d}T23:00"
        )
        an_interview(
            child, [episode], "completed", offered="2020-11-29T10:00", completed="2020-11-29T12:00"
        )


def test_an_empty_database_gives_every_key_with_zeros():
    figures = report("2020-11-01", "2020-11-30")

    assert figures["period"] == {"from": "2020-11-01", "to": "2020-11-30"}
    assert figures["exploitation"]["by_reason"] == {"new": 0, "re_referral": 0, "review": 0}
    assert list(figures["exploitation"]["by_type"]) == [
        "cse", "cce", "cse_and_cce", "county_lines", "trafficking",
        "modern_slavery", "online", "radicalisation", "other",
    ]  # fmt: skip
    assert list(figures["risk_changes"]["reduced"]) == [
        "high_to_medium", "high_to_low", "high_to_none",
        "medium_to_low", "medium_to_none", "low_to_none",
    ]  # fmt: skip
    assert list(figures["risk_changes"]["increased"]) == [
        "none_to_low", "none_to_medium", "none_to_high",
        "low_to_medium", "low_to_high", "medium_to_high",
    ]  # fmt: skip
    assert figures["missing"]["return_interviews"]["care"]["outstanding"] == 0
    assert figures["activity"][0]["return_offer_rate"] == 0.0
    assert figures["op_met"] == {
        "as_of": "2020-11-30", "high": 0, "medium": 0, "low": 0,
        "trafficked": 0, "new": 0, "by_district": {},
    }  # fmt: skip
    assert figures["nrm"]["pending"] == 0


def test_activity_has_one_entry_per_calendar_month_touching_the_period():
    figures = report("2020-11-15", "2021-01-10")

    assert [m["month"] for m in figures["activity"]] == ["2020-11", "2020-12", "2021-01"]


@pytest.mark.parametrize("children", [2, 12])
def test_the_report_runs_a_fixed_number_of_queries_whatever_the_data(
    children, django_assert_max_num_queries
):
    some_records(children)

    with django_assert_max_num_queries(24):  # 21, one month end, two missing breakdown
        figures = performance_report(date_from=date(2020, 11, 1), date_to=date(2020, 11, 30))

    assert figures["exploitation"]["assessments"] == children
    assert figures["missing"]["return_interviews"]["home"]["completed"] == children


def test_every_figure_names_the_records_behind_it():
    some_records(3)
    figures = report("2020-11-01", "2020-11-30")
    period = {"date_from": date(2020, 11, 1), "date_to": date(2020, 11, 30)}

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("period", "as_of", "by_district"):
                    yield from walk(inner, (*path, key))
        elif isinstance(value, int) and path[0] != "activity":
            yield ".".join(path), value

    for name, count in walk(figures, ()):
        if name == "activity.professionals_trained":
            continue
        assert figure_records(name, **period).count() == count, name
    for name in ("nominations", "episodes_ended", "return_offers", "cases_opened"):
        assert figure_records(f"activity.{name}", **period).count() == figures["activity"][0][name]


def test_an_unknown_figure_is_refused():
    with pytest.raises(KeyError):
        figure_records("missing.nothing", date_from=date(2020, 11, 1), date_to=date(2020, 11, 30))
