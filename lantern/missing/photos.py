"""The Philomena profile's photo: checked to be a JPEG or PNG image with Pillow, refused when
too big on disk or too many pixels to open safely (a decompression bomb), then re-encoded as a
JPEG, which drops every piece of metadata (EXIF, GPS position, camera, comments).

Stored photos live under `MEDIA_ROOT/philomena/` with random names, outside the static files,
and are served only by the access-checked, audited view `missing:philomena_photo`.
"""

import io
import secrets
import threading
import warnings
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

PHOTO_DIR = "philomena"
ACCEPTED_FORMATS = ("JPEG", "PNG")
# Big enough for a clear print at A4, small enough to keep the PDF light.
LONGEST_SIDE = 1200

NOT_AN_IMAGE = "The photo must be a JPEG or PNG image"
TOO_LARGE_TO_OPEN = "The photo is too large to open safely"
# WeasyPrint, once loaded, tells Pillow to draw truncated images as far as they go
# (ImageFile.LOAD_TRUNCATED_IMAGES, process-wide); a photo is decoded strictly, one at a time.
_STRICT = threading.Lock()


class PhotoRefused(Exception):
    """The upload is not a photo Lantern keeps; `message` says why, in plain words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def size_limit_text() -> str:
    """ "5 MB": the largest photo kept, as people say it."""
    limit = settings.PHILOMENA_PHOTO_MAX_BYTES
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    return f"{max(1, limit // 1024)} KB"


def too_big_message() -> str:
    return f"The photo must be smaller than {size_limit_text()}"


def photo_as_jpeg(upload) -> bytes:
    """The upload as a clean JPEG with no metadata, or `PhotoRefused`."""
    if upload.size > settings.PHILOMENA_PHOTO_MAX_BYTES:
        raise PhotoRefused(too_big_message())
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns above Image.MAX_IMAGE_PIXELS and refuses above twice that: both
            # refuse here, and so does anything above our own, lower, pixel limit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise PhotoRefused(NOT_AN_IMAGE)
                width, height = image.size
                if width * height > settings.PHILOMENA_PHOTO_MAX_PIXELS:
                    raise PhotoRefused(TOO_LARGE_TO_OPEN)
                _load_strictly(image)
                return _clean_jpeg(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused(TOO_LARGE_TO_OPEN) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PhotoRefused(NOT_AN_IMAGE) from None


def _load_strictly(image: Image.Image) -> None:
    """Decode every pixel; a truncated or damaged file raises OSError."""
    with _STRICT:
        lenient = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = lenient


def _clean_jpeg(image: Image.Image) -> bytes:
    upright = ImageOps.exif_transpose(image)  # keep the way up the camera meant, then drop EXIF
    if upright.mode in ("RGBA", "LA", "P"):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    clean = upright.convert("RGB")
    clean.thumbnail((LONGEST_SIDE, LONGEST_SIDE))
    # A new image from the pixels alone: nothing of the original's info (EXIF, ICC, XMP,
    # comments) is carried into the file.
    bare = Image.new("RGB", clean.size)
    bare.paste(clean)
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def new_photo_name() -> str:
    """A random name under MEDIA_ROOT: nothing in it says whose photo it is."""
    return f"{PHOTO_DIR}/{secrets.token_hex(16)}.jpg"


def photo_path(name: str) -> Path | None:
    """The file of a stored photo, or None when the name is not one of ours."""
    root = (Path(settings.MEDIA_ROOT) / PHOTO_DIR).resolve()
    if not name:
        return None
    path = (Path(settings.MEDIA_ROOT) / name).resolve()
    if path.parent != root or not path.is_file():
        return None
    return path
