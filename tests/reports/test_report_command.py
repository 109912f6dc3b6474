"""`lantern report`: the period, the format, --public, --district, the audit entry, errors."""

import importlib.util
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lantern.audit.models import AuditAction, AuditEntry
from lantern.reports.management.commands.report import Command
from tests.counting_helpers import a_child, an_assessment

pytestmark = pytest.mark.django_db

DOCUMENTS_READY = importlib.util.find_spec("lantern.reports.documents") is not None


def run(*args) -> str:
    out = StringIO()
    call_command("report", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_json_goes_to_stdout_by_default():
    an_assessment(a_child(district="Havant"), "2020-11-02", "high")

    report = json.loads(run("--from", "2020-11-01", "--to", "2020-11-30"))

    assert report["period"] == {"from": "2020-11-01", "to": "2020-11-30"}
    assert report["exploitation"]["assessments"] == 1


def test_a_quarter_a_year_and_a_month_can_be_asked_for():
    assert json.loads(run("--quarter", "2020/21-Q3"))["period"]["to"] == "2020-12-31"
    assert json.loads(run("--year", "2020/21"))["period"]["from"] == "2020-04-01"
    assert len(json.loads(run("--year", "2020/21"))["activity"]) == 12
    assert json.loads(run("--month", "2021-02"))["period"]["to"] == "2021-02-28"


def test_district_narrows_and_public_hides_small_numbers():
    an_assessment(a_child(district="Havant"), "2020-11-02", "high")
    an_assessment(a_child(district="Eastleigh"), "2020-11-02", "high")

    report = json.loads(run("--month", "2020-11", "--district", "Havant", "--public"))

    assert report["exploitation"]["assessments"] == "<5"
    assert report["exploitation"]["by_district"] == {"Havant": "<5"}


def test_the_report_writes_to_a_file_and_leaves_an_audit_entry(tmp_path):
    target = tmp_path / "november.json"

    run("--month", "2020-11", "--output", str(target))

    assert json.loads(target.read_text())["op_met"]["as_of"] == "2020-11-30"
    entry = AuditEntry.objects.get(action=AuditAction.REPORT)
    assert entry.detail["from"] == "2020-11-01"
    assert entry.detail["format"] == "json"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quarter", "2020/21-Q5"], "2024/25-Q1"),
        (["--month", "2020-11", "--year", "2020/21"], "one way only"),
        (["--month", "2020-11", "--format", "odt"], "Unknown format"),
        (["--month", "2020-11", "--format", "pdf"], "--output"),
        ([], "Give a period"),
        (["--month", "0001-01"], "between 1900 and 2100"),
        (["--year", "0009/10"], "between 1900 and 2100"),
        (["--from", "9999-12-01", "--to", "9999-12-31"], "between 1900 and 2100"),
    ],
)
def test_bad_arguments_give_a_clear_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not AuditEntry.objects.filter(action=AuditAction.REPORT).exists()


def test_on_the_command_line_a_bad_argument_exits_non_zero_without_a_traceback(capsys):
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(["lantern", "report", "--from", "2020-11-31", "--to", "2020-12-01"])

    assert exit_.value.code != 0
    error = capsys.readouterr().err
    assert "YYYY-MM-DD" in error
    assert "Traceback" not in error


@pytest.mark.skipif(not DOCUMENTS_READY, reason="document renderers not written yet")
def test_other_formats_are_rendered_as_documents(tmp_path):
    an_assessment(a_child(), "2020-11-02", "high")
    target = tmp_path / "november.xlsx"

    run("--month", "2020-11", "--format", "xlsx", "--output", str(target))

    assert target.read_bytes()[:2] == b"PK"
