"""Each format renders from the sample's expected report and says the right things."""

import csv
import io
import json
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from lantern.reports.documents import filename, render
from lantern.reports.selectors import suppress_small_numbers
from tests.conftest import SAMPLE_DIR

EXPECTED = SAMPLE_DIR / "expected"


@pytest.fixture(scope="module")
def report() -> dict:
    return json.loads((EXPECTED / "period.json").read_text())


@pytest.fixture(scope="module")
def previous() -> dict:
    return json.loads((EXPECTED / "2020-04.json").read_text())


def suppressed(report: dict) -> dict:
    """The report as --public gives it: "<5" for 1 to 4, "[c]" where a total would tell."""
    return suppress_small_numbers(report)


def test_the_pdf_has_the_title_page_section_headings_and_key_numbers(report, previous):
    pdf = PdfReader(io.BytesIO(render(report, "pdf", previous=previous)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 8
    assert "1 April 2020 to 28 February 2021" in text
    assert "OFFICIAL – SENSITIVE" in text
    for heading in (
        "Contents",
        "Exploitation",
        "Missing",
        "Activity by month",
        "Op MET snapshot",
        "National Referral Mechanism",
    ):
        assert heading in text
    for number in ("1,150", "1,100", "199", "94", "56", "123"):
        assert number in text
    assert "rose" in text  # the narrative against April 2020


def test_a_public_pdf_drops_the_sensitive_marking_and_shows_small_numbers_hidden(report):
    pdf = PdfReader(io.BytesIO(render(suppressed(report), "pdf", public=True)))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "SENSITIVE" not in text
    assert "<5" in text


def test_the_word_document_has_headings_tables_and_pictures(report, previous):
    document = Document(
        io.BytesIO(render(report, "docx", previous=previous, title="Annual report"))
    )
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Contents", "Summary"]
    assert {"Exploitation", "Missing", "Activity by month", "Op MET snapshot"} <= set(headings)
    assert len(document.tables) >= 10
    assert len(document.inline_shapes) >= 8
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "1,150" in cells and "80.0%" in cells
    assert any(p.text == "Annual report" for p in document.paragraphs)


def test_the_workbook_has_a_sheet_per_section_with_frozen_headers_and_number_formats(report):
    workbook = load_workbook(io.BytesIO(render(report, "xlsx")))
    assert workbook.sheetnames == [
        "About",
        "Exploitation",
        "Missing",
        "Activity by month",
        "Op MET",
        "NRM",
    ]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes is not None
    activity = workbook["Activity by month"]
    assert activity.freeze_panes == "B6"
    assert activity["A5"].value == "Month"
    assert activity["A6"].value == "April 2020"
    assert activity["K6"].value == 0.57
    assert activity["K6"].number_format == "0.0%"
    assert activity["E6"].value == 7 and activity["E6"].number_format == "#,##0"
    assert activity.column_dimensions["A"].width >= 12


def test_suppressed_counts_stay_as_text_in_the_workbook(report):
    workbook = load_workbook(io.BytesIO(render(suppressed(report), "xlsx", public=True)))
    values = {c.value for row in workbook["NRM"].iter_rows() for c in row}
    assert "<5" in values


def test_the_csv_zip_has_one_parseable_file_per_table(report):
    archive = zipfile.ZipFile(io.BytesIO(render(report, "csv")))
    names = archive.namelist()
    assert "README.txt" in names
    assert "01-exploitation-assessments_by_reason.csv" in names
    rows = list(
        csv.reader(
            io.StringIO(
                archive.read(next(n for n in names if n.endswith("activity-activity.csv"))).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0][:2] == ["Month", "S17 from MASH"]
    assert rows[1][0] == "April 2020" and rows[1][-1] == "0.5700"
    assert rows[-1][0] == "Whole period"
    assert len(rows) == 1 + 11 + 1


def test_the_html_holds_inline_charts_with_their_numbers(report):
    html = render(report, "html").decode()
    assert html.count("<svg") >= 8
    assert "1,150" in html and "783" in html


def test_an_unknown_format_is_refused(report):
    with pytest.raises(ValueError, match="Unknown format"):
        render(report, "odt")


def test_the_file_name_carries_dates_only(report):
    assert filename(report, "csv") == "lantern-report-2020-04-01-to-2021-02-28.zip"


def test_the_word_contents_lists_the_sections_before_word_adds_page_numbers():
    """Programs that never update fields (and Word before it does) still show the contents."""
    report = json.loads((EXPECTED / "period.json").read_text())
    document = Document(io.BytesIO(render(report, "docx")))
    xml = document.element.body.xml
    for title in ("Summary", "Exploitation", "Missing", "Op MET snapshot"):
        assert f'<w:t xml:space="preserve">{title}</w:t>' in xml


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-3", "-3"),
        ("+4.5", "+4.5"),
        ("-0.25%", "-0.25%"),
        ("Havant", "Havant"),
        (-3, "-3"),
    ],
)
def test_report_csv_cells_that_a_spreadsheet_would_run_are_written_as_text(value, written):
    from lantern.reports.documents.sections import Column, Table
    from lantern.reports.documents.spreadsheet import table_csv

    table = Table(
        key="t",
        caption="T",
        columns=[Column(str(value), kind="text"), Column("n")],
        rows=[[value, 1]],
    )
    header, row = csv.reader(io.StringIO(table_csv(table), newline=""))
    assert header[0] == written
    assert row[0] == written
