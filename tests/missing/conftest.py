"""Children and episodes for the missing pages' tests (all invented)."""

import email
import socket
from datetime import UTC, date, datetime
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller

from lantern.children.models import Child
from lantern.missing.models import Episode


@pytest.fixture
def child(db):
    return Child.objects.create(
        source_id="MC001",
        first_name="Robin",
        last_name="Fairweather",
        date_of_birth=date(2009, 5, 1),
        gender="female",
        district="Hart and Rushmoor",
    )


@pytest.fixture
def make_episode(db):
    def make(child, start: datetime, end: datetime | None = None, **extra):
        n = Episode.objects.count() + 1
        return Episode.objects.create(
            source_id=extra.pop("source_id", f"ME{n:04d}"),
            child=child,
            started_at=start,
            ended_at=end,
            missing_from=extra.pop("missing_from", "home"),
            **extra,
        )

    return make


def at(*parts) -> datetime:
    """A UTC moment: at(2024, 6, 3, 13, 5)."""
    return datetime(*parts, tzinfo=UTC)


def moment_fields(name: str, day: int, month: int, year: int, time: str) -> dict:
    return {
        f"{name}-day": str(day),
        f"{name}-month": str(month),
        f"{name}-year": str(year),
        f"{name}-time": time,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """Collects what the SMTP server receives."""

    def __init__(self):
        self.messages = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=default_policy)
        self.messages.append((sorted(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for rcpt, m in self.messages if address in rcpt]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.NOTIFY_API_KEY = ""
    settings.DEFAULT_FROM_EMAIL = "lantern@council.example"
    yield inbox
    controller.stop()


@pytest.fixture
def media_root(settings, tmp_path):
    """Photos are stored under a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(fmt: str = "JPEG", size=(60, 80), mode: str = "RGB", **save) -> bytes:
    """A small picture made with Pillow, in `fmt` (JPEG, PNG, GIF ...)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 0).save(out, format=fmt, **save)
    return out.getvalue()


def own_client(user):
    """A test client of its own, signed in with both factors (several users in one test)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
    session.save()
    return client
