"""Shared fixtures: test personas with names, signed in with both factors."""

from pathlib import Path

import pytest
from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY

from lantern.accounts.models import Role, Team
from lantern.accounts.services import totp_device_set, user_create

SAMPLE_DIR = Path(settings.SHARED_DIR) / "samples" / "willow-2020-21"
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238 test key, hex
TEST_PASSWORD = "correct-horse-battery-staple"

PERSONAS = {
    Role.PRACTITIONER: "priya",
    Role.COORDINATOR: "colin",
    Role.MANAGER: "maya",
    Role.PARTNER: "paul",
    Role.ANALYST: "anna",
    Role.AUDITOR: "audrey",
    Role.ADMIN: "adam",
}


@pytest.fixture
def team(db):
    return Team.objects.create(
        name="North team", districts=["Hart and Rushmoor", "Basingstoke and Deane"]
    )


@pytest.fixture
def make_user(db, team):
    def make(role: str, username: str | None = None, **extra):
        user = user_create(
            username=username or PERSONAS[role],
            password=TEST_PASSWORD,
            role=role,
            first_name=(username or PERSONAS[role]).title(),
            last_name="Test",
            team=extra.pop("team", team),
            **extra,
        )
        totp_device_set(user=user, key_hex=TEST_TOTP_KEY)
        return user

    return make


@pytest.fixture
def sign_in(client):
    """Sign a user in with password and second factor, as the login pages would."""

    def do(user):
        client.force_login(user)
        device = user.totpdevice_set.filter(confirmed=True).first()
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return do


@pytest.fixture
def client_as(make_user, sign_in):
    """`client_as(Role.MANAGER)` gives a signed-in test client for that persona."""

    def do(role: str, **extra):
        user = make_user(role, **extra)
        c = sign_in(user)
        c.user = user
        return c

    return do


@pytest.fixture
def shipped_lookups(db):
    """The risk tools and closure outcomes the migrations ship. A transactional test (the
    browser tests) empties every table afterwards, so tests that need them ask for this."""
    from importlib import import_module

    from django.apps import apps

    import_module(
        "lantern.risk.migrations.0002_versioned_tools_and_the_assessment_form"
    ).seed_tools(apps, None)
    import_module("lantern.cases.migrations.0005_allocation_closure_plans").seed_outcome_kinds(
        apps, None
    )
