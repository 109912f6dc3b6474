"""Co-ordinators import in the web UI: upload, check, see problems as a table, confirm."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import Child
from tests.interchange.test_broken_datasets import BASE, changed

pytestmark = pytest.mark.django_db


def zipped(files: dict, name="dataset.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file, lines in files.items():
            archive.writestr(file, "\r\n".join(lines) + "\r\n")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def test_a_coordinator_checks_then_confirms_an_import(client_as, var_dir):
    client = client_as(Role.COORDINATOR)
    page = client.post(reverse("interchange:upload"), {"dataset": zipped(BASE)})
    assert page.status_code == 200
    assert "Confirm and import" in page.content.decode()
    assert Child.objects.count() == 0  # the check is a dry run
    stored = page.context["confirm"].initial["upload"]
    assert (var_dir / "imports" / stored).is_file()
    assert "dataset" not in stored  # opaque name

    done = client.post(reverse("interchange:confirm"), {"upload": stored})

    assert done.status_code == 200
    assert "Dataset imported" in done.content.decode()
    assert Child.objects.count() == 2
    entry = AuditEntry.objects.get(action="import")
    assert entry.user == client.user


def test_problems_are_listed_as_a_table_and_nothing_changes(client_as):
    client = client_as(Role.COORDINATOR)
    broken = changed("children.csv", 2, ",male,", ",mail,")
    page = client.post(reverse("interchange:upload"), {"dataset": zipped(broken)})
    assert page.status_code == 422
    html = page.content.decode()
    assert "govuk-table" in html and "not an allowed value of gender" in html
    assert Child.objects.count() == 0
    assert AuditEntry.objects.filter(action="import", detail__outcome="rejected").exists()


def test_only_zip_xlsx_or_a_dataset_csv_is_accepted(client_as):
    client = client_as(Role.COORDINATOR)
    upload = SimpleUploadedFile("notes.txt", b"child_id\r\n", content_type="text/plain")
    page = client.post(reverse("interchange:upload"), {"dataset": upload})
    assert page.status_code == 200
    assert "must be a .zip, an .xlsx or a .csv" in page.content.decode()
    upload = SimpleUploadedFile("people.csv", b"child_id\r\n", content_type="text/csv")
    page = client.post(reverse("interchange:upload"), {"dataset": upload})
    assert "must be named as its dataset file, such as children.csv" in page.content.decode()


def test_one_children_csv_is_checked_then_imported_and_removed(client_as, var_dir):
    client = client_as(Role.COORDINATOR)
    body = ("\r\n".join(BASE["children.csv"]) + "\r\n").encode()
    upload = SimpleUploadedFile("children.csv", body, content_type="text/csv")
    page = client.post(reverse("interchange:upload"), {"dataset": upload})
    assert page.status_code == 200, page.content.decode()[:2000]
    stored = page.context["confirm"].initial["upload"]
    assert stored.endswith("/children.csv") and (var_dir / "imports" / stored).is_file()
    assert Child.objects.count() == 0
    done = client.post(reverse("interchange:confirm"), {"upload": stored})
    assert "Dataset imported" in done.content.decode()
    assert Child.objects.count() == 2
    assert list((var_dir / "imports").iterdir()) == []


def test_confirming_an_unknown_upload_is_not_found(client_as):
    client = client_as(Role.COORDINATOR)
    page = client.post(reverse("interchange:confirm"), {"upload": "0" * 32 + ".zip"})
    assert page.status_code == 404
    page = client.post(reverse("interchange:confirm"), {"upload": "../secret_key"})
    assert page.status_code == 404


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.MANAGER, Role.PARTNER, Role.ANALYST])
def test_only_coordinators_may_import(client_as, role):
    client = client_as(role)
    assert client.get(reverse("interchange:upload")).status_code in (403, 404)


def test_a_workbook_can_be_uploaded(client_as, tmp_path):
    from lantern.interchange.services import dataset_export, dataset_import
    from tests.interchange.test_broken_datasets import write

    write(tmp_path / "data", BASE)
    dataset_import(tmp_path / "data")
    dataset_export(tmp_path / "data.xlsx")
    Child.objects.all().delete()
    client = client_as(Role.COORDINATOR)
    upload = SimpleUploadedFile("data.xlsx", (tmp_path / "data.xlsx").read_bytes())
    page = client.post(reverse("interchange:upload"), {"dataset": upload})
    assert page.status_code == 200
    assert page.context["result"].files["children.csv"].added == 2


def test_a_damaged_workbook_shows_a_problem_not_an_error(client_as):
    client = client_as(Role.COORDINATOR)
    upload = SimpleUploadedFile("data.xlsx", b"PK\x03\x04 this is not a workbook")
    page = client.post(reverse("interchange:upload"), {"dataset": upload})
    assert page.status_code == 422
    assert "cannot be read" in page.content.decode()
