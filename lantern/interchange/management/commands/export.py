"""`lantern export PATH`: write the whole dataset (folder, .zip or .xlsx), or a national return."""

import argparse
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantern.audit.services import command_line_detail
from lantern.core.daterange import date_in_range
from lantern.interchange.services import dataset_export, national_export


def _date(text: str) -> date:
    try:
        return date_in_range(date.fromisoformat(text))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it as YYYY-MM-DD"
        ) from None
    except ValidationError as error:
        raise argparse.ArgumentTypeError(f"'{text}': {error.messages[0]}") from None


class Command(BaseCommand):
    help = "Export the whole dataset to a folder, a .zip or an .xlsx (by the path's suffix)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--pseudonymise",
            action="store_true",
            help="Replace names with pseudonyms, dates of birth with age bands, drop free text "
            "(the dataset and annex-a-list8)",
        )
        parser.add_argument(
            "--format",
            default="dataset",
            help="dataset (default) or a national return: ssda903-missing, ssd-missing, "
            "annex-a-list8",
        )

        parser.add_argument(
            "--from", dest="date_from", type=_date, help="national returns: first day (YYYY-MM-DD)"
        )
        parser.add_argument(
            "--to",
            dest="date_to",
            type=_date,
            help="national returns: last day (default today); annex-a-list8 is run for this "
            "date and covers the 12 months ending on it",
        )
        parser.add_argument(
            "--headers",
            choices=["ofsted", "d2i"],
            help="annex-a-list8: Ofsted's List 8 headers, every column (ofsted, the default), "
            "or D2I's names for the missing columns only (d2i)",
        )

    def handle(self, *args, path, pseudonymise=False, format="dataset", **options):
        if format != "dataset":
            try:
                rows = national_export(
                    Path(path),
                    format_name=format,
                    date_from=options.get("date_from"),
                    date_to=options.get("date_to"),
                    headers=options.get("headers"),
                    pseudonymise=pseudonymise,
                    audit_detail=command_line_detail(),
                )
            except (LookupError, ValueError) as error:
                raise CommandError(str(error)) from None
            self.stdout.write(self.style.SUCCESS(f"Wrote {rows} rows of {format} to {path}."))
            return
        if options.get("headers"):
            raise CommandError("--headers works only with --format annex-a-list8.")
        counts = dataset_export(path, pseudonymise=pseudonymise, audit_detail=command_line_detail())
        total = sum(counts.values())
        kind = "pseudonymised dataset" if pseudonymise else "dataset"
        self.stdout.write(
            self.style.SUCCESS(f"Wrote the {kind}: {total} rows in {len(counts)} files to {path}.")
        )
