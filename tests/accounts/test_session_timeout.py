from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry

MARKER = settings.SIGNED_IN_MARKER_COOKIE


def expire_all_sessions():
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))


@pytest.mark.django_db
def test_each_request_pushes_the_session_expiry_to_the_idle_limit(client_as):
    client = client_as(Role.MANAGER)
    client.get("/")
    expiry = Session.objects.get().expire_date
    expected = timezone.now() + timedelta(minutes=settings.SESSION_IDLE_MINUTES)
    assert abs((expiry - expected).total_seconds()) < 30
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/")
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=5)


@pytest.mark.django_db
def test_the_session_cookie_ends_with_the_browser_and_is_http_only(client_as):
    response = client_as(Role.MANAGER).get("/")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and not cookie["max-age"] and not cookie["expires"]
    assert response.cookies[MARKER]["httponly"]


@pytest.mark.django_db
def test_an_idle_session_really_expires_and_says_so(client_as):
    client = client_as(Role.MANAGER)
    assert client.get("/").status_code == 200
    assert MARKER in client.cookies
    expire_all_sessions()
    response = client.get("/children/")
    assert response.status_code == 302
    assert response.url == "/accounts/session-ended/?next=%2Fchildren%2F"
    page = client.get(response.url)
    assert b"You have been signed out" in page.content
    assert b"/accounts/login/?next=/children/" in page.content
    # Once told, the next visit is an ordinary visit to the sign-in page.
    assert client.get("/").url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_form_sent_after_the_time_out_goes_to_the_signed_out_page(client_as):
    client = client_as(Role.ADMIN)
    client.get("/")
    expire_all_sessions()
    response = client.post("/accounts/teams/new/", {"name": "Lost team"})
    assert response.url.startswith("/accounts/session-ended/")


@pytest.mark.django_db
def test_signing_out_on_purpose_does_not_say_the_session_timed_out(client_as):
    client = client_as(Role.MANAGER)
    client.get("/")
    response = client.post("/accounts/logout/")
    assert response.url == "/accounts/login/"
    assert client.cookies[MARKER].value == ""
    assert client.get("/").url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_first_visit_goes_straight_to_sign_in(client):
    assert client.get("/").url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_signed_out_page_ends_a_session_the_browser_timed_out_first(client_as):
    client = client_as(Role.MANAGER)
    client.get("/")
    client.get("/accounts/session-ended/?next=/children/")
    assert client.get("/").url.startswith("/accounts/login/")
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, detail__reason="idle").exists()


@pytest.mark.django_db
def test_the_signed_out_page_ignores_a_next_address_on_another_site(client):
    page = client.get("/accounts/session-ended/?next=https://evil.example/")
    assert b"evil.example" not in page.content


@pytest.mark.django_db
def test_stay_signed_in_renews_the_session(client_as):
    client = client_as(Role.MANAGER)
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.post("/accounts/keep-alive/", HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 204
    assert Session.objects.get().expire_date > timezone.now() + timedelta(minutes=5)
    response = client.post("/accounts/keep-alive/", {"next": "/children/"})
    assert response.url == "/children/"


@pytest.mark.django_db
def test_signed_in_pages_carry_the_idle_warning_and_the_draft_scripts(client_as):
    html = client_as(Role.MANAGER).get("/").content.decode()
    assert f'data-idle-minutes="{settings.SESSION_IDLE_MINUTES}"' in html
    assert 'id="idle-warning"' in html and "Stay signed in" in html
    assert "lantern/drafts.js" in html and "lantern/session.js" in html
