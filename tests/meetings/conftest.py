"""Children, meetings and actions for the meetings tests (all invented)."""

from datetime import date

import pytest

from lantern.children.models import Child
from lantern.meetings.models import Action, Meeting


@pytest.fixture
def make_child(db):
    def make(ref: str, district: str = "Hart and Rushmoor", **extra):
        return Child.objects.create(
            source_id=ref,
            first_name=extra.pop("first_name", "Robin"),
            last_name=extra.pop("last_name", f"Child{ref}"),
            date_of_birth=date(2009, 5, 1),
            gender="female",
            district=district,
            **extra,
        )

    return make


@pytest.fixture
def child(make_child):
    return make_child("MT001", first_name="Robin", last_name="Fairweather")


@pytest.fixture
def far_child(make_child):
    """A child in a district the North team does not cover."""
    return make_child("MT900", district="Winchester", first_name="Ash", last_name="Faraway")


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(source_id="MTM1", type="triage", held_on=date(2024, 6, 3))


@pytest.fixture
def make_action(db):
    def make(**fields):
        n = Action.objects.count() + 1
        fields.setdefault("description", f"Action {n}")
        return Action.objects.create(source_id=f"MTA{n:03d}", **fields)

    return make


def date_fields(name: str, day: date) -> dict:
    return {
        f"{name}-day": str(day.day),
        f"{name}-month": str(day.month),
        f"{name}-year": str(day.year),
    }


@pytest.fixture
def coordinator_user(make_user):
    from lantern.accounts.models import Role

    return make_user(Role.COORDINATOR)
