"""Synthetic children for the child page tests."""

import itertools
from datetime import date

import pytest

from lantern.children.models import Child

_numbers = itertools.count(1)


@pytest.fixture
def make_child(db):
    def make(**fields):
        n = next(_numbers)
        values = {
            "source_id": f"TC{n:05d}",
            "first_name": "Test",
            "last_name": f"Child{n}",
            "date_of_birth": date(2008, 6, 3),
            "gender": "female",
            "district": "Hart and Rushmoor",
        }
        values.update(fields)
        return Child.objects.create(**values)

    return make
