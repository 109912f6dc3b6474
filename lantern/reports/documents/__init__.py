"""The performance report as a document: PDF, Word, spreadsheet, CSV or HTML.

`render(report, fmt)` takes the report dict of reports.md (from
`lantern.reports.selectors.performance_report`) and gives the file's bytes. The layout of
tables and charts lives in `sections.py`, so every format says the same thing.
"""

from datetime import date

from django.utils import timezone

from lantern.core.ukdate import uk_date
from lantern.reports.documents.printable import render_html, render_pdf
from lantern.reports.documents.sections import build_sections, cell_text, is_number
from lantern.reports.documents.spreadsheet import render_csv_zip, render_xlsx
from lantern.reports.documents.word import render_docx
from lantern.reports.narrative import HEADLINES, comparison_text, period_text

FORMATS = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("application/zip", "zip"),
    "html": ("text/html; charset=utf-8", "html"),
}
MARKING = "OFFICIAL – SENSITIVE"
PUBLIC_MARKING = "OFFICIAL"
DEFAULT_TITLE = "Missing, exploited and trafficked children: performance report"


def produced_on(today: date | None = None) -> str:
    today = today or timezone.localdate()
    return uk_date(today)


def headline_rows(report: dict, previous: dict | None) -> list[dict]:
    """The 'at a glance' table: each headline figure now and in the previous period."""
    rows = []
    for section, figures in HEADLINES.items():
        for label, read in figures:
            now = read(report)
            before = read(previous) if previous is not None else None
            change = ""
            if is_number(now) and is_number(before):
                diff = now - before
                change = f"{diff:+,}" if diff else "no change"
            rows.append(
                {
                    "section": section,
                    "label": label,
                    "now": cell_text(now, "count"),
                    "before": cell_text(before, "count") if before is not None else "",
                    "change": change,
                    "now_value": now,
                    "before_value": before,
                }
            )
    return rows


def document_context(
    report: dict, *, previous: dict | None, title: str | None, public: bool
) -> dict:
    """Everything a document needs, in words and formatted figures."""
    return {
        "title": title or DEFAULT_TITLE,
        "period": period_text(report["period"]),
        "produced": produced_on(),
        "marking": PUBLIC_MARKING if public else MARKING,
        "public": public,
        "comparison": comparison_text(previous),
        "previous_period": period_text(previous["period"]) if previous else "",
        "headlines": headline_rows(report, previous),
        "sections": build_sections(report, previous),
    }


def filename(report: dict, fmt: str) -> str:
    """lantern-report-2020-04-01-to-2021-02-28.pdf: dates only, nothing personal."""
    ext = FORMATS[fmt][1]
    return f"lantern-report-{report['period']['from']}-to-{report['period']['to']}.{ext}"


def render(
    report: dict,
    fmt: str,
    *,
    previous: dict | None = None,
    title: str | None = None,
    public: bool = False,
) -> bytes:
    """The report as a file in `fmt` (pdf, docx, xlsx, csv = a zip of CSVs, html)."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    context = document_context(report, previous=previous, title=title, public=public)
    if fmt in ("html", "pdf"):
        return render_html(context) if fmt == "html" else render_pdf(context)
    if fmt == "docx":
        return render_docx(context)
    return render_xlsx(context) if fmt == "xlsx" else render_csv_zip(context)
