import io
from base64 import b32decode

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import totp

from lantern.accounts.models import Role, User


def run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command("createuser", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_createuser_prints_a_key_that_gives_valid_sign_in_codes(team):
    out = run(
        "--username", "tess", "--role", "manager", "--password", "a-long-enough-password",
        "--first-name", "Tess", "--team", team.name,
    )  # fmt: skip
    key = out.split("Authenticator key: ")[1].split()[0]
    user = User.objects.get(username="tess")
    assert (user.role, user.team, user.first_name) == (Role.MANAGER, team, "Tess")
    device = user.totpdevice_set.get()
    padded = key + "=" * (-len(key) % 8)
    assert device.verify_token(f"{totp(b32decode(padded)):06d}")


@pytest.mark.django_db
def test_createuser_reads_the_password_from_standard_input(monkeypatch):
    out = run(
        "--username", "pat", "--role", "partner", "--password-stdin", "--agency", "police",
        "--district", "Hart and Rushmoor", "--enrol-at-sign-in",
        stdin="a-long-enough-password\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    user = User.objects.get(username="pat")
    assert user.check_password("a-long-enough-password")
    assert not user.totpdevice_set.exists()
    assert "first time they sign in" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["--username", "x", "--role", "manager", "--password", "short"], "not strong enough"),
        (
            [
                "--username",
                "x",
                "--role",
                "manager",
                "--password",
                "a-long-enough-password",
                "--team",
                "Nowhere",
            ],
            "no team called",
        ),  # fmt: skip
        (
            ["--username", "x", "--role", "partner", "--password", "a-long-enough-password"],
            "needs --district",
        ),  # fmt: skip
    ],
)
def test_createuser_refuses_bad_input_with_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert not User.objects.filter(username="x").exists()


@pytest.mark.django_db
def test_createuser_refuses_a_taken_username(make_user):
    make_user(Role.MANAGER)
    with pytest.raises(CommandError, match="already an account"):
        run("--username", "MAYA", "--role", "manager", "--password", "a-long-enough-password")


def test_createuser_exits_non_zero_for_an_unknown_role():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "lantern.manage", "createuser", "--username", "x",
         "--role", "wizard", "--password", "a-long-enough-password"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "invalid choice: 'wizard'" in result.stderr
