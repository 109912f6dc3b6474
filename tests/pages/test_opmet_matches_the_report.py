"""`lantern opmet` and the report's op_met section are one rule: on the sample they agree at
every month end of the year."""

import json
from datetime import date, timedelta

import pytest
from django.db import transaction

from lantern.interchange.services import dataset_import
from lantern.reports.selectors import performance_report
from tests.conftest import SAMPLE_DIR
from tests.pages.test_opmet_command import opmet


def month_ends(first: date, last: date) -> list[date]:
    ends, day = [], first
    while day <= last:
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        ends.append(nxt - timedelta(days=1))
        day = nxt
    return ends


@pytest.fixture(scope="module")
def willow_sample(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        dataset_import(SAMPLE_DIR)
        yield
        transaction.set_rollback(True)


@pytest.mark.slow
def test_the_list_agrees_with_the_reports_op_met_at_every_month_end_of_the_sample(
    willow_sample, db
):
    for as_of in month_ends(date(2020, 4, 1), date(2021, 3, 31)):
        listed = json.loads(opmet("--as-of", as_of.isoformat()))["children"]
        report = performance_report(date_from=as_of.replace(day=1), date_to=as_of)["op_met"]
        for level in ("high", "medium", "low"):
            assert sum(c["level"] == level for c in listed) == report[level], (as_of, level)
        assert sum(c["trafficked"] for c in listed) == report["trafficked"], as_of
        assert sum(c["new"] for c in listed) == report["new"], as_of
        by_district: dict = {}
        for c in listed:
            by_district.setdefault(c["district"], {"high": 0, "medium": 0, "low": 0})
            by_district[c["district"]][c["level"]] += 1
        assert by_district == report["by_district"], as_of
