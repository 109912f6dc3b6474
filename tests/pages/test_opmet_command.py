"""`lantern opmet`: the Op MET list as at a date, the same rule as the report's op_met."""

import csv
import io
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pypdf import PdfReader

from lantern.audit.models import AuditAction, AuditEntry
from tests.counting_helpers import a_child, an_assessment


def opmet(*args) -> str:
    out = StringIO()
    call_command("opmet", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_a_level_set_to_none_takes_the_child_off_the_list():
    child = a_child(source_id="HC-OFF")
    an_assessment(child, "2020-11-02", "high")
    an_assessment(child, "2020-12-01", "none")
    assert [c["child_id"] for c in json.loads(opmet("--as-of", "2020-11-30"))["children"]] == [
        "HC-OFF"
    ]
    assert json.loads(opmet("--as-of", "2020-12-01"))["children"] == []


@pytest.mark.django_db
def test_a_child_turning_18_leaves_the_list_on_their_birthday():
    child = a_child(source_id="HC-18", date_of_birth=date(2002, 12, 5))
    an_assessment(child, "2020-11-02", "medium")
    assert len(json.loads(opmet("--as-of", "2020-12-04"))["children"]) == 1
    assert json.loads(opmet("--as-of", "2020-12-05"))["children"] == []


@pytest.mark.django_db
def test_csv_has_the_columns_and_a_district_narrows_it():
    an_assessment(
        a_child(source_id="HC-H", district="Havant"), "2020-11-02", "high", types=("trafficking",)
    )
    an_assessment(a_child(source_id="HC-R", district="Rushmoor"), "2020-11-02", "low")
    rows = list(
        csv.DictReader(
            io.StringIO(opmet("--as-of", "2020-11-30", "--district", "Havant", "--format", "csv"))
        )
    )
    assert rows == [
        {
            "child_id": "HC-H",
            "district": "Havant",
            "level": "high",
            "trafficked": "true",
            "new": "true",
        }
    ]


@pytest.mark.django_db
def test_a_pdf_is_written_to_a_file_and_every_child_in_it_is_audited(tmp_path):
    child = a_child(source_id="HC-P", district="Havant")
    an_assessment(child, "2020-11-02", "high")
    path = tmp_path / "opmet.pdf"
    opmet("--as-of", "2020-11-30", "--format", "pdf", "--output", str(path))
    text = "".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Op MET list on 30 November 2020" in text and "HC-P" in text
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, child_id=child.pk).exists()


@pytest.mark.django_db
def test_bad_options_are_refused_with_a_reason():
    with pytest.raises(CommandError, match="--as-of must be a date"):
        opmet("--as-of", "31/3/2021")
    with pytest.raises(CommandError, match="Unknown format"):
        opmet("--format", "xml")
    with pytest.raises(CommandError, match="needs --output"):
        opmet("--format", "pdf")
