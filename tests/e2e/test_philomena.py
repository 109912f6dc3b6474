"""A co-ordinator makes a child's Philomena profile in a real browser: from the child's page,
errors beside the fields, a photo uploaded, the profile shown with its photo, its history,
and one click prints it for the police as a PDF. axe-core checks every page."""

import datetime as dt
import io

import pytest
from PIL import Image

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.missing.models import PhilomenaVersion
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def photo_file(tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (240, 320), "steelblue").save(path, format="PNG")
    return path


def test_creating_and_printing_a_philomena_profile(web, make_user, settings, tmp_path):
    from lantern.children.services import child_create

    settings.MEDIA_ROOT = tmp_path / "media"
    colin = make_user(Role.COORDINATOR)
    child = child_create(
        by=colin,
        first_name="Marnie",
        last_name="Quillfeather",
        date_of_birth=dt.date(2009, 3, 2),
        gender="female",
        district="Hart and Rushmoor",
    )
    page = sign_in(web, "colin", path=f"/children/{child.pk}/")
    page.get_by_role("heading", name="Marnie Quillfeather").wait_for()
    page.get_by_role("tab", name="Missing and interviews").click()
    page.get_by_role("link", name="create the Philomena profile").click()
    page.get_by_role("heading", name="Create a Philomena profile").wait_for()

    # Bad input first: a file that is not an image, and a part too long
    not_image = tmp_path / "notes.png"
    not_image.write_bytes(b"these are notes, not a picture")
    page.get_by_label("Photo").set_input_files(str(not_image))
    page.get_by_label("Height").fill("x" * 51)
    page.get_by_role("button", name="Save the profile").click()
    page.locator("#id_photo-error").wait_for()
    assert "The photo must be a JPEG or PNG image" in page.locator("#id_photo-error").inner_text()
    assert "Height must be 50 characters or fewer" in page.locator("#id_height-error").inner_text()
    assert page.locator(".govuk-error-summary").is_visible()
    web.screenshot("philomena-errors")

    page.get_by_label("Height").fill("5 feet 2 inches")
    page.get_by_label("Hair").fill("Long, dark brown")
    page.get_by_label("Medical needs").fill("Asthma: carries an inhaler")
    page.get_by_label("What to do when found").fill("Call the emergency duty team")
    page.get_by_label("Photo").set_input_files(str(photo_file(tmp_path)))
    page.get_by_role("button", name="Save the profile").click()
    page.get_by_text("Profile saved").wait_for()
    page.get_by_role("heading", name="Philomena profile").wait_for()
    assert "Asthma: carries an inhaler" in page.locator("#profile").inner_text()
    photo = page.locator("#profile-photo")
    photo.wait_for()
    assert page.evaluate("document.getElementById('profile-photo').naturalWidth") > 0
    web.screenshot("philomena-profile")

    page.get_by_role("link", name="History of changes").click()
    page.get_by_role("heading", name="History of the Philomena profile").wait_for()
    assert "Colin Test" in page.locator("#history").inner_text()
    page.get_by_role("link", name="Philomena profile of Marnie Quillfeather").click()

    with page.expect_download() as download:
        page.get_by_role("button", name="Print for the police (PDF)").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == "philomena-profile.pdf"
    response = page.request.get(f"/missing/children/{child.pk}/philomena.pdf")
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert AuditEntry.objects.filter(object_type="philomena_print", child_id=child.pk).count() == 2
    assert PhilomenaVersion.objects.get().photo
    with Image.open(io.BytesIO(page.request.get(photo.get_attribute("src")).body())) as image:
        assert image.format == "JPEG"
