"""Export writes the dataset back exactly: byte for byte with the sample, and export ->
import into an empty database -> export gives the same files, as folder, zip and xlsx."""

import csv
import filecmp
import zipfile

import pytest

from lantern.activity.models import TrainingSession
from lantern.audit.models import AuditEntry
from lantern.children.models import Child
from lantern.children.pseudonyms import pseudonym
from lantern.interchange.schema import FILES
from lantern.interchange.services import dataset_export, dataset_import
from lantern.mapping.models import Disruption, Entity, Intelligence, Link
from lantern.meetings.models import Meeting
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def empty_the_database():
    for model in (Child, Meeting, Entity, Link, Intelligence, Disruption, TrainingSession):
        model.objects.all().delete()


def same_files(first, second) -> list[str]:
    names = [spec.name for spec in FILES]
    match, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    return mismatch + errors


def test_exporting_the_imported_sample_gives_the_sample_byte_for_byte(tmp_path):
    dataset_import(SAMPLE_DIR)
    dataset_export(tmp_path / "out")
    assert same_files(SAMPLE_DIR, tmp_path / "out") == []


@pytest.mark.parametrize("suffix", ["", ".zip", ".xlsx"])
def test_export_then_import_into_an_empty_database_then_export_gives_the_same_files(
    tmp_path, suffix
):
    dataset_import(SAMPLE_DIR)
    dataset_export(tmp_path / f"first{suffix}")
    empty_the_database()
    assert Child.objects.count() == 0
    result = dataset_import(tmp_path / f"first{suffix}")
    assert result.added == 8504 and result.updated == 0
    dataset_export(tmp_path / "second")
    assert same_files(SAMPLE_DIR, tmp_path / "second") == []


def test_a_zip_export_holds_one_csv_per_file(tmp_path):
    dataset_import(SAMPLE_DIR)
    dataset_export(tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == sorted(spec.name for spec in FILES)
        assert archive.read("training.csv") == (SAMPLE_DIR / "training.csv").read_bytes()


def test_every_export_is_audited(tmp_path, make_user):
    user = make_user("coordinator")
    dataset_export(tmp_path / "out", user=user)
    entry = AuditEntry.objects.get(action="export")
    assert entry.user == user
    assert entry.object_type == "dataset"


def test_a_pseudonymised_export_hides_names_birth_dates_and_free_text(tmp_path):
    dataset_import(SAMPLE_DIR)
    dataset_export(tmp_path / "one", pseudonymise=True)
    dataset_export(tmp_path / "two", pseudonymise=True)
    with open(tmp_path / "one" / "children.csv", newline="", encoding="utf-8") as f:
        children = list(csv.DictReader(f))
    first = children[0]
    assert "date_of_birth" not in first
    assert first["age_band"] in {"under 10", "10 to 12", "13 to 15", "16 to 17", "18 and over"}
    assert first["first_name"] == "Child"
    assert first["last_name"] == pseudonym("HC00001") != "Sample1"
    text = (tmp_path / "one" / "children.csv").read_text()
    assert "Sample1," not in text
    with open(tmp_path / "one" / "cases.csv", newline="", encoding="utf-8") as f:
        assert {row["closure_reason"] for row in csv.DictReader(f)} == {""}
    with open(tmp_path / "one" / "missing_episodes.csv", newline="", encoding="utf-8") as f:
        assert {row["found_location"] for row in csv.DictReader(f)} == {""}
    # Stable: the same child gets the same pseudonym in every export.
    assert same_files(tmp_path / "one", tmp_path / "two") == []


def test_text_that_looks_like_a_formula_stays_text_in_a_workbook(tmp_path):
    from openpyxl import load_workbook

    from tests.interchange.test_broken_datasets import changed, write

    files = changed("children.csv", 2, "Alex", "=1+2")
    write(tmp_path / "data", files)
    dataset_import(tmp_path / "data")
    dataset_export(tmp_path / "out.xlsx")
    workbook = load_workbook(tmp_path / "out.xlsx")
    assert workbook["children"]["B2"].value == "=1+2"
    assert workbook["children"]["B2"].data_type == "s"
    empty_the_database()
    dataset_import(tmp_path / "out.xlsx")
    assert Child.objects.get(source_id="C1").first_name == "=1+2"


@pytest.mark.django_db
def test_the_dataset_and_national_returns_keep_formula_like_text_exactly(tmp_path):
    """Files read by machines are not neutralised (docs/dataset-import.md): the round trip
    stays exact even for text a spreadsheet would run."""
    from tests.interchange.test_broken_datasets import changed, write

    write(tmp_path / "in", changed("children.csv", 2, ",Havant,", ",=1+1,"))
    dataset_import(tmp_path / "in")
    dataset_export(tmp_path / "out")
    with open(tmp_path / "out" / "children.csv", encoding="utf-8", newline="") as f:
        districts = [row["district"] for row in csv.DictReader(f)]
    assert "=1+1" in districts
