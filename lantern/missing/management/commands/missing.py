"""`lantern missing overdue|triggers`: the worklist's and the trigger list's rules as data.

    lantern missing overdue --as-of 2024-06-03T14:05 --format json|csv
    lantern missing triggers --as-of 2024-06-03 --format json|csv

Times are UK local time, written as in the dataset (YYYY-MM-DDTHH:MM); ids are the
dataset's own. Both use the same rules as the pages (lantern.missing.selectors).
"""

import csv
import io
import json
from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.core.ukdate import LONDON, aware_to_local, local_to_aware
from lantern.missing.selectors import (
    hours_between,
    interview_clock,
    outstanding_as_of,
    triggers_as_of,
)

FORMATS = ("json", "csv")
OVERDUE_COLUMNS = ("episode_id", "child_id", "ended_at", "hours_since_return", "status", "ola")
TRIGGER_COLUMNS = ("child_id", "episodes_in_90_days", "first_start", "meeting_held")


def _local(moment: datetime) -> str:
    local = aware_to_local(moment)
    return local.strftime("%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M")


def _moment(text: str) -> datetime:
    """A UK local date and time (or a date: its midnight); an offset given is respected."""
    try:
        typed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            f"--as-of {text!r} is not a date and time: write YYYY-MM-DDTHH:MM (UK local time)."
        ) from None
    if typed.tzinfo is not None:
        return typed.astimezone(LONDON)
    return local_to_aware(typed)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"--as-of {text!r} is not a date: write YYYY-MM-DD.") from None


def overdue(moment: datetime) -> dict:
    episodes = outstanding_as_of(moment).select_related("child")
    return {
        "as_of": _local(moment),
        "interviews": [
            {
                "episode_id": e.source_id,
                "child_id": e.child.source_id,
                "ended_at": _local(e.ended_at),
                "hours_since_return": hours_between(e.ended_at, moment),
                "status": interview_clock(e.ended_at, moment),
                "ola": e.child.is_ola,
            }
            for e in episodes
        ],
    }


def triggers(day: date) -> dict:
    return {
        "as_of": day.isoformat(),
        "children": [
            {
                "child_id": row.child.source_id,
                "episodes_in_90_days": row.episodes_in_90_days,
                "first_start": _local(row.first_start),
                "meeting_held": row.meeting_held,
            }
            for row in triggers_as_of(day)
        ],
    }


def as_csv(rows: list[dict], columns: tuple) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                ("true" if row[c] else "false") if isinstance(row[c], bool) else row[c]
                for c in columns
            ]
        )
    return out.getvalue()


class Command(BaseCommand):
    help = "Missing children's worklists as data: overdue return interviews, missing triggers."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="list", required=True, metavar="overdue|triggers")
        one = sub.add_parser(
            "overdue", help="episodes returned by the moment whose interview is outstanding"
        )
        one.add_argument("--as-of", required=True, metavar="YYYY-MM-DDTHH:MM")
        one.add_argument("--format", default="json", choices=FORMATS)
        two = sub.add_parser("triggers", help="children with 3 or more starts in 90 days")
        two.add_argument("--as-of", required=True, metavar="YYYY-MM-DD")
        two.add_argument("--format", default="json", choices=FORMATS)

    def handle(self, *args, **options):
        fmt = options["format"]
        if options["list"] == "overdue":
            data = overdue(_moment(options["as_of"]))
            rows, columns = data["interviews"], OVERDUE_COLUMNS
        else:
            data = triggers(_day(options["as_of"]))
            rows, columns = data["children"], TRIGGER_COLUMNS
        audit_record(
            action=AuditAction.REPORT,
            object_type=f"missing_{options['list']}",
            detail={"as_of": data["as_of"], "format": fmt, "via": "command line"},
        )
        if fmt == "json":
            self.stdout.write(json.dumps(data, indent=1, ensure_ascii=False))
        else:
            self.stdout.write(as_csv(rows, columns), ending="")
