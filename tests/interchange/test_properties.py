"""Property: any small valid dataset imports and exports back to the same bytes."""

import csv
import io
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.children.models import Child
from lantern.core.ukdate import aware_to_local, local_to_aware
from lantern.interchange.schema import BY_NAME
from lantern.interchange.services import dataset_export, dataset_import

pytestmark = pytest.mark.django_db

NAME = st.text(alphabet=st.sampled_from("abcXYZ éñØ'-,\""), min_size=0, max_size=20).map(str.strip)
FLAGS = st.lists(st.sampled_from(["neet", "substance_misuse", "exiting_gang"]), unique=True)


def round_trips(moment: datetime) -> bool:
    """A wall-clock time that exists in the UK (not in the spring-forward gap)."""
    return aware_to_local(local_to_aware(moment)) == moment


@st.composite
def datasets(draw):
    ids = draw(st.lists(st.integers(1, 999), min_size=1, max_size=6, unique=True))
    children = []
    for n in sorted(ids):
        children.append(
            [
                f"C{n:03d}",
                draw(NAME),
                draw(NAME),
                draw(st.dates(date(2000, 1, 1), date(2020, 12, 31))).isoformat(),
                draw(st.sampled_from(["male", "female", "other", "unknown"])),
                draw(st.sampled_from(["", "WBRI", "AOTH"])),
                draw(st.sampled_from(["", "Havant", "New Forest"])),
                draw(st.sampled_from(["none", "cin", "cp", "cla", "care_leaver"])),
                draw(st.sampled_from(["", "Dorset"])),
                draw(st.sampled_from(["true", "false"])),
                "",
                ";".join(draw(FLAGS)),
            ]
        )
    episodes = []
    number = 0
    for child in children:
        moment = draw(st.datetimes(datetime(2020, 1, 1), datetime(2021, 1, 1)))
        for _ in range(draw(st.integers(0, 3))):
            start = moment.replace(second=0, microsecond=0)
            length = timedelta(minutes=draw(st.integers(0, 60 * 72)))
            end = start + length
            if not (round_trips(start) and round_trips(end)):
                break
            number += 1
            episodes.append(
                [
                    f"M{number:04d}",
                    child[0],
                    start.strftime("%Y-%m-%dT%H:%M"),
                    end.strftime("%Y-%m-%dT%H:%M"),
                    draw(st.sampled_from(["home", "care"])),
                    draw(st.sampled_from(["missing", "away"])),
                    "",
                    draw(st.sampled_from(["", "high", "low"])),
                    draw(NAME),
                ]
            )
            moment = end + timedelta(hours=draw(st.integers(1, 500)))
    return {"children.csv": children, "missing_episodes.csv": episodes}


def as_csv(name: str, rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(BY_NAME[name].header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=datasets())
def test_a_valid_dataset_exports_back_exactly_as_imported(data):
    Child.objects.all().delete()
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "in", Path(folder) / "out"
        source.mkdir()
        for name, rows in data.items():
            (source / name).write_bytes(as_csv(name, rows))
        result = dataset_import(source)
        assert result.files["children.csv"].added == len(data["children.csv"])
        dataset_export(out)
        for name in data:
            assert (out / name).read_bytes() == (source / name).read_bytes()
        again = dataset_import(out)
        assert again.added == 0 and again.updated == 0


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    position=st.integers(0, 10_000),
    junk=st.binary(min_size=1, max_size=20),
    file=st.sampled_from(["children.csv", "missing_episodes.csv", "return_interviews.csv"]),
)
def test_a_mangled_file_is_either_imported_or_rejected_never_a_crash(position, junk, file):
    from lantern.interchange.problems import ImportRejected
    from tests.interchange.test_broken_datasets import BASE, write

    Child.objects.all().delete()
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), BASE)
        target = Path(folder) / file
        content = target.read_bytes()
        at = position % (len(content) + 1)
        target.write_bytes(content[:at] + junk + content[at:])
        try:
            dataset_import(folder)
        except ImportRejected as rejected:
            assert rejected.problems
            assert all(p.message for p in rejected.problems)
