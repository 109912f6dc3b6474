"""`lantern import PATH`: load a dataset (folder of CSVs, .zip or .xlsx), every row or none."""

import shutil
import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lantern.audit.services import command_line_detail
from lantern.interchange.problems import ImportRejected
from lantern.interchange.services import dataset_import


def problems_table(problems) -> list[str]:
    """Every problem as a plain text table: file, row, column, value, what is wrong."""
    header = ("File", "Row", "Column", "Value", "Problem")
    rows = [
        (p.file, str(p.row) if p.row else "", p.column, p.value[:40], p.message) for p in problems
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = []
    for r in [header, *rows]:
        lines.append("  ".join(r[i].ljust(widths[i]) for i in range(4)) + "  " + r[4])
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 7)
    return lines


class Command(BaseCommand):
    help = "Import a Lantern dataset: a folder of CSV files, a .zip of them or an .xlsx workbook."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count, but change nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar")

    def handle(self, *args, path, dry_run=False, no_progress=False, **options):
        bars = {}
        show = not no_progress and sys.stderr.isatty()

        def progress(file: str, rows: int) -> None:
            if file not in bars:
                for done in bars.values():  # one bar at a time: the previous file is done
                    done.close()

                # A terminal that reports no size (some ptys) would hide the bar.
                columns, lines = shutil.get_terminal_size()
                bars[file] = tqdm(
                    desc=file,
                    unit=" rows",
                    leave=True,
                    file=sys.stderr,
                    ncols=columns or 80,
                    nrows=max(lines, 24),
                )
            bars[file].update(rows)

        try:
            result = dataset_import(
                path,
                progress=progress if show else None,
                dry_run=dry_run,
                audit_detail=command_line_detail(),
            )
        except ImportRejected as rejected:
            for bar in bars.values():
                bar.close()
            for line in problems_table(rejected.problems):
                self.stdout.write(line)
            if rejected.more:
                self.stdout.write(f"... and {rejected.more:,} more")
            raise CommandError(
                f"Nothing was imported: {rejected.total:,} problem(s) found."
            ) from None
        for bar in bars.values():
            bar.close()
        width = max(len(name) for name in result.files) if result.files else 10
        self.stdout.write(f"{'File'.ljust(width)}  {'added':>7}  {'updated':>7}  {'unchanged':>9}")
        for name, counts in result.files.items():
            self.stdout.write(
                f"{name.ljust(width)}  {counts.added:>7}  {counts.updated:>7}  {counts.unchanged:>9}"
            )
        verb = "Checked (dry run, nothing changed)" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: {result.added} added, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
