"""Demo data for `lantern demo`: the synthetic Willow sample, imported like any dataset."""

from pathlib import Path

from lantern.interchange.services import dataset_import

DEMO_DATASET = Path(__file__).resolve().parent / "fixtures" / "willow-2020-21"


def demo_data_load(stdout) -> None:
    """Import the sample; a second run changes nothing (the import is by source id)."""
    result = dataset_import(DEMO_DATASET)
    stdout.write(
        f"Demo data (synthetic Willow sample): {result.added} records added, "
        f"{result.updated} updated, {result.unchanged} unchanged."
    )
