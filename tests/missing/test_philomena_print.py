"""The Philomena profile printed for the police: one A4 page, the photo embedded, however
long the profile; the print is audited."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.missing.services import philomena_save
from tests.missing.conftest import image_bytes

pytestmark = pytest.mark.usefixtures("media_root")
A4 = (595, 842)  # points, rounded

FIELDS = {
    "height": "163 cm",
    "build": "Slim",
    "hair": "Dark, shoulder length",
    "distinguishing_features": "Tattoo of a swallow on the right wrist",
    "associates": "Cousin in Farnborough",
    "places_they_go": "Aldershot bus station",
    "phones_and_social_media": "07700 900123",
    "vulnerabilities": "Risk of criminal exploitation",
    "medical_needs": "Type 1 diabetes: needs insulin within 12 hours",
    "when_found": "Call the emergency duty team on 01234 567890",
}


def pdf_of(c, child):
    response = c.get(reverse("missing:philomena_pdf", kwargs={"child_id": child.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(response.content)), response


def text_of(reader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def images_on(page) -> int:
    return len(page.images)


def test_the_print_is_one_a4_page_with_the_photo(client_as, child):
    c = client_as(Role.COORDINATOR)
    c.post(
        reverse("missing:philomena_edit", kwargs={"child_id": child.pk}),
        {
            "version": "0",
            **FIELDS,
            "photo": SimpleUploadedFile("p.png", image_bytes("PNG", size=(300, 400))),
        },
    )
    reader, response = pdf_of(c, child)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    assert images_on(reader.pages[0]) == 1
    text = text_of(reader)
    assert "Robin Fairweather" in text and "What to do when found" in text
    assert "needs insulin within 12 hours" in text
    assert "attachment" in response["Content-Disposition"]
    assert "Robin" not in response["Content-Disposition"]  # no personal data in the name


def test_a_profile_at_the_longest_the_form_allows_prints_on_one_page_in_full(client_as, child):
    full = {
        name: ("What is known about the child, in some detail. " * 30)[:1000] for name in FIELDS
    }
    full.update(height="x" * 50, build="y" * 100, hair="z" * 100)
    philomena_save(child=child, by=None, fields=full, opened_version=0)
    reader, _ = pdf_of(client_as(Role.COORDINATOR), child)
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "What to do when found" in text and "Phones and social media" in text
    assert "the rest is in Lantern" not in text


def test_a_profile_too_long_for_one_page_says_the_rest_is_in_lantern(client_as, child):
    """Longer than the form allows (an old or imported profile): the first page, marked."""
    huge = {**FIELDS, "when_found": "Line of detail. " * 500, "associates": "Name. " * 1500}
    philomena_save(child=child, by=None, fields=huge, opened_version=0)
    reader, _ = pdf_of(client_as(Role.COORDINATOR), child)
    assert len(reader.pages) == 1
    assert "the rest is in Lantern" in text_of(reader)


def test_the_form_refuses_a_part_too_long_to_print(client_as, child):
    c = client_as(Role.COORDINATOR)
    page = c.post(
        reverse("missing:philomena_edit", kwargs={"child_id": child.pk}),
        {"version": "0", "when_found": "x" * 1001},
    ).content.decode()
    assert 'id="id_when_found-error"' in page
    assert "What to do when found must be 1,000 characters or fewer" in page


def test_the_print_is_audited_as_an_export_of_that_version(client_as, child):
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    c = client_as(Role.PRACTITIONER)
    pdf_of(c, child)
    entry = AuditEntry.objects.get(object_type="philomena_print")
    assert (entry.action, entry.child_id, entry.user) == (AuditAction.EXPORT, child.pk, c.user)
    assert entry.detail == {"version": 1, "format": "pdf"}


def test_with_no_profile_there_is_nothing_to_print(client_as, child):
    c = client_as(Role.COORDINATOR)
    response = c.get(reverse("missing:philomena_pdf", kwargs={"child_id": child.pk}))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(object_type="philomena_print").exists()
