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


def _assert_framing_csp_and_resource_policy(response):
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_static_files_carry_the_security_headers(settings, tmp_path):
    from django.test import Client

    (tmp_path / "lantern").mkdir()
    (tmp_path / "lantern" / "probe.css").write_text("body { margin: 0 }\n")
    settings.STATIC_ROOT = tmp_path
    response = Client().get("/static/lantern/probe.css")  # a new client: whitenoise starts again
    assert response.status_code == 200
    _assert_framing_csp_and_resource_policy(response)


@pytest.mark.django_db
@pytest.mark.parametrize("ssl_redirect", [False, True])
def test_the_400_for_a_bad_host_carries_the_security_headers(settings, ssl_redirect):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = ssl_redirect
    response = Client().get("/accounts/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    _assert_framing_csp_and_resource_policy(response)
