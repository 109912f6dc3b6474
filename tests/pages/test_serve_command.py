"""`lantern serve` runs Lantern under gunicorn: a real process answers /healthz and serves a
static file (whitenoise) with the security headers, then stops on SIGTERM."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test server)
        return response.status, dict(response.headers), response.read()


def test_lantern_serve_answers_health_and_static_files(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DEBUG", "DATABASE_URL")},
        "LANTERN_VAR_DIR": str(tmp_path),
        "LANTERN_BIND": f"127.0.0.1:{port}",
        "LANTERN_WORKERS": "1",
    }
    lantern = shutil.which("lantern", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [lantern, "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = get(f"{base}/healthz")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(process.stdout.read().decode()) from None
                time.sleep(0.3)
        assert (status, body) == (200, b"ok")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]

        status, headers, body = get(f"{base}/static/govuk/govuk-frontend.min.css")
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert len(body) > 1000
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output = process.communicate(timeout=30)[0].decode()
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode == 0, output
    # The access log gives paths only (no query strings), and it did log the requests.
    assert "/healthz" in output
