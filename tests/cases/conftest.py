"""Children and open cases for the casework tests."""

import itertools
from datetime import date

import pytest

from lantern.cases.models import Case
from tests.children.conftest import *  # noqa: F403

_numbers = itertools.count(1)


@pytest.fixture
def make_case(make_child):
    def make(allocated_to=None, opened_on=date(2024, 6, 3), child=None, **fields):
        n = next(_numbers)
        return Case.objects.create(
            source_id=f"TCASE{n:04d}",
            child=child or make_child(),
            opened_on=opened_on,
            route="nomination",
            allocated_to=allocated_to,
            **fields,
        )

    return make


@pytest.fixture(autouse=True)
def _outcome_kinds(shipped_lookups):
    """The shipped closure outcomes, whatever ran before."""
