"""Annex A list 8 as Ofsted's template: every column, the template's codes, the 12 months
ending on the date it is run for, and each interview outcome's offered and accepted."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from lantern.children.pseudonyms import pseudonym
from lantern.interchange.national import (
    ANNEX_A_LIST_8_HEADERS,
    L8_ABSENT,
    L8_ACCEPTED,
    L8_MISSING,
    L8_OFFERED,
    L8_UASC,
    annex_a_list8,
    annex_a_list8_workbook,
)
from tests.interchange.test_national_formats import YEAR, child, episode, interview

pytestmark = pytest.mark.django_db

FILLED = {
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    L8_UASC,
    L8_MISSING,
    L8_ABSENT,
    L8_OFFERED,
    L8_ACCEPTED,
}


def rows(**options) -> list[dict]:
    stream = io.StringIO()
    annex_a_list8(stream, **{"date_to": YEAR["date_to"], **options})
    reader = csv.reader(io.StringIO(stream.getvalue()))
    header = next(reader)
    assert header == ANNEX_A_LIST_8_HEADERS
    return [dict(zip(header, row, strict=True)) for row in reader]


@pytest.fixture
def amy():
    amy = child("C001", ethnicity="WBRI", uasc=True)
    e1 = episode("E1", amy, "2024-07-01T22:00", "2024-07-02T01:30")
    episode("E2", amy, "2024-07-10T19:00", "2024-07-10T23:00", episode_type="away")
    interview("I1", amy, [e1], "completed", "2024-07-02T10:00", "2024-07-03T10:00")
    return amy


def test_the_list_has_every_template_column_in_order_and_fills_what_lantern_holds(amy):
    (row,) = rows()
    assert list(row) == ANNEX_A_LIST_8_HEADERS
    assert len(ANNEX_A_LIST_8_HEADERS) == 34
    assert {k: row[k] for k in FILLED} == {
        "Child Unique ID": "C001",
        "Gender": "b) Female",
        "Ethnicity": "a) WBRI",
        "Date of Birth": "17/05/2008",
        "Age of Child (Years)": "16",
        L8_UASC: "a) Yes",
        L8_MISSING: "1",
        L8_ABSENT: "1",
        L8_OFFERED: "b) No",  # the last episode (E2, away) has no interview
        L8_ACCEPTED: "",
    }
    assert {k: v for k, v in row.items() if k not in FILLED} == dict.fromkeys(
        set(ANNEX_A_LIST_8_HEADERS) - FILLED, ""
    )


def test_age_is_on_the_date_the_list_is_run_for():
    dan = child("C005", date_of_birth=date(2010, 6, 15))
    episode("E9", dan, "2024-08-01T20:00", "2024-08-02T08:00")
    assert rows(date_to=date(2025, 6, 14))[0]["Age of Child (Years)"] == "14"
    assert rows(date_to=date(2025, 6, 15))[0]["Age of Child (Years)"] == "15"


def test_the_last_12_months_end_on_the_date_the_list_is_run_for():
    dan = child("C005")
    episode("E8", dan, "2024-03-31T23:00", "2024-03-31T23:40")  # the day before: left out
    episode("E9", dan, "2024-04-01T00:10", "2024-04-01T08:00")  # the first day
    episode("E10", dan, "2025-03-31T23:50", "2025-03-31T23:55")  # the last day
    episode("E11", dan, "2025-04-01T00:05")  # after: left out
    (row,) = rows(date_to=date(2025, 3, 31))
    assert row[L8_MISSING] == "2"


def test_any_other_period_is_refused_before_anything_is_written():
    stream = io.StringIO()
    with pytest.raises(ValueError, match="12 months ending on the date"):
        annex_a_list8(stream, date_from=date(2024, 1, 1), date_to=date(2025, 3, 31))
    assert stream.getvalue() == ""


# (outcome, offered on, completed on) -> (offered, accepted)
OUTCOMES = [
    ("completed", "2025-01-02T10:00", "2025-01-03T10:00", "a) Yes", "a) Yes"),
    ("completed", None, "2025-01-03T10:00", "a) Yes", "a) Yes"),
    ("completed", "2025-03-31T10:00", "2025-04-02T10:00", "a) Yes", "c) Unknown"),  # after
    ("declined_child", "2025-01-02T10:00", None, "a) Yes", "b) No"),
    ("declined_child", None, None, "a) Yes", "b) No"),
    ("declined_parent", "2025-01-02T10:00", None, "a) Yes", "b) No"),
    ("exception", "2025-01-02T10:00", None, "a) Yes", "c) Unknown"),
    ("exception", None, None, "b) No", ""),
    ("outstanding", "2025-01-02T10:00", None, "a) Yes", "c) Unknown"),
    ("outstanding", None, None, "b) No", ""),
    (None, None, None, "b) No", ""),  # no interview at all
]


@pytest.mark.parametrize("outcome, offered, completed, says_offered, says_accepted", OUTCOMES)
def test_offered_and_accepted_for_each_interview_outcome(
    outcome, offered, completed, says_offered, says_accepted
):
    dan = child("C005")
    last = episode("E9", dan, "2025-01-01T20:00", "2025-01-02T02:00")
    if outcome:
        interview("I9", dan, [last], outcome, offered, completed)
    (row,) = rows(date_to=date(2025, 3, 31))
    assert (row[L8_OFFERED], row[L8_ACCEPTED]) == (says_offered, says_accepted)


def test_pseudonymised_it_has_the_pseudonym_an_age_band_and_no_date_of_birth(amy):
    (row,) = rows(pseudonymise=True)
    assert row["Child Unique ID"] == pseudonym("C001") != "C001"
    assert row["Date of Birth"] == ""
    assert row["Age of Child (Years)"] == "16 to 17"


def test_the_workbook_has_a_list_8_sheet_with_the_template_headers(amy):
    buffer = io.BytesIO()
    children = annex_a_list8_workbook(buffer, date_to=YEAR["date_to"])
    assert children == [amy.pk]
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["List 8"]
    header, row = list(sheet.iter_rows(values_only=True))
    assert list(header) == ANNEX_A_LIST_8_HEADERS
    values = dict(zip(header, row, strict=True))
    assert values["Child Unique ID"] == "C001"
    assert values["Date of Birth"].date() == date(2008, 5, 17)
    assert values["Age of Child (Years)"] == 16
    assert values[L8_MISSING] == 1
    assert values["Placement Type"] is None


def test_the_workbook_reads_in_a_fixed_number_of_queries(amy, django_assert_max_num_queries):
    for n in range(5):
        other = child(f"C1{n}")
        episode(f"E1{n}", other, "2024-09-01T20:00", "2024-09-02T08:00")
    with django_assert_max_num_queries(3):
        annex_a_list8_workbook(io.BytesIO(), date_to=YEAR["date_to"], pseudonymise=True)
