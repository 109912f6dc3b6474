import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "false",
    "LANTERN_PRODUCTION": "1",
    "HTTPS": "true",
    "SECURE_SSL_REDIRECT": "true",
    "ALLOWED_HOSTS": "lantern.example.gov.uk",
}


def clean_environ() -> dict:
    # The browser tests allow Django's async-unsafe calls for Playwright; production does not.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_lantern(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lantern.manage", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        env={**clean_environ(), **env},
    )


def test_the_production_settings_pass_djangos_deployment_checks():
    result = run_lantern(
        "check", "--deploy", "--fail-level", "WARNING",
        **PRODUCTION_ENV, SECRET_KEY=secrets.token_urlsafe(50),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": "too-short"}
    result = run_lantern("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_uses_secure_host_only_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME,"
        " s.SECURE_HSTS_SECONDS > 0, s.SECURE_SSL_REDIRECT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django;django.setup();{code}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
        env={
            **clean_environ(),
            **PRODUCTION_ENV,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SETTINGS_MODULE": "lantern.settings",
        },
    )
    assert result.stdout.split() == ["True", "True", "__Host-lantern-session", "True", "True"]
