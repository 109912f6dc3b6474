"""Reads of the audit trail for the people who review it (managers, auditors)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from lantern.audit.models import AuditEntry
from lantern.core.ukdate import day_start


@dataclass
class AuditFilter:
    username: str = ""
    child_reference: str = ""
    first_day: date | None = None
    last_day: date | None = None
    action: str = ""


def audit_entries(filters: AuditFilter) -> QuerySet:
    """Entries matching the filters, newest first. An unknown child reference matches none."""
    from datetime import timedelta

    from lantern.children.models import Child

    entries = AuditEntry.objects.all()
    if filters.username:
        entries = entries.filter(username__iexact=filters.username.strip())
    if filters.child_reference:
        child_id = (
            Child.objects.filter(source_id__iexact=filters.child_reference.strip())
            .values_list("pk", flat=True)
            .first()
        )
        entries = entries.filter(child_id=child_id) if child_id else entries.none()
    if filters.first_day:
        entries = entries.filter(at__gte=day_start(filters.first_day))
    if filters.last_day:
        entries = entries.filter(at__lt=day_start(filters.last_day + timedelta(days=1)))
    if filters.action:
        entries = entries.filter(action=filters.action)
    return entries.order_by("-at", "-id")


def children_by_id(child_ids) -> dict:
    """Reference and name of each child on a page of entries, in one query."""
    from lantern.children.models import Child

    ids = {c for c in child_ids if c}
    if not ids:
        return {}
    return {
        c.pk: c
        for c in Child.objects.filter(pk__in=ids).only("pk", "source_id", "first_name", "last_name")
    }
