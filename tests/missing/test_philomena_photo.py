"""The Philomena profile's photo: only a JPEG or PNG image is kept, not too big on disk nor
in pixels (a decompression bomb), re-encoded without its metadata, stored outside the static
files and served only through the access-checked, audited view."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from lantern.accounts.models import Role, Team
from lantern.audit.models import AuditEntry
from lantern.children.models import ChildShare
from lantern.missing.models import PhilomenaVersion
from lantern.missing.photos import photo_path
from lantern.missing.selectors import philomena_version
from tests.missing.conftest import image_bytes, own_client

pytestmark = pytest.mark.usefixtures("media_root")


def url(name: str, child, **kw) -> str:
    return reverse(f"missing:{name}", kwargs={"child_id": child.pk, **kw})


def upload(c, child, content: bytes, name: str = "photo.jpg", version: int = 0, **extra):
    data = {"version": str(version), "hair": "Brown", **extra}
    if content is not None:
        data["photo"] = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return c.post(url("philomena_edit", child), data)


def refusal(response) -> str:
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_photo-error"' in page, "the error is shown beside the photo field"
    assert 'aria-describedby="id_photo-hint id_photo-error"' in page
    assert not PhilomenaVersion.objects.exists()
    return page


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), "navy")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x9286] = "secret comment"  # UserComment
    gps = {1: "N", 2: (51.0, 14.0, 30.0), 3: "W", 4: (0.0, 46.0, 12.0)}
    exif[0x8825] = gps  # GPS position
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(out.getvalue())).getexif()  # the sample really carries EXIF
    return out.getvalue()


def test_a_file_that_is_not_an_image_is_refused(client_as, child):
    c = client_as(Role.COORDINATOR)
    page = refusal(upload(c, child, b"%PDF-1.7 not a photo at all"))
    assert "The photo must be a JPEG or PNG image" in page


def test_an_image_that_is_not_jpeg_or_png_is_refused(client_as, child):
    c = client_as(Role.COORDINATOR)
    page = refusal(upload(c, child, image_bytes("GIF"), name="photo.gif"))
    assert "The photo must be a JPEG or PNG image" in page


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_truncated_image_is_refused_even_after_a_pdf_was_made(client_as, child, fmt):
    import weasyprint  # noqa: F401  (it makes Pillow lenient with truncated images)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    noise = Image.effect_noise((300, 300), 64).convert("RGB")
    out = io.BytesIO()
    noise.save(out, format=fmt)
    whole = out.getvalue()
    c = client_as(Role.COORDINATOR)
    page = refusal(upload(c, child, whole[: len(whole) // 2], name=f"photo.{fmt.lower()}"))
    assert "The photo must be a JPEG or PNG image" in page
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # put back as it was


def test_a_photo_too_big_on_disk_is_refused(client_as, child):
    c = client_as(Role.COORDINATOR)
    big = image_bytes("PNG") + b"\0" * (5 * 1024 * 1024)
    page = refusal(upload(c, child, big, name="photo.png"))
    assert "The photo must be smaller than 5 MB" in page


def test_a_decompression_bomb_is_refused(client_as, child):
    """20,000 x 20,000 pixels (400 million), a few kilobytes on disk."""
    bomb = image_bytes("PNG", size=(20000, 20000), mode="1")
    assert len(bomb) < 1024 * 1024
    c = client_as(Role.COORDINATOR)
    page = refusal(upload(c, child, bomb, name="photo.png"))
    assert "The photo is too large to open safely" in page


def test_an_image_over_our_own_pixel_limit_is_refused_before_it_is_decoded(
    client_as, child, settings
):
    settings.PHILOMENA_PHOTO_MAX_PIXELS = 100 * 100
    c = client_as(Role.COORDINATOR)
    page = refusal(upload(c, child, image_bytes("JPEG", size=(101, 100))))
    assert "The photo is too large to open safely" in page


def test_the_stored_photo_has_no_metadata_and_lives_outside_the_static_files(
    client_as, child, media_root
):
    c = client_as(Role.COORDINATOR)
    assert upload(c, child, jpeg_with_exif()).status_code == 302
    version = philomena_version(child)
    path = photo_path(version.photo)
    assert path.parent == Path(media_root).resolve() / "philomena"
    assert not str(path).startswith(str(Path(settings.STATIC_ROOT).resolve()))
    assert not str(path).startswith(str(Path(settings.BASE_DIR, "lantern", "static")))
    stored = path.read_bytes()
    assert b"PhoneMaker" not in stored and b"secret comment" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info
    assert child.first_name.lower() not in version.photo.lower()  # a random name


def test_a_png_with_transparency_is_kept_as_a_jpeg(client_as, child):
    c = client_as(Role.COORDINATOR)
    png = image_bytes("PNG", size=(40, 40), mode="RGBA")
    assert upload(c, child, png, name="photo.png").status_code == 302
    with Image.open(photo_path(philomena_version(child).photo)) as image:
        assert (image.format, image.mode) == ("JPEG", "RGB")


def test_a_new_photo_makes_a_new_version_and_the_old_one_stays(client_as, child):
    c = client_as(Role.COORDINATOR)
    upload(c, child, image_bytes("JPEG"))
    upload(c, child, image_bytes("PNG", size=(30, 30)), name="b.png", version=1)
    first, second = philomena_version(child, 1), philomena_version(child, 2)
    assert first.photo and second.photo and first.photo != second.photo
    assert photo_path(first.photo).is_file()
    # keeping the photo: saving without a file keeps it; removing it is a change too
    upload(c, child, None, version=2, hair="Black")
    assert philomena_version(child, 3).photo == second.photo
    upload(c, child, None, version=3, hair="Black", remove_photo="on")
    assert philomena_version(child, 4).photo == ""


def test_the_photo_is_served_to_those_who_may_see_the_child_and_audited(client_as, child):
    c = client_as(Role.COORDINATOR)
    upload(c, child, image_bytes("JPEG"))
    response = c.get(url("philomena_photo", child, number=1))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")
    entry = AuditEntry.objects.get(object_type="philomena_photo")
    assert (entry.child_id, entry.user, entry.detail) == (child.pk, c.user, {"version": 1})
    assert c.get(url("philomena_photo", child, number=2)).status_code == 404  # no version 2


def test_the_photo_is_not_served_to_anyone_else(client_as, child, make_user):
    upload(client_as(Role.COORDINATOR), child, image_bytes("JPEG"))
    photo = url("philomena_photo", child, number=1)
    south = Team.objects.create(name="South team", districts=["Winchester"])
    outside = own_client(make_user(Role.PRACTITIONER, username="pat", team=south))
    assert outside.get(photo).status_code == 404  # a child out of scope: the same 404
    police = own_client(
        make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor", username="pc")
    )
    assert police.get(photo).status_code == 404  # not shared with the police
    for role in (Role.ANALYST, Role.AUDITOR, Role.ADMIN):
        assert own_client(make_user(role)).get(photo).status_code == 403
    assert not AuditEntry.objects.filter(object_type="philomena_photo").exists()
    ChildShare.objects.create(child=child, agency="police")
    assert police.get(photo).status_code == 200


def test_police_partners_get_only_the_current_photo(client_as, child, make_user):
    c = client_as(Role.COORDINATOR)
    upload(c, child, image_bytes("JPEG"))
    upload(c, child, image_bytes("PNG", size=(30, 30)), name="b.png", version=1)
    ChildShare.objects.create(child=child, agency="police")
    police = own_client(make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor"))
    assert police.get(url("philomena_photo", child, number=2)).status_code == 200
    assert police.get(url("philomena_photo", child, number=1)).status_code == 404
    assert c.get(url("philomena_photo", child, number=1)).status_code == 200
