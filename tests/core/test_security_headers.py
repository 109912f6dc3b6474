import pytest

from lantern.accounts.models import Role


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/no-such-page/"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self';" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_hsts_is_sent_over_https_when_not_debugging(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/accounts/login/", secure=True)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_signed_in_pages_are_not_kept_in_the_browser_cache(client_as):
    response = client_as(Role.MANAGER).get("/")
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_forms_need_a_csrf_token(make_user):
    from django.test import Client

    make_user(Role.MANAGER)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"username": "maya", "password": "x"})
    assert response.status_code == 403
    assert b"This form has expired" in response.content


@pytest.mark.django_db
def test_signed_in_pages_give_drafts_an_opaque_owner_per_account(client_as, client):
    """drafts.js keeps a draft under this owner only (docs/security.md)."""
    import re

    owners = []
    for role in (Role.MANAGER, Role.PRACTITIONER):
        html = client_as(role).get("/").content.decode()
        owners.append(re.search(r'data-draft-owner="([0-9a-f]{20})"', html)[1])
    assert owners[0] != owners[1]
    client.logout()
    assert "data-draft-owner" not in client.get("/accounts/login/").content.decode()
