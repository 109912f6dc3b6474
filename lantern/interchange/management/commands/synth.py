"""`lantern synth`: write a synthetic dataset (dataset.md v1) of any size, for tests and benchmarks."""

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from lantern.interchange.synth import COUNTY_CHILDREN, DEFAULT_START, dataset_synthesise


class Command(BaseCommand):
    help = (
        "Write a synthetic dataset: scale 1 is one county-year (about 1,500 children), "
        "scale 100 a national year. The same seed always writes the same bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = one county-year")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--output", required=True, help="Folder to write the CSV files into")
        parser.add_argument(
            "--start",
            default=DEFAULT_START.isoformat(),
            help="First day of the year the data covers (YYYY-MM-DD), default %(default)s",
        )

    def handle(self, *args, scale, seed, output, start, **options):
        if scale <= 0:
            raise CommandError("--scale must be more than 0")
        try:
            first = date.fromisoformat(start)
        except ValueError as error:
            raise CommandError(f"--start must be a date like 2024-04-01 ({error})") from error
        total = max(1, round(COUNTY_CHILDREN * scale))
        with tqdm(
            total=total, unit="child", disable=not sys.stderr.isatty(), file=sys.stderr
        ) as bar:
            counts = dataset_synthesise(
                output=Path(output), scale=scale, seed=seed, start=first, progress=bar.update
            )
        for name, rows in counts.items():
            self.stdout.write(f"{name + '.csv':<24} {rows:>10,} rows")
        self.stdout.write(self.style.SUCCESS(f"Synthetic dataset written to {output}"))
