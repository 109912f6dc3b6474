"""Sign-in, lock-out, finding and editing a child, and drafts, in a real browser."""

import datetime as dt
import re
from base64 import b32decode

import pytest
from django_otp.oath import totp

from lantern.accounts.models import Role
from tests.conftest import TEST_PASSWORD, TEST_TOTP_KEY

pytestmark = pytest.mark.e2e


def code_for_hex(key_hex: str) -> str:
    return f"{totp(bytes.fromhex(key_hex)):06d}"


def code_for_base32(secret: str) -> str:
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


def sign_in(web, username: str, code=lambda: code_for_hex(TEST_TOTP_KEY), path: str = "/"):
    page = web.goto(path)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code from your authenticator app").fill(code())
    page.get_by_role("button", name="Sign in").click()
    return page


def test_signing_in_with_a_password_and_an_authenticator_code(web, make_user):
    make_user(Role.MANAGER)
    page = sign_in(web, "maya")
    page.get_by_role("heading", name="What needs you today").wait_for()
    web.screenshot("home")
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Lantern").wait_for()


def test_a_first_sign_in_sets_up_the_authenticator_from_the_key_on_the_page(web, make_user):
    user = make_user(Role.PRACTITIONER)
    user.totpdevice_set.all().delete()
    page = web.goto("/")
    page.get_by_label("Username").fill("priya")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Set up your authenticator app").wait_for()
    web.screenshot("enrol")
    page.get_by_text("I cannot scan the code").click()
    secret = page.locator(".lantern-secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill(code_for_base32(secret))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="What needs you today").wait_for()
    assert user.totpdevice_set.get().confirmed


def test_five_wrong_passwords_lock_the_account_with_a_plain_message(web, make_user):
    make_user(Role.COORDINATOR)
    web.expected_errors.append("429 (Too Many Requests)")  # the locked page's status
    page = web.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("colin")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state("load")
    page.get_by_role("heading", name="Your account is locked for now").wait_for()
    web.screenshot("locked")
    page = web.goto("/accounts/login/")
    page.get_by_label("Username").fill("colin")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Your account is locked for now").wait_for()


def test_finding_a_child_by_part_of_the_name_and_correcting_an_error_beside_the_field(
    web, make_user
):
    from lantern.children.services import child_create

    colin = make_user(Role.COORDINATOR)
    child = child_create(
        by=colin,
        first_name="Jadeline",
        last_name="Okoro",
        date_of_birth=dt.date(2008, 5, 14),
        gender="female",
        district="Hart and Rushmoor",
    )
    page = sign_in(web, "colin", path="/children/")
    page.locator("#search").fill("jadel")
    page.locator("#search").press("Enter")
    page.get_by_role("link", name="Jadeline Okoro").click()
    page.wait_for_url(re.compile(f"/children/{child.pk}/$"))
    web.screenshot("child")
    page.get_by_role("link", name="Change details").click()
    page.locator("#id_district").fill("")
    page.locator("#id_ethnicity").fill("WBRI")
    page.get_by_role("button", name="Save changes").click()
    error = page.locator("#id_district_error")
    error.wait_for()
    assert "Enter the district" in error.inner_text()
    assert page.locator(".govuk-error-summary").is_visible()
    web.screenshot("child-edit-error")
    page.locator("#id_district").fill("Hart and Rushmoor")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(re.compile(f"/children/{child.pk}/$"))
    child.refresh_from_db()
    assert child.ethnicity == "WBRI"


def test_what_was_typed_comes_back_after_a_reload_and_is_cleared_once_saved(web, make_user):
    make_user(Role.ADMIN)
    page = sign_in(web, "adam", path="/accounts/users/new/")
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Khan")
    page.get_by_label("Temporary password").fill("not-kept-in-the-draft")
    page.reload()
    page.get_by_text("We restored what you were typing").wait_for()
    web.screenshot("draft-restored")
    assert page.get_by_label("First name").input_value() == "Nadia"
    assert page.get_by_label("Temporary password").input_value() == ""
    keys = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lantern-draft:'))")
    owner = page.evaluate("document.body.dataset.draftOwner")
    assert keys == [f"lantern-draft:{owner}:/accounts/users/new/#user"]
    page.get_by_label("Username").fill("nadia.k")
    page.get_by_label("Temporary password").fill("a-long-enough-temporary-pass")
    page.get_by_role("button", name="Add user").click()
    page.get_by_text("Account nadia.k created").wait_for()
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lantern-draft:'))") == []
    )


def test_a_draft_is_never_restored_to_another_account_on_the_same_browser(web, make_user):
    make_user(Role.ADMIN)
    make_user(Role.ADMIN, username="ada")
    page = sign_in(web, "adam", path="/accounts/users/new/")
    page.get_by_label("First name").fill("Nadia")
    assert page.evaluate("Object.keys(localStorage).some(k => k.startsWith('lantern-draft:'))")
    page.context.clear_cookies()  # adam's session ends without signing out (idle, closed tab)
    page = sign_in(web, "ada", path="/accounts/users/new/")
    page.get_by_label("First name").wait_for()
    assert page.get_by_label("First name").input_value() == ""
    assert not page.get_by_text("We restored what you were typing").is_visible()
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('lantern-draft:'))") == []
    )


def test_a_warning_comes_before_the_idle_sign_out_and_stay_signed_in_dismisses_it(
    web, make_user, settings
):
    make_user(Role.MANAGER)
    page = sign_in(web, "maya")
    page.clock.install()
    page.reload()
    warning = page.locator("#idle-warning")
    assert warning.is_hidden()
    page.clock.fast_forward(f"{settings.SESSION_IDLE_MINUTES - 1:02d}:00")
    warning.wait_for(state="visible")
    web.screenshot("idle-warning")
    page.get_by_role("button", name="Stay signed in").click()
    warning.wait_for(state="hidden")
    page.clock.fast_forward(f"{settings.SESSION_IDLE_MINUTES + 1:02d}:00")
    page.get_by_role("heading", name="You have been signed out").wait_for()
    assert "/accounts/session-ended/" in page.url
