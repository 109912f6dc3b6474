"""Demo data for `lantern demo`: the synthetic Willow sample, imported like any dataset.

The sample is dated 2020/21. So that the demo looks like a team's real morning, `lantern
demo` moves every date and time in it forward by the same whole number of weeks, so that
its last day falls within the past week: weekdays stay weekdays and local clock times keep
their meaning (the dataset's times are UK wall-clock times). `--as-published` (and the
tests) load it as published, which the report's expected figures need.
"""

import csv
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from lantern.accounts.models import Role, User
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.cases.models import Case
from lantern.children.models import Child
from lantern.children.services import child_restrict, child_share
from lantern.interchange import schema
from lantern.interchange.services import dataset_import

DEMO_DATASET = Path(__file__).resolve().parent / "fixtures" / "willow-2020-21"
SHIFTED = (schema.DATE, schema.DATETIME)
DEMO_CASELOAD = 8  # open cases allocated to the demo practitioner
DEMO_SHARED = 10  # children shared with the demo partner's agency


def _dated_columns() -> dict[str, list[str]]:
    return {spec.name: [c.name for c in spec.columns if c.kind in SHIFTED] for spec in schema.FILES}


def dataset_last_day(folder: Path) -> date:
    """The latest date or time anywhere in the dataset's files."""
    last = date.min
    for name, columns in _dated_columns().items():
        path = folder / name
        if not columns or not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for column in columns:
                    if value := (row.get(column) or "").strip():
                        last = max(last, date.fromisoformat(value[:10]))
    return last


def weeks_to_bring_forward(last_day: date, today: date) -> int:
    """Whole weeks that put `last_day` within the week ending `today` (never backwards)."""
    return max(0, (today - last_day).days // 7)


def dataset_shift(source: Path, target: Path, weeks: int) -> None:
    """Copy the dataset's CSV files, every date and date-time `weeks` weeks later. A time
    of day is written as it was: the dataset's times are local wall-clock times."""
    step = timedelta(weeks=weeks)
    columns = _dated_columns()
    for path in sorted(source.glob("*.csv")):
        dated = columns.get(path.name, [])
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            rows = list(reader)
        places = [header.index(c) for c in dated if c in header]
        for row in rows:
            for i in places:
                value = row[i].strip()
                if value:
                    row[i] = (date.fromisoformat(value[:10]) + step).isoformat() + value[10:]
        with (target / path.name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)


def demo_data_load(stdout, *, today: date | None = None) -> int:
    """Import the sample, brought forward to `today` if given. Returns the number of weeks the dates moved. A second run in the same
    week changes nothing (the import is by source id); a later week moves the dates again."""
    weeks = 0
    if today is None:
        result = dataset_import(DEMO_DATASET)
    else:
        weeks = weeks_to_bring_forward(dataset_last_day(DEMO_DATASET), today)
        with tempfile.TemporaryDirectory(prefix="lantern-demo-") as folder:
            dataset_shift(DEMO_DATASET, Path(folder), weeks)
            shutil.copy(DEMO_DATASET / "README.md", Path(folder) / "README.md")
            result = dataset_import(Path(folder))
    stdout.write(
        f"Demo data (synthetic Willow sample): {result.added} records added, "
        f"{result.updated} updated, {result.unchanged} unchanged."
    )
    return weeks


@transaction.atomic
def demo_work_give() -> None:
    """Open cases for the demo practitioner, children shared with the demo partner's agency
    and a restricted child, so each role's landing page has something on it."""
    practitioner = User.objects.filter(username="practitioner", role=Role.PRACTITIONER).first()
    partner = User.objects.filter(username="partner", role=Role.PARTNER).first()
    coordinator = User.objects.filter(role=Role.COORDINATOR).first()
    if practitioner and practitioner.team_id:
        districts = list(practitioner.team.districts)
        already = Case.objects.filter(allocated_to=practitioner, closed_on__isnull=True)
        wanted = DEMO_CASELOAD - already.count()
        if wanted > 0:
            cases = Case.objects.filter(
                closed_on__isnull=True, allocated_to__isnull=True, child__district__in=districts
            ).order_by("source_id")[:wanted]
            ids = [c.pk for c in cases]
            Case.objects.filter(pk__in=ids).update(allocated_to=practitioner)
            audit_record(
                user=None,
                action=AuditAction.UPDATE,
                object_type="case",
                object_id="demo",
                detail={"allocated_to": practitioner.username, "cases": len(ids)},
            )
        held = (
            Child.objects.filter(cases__allocated_to=practitioner, cases__closed_on__isnull=True)
            .order_by("source_id")
            .first()
        )
        if held is not None and not Child.objects.filter(restricted=True).exists():
            child_restrict(child=held, by=coordinator, restricted=True)
    if partner and partner.agency:
        children = Child.objects.filter(district=partner.district).order_by("source_id")
        for child in children[:DEMO_SHARED]:
            child_share(
                child=child, agency=partner.agency, district=partner.district, by=coordinator
            )
