"""The casework extension columns (docs/dataset-import.md): what the assessment form, the
referral decision and the work with the child record travels in the dataset's own files,
files without the columns still import, and a bad value is a problem naming row and column."""

import csv
from datetime import date

import pytest

from lantern.accounts.models import Role
from lantern.cases.models import DirectWork, OnwardReferral
from lantern.cases.services import direct_work_record, onward_referral_record
from lantern.children.models import Child
from lantern.interchange.services import ImportRejected, dataset_export, dataset_import
from lantern.referrals.models import Referral
from lantern.referrals.services import referral_create, referral_decide, referral_reopen
from lantern.risk.models import Assessment, RiskTool
from lantern.risk.services import assessment_record

pytestmark = pytest.mark.django_db

CHILDREN = "child_id,date_of_birth,gender\r\nXC1,2010-01-01,male\r\n"
ASSESSMENTS = "assessment_id,child_id,completed_on,exploitation_types,risk_level"


@pytest.fixture(autouse=True)
def _tools(shipped_lookups):
    """The shipped risk tools."""


@pytest.fixture
def manager(make_user):
    return make_user(Role.MANAGER)


def write(folder, files: dict) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def casework(user):
    child = Child.objects.create(
        source_id="XC1", date_of_birth="2010-01-01", gender="male", first_name="A"
    )
    tool = RiskTool.objects.get(code="ceraf", is_current=True)
    assessment_record(
        child=child,
        by=user,
        tool=tool,
        completed_on=date(2024, 6, 3),
        answers={"carrying": "current", "missing": "previous"},
        exploitation_types=["cce"],
        risk_level="high",
        child_words="I owe them",
        override_reason="Seen with a known exploiter",
    )
    referral = referral_create(
        child=child, by=user, received_on=date(2024, 5, 1), route="nomination",
        source="district_team", concern="Missing often",
    )  # fmt: skip
    referral_decide(
        referral=referral, by=user, decision="declined", decided_on=date(2024, 5, 8),
        reason="Not exploitation",
    )  # fmt: skip
    referral_reopen(
        referral=Referral.objects.get(), by=user, reason="New intelligence", on=date(2024, 5, 20)
    )
    referral_decide(
        referral=Referral.objects.get(), by=user, decision="advice", decided_on=date(2024, 5, 22),
        reason="Advice to the school",
    )  # fmt: skip
    direct_work_record(
        child=child, by=user, held_on=date(2024, 6, 4), what_was_done="Talked about safety",
        child_voice="I want to go back to school",
    )  # fmt: skip
    onward_referral_record(
        child=child, by=user, need_identified_on=date(2024, 6, 4), service="camhs",
        need="Sleep and anxiety", child_voice="I can't sleep",
    )  # fmt: skip


def test_a_record_made_in_the_pages_round_trips_with_every_extension_column(tmp_path, manager):
    casework(manager)
    dataset_export(tmp_path / "out")
    (row,) = rows(tmp_path / "out" / "assessments.csv")
    tool = RiskTool.objects.get(code="ceraf", is_current=True)
    assert row["tool_code"] == "ceraf" and row["tool_version"] == str(tool.version)
    assert row["answers"] == "carrying=current;missing=previous"
    assert (row["suggested_level"], row["approval"]) == ("low", "waiting")
    assert (row["override_reason"], row["child_words"]) == (
        "Seen with a known exploiter",
        "I owe them",
    )
    (referral,) = rows(tmp_path / "out" / "referrals.csv")
    assert (referral["decision"], referral["decision_reason"]) == ("advice", "Advice to the school")
    assert referral["concern"] == "Missing often"
    assert (referral["reopened_on"], referral["reopened_reason"]) == (
        "2024-05-20",
        "New intelligence",
    )
    assert rows(tmp_path / "out" / "direct_work.csv")[0]["child_voice"] == (
        "I want to go back to school"
    )
    assert rows(tmp_path / "out" / "onward_referrals.csv")[0]["need"] == "Sleep and anxiety"
    Child.objects.all().delete()
    dataset_import(tmp_path / "out")
    assessment = Assessment.objects.get()
    assert assessment.tool_version == tool
    assert assessment.answers == {"carrying": "current", "missing": "previous"}
    assert OnwardReferral.objects.get().child_voice == "I can't sleep"
    assert DirectWork.objects.get().what_was_done == "Talked about safety"
    dataset_export(tmp_path / "again")
    for name in ("assessments.csv", "referrals.csv", "direct_work.csv", "onward_referrals.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


def test_a_file_without_the_columns_imports_and_leaves_them_as_they_are(tmp_path, manager):
    casework(manager)
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "assessments.csv": f"{ASSESSMENTS}\r\nXA1,XC1,2024-07-01,cse,medium\r\n",
        },
    )
    dataset_import(tmp_path / "in")
    imported = Assessment.objects.get(source_id="XA1")
    assert (imported.tool_version, imported.answers, imported.approval) == (None, {}, "")
    made_here = Assessment.objects.exclude(source_id="XA1").get()
    assert made_here.answers == {"carrying": "current", "missing": "previous"}


def test_an_export_without_casework_extensions_has_the_dataset_columns_only(tmp_path):
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "assessments.csv": f"{ASSESSMENTS}\r\nXA1,XC1,2024-07-01,cse,medium\r\n",
        },
    )
    dataset_import(tmp_path / "in")
    dataset_export(tmp_path / "out")
    with open(tmp_path / "out" / "assessments.csv", encoding="utf-8", newline="") as f:
        assert next(csv.reader(f))[-1] == "assessor"


@pytest.mark.parametrize(
    ("columns", "values", "column", "says"),
    [
        ("answers", "carrying=sometimes", "answers", "is not an indicator answer"),
        ("answers", "carrying=current;carrying=previous", "answers", "answered twice"),
        ("tool_code,tool_version", "ceraf,99", "tool_version", "no version 99"),
        ("tool_code,tool_version", "ceraf,", "tool_version", "together"),
        ("approval", "maybe", "approval", "not an allowed value"),
    ],
)
def test_a_bad_extension_value_is_a_problem_naming_row_and_column(
    tmp_path, columns, values, column, says
):
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "assessments.csv": f"{ASSESSMENTS},{columns}\r\n"
            f"XA1,XC1,2024-07-01,cse,medium,{values}\r\n",
        },
    )
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "in")
    (problem,) = rejected.value.problems
    assert (problem.file, problem.row, problem.column) == ("assessments.csv", 2, column)
    assert says in problem.message
