"""HTML and PDF: one print template, drawn by WeasyPrint for the PDF."""

import base64
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from lantern.reports.charts import chart_svg
from lantern.reports.documents.sections import table_text

PRINT_CSS = Path(settings.BASE_DIR) / "lantern" / "static" / "lantern" / "reports-print.css"


def svg_image(svg: str, title: str, *, css_class: str = "") -> SafeString:
    """An SVG as an <img>: it draws in its own document, so the page's CSP (no inline
    styles, which matplotlib's SVG relies on) does not blank it."""
    data = base64.b64encode(svg.encode()).decode()
    return format_html(
        '<img{} src="data:image/svg+xml;base64,{}" alt="{}">',
        format_html(' class="{}"', css_class) if css_class else "",
        data,
        title,
    )


def section_view(section, *, inline: bool = True) -> dict:
    """A section with its tables as text and its charts as SVG (inline, or as images
    for WeasyPrint, which reads SVG images more faithfully than inline SVG)."""
    charts = {}
    for c in section.charts:
        svg = chart_svg(c)
        charts[c.key] = {
            "title": c.title,
            # matplotlib escapes the text it writes into the SVG
            "svg": mark_safe(svg) if inline else svg_image(svg, c.title),  # noqa: S308  # nosec
        }
    return {
        "key": section.key,
        "title": section.title,
        "summary": section.summary,
        "narrative": section.narrative,
        "blocks": blocks(section.tables, charts),
    }


def blocks(tables, charts: dict) -> list[dict]:
    """Each chart just above the table it draws; charts with no table of their own first."""
    keys = {t.key for t in tables}
    out = [{"chart": c} for key, c in charts.items() if key not in keys]
    for table in tables:
        out.append({"chart": charts.get(table.key), "table": table_text(table)})
    return out


def render_html(context: dict, *, inline: bool = True) -> bytes:
    page = {
        **context,
        "sections": [section_view(s, inline=inline) for s in context["sections"]],
        # our own print stylesheet, read from the package
        "css": mark_safe(PRINT_CSS.read_text()),  # noqa: S308  # nosec
    }
    return render_to_string("reports/document.html", page).encode()


def render_pdf(context: dict) -> bytes:
    # WeasyPrint takes about a second to load: only a PDF needs it, so it is loaded then.
    from weasyprint import HTML  # noqa: PLC0415

    html = render_html(context, inline=False).decode()
    # Tagged PDF/UA, so screen readers follow the committee paper (language and title from
    # the document's <html lang> and <title>).
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
