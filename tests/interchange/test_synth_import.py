"""A synthetic dataset passes the importer: every rule of dataset.md holds, every row loads."""

from datetime import date

import pytest

from lantern.children.models import Child
from lantern.interchange import services
from lantern.interchange.synth import dataset_synthesise
from lantern.missing.models import Episode

pytestmark = pytest.mark.django_db


def test_a_scale_two_hundredths_dataset_imports_without_a_problem(tmp_path):
    counts = dataset_synthesise(output=tmp_path, scale=0.02, seed=4, start=date(2024, 4, 1))
    try:
        services.dataset_import(tmp_path)
    except Exception as rejected:  # show every problem, not just "rejected"
        pytest.fail(f"import rejected: {getattr(rejected, 'problems', rejected)}")
    assert Child.objects.count() == counts["children"]
    assert Episode.objects.count() == counts["missing_episodes"]


def test_a_synthetic_dataset_exports_back_byte_for_byte(tmp_path):
    """Same columns, order, line endings and clock-change times as `lantern export` writes."""
    source, exported = tmp_path / "synth", tmp_path / "export"
    dataset_synthesise(output=source, scale=0.05, seed=11, start=date(2024, 4, 1))
    services.dataset_import(source)
    services.dataset_export(exported)
    for written in sorted(source.glob("*.csv")):
        assert (exported / written.name).read_bytes() == written.read_bytes(), written.name
