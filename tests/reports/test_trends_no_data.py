"""The dashboard's 8-quarter trends: a quarter before the first record of its kind has no
data (a gap, "No data"), never a zero; a rate with nothing completed has no data either."""

from datetime import date

import pytest

from lantern.reports.trends import headline_trends
from tests.counting_helpers import a_child, an_assessment, an_episode, an_interview


@pytest.mark.django_db
def test_quarters_before_the_first_record_have_no_data_and_later_empty_ones_are_zero():
    child = a_child()
    an_assessment(child, "2020-05-02", "high")
    episode = an_episode(child, "2020-11-02T10:00", "2020-11-02T20:00")
    an_interview(
        child, [episode], "completed", offered="2020-11-03T09:00", completed="2020-11-03T12:00"
    )
    rows = {r["quarter"]: r for r in headline_trends(last_day=date(2021, 3, 31))}
    assert rows["2019/20-Q4"]["assessments"] is None  # before any assessment
    assert rows["2020/21-Q1"]["assessments"] == 1
    assert rows["2020/21-Q2"]["assessments"] == 0  # after the first: a real zero
    assert rows["2020/21-Q2"]["episodes"] is None  # before the first episode
    assert rows["2020/21-Q3"]["episodes"] == 1
    assert rows["2020/21-Q3"]["in_timescale_rate"] == 1.0
    assert rows["2020/21-Q4"]["episodes"] == 0
    assert rows["2020/21-Q4"]["in_timescale_rate"] is None  # nothing completed: no rate


@pytest.mark.django_db
def test_the_dashboard_says_no_data_instead_of_zero_per_cent_of_zero(client_as):
    an_assessment(a_child(), "2020-11-02", "high")
    page = client_as("manager").get("/reports/?period=quarter&quarter=2020/21-Q3").content.decode()
    assert "No data" in page
    assert "0% (0 of 0)" not in page
