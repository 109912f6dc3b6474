"""`lantern serve`: run Lantern for real under gunicorn (docs/deployment.md).

Collects the static files first (whitenoise serves them from STATIC_ROOT), then runs
gunicorn in this process. Settings from the environment, overridable by options:
LANTERN_BIND (default 127.0.0.1:8000), LANTERN_WORKERS (default 2) and LANTERN_TIMEOUT
(seconds, default 30). The access log gives the path only, never the query string, which
may hold search words such as a name. SIGTERM or Ctrl-C stops it gracefully.
"""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication

# Time, method, path without the query string, status, bytes, microseconds taken.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(D)s'


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name) or str(default)
    try:
        return int(value)
    except ValueError as exc:
        raise CommandError(f"{name} must be a whole number, not {value!r}") from exc


class LanternApplication(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return get_wsgi_application()


class Command(BaseCommand):
    help = "Serve Lantern with gunicorn: static files by whitenoise, settings from the environment"

    def add_arguments(self, parser):
        parser.add_argument("--bind", help="Address:port (LANTERN_BIND, default 127.0.0.1:8000)")
        parser.add_argument("--workers", type=int, help="Worker processes (LANTERN_WORKERS, 2)")
        parser.add_argument("--timeout", type=int, help="Seconds per request (LANTERN_TIMEOUT, 30)")
        parser.add_argument(
            "--no-collectstatic", action="store_true", help="Do not collect static files first"
        )

    def handle(self, *args, **options):
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        workers = options["workers"] or _env_int("LANTERN_WORKERS", 2)
        timeout = options["timeout"] or _env_int("LANTERN_TIMEOUT", 30)
        if workers < 1 or timeout < 1:
            raise CommandError("Workers and timeout must be at least 1")
        bind = options["bind"] or os.environ.get("LANTERN_BIND") or "127.0.0.1:8000"
        LanternApplication(
            {
                "bind": bind,
                "workers": workers,
                "timeout": timeout,
                "accesslog": "-",
                "access_log_format": ACCESS_LOG_FORMAT,
                "errorlog": "-",
                "proc_name": "lantern",
            }
        ).run()
