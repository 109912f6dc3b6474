"""`lantern demo` brings the 2020/21 sample forward by whole weeks so that its last day is in
the past week: every date moves by the same number of weeks, local clock times and weekdays
are kept, and every record and relation survives. `--as-published` keeps the sample's dates."""

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from lantern.accounts.models import Role, User
from lantern.cases.models import Case
from lantern.children.models import Child, ChildShare
from lantern.interchange.demo import (
    DEMO_DATASET,
    dataset_last_day,
    dataset_shift,
    demo_data_load,
    weeks_to_bring_forward,
)
from lantern.interchange.exporting import export_dataset
from lantern.missing.models import Episode, ReturnInterview
from lantern.risk.models import Assessment

TODAY = date(2026, 12, 2)  # a Wednesday
UK = ZoneInfo("Europe/London")


def _differences(got: str, want: str) -> list[str]:
    return [w for g, w in zip(got.split(","), want.split(","), strict=True) if g != w]


def _in_clock_change_gap(value: str) -> bool:
    """A wall-clock time that does not exist (the hour skipped when the clocks go forward)."""
    naive = datetime.fromisoformat(value)
    there_and_back = naive.replace(tzinfo=UK).astimezone(UTC).astimezone(UK)
    return there_and_back.replace(tzinfo=None) != naive


def test_the_last_day_lands_in_the_week_ending_today():
    last = dataset_last_day(DEMO_DATASET)
    weeks = weeks_to_bring_forward(last, TODAY)
    moved = last + timedelta(weeks=weeks)
    assert TODAY - timedelta(days=6) <= moved <= TODAY
    assert moved.weekday() == last.weekday()


def test_every_date_moves_by_the_same_whole_weeks_and_clock_times_are_kept(tmp_path):
    weeks = 300
    dataset_shift(DEMO_DATASET, tmp_path, weeks)
    before = (DEMO_DATASET / "missing_episodes.csv").read_text().splitlines()
    after = (tmp_path / "missing_episodes.csv").read_text().splitlines()
    assert len(before) == len(after) and before[0] == after[0]
    for old, new in zip(before[1:], after[1:], strict=True):
        old_cells, new_cells = old.split(","), new.split(",")
        for i in (2, 3):  # started_at, ended_at: "2020-04-01T20:00"
            if not old_cells[i]:
                assert not new_cells[i]
                continue
            assert new_cells[i][10:] == old_cells[i][10:]  # the local time of day, as written
            gap = date.fromisoformat(new_cells[i][:10]) - date.fromisoformat(old_cells[i][:10])
            assert gap == timedelta(weeks=weeks)
        assert [c for i, c in enumerate(old_cells) if i not in (2, 3)] == [
            c for i, c in enumerate(new_cells) if i not in (2, 3)
        ]


@pytest.mark.django_db
def test_the_brought_forward_demo_keeps_every_record_and_relation(tmp_path):
    weeks = demo_data_load(io.StringIO(), today=TODAY)
    assert weeks > 0
    shifted = tmp_path / "shifted"
    shifted.mkdir()
    export_dataset(shifted)
    expected = tmp_path / "expected"
    expected.mkdir()
    dataset_shift(DEMO_DATASET, expected, weeks)
    for path in sorted(expected.glob("*.csv")):
        got = sorted((shifted / path.name).read_text().splitlines())
        want = sorted(path.read_text().splitlines())
        assert len(got) == len(want), path.name
        for line_got, line_want in zip(got, want, strict=True):
            if line_got != line_want:  # only a time the clocks skip on its new day
                assert all(_in_clock_change_gap(w) for w in _differences(line_got, line_want))
    child = Child.objects.get(source_id="HC00701")
    first = Episode.objects.filter(child=child).order_by("started_at").first()
    assert first.started_at.date() >= date(2020, 4, 1) + timedelta(weeks=weeks) - timedelta(days=1)
    assert ReturnInterview.objects.filter(episodes__isnull=False).exists()
    assert Assessment.objects.order_by("-completed_on").first().completed_on <= TODAY


@pytest.mark.django_db
def test_the_demo_command_gives_each_role_something_and_says_how_dates_were_set(monkeypatch):
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "weeks later than published" in text
    practitioner = User.objects.get(username="practitioner")
    assert Case.objects.filter(allocated_to=practitioner, closed_on__isnull=True).count() == 8
    partner = User.objects.get(username="partner", role=Role.PARTNER)
    assert ChildShare.objects.filter(agency=partner.agency).count() == 10
    assert Child.objects.filter(restricted=True).count() == 1


@pytest.mark.django_db
def test_as_published_keeps_the_samples_own_dates():
    out = io.StringIO()
    call_command("demo", "--as-published", stdout=out)
    assert "keeps its published 2020/21 dates" in out.getvalue()
    assert Assessment.objects.order_by("-completed_on").first().completed_on.year == 2021
