"""Reads of the audit trail for the people who review it (managers, auditors)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from lantern.audit.models import AuditAction, AuditEntry
from lantern.core.ukdate import day_start


@dataclass
class AuditFilter:
    username: str = ""
    child_id: object = None  # one child's entries (its id)
    no_such_child: bool = False  # a child reference was asked for and matched none
    first_day: date | None = None
    last_day: date | None = None
    action: str = ""


def audit_entries(filters: AuditFilter) -> QuerySet:
    """Entries matching the filters, newest first."""
    entries = AuditEntry.objects.all()
    if filters.username:
        entries = entries.filter(username__iexact=filters.username.strip())
    if filters.no_such_child:
        entries = entries.none()
    elif filters.child_id:
        entries = entries.filter(child_id=filters.child_id)
    if filters.first_day:
        entries = entries.filter(at__gte=day_start(filters.first_day))
    if filters.last_day:
        entries = entries.filter(at__lt=day_start(filters.last_day + timedelta(days=1)))
    if filters.action:
        entries = entries.filter(action=filters.action)
    return entries.order_by("-at", "-id")


def last_change_in_lantern(object_type: str, object_id) -> AuditEntry | None:
    """The newest entry for a record created or changed on Lantern's own pages (imports
    write one entry for the whole dataset, not one per record)."""
    return (
        AuditEntry.objects.filter(
            object_type=object_type,
            object_id=str(object_id),
            action__in=[AuditAction.CREATE, AuditAction.UPDATE],
        )
        .order_by("-at")
        .first()
    )


def changes_to(object_type: str, object_id) -> QuerySet:
    """Who made or changed one record, and when, oldest first (a record's history)."""
    return AuditEntry.objects.filter(
        object_type=object_type,
        object_id=str(object_id),
        action__in=[AuditAction.CREATE, AuditAction.UPDATE],
    ).order_by("at", "id")
