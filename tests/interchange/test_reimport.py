"""Re-importing the same data changes nothing; a newer dataset updates what changed."""

import shutil

import pytest

from lantern.children.models import Child
from lantern.interchange.services import dataset_import
from lantern.missing.models import InterviewEpisode, ReturnInterview
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db


def test_importing_the_same_dataset_again_changes_nothing():
    dataset_import(SAMPLE_DIR)
    stamps = dict(Child.objects.values_list("source_id", "updated_at"))
    result = dataset_import(SAMPLE_DIR)
    assert result.added == 0 and result.updated == 0
    assert result.unchanged == 8504
    assert dict(Child.objects.values_list("source_id", "updated_at")) == stamps


def test_a_newer_dataset_updates_the_changed_rows_and_adds_the_new_ones(tmp_path):
    dataset_import(SAMPLE_DIR)
    newer = tmp_path / "newer"
    shutil.copytree(SAMPLE_DIR, newer, ignore=shutil.ignore_patterns("expected"))
    children = (newer / "children.csv").read_text(encoding="utf-8")
    children = children.replace(
        "HC00001,Ash,Sample1,2004-08-24,male,WBRI,Fareham and Gosport,cla,",
        "HC00001,Ash,Sample1,2004-08-24,male,WBRI,Havant,cla,",
    )
    children += "HC99999,New,Child,2010-01-01,female,,,,,,,\r\n"
    (newer / "children.csv").write_text(children, encoding="utf-8")
    interviews = (newer / "return_interviews.csv").read_text(encoding="utf-8")
    interviews = interviews.replace("WI00001,HC00671,WM00010;WM00018,", "WI00001,HC00671,WM00018,")
    (newer / "return_interviews.csv").write_text(interviews, encoding="utf-8")
    before = Child.objects.get(source_id="HC00002").updated_at

    result = dataset_import(newer)

    assert (result.files["children.csv"].added, result.files["children.csv"].updated) == (1, 1)
    assert result.files["children.csv"].unchanged == 766
    assert result.files["return_interviews.csv"].updated == 1
    assert result.files["cases.csv"].unchanged == 313
    assert Child.objects.get(source_id="HC00001").district == "Havant"
    assert Child.objects.get(source_id="HC00002").updated_at == before
    interview = ReturnInterview.objects.get(source_id="WI00001")
    covered = InterviewEpisode.objects.filter(interview=interview)
    assert [c.episode.source_id for c in covered] == ["WM00018"]


def test_a_dry_run_counts_but_writes_nothing():
    result = dataset_import(SAMPLE_DIR, dry_run=True)
    assert result.added == 8504 and result.dry_run
    assert Child.objects.count() == 0
