"""`lantern opmet --as-of DATE [--district D] --format json|csv|pdf`: the Op MET list."""

import csv
import io
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.utils import timezone

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record, command_line_detail
from lantern.risk.selectors import op_met_list

FORMATS = ("json", "csv", "pdf")
COLUMNS = ("child_id", "district", "level", "trafficked", "new")


def op_met_rows(as_of: date, district: str | None) -> tuple[list, list[dict]]:
    """The children on the list and their rows, with the dataset's own child ids."""
    children = list(op_met_list(as_of, district))
    rows = [
        {
            "child_id": c.source_id,
            "district": c.district,
            "level": c.current_level,
            "trafficked": c.trafficked,
            "new": c.new,
        }
        for c in children
    ]
    return children, rows


class Command(BaseCommand):
    help = (
        "The Op MET list as at a date (domain.md): children under 18 whose current level is "
        "low, medium or high, with trafficked and new marked. The same rule as the report's op_met."
    )

    def add_arguments(self, parser):
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="the list's date (default today)")
        parser.add_argument("--district", help="only this district's children")
        parser.add_argument("--format", default="json", help="json, csv or pdf")
        parser.add_argument("--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args, as_of=None, district=None, format="json", output=None, **options):
        fmt = (format or "json").lower()
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
        if fmt == "pdf" and not output:
            raise CommandError("A PDF needs --output FILE.")
        try:
            day = date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError:
            raise CommandError(f"--as-of must be a date like 2021-03-31, not {as_of!r}.") from None
        children, rows = op_met_rows(day, district or None)
        if fmt == "json":
            content = json.dumps({"as_of": day.isoformat(), "children": rows}, indent=2) + "\n"
        elif fmt == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(
                {**r, "trafficked": str(r["trafficked"]).lower(), "new": str(r["new"]).lower()}
                for r in rows
            )
            content = buffer.getvalue()
        else:
            content = _pdf(day, district, children)
        detail = {"as_of": day.isoformat(), "district": district or "", "format": fmt}
        detail |= command_line_detail()
        audit_record(
            action=AuditAction.EXPORT,
            object_type="op_met_list",
            detail={**detail, "rows": len(rows)},
        )
        audit_many(
            action=AuditAction.EXPORT, object_type="op_met_list", children=children, detail=detail
        )
        if output:
            mode = "wb" if isinstance(content, bytes) else "w"
            with open(output, mode) as stream:
                stream.write(content)
            self.stderr.write(
                f"Op MET list on {day:%d/%m/%Y}: {len(rows)} children, written to {output}"
            )
        else:
            self.stdout.write(content, ending="")


def _pdf(day: date, district: str | None, children: list) -> bytes:
    # WeasyPrint takes about a second to load: only a PDF needs it, so it is loaded then.
    from weasyprint import HTML  # noqa: PLC0415

    html = render_to_string(
        "opmet/paper.html", {"as_of": day, "district": district, "children": children}
    )
    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
