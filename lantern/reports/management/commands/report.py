"""`lantern report`: the performance report for a period, as JSON or a document."""

import importlib
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record, command_line_detail
from lantern.core.daterange import date_in_range
from lantern.reports.periods import parse_period, previous_period
from lantern.reports.selectors import performance_report, suppress_small_numbers

FORMATS = ("json", "csv", "xlsx", "pdf", "docx", "html")
BINARY_FORMATS = ("xlsx", "pdf", "docx")


def _title(district: str | None) -> str:
    """The document adds the period itself."""
    return f"Performance report, {district}" if district else "Performance report"


class Command(BaseCommand):
    help = (
        "Print or write the performance report for a period (domain.md counting rules). "
        "Give the period as --from/--to, --quarter 2024/25-Q1, --year 2024/25 or --month 2020-11."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="first day")
        parser.add_argument("--to", metavar="YYYY-MM-DD", help="last day (inclusive)")
        parser.add_argument("--quarter", help="financial quarter, e.g. 2024/25-Q1 (April to June)")
        parser.add_argument("--year", help="financial year, e.g. 2024/25 (April to March)")
        parser.add_argument("--month", help="calendar month, e.g. 2020-11")
        parser.add_argument("--format", default="json", help=f"one of {', '.join(FORMATS)}")
        parser.add_argument("--output", metavar="FILE", help="write here instead of stdout")
        parser.add_argument(
            "--public", action="store_true", help="hide counts from 1 to 4 for publication"
        )
        parser.add_argument("--district", help="only children of this district")

    def handle(self, *args, **options):
        fmt = (options["format"] or "json").lower()
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
        try:
            date_from, date_to = parse_period(
                from_=options["from_"],
                to=options["to"],
                quarter=options["quarter"],
                year=options["year"],
                month=options["month"],
            )
            date_in_range(date_from, "The period"), date_in_range(date_to, "The period")
        except ValueError as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            raise CommandError(error.messages[0] + ".") from None
        district = options["district"] or None
        if fmt in BINARY_FORMATS and not options["output"]:
            raise CommandError(f"A {fmt} file needs --output FILE.")

        report = performance_report(date_from=date_from, date_to=date_to, district=district)
        if options["public"]:
            report = suppress_small_numbers(report)

        if fmt == "json":
            content = (json.dumps(report, indent=1, ensure_ascii=False) + "\n").encode()
        else:
            try:
                documents = importlib.import_module("lantern.reports.documents")
            except ImportError:
                raise CommandError(
                    f"The {fmt} format is not available yet: use --format json."
                ) from None
            previous_from, previous_to = previous_period(date_from, date_to)
            previous = performance_report(
                date_from=previous_from, date_to=previous_to, district=district
            )
            if options["public"]:
                previous = suppress_small_numbers(previous)
            content = documents.render(
                report,
                fmt,
                previous=previous,
                title=_title(district),
                public=bool(options["public"]),
            )

        audit_record(
            action=AuditAction.REPORT,
            object_type="performance_report",
            detail={
                "from": date_from.isoformat(),
                "to": date_to.isoformat(),
                "format": fmt,
                "district": district or "",
                "public": bool(options["public"]),
                "via": "command line",
                **command_line_detail(),
            },
        )

        if options["output"]:
            try:
                with open(options["output"], "wb") as out:
                    out.write(content)
            except OSError as error:
                raise CommandError(
                    f"Could not write {options['output']}: {error.strerror}."
                ) from None
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self._write_to_stdout(content)

    def _write_to_stdout(self, content: bytes) -> None:
        """Bytes as they are to a real stdout (a csv zip can be piped); text to a test's buffer."""
        raw = getattr(self.stdout._out, "buffer", None)
        if raw is None:
            self.stdout.write(content.decode("utf-8", errors="replace"), ending="")
            return
        self.stdout.flush()
        raw.write(content)
        raw.flush()
