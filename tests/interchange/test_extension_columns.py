"""The missing extension columns (docs/dataset-import.md): optional on import, written on
export only when some record fills them, and an import row repeating a record made in
Lantern's pages is a problem naming both."""

import csv

import pytest

from lantern.children.models import Child
from lantern.interchange.services import ImportRejected, dataset_export, dataset_import
from lantern.missing.models import Episode, ReturnInterview
from lantern.missing.services import episode_create
from tests.missing.conftest import at

pytestmark = pytest.mark.django_db

CHILDREN = "child_id,date_of_birth,gender\r\nXC1,2010-01-01,male\r\n"


def write(folder, files: dict) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def header(path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_an_export_has_no_extension_column_while_no_record_fills_it(tmp_path):
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "missing_episodes.csv": "episode_id,child_id,started_at,missing_from\r\n"
            "XE1,XC1,2024-06-03T14:05,home\r\n",
        },
    )
    dataset_import(tmp_path / "in")
    dataset_export(tmp_path / "out")
    assert header(tmp_path / "out" / "missing_episodes.csv")[-1] == "found_location"
    assert "not_shareable" not in header(tmp_path / "out" / "return_interviews.csv")


def test_extension_columns_are_written_when_filled_and_read_back(tmp_path):
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "missing_episodes.csv": "episode_id,child_id,started_at,ended_at,missing_from,"
            "placement_type,out_of_area,safe_and_well_at\r\n"
            "XE1,XC1,2024-06-03T14:05,2024-06-04T09:00,care,foster,true,2024-06-04T10:00\r\n",
            "return_interviews.csv": "interview_id,child_id,episode_ids,outcome,not_shareable\r\n"
            "XI1,XC1,XE1,outstanding,true\r\n",
        },
    )
    dataset_import(tmp_path / "in")
    episode = Episode.objects.get()
    assert (episode.placement_type, episode.out_of_area) == ("foster", True)
    assert ReturnInterview.objects.get().not_shareable is True
    dataset_export(tmp_path / "out")
    columns = header(tmp_path / "out" / "missing_episodes.csv")
    assert columns[-3:] == ["placement_type", "out_of_area", "safe_and_well_at"]
    assert header(tmp_path / "out" / "return_interviews.csv")[-1] == "not_shareable"
    Child.objects.all().delete()
    dataset_import(tmp_path / "out")
    dataset_export(tmp_path / "again")
    for name in ("missing_episodes.csv", "return_interviews.csv"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "again" / name).read_bytes()


def lantern_episode():
    child = Child.objects.create(
        source_id="XC1", date_of_birth="2010-01-01", gender="male", first_name="A"
    )
    return episode_create(
        child=child,
        by=None,
        started_at=at(2024, 6, 3, 13, 5),
        missing_from="home",
        police_reference="HC/123/24",
    )


def test_an_import_row_overlapping_an_episode_made_in_lantern_names_both(tmp_path):
    made_here = lantern_episode()
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "missing_episodes.csv": "episode_id,child_id,started_at,missing_from\r\n"
            "XE9,XC1,2024-06-03T18:00,home\r\n",
        },
    )
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "in")
    (problem,) = rejected.value.problems
    assert "'XE9'" in problem.message and f"'{made_here.source_id}'" in problem.message
    assert "recorded in Lantern" in problem.message
    assert Episode.objects.count() == 1


def test_an_import_row_with_the_police_reference_of_an_episode_made_in_lantern_names_both(
    tmp_path,
):
    made_here = lantern_episode()
    write(
        tmp_path / "in",
        {
            "children.csv": CHILDREN,
            "missing_episodes.csv": "episode_id,child_id,started_at,ended_at,missing_from,"
            "police_reference\r\n"
            "XE9,XC1,2024-05-01T10:00,2024-05-01T12:00,home,hc/123/24\r\n",
        },
    )
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "in")
    (problem,) = rejected.value.problems
    assert problem.column == "police_reference"
    assert "'XE9'" in problem.message and f"'{made_here.source_id}'" in problem.message
    assert Child.objects.get().first_name == "A"  # all or nothing: nothing changed


def test_an_episode_made_in_lantern_round_trips_under_its_own_id(tmp_path):
    made_here = lantern_episode()
    dataset_export(tmp_path / "out")
    result = dataset_import(tmp_path / "out")
    assert result.files["missing_episodes.csv"].unchanged == 1
    assert Episode.objects.get().source_id == made_here.source_id
