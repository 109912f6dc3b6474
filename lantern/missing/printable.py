"""The Philomena profile printed for the police: one A4 page drawn by WeasyPrint, the photo
embedded. A long profile is drawn in smaller type until it fits on the page."""

import base64
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lantern.missing.photos import photo_path

PRINT_CSS = Path(settings.BASE_DIR) / "lantern" / "static" / "lantern" / "philomena-print.css"
# Type sizes tried in turn (points) until the profile fits on one page.
TYPE_SIZES = (10, 9, 8, 7)
# Tagged PDF/UA, so screen readers can follow it too.
VARIANT = "pdf/ua-1"


def photo_data_uri(name: str) -> str:
    path = photo_path(name)
    if path is None:
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(path.read_bytes()).decode()


def profile_html(context: dict, *, type_size: int = TYPE_SIZES[0], cut: bool = False) -> str:
    return render_to_string(
        "missing/philomena_print.html",
        {
            **context,
            "type_class": f"type-{type_size}",
            "cut": cut,
            # our own print stylesheet, read from the package
            "css": mark_safe(PRINT_CSS.read_text()),  # noqa: S308  # nosec
        },
    )


def profile_pdf(context: dict) -> bytes:
    """The one-page PDF. `context`: child, version, rows (label, value), printed_at, printed_by."""
    # WeasyPrint takes about a second to load: only a PDF needs it, so it is loaded then.
    from weasyprint import HTML  # noqa: PLC0415

    context = {**context, "photo_src": photo_data_uri(context["version"].photo)}
    for size in TYPE_SIZES:
        document = HTML(string=profile_html(context, type_size=size)).render(pdf_variant=VARIANT)
        if len(document.pages) == 1:
            return document.write_pdf(pdf_variant=VARIANT)
        if len(document.pages) > 2:
            break  # far too long for smaller type to help
    # Still too long at the smallest type: print the first page, saying the rest is in Lantern.
    document = HTML(string=profile_html(context, type_size=TYPE_SIZES[-1], cut=True)).render(
        pdf_variant=VARIANT
    )
    return document.copy(document.pages[:1]).write_pdf(pdf_variant=VARIANT)
