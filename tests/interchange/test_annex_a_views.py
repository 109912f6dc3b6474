"""Managers and analysts download Annex A list 8 as an .xlsx from the interchange app:
audited, pseudonymised for analysts, a plain form that works without JavaScript."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.pseudonyms import pseudonym
from tests.interchange.test_national_formats import child, episode

pytestmark = pytest.mark.django_db


@pytest.fixture
def amy():
    amy = child("C001", ethnicity="WBRI")
    episode("E1", amy, "2024-07-01T22:00", "2024-07-02T01:30")
    return amy


def download(client, **query):
    response = client.get(reverse("interchange:annex_a_list8"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["List 8"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    return response, [dict(zip(header, row, strict=True)) for row in rows]


def test_the_page_is_a_plain_get_form_to_the_download(client_as):
    page = client_as(Role.MANAGER).get(reverse("interchange:annex_a"))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'method="get"' in html and reverse("interchange:annex_a_list8") in html
    main = html.split("<main")[1].split("</main>")[0]
    assert 'class="govuk-button"' in main and "<script" not in main
    assert "pseudonymised" not in html


def test_a_manager_downloads_the_list_and_it_is_audited(client_as, amy):
    client = client_as(Role.MANAGER)
    response, rows = download(client, to="2025-03-31")
    assert 'filename="annex-a-list-8-2025-03-31.xlsx"' in response["Content-Disposition"]
    assert [r["Child Unique ID"] for r in rows] == ["C001"]
    assert rows[0]["Date of Birth"].date() == date(2008, 5, 17)
    entry = AuditEntry.objects.get(object_type="national", user=client.user)
    assert entry.action == "export" and entry.object_id == "annex-a-list8"
    assert entry.detail == {"to": "2025-03-31", "format": "xlsx", "pseudonymised": False,
                            "rows": 1}  # fmt: skip
    assert AuditEntry.objects.filter(child_id=amy.pk, user=client.user, action="export").exists()
    assert "C001" not in entry.path


def test_an_analyst_gets_pseudonyms_age_bands_and_no_date_of_birth(client_as, amy):
    client = client_as(Role.ANALYST)
    assert "pseudonymised" in client.get(reverse("interchange:annex_a")).content.decode()
    _, rows = download(client, to="2025-03-31")
    assert rows[0]["Child Unique ID"] == pseudonym("C001")
    assert rows[0]["Date of Birth"] is None
    assert rows[0]["Age of Child (Years)"] == "16 to 17"
    assert AuditEntry.objects.get(object_type="national").detail["pseudonymised"] is True


def test_the_list_defaults_to_today(client_as):
    _, rows = download(client_as(Role.MANAGER))
    assert rows == []
    assert AuditEntry.objects.filter(object_type="national").count() == 1


def test_a_date_that_is_not_a_date_is_shown_as_an_error_on_the_page(client_as):
    page = client_as(Role.MANAGER).get(reverse("interchange:annex_a_list8"), {"to": "31 March"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "govuk-error-summary" in html and "Enter the date as YYYY-MM-DD" in html
    assert not AuditEntry.objects.filter(object_type="national").exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.PRACTITIONER, Role.PARTNER])
def test_other_roles_are_refused(client_as, role, amy):
    response = client_as(role).get(reverse("interchange:annex_a_list8"))
    assert response.status_code == 403


@pytest.mark.django_db
def test_a_date_outside_1900_to_2100_is_explained_beside_the_field(client_as):
    response = client_as(Role.MANAGER).get(
        reverse("interchange:annex_a_list8"), {"to": "9999-12-31"}
    )
    assert response.status_code == 400
    assert "must be between 1900 and 2100" in response.content.decode()
