"""Hostile import files: encrypted or oddly packed zips, zip bombs, floods of rows and of
problems are refused quickly with a clear problem; uploads do not pile up in var/imports."""

import io
import os
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.interchange.problems import ImportRejected
from lantern.interchange.services import dataset_import
from tests.interchange.test_broken_datasets import BASE, CHILDREN_HEADER, write
from tests.interchange.test_upload_views import zipped

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def _zip_bytes(entries: dict[str, bytes], *, encrypted=False, method=None) -> bytes:
    """zipfile writes neither, so the headers' flags and method fields are rewritten."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    for signature, flags, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if encrypted:
                data[start + flags] |= 0x1
            if method is not None:
                data[start + method_at : start + method_at + 2] = method.to_bytes(2, "little")
            start += 4
    return bytes(data)


CHILDREN = ("\r\n".join(BASE["children.csv"]) + "\r\n").encode()


@pytest.mark.parametrize(
    "kind",
    [{"encrypted": True}, {"method": 99}, {"method": 9}],
    ids=["encrypted", "aes", "deflate64"],
)
def test_an_encrypted_or_unreadably_packed_zip_is_a_clear_problem(tmp_path, kind):
    path = tmp_path / "data.zip"
    path.write_bytes(_zip_bytes({"children.csv": CHILDREN}, **kind))
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(path)
    assert any("password" in p.message for p in rejected.value.problems)
    assert Child.objects.count() == 0


def test_the_web_import_of_an_encrypted_zip_shows_the_problem(client_as, var_dir):
    upload = SimpleUploadedFile("d.zip", _zip_bytes({"children.csv": CHILDREN}, encrypted=True))
    page = client_as(Role.COORDINATOR).post(reverse("interchange:upload"), {"dataset": upload})
    assert page.status_code == 422
    assert "protected by a password" in page.content.decode()
    assert list((var_dir / "imports").iterdir()) == []  # refused: removed


def test_the_command_line_prints_the_problem_not_a_traceback(tmp_path):
    path = tmp_path / "data.zip"
    path.write_bytes(_zip_bytes({"children.csv": CHILDREN}, method=99))
    out = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import", str(path), "--no-progress", stdout=out, stderr=io.StringIO())
    assert "password" in out.getvalue()


def test_a_zip_of_newlines_is_refused_fast(tmp_path, settings):
    settings.IMPORT_MAX_ROWS = 100_000
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("children.csv", CHILDREN_HEADER.encode() + b"\n" * 50_000_000)
    assert path.stat().st_size < 200_000
    started = time.monotonic()
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(path)
    assert time.monotonic() - started < 10
    assert "more than 100,000 rows" in rejected.value.problems[-1].message


def test_a_zip_bigger_than_the_cap_once_unzipped_is_refused_before_reading(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1_000_000
    path = tmp_path / "big.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("children.csv", b"0" * 2_000_000)
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(path)
    (problem,) = rejected.value.problems
    assert "2 MB once unzipped, more than the 1 MB" in problem.message


def test_a_folder_bigger_than_the_cap_is_refused(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100
    write(tmp_path / "data", BASE)
    with pytest.raises(ImportRejected, match="1 problem"):
        dataset_import(tmp_path / "data")


def test_problems_stop_being_listed_after_the_cap_and_the_rest_are_counted(client_as, settings):
    settings.IMPORT_MAX_PROBLEMS = 20
    rows = [CHILDREN_HEADER] + [
        f"C{n},A,B,2008-01-02,mail,,Havant,none,,false,," for n in range(300)
    ]
    page = client_as(Role.COORDINATOR).post(
        reverse("interchange:upload"), {"dataset": zipped({"children.csv": rows})}
    )
    assert page.status_code == 422
    html = page.content.decode()
    assert len(page.context["problems"]) == 20
    assert "and 280 more" in html
    assert "300 problems found" in html


def test_a_confirmed_upload_is_removed(client_as, var_dir):
    client = client_as(Role.COORDINATOR)
    page = client.post(reverse("interchange:upload"), {"dataset": zipped(BASE)})
    stored = page.context["confirm"].initial["upload"]
    client.post(reverse("interchange:confirm"), {"upload": stored})
    assert not (var_dir / "imports" / stored).exists()
    assert client.post(reverse("interchange:confirm"), {"upload": stored}).status_code == 404


def test_an_upload_abandoned_for_a_day_is_removed_at_the_next_upload(client_as, var_dir):
    client = client_as(Role.COORDINATOR)
    old = client.post(reverse("interchange:upload"), {"dataset": zipped(BASE)})
    old_path = var_dir / "imports" / old.context["confirm"].initial["upload"]
    recent = client.post(reverse("interchange:upload"), {"dataset": zipped(BASE)})
    recent_path = var_dir / "imports" / recent.context["confirm"].initial["upload"]
    day_and_a_bit = time.time() - 25 * 3600
    os.utime(old_path, (day_and_a_bit, day_and_a_bit))
    client.post(reverse("interchange:upload"), {"dataset": zipped(BASE)})
    assert not old_path.exists()
    assert recent_path.exists()
