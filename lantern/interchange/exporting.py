"""Writing the whole dataset (dataset.md) as CSV files, one `.zip` or one `.xlsx` workbook.

Every file in the dataset's column order, canonical value formats, rows in the order the
records were first recorded (then by id), so export -> import -> export gives the same bytes.
Rows stream from the database in chunks; nothing holds a whole table in memory.
"""

import csv
import io
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from django.apps import apps
from django.db.models import Q
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from lantern.children.pseudonyms import age_band, pseudonym
from lantern.core.ukdate import aware_to_local
from lantern.interchange import schema

CHUNK = 2000


def cell(value) -> str:
    """A value in the dataset's canonical text form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        local = aware_to_local(value)
        return local.strftime("%Y-%m-%dT%H:%M:%S" if local.second else "%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):  # indicator answers, in code order so a round trip is stable
        return ";".join(f"{code}={value[code]}" for code in sorted(value))
    return str(value)


def _lookup(spec: schema.FileSpec, column: schema.Column) -> str:
    if column.kind == schema.REF and spec.refs.get(column.name) != "ref":
        return f"{column.field}__source_id"
    return column.field


def file_rows(spec: schema.FileSpec, *, pseudonymise: bool = False) -> Iterator[list[str]]:
    """The header, then every row of one file."""
    model = apps.get_model(spec.model)
    today = date.today()
    names = export_header(spec)
    columns = [c for c in spec.columns if c.attr != "-" and c.name in names]
    header = names
    if pseudonymise and spec.name == "children.csv":
        header = ["age_band" if h == "date_of_birth" else h for h in names]
    yield header
    lookups = ["pk"] + [_lookup(spec, c) for c in columns]
    if spec.id_column is None:
        order = ["meeting__created_at", "meeting__source_id", "position"]
    else:
        order = ["created_at", "source_id"]
    queryset = model.objects.order_by(*order)
    if spec.model == "children.Child":  # a record merged into another: its survivor is written
        queryset = queryset.filter(merged_into__isnull=True)
    elif any(f.name == "child" for f in model._meta.get_fields()):
        queryset = queryset.exclude(child__merged_into__isnull=False)
    queryset = queryset.values_list(*lookups)
    interviews = spec.name == "return_interviews.csv"
    list_fields = {c.name for c in columns if c.kind in (schema.LIST, schema.REFS)}
    answer_fields = {c.name for c in columns if c.kind == schema.ANSWERS}
    for chunk in _chunks(queryset.iterator(chunk_size=CHUNK)):
        covers = _covers([row[0] for row in chunk]) if interviews else {}
        for row in chunk:
            values = dict(zip([c.name for c in columns], row[1:], strict=True))
            for name in list_fields:
                value = values[name]
                if isinstance(value, str):  # values_list skips from_db_value on some backends
                    values[name] = [v for v in value.split(";") if v]
            for name in answer_fields:
                if isinstance(values[name], str):
                    values[name] = json.loads(values[name] or "{}")
            if interviews:
                values["episode_ids"] = covers.get(row[0], [])
            if pseudonymise:
                _pseudonymise(spec, values, today)
            yield [cell(values.get(name)) for name in names]


def export_header(spec: schema.FileSpec) -> list[str]:
    """The file's columns: the dataset's own, then each extension column some record fills."""
    model = apps.get_model(spec.model)
    header = []
    for column in spec.columns:
        if column.extension and not model.objects.filter(_filled(model, column)).exists():
            continue
        header.append(column.name)
    return header


def _filled(model, column: schema.Column) -> Q:
    """Records with a value in this column (not blank, and not its default)."""
    if "__" in column.field:  # a field of a related record: filled when the link is
        return Q(**{f"{column.field.split('__')[0]}__isnull": False})
    if column.kind == schema.ANSWERS:
        return ~Q(**{column.field: {}})
    field = model._meta.get_field(column.field)
    if field.null:
        filled = Q(**{f"{column.field}__isnull": False})
    else:
        filled = ~Q(**{column.field: ""}) if column.default is None else Q()
    if column.default is not None:
        filled &= ~Q(**{column.field: column.default})
    return filled


def _pseudonymise(spec: schema.FileSpec, values: dict, today: date) -> None:
    for column in spec.columns:
        if column.free_text:
            values[column.name] = ""
    if spec.name == "children.csv":
        values["first_name"] = "Child"
        values["last_name"] = pseudonym(values["child_id"])
        values["date_of_birth"] = age_band(values["date_of_birth"], today)


def _chunks(rows: Iterator, size: int = CHUNK) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _covers(interviews: list) -> dict:
    """Episode ids each interview covers, in the order given in the source."""
    covers = defaultdict(list)
    rows = (
        apps.get_model("missing.InterviewEpisode")
        .objects.filter(interview__in=interviews)
        .order_by("interview", "position")
        .values_list("interview_id", "episode__source_id")
    )
    for interview, episode in rows:
        covers[interview].append(episode)
    return covers


def export_dataset(path: Path, *, pseudonymise: bool = False) -> dict[str, int]:
    """Write every file; returns the number of rows written per file."""
    suffix = path.suffix.lower()
    counts: dict[str, int] = {}
    if suffix == ".xlsx":
        workbook = Workbook(write_only=True)
        for spec in schema.FILES:
            sheet = workbook.create_sheet(spec.name.removesuffix(".csv"))
            counts[spec.name] = -1
            for row in file_rows(spec, pseudonymise=pseudonymise):
                if any(value.startswith("=") for value in row):
                    row = [_text_cell(sheet, value, WriteOnlyCell) for value in row]
                sheet.append(row)
                counts[spec.name] += 1
        workbook.save(path)
    elif suffix == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for spec in schema.FILES:
                with archive.open(spec.name, "w") as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    counts[spec.name] = _write_csv(text, spec, pseudonymise)
                    text.flush()
                    text.detach()
    else:
        path.mkdir(parents=True, exist_ok=True)
        for spec in schema.FILES:
            with open(path / spec.name, "w", encoding="utf-8", newline="") as text:
                counts[spec.name] = _write_csv(text, spec, pseudonymise)
    return counts


def _text_cell(sheet, value: str, cell_class):
    """Text that looks like a formula stays text: never run as a formula when opened."""
    cell = cell_class(sheet, value=value)
    if value.startswith("="):
        cell.data_type = "s"
    return cell


def _write_csv(stream, spec: schema.FileSpec, pseudonymise: bool) -> int:
    writer = csv.writer(stream, lineterminator="\r\n")
    rows = -1
    for row in file_rows(spec, pseudonymise=pseudonymise):
        writer.writerow(row)
        rows += 1
    return rows
