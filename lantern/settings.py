"""One settings module, read from the environment; safe defaults for local use."""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LANTERN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from exc


def _local_secret_key() -> str:
    """A random key kept under var/ so local sessions survive restarts."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


# LANTERN_PRODUCTION=1: refuse unsafe configuration instead of falling back to local defaults.
PRODUCTION = env_bool("LANTERN_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)
if PRODUCTION:
    if DEBUG:
        raise ValueError("DEBUG must be off when LANTERN_PRODUCTION is set")
    if len(os.environ.get("SECRET_KEY", "")) < 50:
        raise ValueError("SECRET_KEY of at least 50 random characters is needed in production")
SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
# Analysts' pseudonyms (lantern.children.pseudonyms): set it to keep them when SECRET_KEY changes.
PSEUDONYM_KEY = os.environ.get("PSEUDONYM_KEY") or SECRET_KEY
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
# Local HTTP by default; production is served over HTTPS (HTTPS=true, the default there).
HTTPS = env_bool("HTTPS", PRODUCTION)
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG and HTTPS)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "lantern.core",
    "lantern.accounts",
    "lantern.audit",
    "lantern.children",
    "lantern.referrals",
    "lantern.cases",
    "lantern.risk",
    "lantern.missing",
    "lantern.meetings",
    "lantern.mapping",
    "lantern.nrm",
    "lantern.activity",
    "lantern.reports",
    "lantern.interchange",
    "lantern.api",
    "lantern.pages",
]

MIDDLEWARE = [
    # First, so every answer gets its headers: static files, and the 400 for a bad Host that
    # SecurityMiddleware gives when it redirects to HTTPS.
    "lantern.core.middleware.security_headers",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lantern.core.middleware.session_timeout",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lantern.accounts.middleware.access_rules",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lantern.urls"
WSGI_APPLICATION = "lantern.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lantern" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lantern.pages.context_processors.lantern",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'lantern.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The report's aggregates are short queries; JIT compiling them costs more than it saves.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failures (access.md).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

OTP_TOTP_ISSUER = os.environ.get("OTP_ISSUER", "Lantern")

# Idle sessions end after 30 minutes (access.md), configurable.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True  # scripts read the token from the page's forms, never the cookie
if SECURE_COOKIES:
    # __Host- cookies are only accepted over HTTPS, for this host and path "/": no subdomain can set them.
    SESSION_COOKIE_NAME = "__Host-lantern-session"
    CSRF_COOKIE_NAME = "__Host-lantern-csrf"
# A small marker cookie (no personal data) tells an expired session from a first visit.
SIGNED_IN_MARKER_COOKIE = "__Host-lantern-signed-in" if SECURE_COOKIES else "lantern-signed-in"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HSTS is only sent over HTTPS, so it is harmless locally; off with DEBUG.
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
# axes.W006: lock-out is by account, not by address, so one office behind NAT is not locked out together.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start without it
STATICFILES_DIRS = [BASE_DIR / "lantern" / "static"]
WHITENOISE_USE_FINDERS = DEBUG


# Every response's Content-Security-Policy (lantern.core.middleware), static files' too.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


def _static_file_headers(headers, path, url):
    """Static files carry the pages' framing, CSP and resource policy (docs/security.md)."""
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    headers["Cross-Origin-Resource-Policy"] = "same-origin"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Caps on one dataset import (docs/dataset-import.md): bytes once unzipped, lines read across
# all files, problems listed (the rest are counted). A national-scale benchmark raises them.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 500_000_000)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 5_000_000)
IMPORT_MAX_PROBLEMS = env_int("IMPORT_MAX_PROBLEMS", 500)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None
MEDIA_ROOT = VAR_DIR / "media"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {"TITLE": "Lantern API", "VERSION": "1", "SERVE_INCLUDE_SCHEMA": False}

# Retention (access.md): records of a closed case are reviewed for deletion at this age.
RETENTION_REVIEW_AGE = env_int("RETENTION_REVIEW_AGE", 25)
# Where the shared sample lives (demo data and acceptance tests).
SHARED_DIR = Path(os.environ.get("LANTERN_SHARED_DIR", BASE_DIR.parent / "shared"))

# No personal data in logs: log only what the app writes itself, never request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
    },
}

# Casework (docs/casework.md): the team view flags open cases with no direct work for this
# many weeks; onward referrals waiting longer than this many days for a first meeting are
# flagged as long waits.
NO_DIRECT_WORK_WEEKS = env_int("NO_DIRECT_WORK_WEEKS", 4)
ONWARD_LONG_WAIT_DAYS = env_int("ONWARD_LONG_WAIT_DAYS", 42)
# Risk (docs/casework.md): review due this many months after an assessment that raised the
# level (3 months otherwise, domain.md).
RISK_REVIEW_AFTER_RISE_MONTHS = env_int("RISK_REVIEW_AFTER_RISE_MONTHS", 1)

# Triage (docs/triage.md): the weekdays it meets, comma-separated names in the environment.
TRIAGE_DAYS = [
    d.strip() for d in os.environ.get("TRIAGE_DAYS", "Tuesday,Friday").split(",") if d.strip()
]
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
if not TRIAGE_DAYS or any(
    d.lower() not in _WEEKDAYS and d not in tuple("0123456") for d in TRIAGE_DAYS
):
    raise ValueError("TRIAGE_DAYS must be day names or numbers 0 (Monday) to 6, by commas")

# The missing data quality list (docs/missing.md): a returned episode with no interview
# record after this many hours, an episode still open after this many days.
MISSING_QUALITY_NO_INTERVIEW_HOURS = env_int("MISSING_QUALITY_NO_INTERVIEW_HOURS", 72)
MISSING_QUALITY_OPEN_DAYS = env_int("MISSING_QUALITY_OPEN_DAYS", 7)

# Messages (lantern.core.messages.send_message): through GOV.UK Notify when NOTIFY_API_KEY is
# set (one plain email template with `subject` and `body` placeholders), else by email with
# Django's mail settings. With DEBUG and no EMAIL_HOST, mail is written to the console.
NOTIFY_API_KEY = os.environ.get("NOTIFY_API_KEY", "")
NOTIFY_TEMPLATE_ID = os.environ.get("NOTIFY_TEMPLATE_ID", "")
NOTIFY_BASE_URL = os.environ.get("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587 if EMAIL_HOST else 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", bool(EMAIL_HOST))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lantern@localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
if NOTIFY_API_KEY and not NOTIFY_TEMPLATE_ID:
    raise ValueError("NOTIFY_TEMPLATE_ID is needed with NOTIFY_API_KEY")
# The address people use to reach Lantern, for links in messages (no trailing slash).
LANTERN_BASE_URL = os.environ.get("LANTERN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work (Django's task API as backported by django-tasks): tasks wait in the
# database until `lantern worker` runs them; nothing else to run.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `lantern worker` queues the return interview reminder sweep this often.
LANTERN_REMINDER_EVERY_MINUTES = env_int("LANTERN_REMINDER_EVERY_MINUTES", 5)
# Reminders (docs/missing.md): only for returns within this many days, so a first run over
# old records does not send reminders for interviews long overdue.
MISSING_REMINDER_WITHIN_DAYS = env_int("MISSING_REMINDER_WITHIN_DAYS", 7)
# Telling a placing authority (docs/missing.md): who its message asks it to contact.
LANTERN_MISSING_CONTACT = os.environ.get(
    "LANTERN_MISSING_CONTACT", "the missing children co-ordinator"
)
# The Philomena profile's photo (docs/missing.md): refused above this many bytes as uploaded,
# or above this many pixels (width x height) before it is decoded (a decompression bomb).
PHILOMENA_PHOTO_MAX_BYTES = env_int("PHILOMENA_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
PHILOMENA_PHOTO_MAX_PIXELS = env_int("PHILOMENA_PHOTO_MAX_PIXELS", 40_000_000)
