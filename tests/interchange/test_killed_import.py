"""A killed import (SIGKILL mid-way) leaves no partial rows: it is one transaction."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lantern.interchange.schema import BY_NAME

pytestmark = pytest.mark.slow

LANTERN = Path(sys.executable).parent / "lantern"


def big_dataset(folder: Path, children: int = 150_000) -> None:
    folder.mkdir()
    with open(folder / "children.csv", "w", encoding="utf-8", newline="") as out:
        out.write(",".join(BY_NAME["children.csv"].header) + "\r\n")
        for n in range(children):
            out.write(f"C{n:07d},Test,Child{n},2008-01-02,female,,Havant,none,,false,,\r\n")


def test_a_killed_import_leaves_no_rows(tmp_path):
    database = tmp_path / "killed.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "LANTERN_VAR_DIR": str(tmp_path)}
    subprocess.run([LANTERN, "migrate", "-v0"], env=env, check=True, timeout=300)
    big_dataset(tmp_path / "big")
    # SQLite runs in WAL mode: uncommitted pages of the import pile up in the -wal file.
    wal = Path(f"{database}-wal")
    process = subprocess.Popen(
        [LANTERN, "import", str(tmp_path / "big"), "--no-progress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > 2_000_000:  # some batches written
                break
            time.sleep(0.01)
        assert process.poll() is None, "the import finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(database) as connection:  # ignores the uncommitted WAL frames
        (count,) = connection.execute("select count(*) from children_child").fetchone()
    assert count == 0
