"""A child placed here by another authority goes missing: the authority is emailed when an
address is recorded for it (after the commit, no name or date of birth), or the
co-ordinators get a task to tell it; either way that it was told is recorded."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import Child, PlacingAuthority
from lantern.missing.models import Episode, OlaNotice
from lantern.missing.services import episode_create
from tests.missing.conftest import moment_fields


@pytest.fixture
def ola_child(child):
    Child.objects.filter(pk=child.pk).update(placing_authority="Surrey County Council")
    child.refresh_from_db()
    return child


def start_form() -> dict:
    now = timezone.localtime() - timedelta(hours=2)
    return {
        **moment_fields("started_at", now.day, now.month, now.year, f"{now:%H:%M}"),
        "missing_from": "home",
        "episode_type": "missing",
    }


def test_with_an_address_the_authority_is_emailed_after_the_commit_and_it_is_recorded(
    smtp, client_as, ola_child, django_capture_on_commit_callbacks
):
    PlacingAuthority.objects.create(name="surrey county council ", email="missing@surrey.example")
    client = client_as(Role.PRACTITIONER)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("missing:episode_new", args=[ola_child.pk]), start_form())
    assert response.status_code == 302
    assert len(callbacks) == 1
    episode = Episode.objects.get()
    notice = OlaNotice.objects.get(episode=episode)
    assert notice.email == "missing@surrey.example"
    assert notice.told_at is not None and notice.sent_at == notice.told_at
    assert notice.how == "email"
    ((rcpt, message),) = smtp.messages
    assert rcpt == ["missing@surrey.example"]
    body = message.get_content()
    assert episode.source_id in body and episode.source_id.startswith("LAN-")
    assert "contact the missing children co-ordinator" in body
    # Every header but the random Message-ID and the Date, and the body.
    text = (
        "\n".join(
            f"{k}: {v}" for k, v in message.items() if k.lower() not in ("message-id", "date")
        )
        + message.get_content()
    )
    for personal in (ola_child.first_name, ola_child.last_name, ola_child.source_id, "2009"):
        assert personal not in text
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "Placing authority told on" in page
    assert AuditEntry.objects.filter(object_type="ola_notice", action="update").exists()


def test_nothing_is_sent_when_the_episode_is_rolled_back(
    smtp, ola_child, make_user, django_capture_on_commit_callbacks
):
    PlacingAuthority.objects.create(name="Surrey County Council", email="missing@surrey.example")
    user = make_user(Role.PRACTITIONER)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        episode_create(
            child=ola_child,
            by=user,
            started_at=timezone.now() - timedelta(hours=1),
            missing_from="home",
        )
    assert len(callbacks) == 1  # queued for the commit, not sent inside the transaction
    assert smtp.messages == []


def test_without_an_address_the_coordinators_get_a_task_and_record_that_they_told_it(
    smtp, client_as, ola_child, django_capture_on_commit_callbacks
):
    PlacingAuthority.objects.create(name="Surrey County Council", email="")
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("missing:episode_new", args=[ola_child.pk]), start_form())
    assert callbacks == [] and smtp.messages == []
    notice = OlaNotice.objects.get()
    assert notice.told_at is None
    tasks = client.get(reverse("missing:placing_authority_tasks")).content.decode()
    assert "<strong>1</strong> authority to tell" in tasks
    assert "Surrey County Council" in tasks and "No email address recorded" in tasks
    episode_page = client.get(reverse("missing:episode", args=[notice.episode_id]))
    assert "not told yet" in episode_page.content.decode()
    told = timezone.localtime() - timedelta(minutes=30)
    url = reverse("missing:placing_authority_told", args=[notice.pk])
    response = client.post(
        url,
        {"how": "phone", **moment_fields("told_at", told.day, told.month, told.year, f"{told:%H:%M}")},
    )  # fmt: skip
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.how == "phone" and notice.told_by == client.user
    assert notice.told_at is not None and notice.sent_at is None
    tasks = client.get(reverse("missing:placing_authority_tasks")).content.decode()
    assert "Every placing authority has been told." in tasks
    page = client.get(reverse("missing:episode", args=[notice.episode_id])).content.decode()
    assert "Placing authority told on" in page and "(phone" in page


def test_an_authority_not_on_the_list_is_a_task_too(client_as, ola_child):
    client = client_as(Role.COORDINATOR)
    client.post(reverse("missing:episode_new", args=[ola_child.pk]), start_form())
    assert OlaNotice.objects.get().email == ""


def test_a_child_of_this_authority_gets_no_notice(client_as, child):
    client = client_as(Role.COORDINATOR)
    client.post(reverse("missing:episode_new", args=[child.pk]), start_form())
    assert Episode.objects.count() == 1 and not OlaNotice.objects.exists()


def test_the_told_form_shows_errors_beside_the_fields(client_as, ola_child):
    client = client_as(Role.COORDINATOR)
    client.post(reverse("missing:episode_new", args=[ola_child.pk]), start_form())
    notice = OlaNotice.objects.get()
    page = client.post(reverse("missing:placing_authority_told", args=[notice.pk]), {})
    html = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "Select how the authority was told" in html
    assert "Enter when the authority was told" in html


def test_the_task_list_takes_the_same_queries_whatever_its_length(
    client_as, make_episode, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    now = timezone.now()

    def ola(n):
        child = Child.objects.create(
            source_id=f"OLA{n}", first_name=f"Ola{n}", last_name="Test",
            date_of_birth=date(2009, 1, 1), gender="male", district="Hart and Rushmoor",
            placing_authority="Kent County Council",
        )  # fmt: skip
        episode = make_episode(child, now - timedelta(days=n + 1), now - timedelta(days=n))
        OlaNotice.objects.create(episode=episode, authority_name="Kent County Council")

    ola(0)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("missing:placing_authority_tasks"))
    for n in range(1, 10):
        ola(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("missing:placing_authority_tasks"))
    assert "<strong>10</strong> authorities to tell" in page.content.decode()
