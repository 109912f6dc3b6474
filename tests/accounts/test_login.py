import pytest
from django_otp.oath import totp

from lantern.accounts.models import Role
from tests.conftest import TEST_PASSWORD, TEST_TOTP_KEY


def current_code() -> str:
    return f"{totp(bytes.fromhex(TEST_TOTP_KEY)):06d}"


@pytest.mark.django_db
def test_signing_in_needs_a_password_and_a_code(client, make_user):
    make_user(Role.COORDINATOR)
    response = client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").url.startswith("/accounts/two-factor/")
    response = client.post("/accounts/two-factor/", {"code": current_code()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_code_is_shown_beside_the_field(client, make_user):
    make_user(Role.COORDINATOR)
    client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    response = client.post(
        "/accounts/two-factor/", {"code": "000000" if current_code() != "000000" else "111111"}
    )
    assert response.status_code == 200
    assert b"govuk-error-message" in response.content


@pytest.mark.django_db
def test_a_new_account_is_shown_a_qr_code_to_enrol(client, make_user):
    user = make_user(Role.PRACTITIONER)
    user.totpdevice_set.all().delete()
    client.post("/accounts/login/", {"username": "priya", "password": TEST_PASSWORD})
    response = client.get("/accounts/two-factor/")
    assert b"<svg" in response.content
    assert b"Set up your authenticator app" in response.content


@pytest.mark.django_db
def test_five_failed_passwords_lock_the_account(client, make_user):
    make_user(Role.MANAGER)
    for _ in range(5):
        client.post("/accounts/login/", {"username": "maya", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "maya", "password": TEST_PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_session_id_is_renewed_when_the_code_is_accepted(client, make_user):
    """Session fixation: an id known before the second factor is worthless after it."""
    make_user(Role.COORDINATOR)
    client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    before = client.session.session_key
    response = client.post("/accounts/two-factor/", {"code": current_code()})
    assert response.status_code == 302
    after = client.session.session_key
    assert after and after != before
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=before).exists()
    assert client.get("/").status_code == 200
