"""Return interview reminders at 48 and 72 hours: who is told, each reminder sent once,
no personal data in any message; sent by email through a real SMTP server started here, or
through GOV.UK Notify's client against a stub HTTP server on loopback."""

import json
import threading
import uuid
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Case
from lantern.cases.services import cover_set
from lantern.missing.flows import send_reminders
from lantern.missing.models import InterviewOutcome, Reminder, ReturnInterview
from lantern.missing.selectors import reminder_threshold
from lantern.missing.services import interview_record, reminder_claim
from tests.missing.conftest import at


@pytest.fixture
def people(make_user):
    worker = make_user(Role.PRACTITIONER, email="priya@council.example")
    coordinator = make_user(Role.COORDINATOR, email="colin@council.example")
    make_user(Role.COORDINATOR, username="cora")  # no address
    gone = make_user(Role.COORDINATOR, username="cory", email="cory@council.example")
    gone.is_active = False
    gone.save()
    make_user(Role.MANAGER, email="maya@council.example")
    return worker, coordinator


@pytest.fixture
def held(child, people):
    Case.objects.create(
        source_id="RC1", child=child, opened_on=date(2024, 1, 1), route="s17",
        allocated_to=people[0],
    )  # fmt: skip
    return child


def back(make_episode, child, hours: float, now):
    ended = now - timedelta(hours=hours)
    return make_episode(child, ended - timedelta(hours=5), ended)


def test_the_threshold_is_reached_at_exactly_48_and_72_hours():
    returned = at(2024, 6, 1, 12)
    assert reminder_threshold(returned, returned + timedelta(hours=47, minutes=59)) is None
    assert reminder_threshold(returned, returned + timedelta(hours=48)) == 48
    assert reminder_threshold(returned, returned + timedelta(hours=71, minutes=59)) == 48
    assert reminder_threshold(returned, returned + timedelta(hours=72)) == 72
    assert reminder_threshold(returned, returned + timedelta(days=5)) == 72


def test_at_48_hours_the_allocated_worker_and_each_active_coordinator_are_told(
    smtp, held, people, make_episode
):
    now = timezone.now()
    episode = back(make_episode, held, 49, now)
    result = send_reminders(now)
    assert (result.messages, result.reminders, result.failed) == (2, 2, 0)
    assert sorted(r for rcpt, _ in smtp.messages for r in rcpt) == [
        "colin@council.example",
        "priya@council.example",
    ]
    (message,) = smtp.to("priya@council.example")
    assert message["From"] == "lantern@council.example"
    assert "1 return interview needs you" in message.get_content()
    assert "reached 48 hours" in message.get_content()
    rows = Reminder.objects.filter(episode=episode)
    assert {(r.threshold, r.recipient_id) for r in rows} == {(48, p.pk) for p in people}
    assert all(r.sent_at is not None for r in rows)
    audit = AuditEntry.objects.filter(object_type="return_interview_reminder")
    assert audit.count() == 2 and all(a.child_id == held.pk for a in audit)


def test_again_at_72_hours_and_never_a_third_time(smtp, held, people, make_episode):
    now = timezone.now()
    back(make_episode, held, 49, now)
    send_reminders(now)
    send_reminders(now + timedelta(hours=22))  # 71 hours: nothing new
    assert len(smtp.messages) == 2
    send_reminders(now + timedelta(hours=23))  # 72 hours
    assert len(smtp.messages) == 4
    assert "reached 72 hours" in smtp.to("colin@council.example")[-1].get_content()
    send_reminders(now + timedelta(hours=40))
    assert len(smtp.messages) == 4


def test_no_reminder_before_48_hours(smtp, held, make_episode):
    now = timezone.now()
    back(make_episode, held, 47.9, now)
    assert send_reminders(now).messages == 0
    assert smtp.messages == [] and not Reminder.objects.exists()


def test_no_reminder_once_the_interview_is_completed_or_declined(
    smtp, held, people, make_episode, child
):
    now = timezone.now()
    done = back(make_episode, held, 60, now)
    declined = back(make_episode, held, 50, now)
    interview_record(
        child=child, episodes=[done], by=people[1], outcome=InterviewOutcome.COMPLETED,
        offered_at=now - timedelta(hours=2), completed_at=now - timedelta(hours=1),
    )  # fmt: skip
    interview_record(
        child=child, episodes=[declined], by=people[1], outcome=InterviewOutcome.DECLINED_CHILD,
        offered_at=now - timedelta(hours=2),
    )  # fmt: skip
    assert ReturnInterview.objects.count() == 2
    assert send_reminders(now).messages == 0 and smtp.messages == []


def test_one_message_per_person_counts_the_interviews_that_need_them(
    smtp, held, people, make_episode
):
    now = timezone.now()
    back(make_episode, held, 50, now)
    back(make_episode, held, 80, now)
    back(make_episode, held, 100, now)
    assert send_reminders(now).messages == 2
    (message,) = smtp.to("colin@council.example")
    body = message.get_content()
    assert "3 return interviews need you" in body
    assert "1 has reached 48 hours" in body and "2 have reached 72 hours" in body


def test_returns_older_than_the_setting_get_no_reminder(smtp, held, make_episode, settings):
    settings.MISSING_REMINDER_WITHIN_DAYS = 7
    now = timezone.now()
    back(make_episode, held, 24 * 7 + 1, now)
    assert send_reminders(now).messages == 0


def test_each_reminder_is_sent_once_when_the_sweep_runs_twice(smtp, held, make_episode):
    now = timezone.now()
    back(make_episode, held, 49, now)
    send_reminders(now)
    again = send_reminders(now + timedelta(minutes=5))
    assert (again.messages, again.reminders) == (0, 0)
    assert len(smtp.messages) == 2
    assert Reminder.objects.count() == 2


def test_a_reminder_another_worker_has_made_is_skipped(smtp, held, people, make_episode):
    """Two sweeps at once: the other one committed its row first, so only it sends."""
    now = timezone.now()
    episode = back(make_episode, held, 49, now)
    worker, coordinator = people
    Reminder.objects.create(episode=episode, threshold=48, recipient=coordinator)
    result = send_reminders(now)
    assert result.messages == 1
    assert smtp.to("colin@council.example") == []
    assert len(smtp.to("priya@council.example")) == 1


def test_the_row_is_the_lock_a_second_claim_of_the_same_reminder_gets_nothing(
    held, people, make_episode
):
    now = timezone.now()
    episode = back(make_episode, held, 49, now)
    first = reminder_claim(episode=episode, threshold=48, recipient=people[1])
    second = reminder_claim(episode=episode, threshold=48, recipient=people[1])
    assert first is not None and second is None
    assert reminder_claim(episode=episode, threshold=72, recipient=people[1]) is not None


def test_the_message_carries_no_personal_data(smtp, held, people, make_episode):
    now = timezone.now()
    episode = back(make_episode, held, 75, now)
    episode.police_reference = "PR-55512"
    episode.save()
    send_reminders(now)
    assert len(smtp.messages) == 2
    for _, message in smtp.messages:
        # Every header but the random Message-ID and the Date, and the body.
        text = (
            "\n".join(
                f"{k}: {v}" for k, v in message.items() if k.lower() not in ("message-id", "date")
            )
            + message.get_content()
        )
        for personal in (
            held.first_name, held.last_name, held.source_id, str(held.pk), held.pk.hex,
            episode.source_id, str(episode.pk), "PR-55512", held.district,
            "2009", "1 May", "01/05", "May 2009",
            people[0].first_name, people[0].last_name,
        ):  # fmt: skip
            assert personal not in text, personal
        assert "http://127.0.0.1:8000/missing/interviews/" in message.get_content()


def test_a_refused_message_is_counted_as_failed_and_the_others_still_go(
    smtp, held, people, make_episode
):
    smtp.refuse.add("priya@council.example")
    now = timezone.now()
    back(make_episode, held, 49, now)
    result = send_reminders(now)
    assert (result.messages, result.failed) == (1, 1)
    assert len(smtp.to("colin@council.example")) == 1
    unsent = Reminder.objects.get(recipient=people[0])
    assert unsent.sent_at is None  # at most once: not tried again by the next sweep
    assert send_reminders(now).messages == 0


def test_a_worker_with_no_account_leaves_only_the_coordinators(smtp, child, people, make_episode):
    Case.objects.create(
        source_id="RC2", child=child, opened_on=date(2024, 1, 1), route="s17", worker="Sam"
    )
    now = timezone.now()
    back(make_episode, child, 49, now)
    assert send_reminders(now).messages == 1
    assert len(smtp.to("colin@council.example")) == 1


def test_lantern_worker_once_runs_the_sweep_through_the_database_task_backend(
    smtp, held, make_episode, monkeypatch
):
    # The worker closes connections between tasks, as a long-running process should; inside
    # this test's transaction that would close the test's own connection (PostgreSQL), so
    # here it keeps it. The two-process test below runs the worker as it really runs.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    now = timezone.now()
    back(make_episode, held, 49, now)
    call_command("worker", once=True)
    (task,) = DBTaskResult.objects.all()
    assert task.status == "SUCCESSFUL"
    assert task.task_path == "lantern.missing.tasks.send_reminders"
    assert task.return_value == {"messages": 2, "reminders": 2, "failed": 0}
    assert len(smtp.messages) == 2
    call_command("worker", once=True)
    assert DBTaskResult.objects.count() == 2 and len(smtp.messages) == 2


class NotifyStub(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        NotifyStub.received.append(
            (self.path, self.headers["Authorization"], json.loads(self.rfile.read(length)))
        )
        body = json.dumps({"id": str(uuid.uuid4()), "content": {}, "template": {}}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def notify(settings):
    NotifyStub.received = []
    server = HTTPServer(("127.0.0.1", 0), NotifyStub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    template = str(uuid.uuid4())
    settings.NOTIFY_API_KEY = f"lantern_test-{uuid.uuid4()}-{uuid.uuid4()}"
    settings.NOTIFY_TEMPLATE_ID = template
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield NotifyStub.received, template
    server.shutdown()
    server.server_close()


def test_with_a_notify_key_the_reminder_goes_through_notify(notify, held, people, make_episode):
    received, template = notify
    now = timezone.now()
    back(make_episode, held, 49, now)
    assert send_reminders(now).messages == 2
    assert {r[2]["email_address"] for r in received} == {p.email for p in people}
    for path, authorization, payload in received:
        assert path == "/v2/notifications/email"
        assert authorization.startswith("Bearer ")
        assert payload["template_id"] == template
        assert payload["personalisation"]["subject"] == "Lantern: return interviews need you"
        body = payload["personalisation"]["body"]
        assert "1 return interview needs you" in body
        assert held.first_name not in body and held.source_id not in body
    audit = AuditEntry.objects.filter(object_type="return_interview_reminder").first()
    assert audit.detail["channel"] == "notify"


SETUP_SCRIPT = """
from datetime import date, timedelta
from django.utils import timezone
from lantern.accounts.models import Team
from lantern.accounts.services import user_create
from lantern.cases.models import Case
from lantern.children.models import Child
from lantern.missing.models import Episode
team = Team.objects.create(name="Race team", districts=["Hart"])
worker = user_create(username="wendy", password="x" * 16, role="practitioner",
                     email="wendy@council.example", team=team)
user_create(username="colin", password="x" * 16, role="coordinator", email="colin@council.example")
child = Child.objects.create(source_id="RACE1", first_name="Rae", last_name="Ace",
                             date_of_birth=date(2009, 1, 1), gender="male", district="Hart")
Case.objects.create(source_id="RACEC", child=child, opened_on=date(2024, 1, 1), route="s17",
                    allocated_to=worker)
now = timezone.now()
for n in range(3):
    Episode.objects.create(source_id=f"RACEE{n}", child=child, missing_from="home",
                           started_at=now - timedelta(hours=60 + 10 * n),
                           ended_at=now - timedelta(hours=50 + 10 * n))
"""


@pytest.mark.slow
def test_two_workers_at_once_send_each_reminder_once_and_a_left_running_one_stops_cleanly(
    smtp, tmp_path
):
    """Two `lantern worker --once` processes on one SQLite file at the same moment."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from django.conf import settings as django_settings

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'race.sqlite3'}",
        "LANTERN_VAR_DIR": str(tmp_path),
        "DEBUG": "false",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(django_settings.EMAIL_PORT),
        "EMAIL_USE_TLS": "false",
        "NOTIFY_API_KEY": "",
    }

    def lantern(*args):
        return [sys.executable, "-m", "lantern.manage", *args]

    def run(*args):
        done = subprocess.run(
            lantern(*args), env=env, cwd=django_settings.BASE_DIR, capture_output=True,
            text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done

    run("migrate", "--no-input", "-v0")
    run("shell", "-c", SETUP_SCRIPT)
    workers = [
        subprocess.Popen(
            lantern("worker", "--once"),
            env=env,
            cwd=django_settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for _ in range(2)
    ]
    for w in workers:
        _, err = w.communicate(timeout=600)
        assert w.returncode == 0, err
    recipients = sorted(r for rcpt, _ in smtp.messages for r in rcpt)
    assert recipients == ["colin@council.example", "wendy@council.example"]
    with sqlite3.connect(tmp_path / "race.sqlite3") as db:
        (sent,) = db.execute(
            "SELECT COUNT(*) FROM missing_reminder WHERE sent_at IS NOT NULL"
        ).fetchone()
    assert sent == 6  # three episodes, two people, each reminder once

    # Left running, the worker queues the sweep itself and stops cleanly on SIGTERM.
    def finished() -> int:
        with sqlite3.connect(tmp_path / "race.sqlite3") as db:
            return db.execute(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult"
                " WHERE status = 'SUCCESSFUL'"
            ).fetchone()[0]

    before = finished()
    running = subprocess.Popen(
        lantern("worker", "--interval", "0.2"), env=env, cwd=django_settings.BASE_DIR,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while finished() == before and time.monotonic() < deadline:
            time.sleep(0.5)
        assert finished() == before + 1
    finally:
        running.send_signal(signal.SIGTERM)
        out, err = running.communicate(timeout=120)
    assert running.returncode == 0, err
    assert "Lantern worker stopped" in out
    assert len(smtp.messages) == 2  # nothing new to send


def test_the_colleague_covering_for_the_worker_is_told_too(
    smtp, held, people, make_episode, make_user
):
    colleague = make_user(Role.PRACTITIONER, username="cover", email="cover@council.example")
    manager = make_user(Role.MANAGER, username="boss")
    today = timezone.localdate()
    cover_set(absent=people[0], covering=colleague, from_on=today, to_on=today, by=manager)
    now = timezone.now()
    back(make_episode, held, 49, now)

    send_reminders(now)

    told = {r for rcpt, _ in smtp.messages for r in rcpt}
    assert "cover@council.example" in told and "priya@council.example" in told
