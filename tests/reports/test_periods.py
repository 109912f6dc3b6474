"""Report periods: --from/--to, financial quarters and years, months; the previous period."""

from datetime import date

import pytest

from lantern.reports.periods import months_touching, parse_period, previous_period


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"from_": "2024-04-01", "to": "2024-06-30"}, (date(2024, 4, 1), date(2024, 6, 30))),
        ({"quarter": "2024/25-Q1"}, (date(2024, 4, 1), date(2024, 6, 30))),
        ({"quarter": "2024/25-Q2"}, (date(2024, 7, 1), date(2024, 9, 30))),
        ({"quarter": "2024/25-Q3"}, (date(2024, 10, 1), date(2024, 12, 31))),
        ({"quarter": "2024/25-q4"}, (date(2025, 1, 1), date(2025, 3, 31))),
        ({"year": "2024/25"}, (date(2024, 4, 1), date(2025, 3, 31))),
        ({"year": "1999/00"}, (date(1999, 4, 1), date(2000, 3, 31))),
        ({"month": "2020-11"}, (date(2020, 11, 1), date(2020, 11, 30))),
        ({"month": "2024-02"}, (date(2024, 2, 1), date(2024, 2, 29))),
    ],
)
def test_a_period_can_be_given_in_each_way(kwargs, expected):
    assert parse_period(**kwargs) == expected


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "Give a period"),
        ({"month": "2020-11", "year": "2020/21"}, "one way only"),
        ({"from_": "2024-04-01"}, "both --from and --to"),
        ({"from_": "2024-06-30", "to": "2024-04-01"}, "ends"),
        ({"from_": "1 April 2024", "to": "2024-06-30"}, "YYYY-MM-DD"),
        ({"from_": "2024-02-30", "to": "2024-06-30"}, "real date"),
        ({"quarter": "2024/25-Q5"}, "2024/25-Q1"),
        ({"quarter": "2024-Q1"}, "2024/25-Q1"),
        ({"year": "2024/26"}, "financial year"),
        ({"year": "2024"}, "financial year"),
        ({"month": "2020-13"}, "2020-11"),
    ],
)
def test_a_wrong_period_is_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        parse_period(**kwargs)


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        ((date(2020, 3, 1), date(2020, 3, 31)), (date(2020, 2, 1), date(2020, 2, 29))),
        ((date(2024, 7, 1), date(2024, 9, 30)), (date(2024, 4, 1), date(2024, 6, 30))),
        ((date(2025, 1, 1), date(2025, 3, 31)), (date(2024, 10, 1), date(2024, 12, 31))),
        ((date(2024, 4, 1), date(2025, 3, 31)), (date(2023, 4, 1), date(2024, 3, 31))),
        ((date(2020, 11, 10), date(2020, 11, 19)), (date(2020, 10, 31), date(2020, 11, 9))),
    ],
)
def test_the_previous_period_is_the_one_before_of_the_same_length(period, previous):
    assert previous_period(*period) == previous


def test_months_touching_a_period_are_clipped_to_its_days():
    assert months_touching(date(2020, 11, 15), date(2021, 1, 10)) == [
        (date(2020, 11, 15), date(2020, 11, 30)),
        (date(2020, 12, 1), date(2020, 12, 31)),
        (date(2021, 1, 1), date(2021, 1, 10)),
    ]
