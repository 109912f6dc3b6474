"""Import and export of the Lantern dataset (dataset.md): the public entry points."""

import io
from datetime import date
from pathlib import Path

from django.apps import apps
from django.db import IntegrityError, connection, transaction

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.interchange.exporting import export_dataset
from lantern.interchange.importing import FileCounts, Importer, ImportResult
from lantern.interchange.national import FORMATS, annex_a_check, annex_a_list8_workbook
from lantern.interchange.problems import ImportRejected, Problem
from lantern.interchange.schema import FILES

__all__ = [
    "FileCounts",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "dataset_export",
    "dataset_import",
]


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def dataset_import(
    path: str | Path,
    *,
    user=None,
    progress=None,
    dry_run: bool = False,
    audit_detail: dict | None = None,
) -> ImportResult:
    """Import a folder of CSVs, a `.zip` or an `.xlsx`: every row or none, in one transaction.

    Raises ImportRejected with every problem found; nothing is written then. A dry run checks
    and counts, then rolls back, so a co-ordinator can see what would change before confirming.
    `progress(file_name, rows)` is called as each file starts (rows=0) and after each batch
    with the rows read since the last call.
    """
    importer = Importer(user=user, progress=progress)
    try:
        with transaction.atomic():
            result = importer.run(path)
            if importer.problems:
                raise ImportRejected(
                    importer.problems, len(importer.problems) + importer.problems_left_off
                )
            if importer.refused is not None:
                raise importer.refused
            if dry_run:
                result.dry_run = True
                raise _DryRun
            _refresh_planner_statistics()
            audit_record(
                user=importer.user,
                action=AuditAction.IMPORT,
                object_type="dataset",
                object_id=Path(path).name,
                detail={"files": result.as_dict(), **(audit_detail or {})},
            )
    except _DryRun:
        pass
    except IntegrityError as error:
        # The database's own constraints are the last guard: still all or nothing.
        raise ImportRejected(
            [Problem("", 0, "", "", f"The database refused the data ({error})")]
        ) from error
    return result


def _refresh_planner_statistics() -> None:
    """After a bulk load PostgreSQL's statistics still describe the old tables, and the
    report's correlated subqueries get seq-scan plans; ANALYZE (allowed in a transaction,
    and it counts our own new rows) keeps them on the indexes."""
    if connection.vendor != "postgresql":
        return
    tables = sorted({apps.get_model(spec.model)._meta.db_table for spec in FILES})
    tables += ["missing_interviewepisode", "meetings_meetingchild", "meetings_meetingattendee"]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def dataset_export(
    path: str | Path, *, pseudonymise: bool = False, user=None, audit_detail: dict | None = None
) -> dict:
    """Write the whole dataset to a folder, `.zip` or `.xlsx` (by the path's suffix)."""
    counts = export_dataset(Path(path), pseudonymise=pseudonymise)
    audit_record(
        user=user if getattr(user, "pk", None) else None,
        action=AuditAction.EXPORT,
        object_type="dataset",
        object_id=Path(path).name,
        detail={"pseudonymised": pseudonymise, "files": counts, **(audit_detail or {})},
    )
    return counts


def national_export(
    path: Path,
    *,
    format_name: str,
    user=None,
    date_from=None,
    date_to=None,
    headers: str | None = None,
    pseudonymise: bool = False,
    audit_detail: dict | None = None,
) -> int:
    """Write a national return (SSDA903 missing, SSD, Annex A list 8) as one CSV file.

    `headers` ("ofsted" or "d2i") and `pseudonymise` are for Annex A list 8 only."""
    if format_name not in FORMATS:
        raise LookupError(
            f"Unknown format '{format_name}': use dataset, " + ", ".join(sorted(FORMATS))
        )
    options = {}
    if format_name == "annex-a-list8":
        options = {"headers": headers or "ofsted", "pseudonymise": pseudonymise}
        annex_a_check(date_from=date_from, date_to=date_to, headers=options["headers"])
    elif headers is not None or pseudonymise:
        raise ValueError(
            "Choosing headers or pseudonymising works only with dataset (pseudonymise) "
            "and annex-a-list8."
        )
    with open(path, "w", encoding="utf-8", newline="") as stream:
        rows = FORMATS[format_name](stream, date_from=date_from, date_to=date_to, **options)
    audit_record(
        user=user if getattr(user, "pk", None) else None,
        action=AuditAction.EXPORT,
        object_type="national",
        object_id=format_name,
        detail={
            "rows": rows,
            "from": str(date_from or ""),
            "to": str(date_to or ""),
            **options,
            **(audit_detail or {}),
        },
    )
    return rows


def annex_a_download(*, request, date_to: date, pseudonymise: bool) -> bytes:
    """Annex A list 8 as an .xlsx (sheet "List 8") for the web page: one audit entry for
    the download and one for each child in it."""
    buffer = io.BytesIO()
    children = annex_a_list8_workbook(buffer, date_to=date_to, pseudonymise=pseudonymise)
    detail = {"to": date_to.isoformat(), "format": "xlsx", "pseudonymised": pseudonymise}
    audit_record(
        request=request,
        action=AuditAction.EXPORT,
        object_type="national",
        object_id="annex-a-list8",
        detail={**detail, "rows": len(children)},
    )
    audit_many(
        request=request,
        action=AuditAction.EXPORT,
        object_type="annex_a_list8",
        children=children,
        detail=detail,
    )
    return buffer.getvalue()
