"""The committee paper is a tagged PDF (PDF/UA) with its language and title, so screen
readers can read it."""

import io

from pypdf import PdfReader

from lantern.reports.documents import render
from tests.reports.test_documents import previous, report  # noqa: F401  (fixtures)


def test_the_pdf_is_tagged_with_its_language_and_title(report, previous):  # noqa: F811
    pdf = PdfReader(io.BytesIO(render(report, "pdf", previous=previous)))
    catalog = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]).lower() == "en-gb"
    assert pdf.metadata.title
