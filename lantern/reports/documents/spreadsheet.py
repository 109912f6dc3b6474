"""Spreadsheets: one worksheet per section (xlsx) and one CSV file per table (zip).

Analysts re-use these figures, so cells hold numbers, not text: counts as integers,
shares as fractions formatted as percentages. A hidden small number stays the text "<5".
"""

import csv
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from lantern.reports.documents.sections import NOT_SHOWN, is_number

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="F3F2F1")
RULE = Border(bottom=Side(style="thin", color="0B0C0C"))
TOTAL_RULE = Border(top=Side(style="thin", color="0B0C0C"))
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
FORMATS = {"count": "#,##0", "percent": "0.0%"}
SHEET_NAMES = {
    "exploitation": "Exploitation",
    "missing": "Missing",
    "activity": "Activity by month",
    "op_met": "Op MET",
    "nrm": "NRM",
    "disruption": "Disruption",
    "op_met_month_ends": "Op MET month ends",
    "missing_breakdown": "Missing by age",
}


def _write_cell(ws, row: int, col: int, value, kind: str, *, bold: bool = False):
    if value == NOT_SHOWN:
        value = None
    cell = ws.cell(row=row, column=col, value=value)
    if kind != "text":
        cell.alignment = RIGHT
        if is_number(value):
            cell.number_format = FORMATS[kind]
    if bold:
        cell.font = BOLD
    return cell


def _about_sheet(ws, context: dict) -> None:
    ws.title = "About"
    ws["A1"] = context["title"]
    ws["A1"].font = TITLE
    rows = [
        ("Period", context["period"]),
        ("Produced", context["produced"]),
        ("Marking", context["marking"]),
        ("Compared with", context["previous_period"] or "No previous period"),
        (
            "Small numbers",
            "Counts from 1 to 4 are shown as <5." if context["public"] else "True counts.",
        ),
    ]
    for i, (label, value) in enumerate(rows, start=3):
        ws.cell(row=i, column=1, value=label).font = BOLD
        ws.cell(row=i, column=2, value=value)
    start = len(rows) + 5
    ws.cell(row=start, column=1, value="Headline figures").font = BOLD
    heads = ["Figure", "This period", "Previous period"]
    for c, h in enumerate(heads, start=1):
        cell = ws.cell(row=start + 1, column=c, value=h)
        cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, RULE
    for r, row in enumerate(context["headlines"], start=start + 2):
        ws.cell(row=r, column=1, value=row["label"])
        _write_cell(ws, r, 2, row["now_value"], "count")
        _write_cell(ws, r, 3, row["before_value"], "count")
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 45
    ws.column_dimensions["C"].width = 16
    ws.freeze_panes = "A2"


def _section_sheet(ws, section, context: dict) -> None:
    ws.title = SHEET_NAMES.get(section.key, section.title[:31])
    ws["A1"] = f"{section.title}: {context['period']}"
    ws["A1"].font = TITLE
    ws["A2"] = context["marking"]
    ws["A2"].font = BOLD
    row = 4
    widths: dict[int, int] = {}
    for n, table in enumerate(section.tables):
        ws.cell(row=row, column=1, value=table.caption).font = BOLD
        row += 1
        for c, column in enumerate(table.columns, start=1):
            cell = ws.cell(row=row, column=c, value=column.heading)
            cell.font, cell.fill, cell.border = BOLD, HEADER_FILL, RULE
            cell.alignment = Alignment(
                horizontal="left" if column.kind == "text" else "right", wrap_text=True
            )
            widths[c] = max(widths.get(c, 0), min(len(column.heading), 18))
        if n == 0:
            ws.freeze_panes = ws.cell(row=row + 1, column=2)
        row += 1
        for r, values in enumerate(table.rows):
            for c, (value, kind) in enumerate(zip(values, table.kinds(r), strict=True), start=1):
                _write_cell(ws, row, c, value, kind)
                widths[c] = max(widths.get(c, 0), len(str(value)) if c == 1 else 10)
            row += 1
        if table.total:
            for c, (value, kind) in enumerate(
                zip(table.total, table.kinds(), strict=True), start=1
            ):
                cell = _write_cell(ws, row, c, value, kind, bold=True)
                cell.border = TOTAL_RULE
            row += 1
        for note in table.notes:
            ws.cell(row=row, column=1, value=note).font = Font(italic=True, size=9)
            row += 1
        row += 1
    for c, width in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = max(12, width + 2)


def render_xlsx(context: dict) -> bytes:
    workbook = Workbook()
    _about_sheet(workbook.active, context)
    for section in context["sections"]:
        _section_sheet(workbook.create_sheet(), section, context)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


# A cell a spreadsheet would run as a formula (docs/dataset-import.md, "Formula injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$")


def spreadsheet_safe(value):
    """Text starting = + - @ tab or CR gets a leading ' so a spreadsheet shows it as text;
    plain numbers such as -3 are left alone. For CSVs people open, never the dataset."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _csv_value(value, kind: str):
    if value == NOT_SHOWN or value is None:
        return ""
    if kind == "percent" and is_number(value):
        return f"{value:.4f}"
    return spreadsheet_safe(value)


def table_csv(table) -> str:
    """One table as CSV: a header row, the rows, then the total row if there is one.
    Percentages are fractions (0.5700), as a spreadsheet would read them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(c.heading) for c in table.columns])
    rows = [(values, table.kinds(r)) for r, values in enumerate(table.rows)]
    if table.total:
        rows.append((table.total, table.kinds()))
    for values, kinds in rows:
        writer.writerow([_csv_value(v, k) for v, k in zip(values, kinds, strict=True)])
    return out.getvalue()


def render_csv_zip(context: dict) -> bytes:
    """A zip with one CSV per table, named `<number>-<section>-<table>.csv`, and a README."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            f"{context['title']}\r\n{context['period']}\r\nProduced {context['produced']}\r\n"
            f"{context['marking']}\r\n\r\nOne CSV file per table, UTF-8. Percentages are "
            "fractions (0.5700 = 57%). A count hidden to protect children is '<5'; a "
            "total or share that would reveal it is left blank.\r\n",
        )
        n = 0
        for section in context["sections"]:
            for table in section.tables:
                n += 1
                name = f"{n:02d}-{section.key}-{table.key}.csv"
                archive.writestr(name, "\ufeff" + table_csv(table))
    return buf.getvalue()
