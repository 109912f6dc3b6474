"""Every `next` parameter, given hostile values: a safe local path is followed, anything else
ignored, and never a server error (docs/security.md)."""

from urllib.parse import quote

import pytest

from lantern.accounts.models import Role
from tests.accounts.test_login import current_code
from tests.conftest import TEST_PASSWORD

HOSTILE = [
    "foo",
    "%FF",
    "\ufffd",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/children/\r\nSet-Cookie: x=1",
    "http:/evil.example",
    "/" + "a" * 5000,
    "",
    "home",
    "accounts:login",
]


def _is_local(url: str) -> bool:
    return url.startswith("/") and not url.startswith(("//", "/\\")) and "evil" not in url


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_stay_signed_in_ignores_a_hostile_next(client_as, value):
    response = client_as(Role.MANAGER).post("/accounts/keep-alive/", {"next": value})
    assert response.status_code == 302
    assert response.url in ("/", "/" + "a" * 5000)


@pytest.mark.django_db
def test_stay_signed_in_ignores_bytes_that_are_not_utf8(client_as):
    response = client_as(Role.MANAGER).post(
        "/accounts/keep-alive/", b"next=%FF%FE", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_the_code_page_ignores_a_hostile_next(client, make_user, value):
    make_user(Role.COORDINATOR)
    client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    response = client.post(f"/accounts/two-factor/?next={quote(value)}", {"code": current_code()})
    assert response.status_code == 302
    assert _is_local(response.url)
    assert response.url in ("/", "/" + "a" * 5000)


@pytest.mark.django_db
def test_the_code_page_follows_a_local_next(client, make_user):
    make_user(Role.COORDINATOR)
    client.post(
        "/accounts/login/?next=/children/", {"username": "colin", "password": TEST_PASSWORD}
    )
    response = client.post("/accounts/two-factor/?next=/children/", {"code": current_code()})
    assert response.url == "/children/"


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_signing_in_passes_on_only_a_local_next(client, make_user, value):
    make_user(Role.COORDINATOR)
    response = client.post(
        f"/accounts/login/?next={quote(value)}",
        {"username": "colin", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/two-factor/")
    assert "evil" not in response.url


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
def test_the_signed_out_page_ignores_a_hostile_next(client, value):
    response = client.get(f"/accounts/session-ended/?next={quote(value)}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "evil.example" not in page and "javascript:" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("value", [*HOSTILE, "/", "/audit/"])
def test_the_break_glass_review_goes_back_only_to_its_two_pages(client_as, make_user, value):
    from datetime import date

    from lantern.children.models import BreakGlass, Child

    child = Child.objects.create(
        source_id="NX1", first_name="A", last_name="B", date_of_birth=date(2010, 1, 1)
    )
    event = BreakGlass.objects.create(
        child=child, user=make_user(Role.PRACTITIONER), reason="Urgent safeguarding call"
    )
    response = client_as(Role.MANAGER).post(
        f"/children/break-glass/{event.pk}/reviewed/", {"next": value}
    )
    assert response.status_code == 302
    assert response.url == (value if value in ("/", "/audit/") else "/")
