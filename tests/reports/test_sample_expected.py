"""Acceptance: the Willow sample's report, month by month and for the whole period, equals
the figures in `expected/*.json` exactly for every key they hold (districts with only zeros
may be left out). Keys the report adds to the contract (docs/counting-rules.md) are
additions: they are checked by their own rule tests, not here."""

import json
from datetime import date

import pytest
from django.db import transaction

from lantern.interchange.services import dataset_import
from lantern.reports.selectors import performance_report
from tests.conftest import SAMPLE_DIR

EXPECTED = sorted((SAMPLE_DIR / "expected").glob("*.json"))


@pytest.fixture(scope="module")
def willow_sample(django_db_setup, django_db_blocker):
    """Import the sample once for this module (per worker), and roll it back afterwards so
    no other test sees it. Each test runs inside it in its own savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        dataset_import(SAMPLE_DIR)
        yield
        transaction.set_rollback(True)


def keys_of(expected, report):
    """The report cut down to the keys the expected figures hold, at every depth (a key
    the expected file has and the report lacks stays missing, and fails)."""
    if isinstance(expected, dict) and isinstance(report, dict):
        return {k: keys_of(expected[k], report[k]) for k in expected if k in report}
    if isinstance(expected, list) and isinstance(report, list):
        return [keys_of(e, r) for e, r in zip(expected, report, strict=False)] + report[
            len(expected) :
        ]
    return report


def without_zero_districts(report: dict) -> dict:
    report = json.loads(json.dumps(report))
    exploitation = report["exploitation"]
    exploitation["by_district"] = {d: n for d, n in exploitation["by_district"].items() if n}
    op_met = report["op_met"]
    op_met["by_district"] = {d: n for d, n in op_met["by_district"].items() if any(n.values())}
    return report


@pytest.mark.slow
@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda path: path.stem)
def test_the_report_equals_the_expected_figures(willow_sample, db, expected_file):
    expected = json.loads(expected_file.read_text())
    period = expected["period"]

    report = performance_report(
        date_from=date.fromisoformat(period["from"]), date_to=date.fromisoformat(period["to"])
    )

    assert without_zero_districts(keys_of(expected, report)) == without_zero_districts(expected)


@pytest.mark.slow
def test_every_figure_keeps_its_type_as_in_the_expected_json(willow_sample, db):
    expected = json.loads((SAMPLE_DIR / "expected" / "period.json").read_text())

    report = performance_report(date_from=date(2020, 4, 1), date_to=date(2021, 2, 28))

    def types(value):
        if isinstance(value, dict):
            return {k: types(v) for k, v in value.items() if k != "by_district"}
        if isinstance(value, list):
            return [types(v) for v in value]
        return type(value).__name__

    assert types(keys_of(expected, report)) == types(expected)


@pytest.mark.slow
def test_the_district_reports_add_up_to_the_county_report(willow_sample, db):
    first, last = date(2020, 11, 1), date(2020, 11, 30)
    county = performance_report(date_from=first, date_to=last)

    districts = [
        performance_report(date_from=first, date_to=last, district=d)
        for d in county["op_met"]["by_district"]
    ]

    assert (
        sum(r["exploitation"]["assessments"] for r in districts)
        == county["exploitation"]["assessments"]
    )
    assert sum(r["missing"]["episodes"] for r in districts) == county["missing"]["episodes"]
    assert sum(r["op_met"]["high"] for r in districts) == county["op_met"]["high"]


def test_the_comparison_treats_new_keys_as_additions_and_missing_keys_as_failures():
    expected = {"a": {"b": 1}, "c": [{"d": 2}]}
    assert keys_of(expected, {"a": {"b": 1, "new": 5}, "c": [{"d": 2, "e": 3}], "z": 0}) == (
        expected
    )
    assert keys_of(expected, {"a": {}, "c": [{"d": 2}]}) != expected
