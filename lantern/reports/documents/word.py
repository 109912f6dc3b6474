"""Word: real headings (so Word builds the contents), tables and charts as pictures.

Managers paste sections into their own committee templates, so the document keeps to
Word's built-in styles rather than fixed formatting.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from lantern.reports.charts import chart_png
from lantern.reports.documents.sections import cell_text

GREY = RGBColor(0x50, 0x5A, 0x5F)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (page number, contents) that Word fills in when it opens the file."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = []  # what shows until Word updates the field: one line per line of placeholder
    for i, line in enumerate(placeholder.split("\n")):
        if i:
            shown.append(OxmlElement("w:br"))
        shown.append(OxmlElement("w:t"))
        shown[-1].set(qn("xml:space"), "preserve")
        shown[-1].text = line
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, *shown, end):
        run._r.append(element)


def _update_fields_on_open(document) -> None:
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 13)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)


def _page_furniture(section, context: dict) -> None:
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = ""
    header.add_run(f"{context['title']}\t\t").font.size = Pt(8)
    marking = header.add_run(context["marking"])
    marking.bold = True
    marking.font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ").font.size = Pt(8)
    _field(footer, "PAGE", "1")
    first = section.first_page_header.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = first.add_run(context["marking"])
    run.bold = True
    run.font.size = Pt(9)


def _table(document, table) -> None:
    document.add_heading(table.caption, level=2)
    rows = table.rows + ([table.total] if table.total else [])
    grid = document.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for i, column in enumerate(table.columns):
        cell = grid.rows[0].cells[i]
        cell.text = column.heading
        paragraph = cell.paragraphs[0]
        paragraph.runs[0].bold = True
        if column.kind != "text":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(grid.rows[0])
    for r, values in enumerate(rows, start=1):
        is_total = table.total is not None and r == len(rows)
        kinds = table.kinds(None if is_total else r - 1)
        for i, (value, kind) in enumerate(zip(values, kinds, strict=True)):
            cell = grid.rows[r].cells[i]
            cell.text = cell_text(value, kind)
            paragraph = cell.paragraphs[0]
            if kind != "text":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if is_total and paragraph.runs:
                paragraph.runs[0].bold = True
    for note in table.notes:
        p = document.add_paragraph(note)
        p.runs[0].font.size = Pt(8.5)
        p.runs[0].font.color.rgb = GREY


def _chart(document, chart, width_cm: float) -> None:
    document.add_picture(io.BytesIO(chart_png(chart)), width=Cm(width_cm))
    caption = document.add_paragraph(f"Figure: {chart.title}", style="Caption")
    caption.runs[0].font.color.rgb = GREY


def render_docx(context: dict) -> bytes:
    document = Document()
    _styles(document)
    _update_fields_on_open(document)
    page = document.sections[0]
    page.page_height, page.page_width = Cm(29.7), Cm(21.0)
    page.left_margin = page.right_margin = Cm(2.0)
    page.top_margin = page.bottom_margin = Cm(2.2)
    _page_furniture(page, context)

    # Title page
    for _ in range(5):
        document.add_paragraph()
    kicker = document.add_paragraph("Lantern: report to managers and the safeguarding partnership")
    kicker.runs[0].font.color.rgb = GREY
    document.add_paragraph(context["title"], style="Title")
    period = document.add_paragraph(context["period"])
    period.runs[0].font.size = Pt(15)
    document.add_paragraph()
    facts = [
        ("Produced", context["produced"]),
        ("Compared with", context["previous_period"] or "No previous period"),
        ("Marking", context["marking"]),
        (
            "Handling",
            "Small numbers (1 to 4) are shown as <5 so that no child can be identified; [c] "
            "marks a figure hidden so that a small number cannot be worked out from a total."
            if context["public"]
            else "Contains true counts, including small numbers. Do not publish outside "
            "the partnership.",
        ),
    ]
    for label, value in facts:
        p = document.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Contents: a field Word fills from the headings
    document.add_heading("Contents", level=1)
    _field(
        document.add_paragraph(),
        'TOC \\o "1-1" \\h \\z \\u',
        # Until Word fills in page numbers, the section names (other programs never update it)
        "\n".join(["Summary", *(section.title for section in context["sections"])]),
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # Summary
    document.add_heading("Summary", level=1)
    document.add_paragraph(context["comparison"])
    headline = document.add_table(rows=1, cols=4 if context["previous_period"] else 2)
    headline.style = "Table Grid"
    headings = ["Figure", "This period"] + (
        ["Previous period", "Change"] if context["previous_period"] else []
    )
    for i, text in enumerate(headings):
        headline.rows[0].cells[i].text = text
        headline.rows[0].cells[i].paragraphs[0].runs[0].bold = True
    _repeat_header(headline.rows[0])
    for row in context["headlines"]:
        cells = headline.add_row().cells
        values = [row["label"], row["now"]] + (
            [row["before"], row["change"]] if context["previous_period"] else []
        )
        for i, text in enumerate(values):
            cells[i].text = text
            if i:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for section in context["sections"]:
        wide = section.key == "activity"
        if wide:
            new = document.add_section()
            new.orientation = WD_ORIENT.LANDSCAPE
            new.page_width, new.page_height = Cm(29.7), Cm(21.0)
            new.different_first_page_header_footer = False
        else:
            if document.sections[-1].orientation == WD_ORIENT.LANDSCAPE:
                new = document.add_section()
                new.orientation = WD_ORIENT.PORTRAIT
                new.page_width, new.page_height = Cm(21.0), Cm(29.7)
                new.different_first_page_header_footer = False
            else:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(section.title, level=1)
        for sentence in section.narrative:
            document.add_paragraph(sentence, style="List Bullet")
        charts = {c.key: c for c in section.charts}
        table_keys = {t.key for t in section.tables}
        for key, chart in charts.items():
            if key not in table_keys:
                _chart(document, chart, 17.0 if not wide else 20.0)
        for table in section.tables:
            if table.key in charts:
                _chart(document, charts[table.key], 15.5)
            _table(document, table)

    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
