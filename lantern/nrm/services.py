"""Writes of UASC records made in the pages. Each runs in a transaction and writes its audit
entry in it; the entry names the fields given or changed, never their values, so the
record's history shows who changed what and when."""

from django.db import transaction

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.children.services import child_update
from lantern.nrm.models import UascRecord

# The fields a person records on the UASC page (the arrival date lives on the child).
UASC_FIELDS = (
    "arrival_route",
    "age_assessed_on",
    "age_outcome",
    "age_assessor_1",
    "age_assessor_2",
    "trafficking_assessed_on",
    "trafficking_outcome",
    "interpreter_needed",
    "interpreter_language",
    "immigration_status",
    "guardian_referred_on",
    "guardian_outcome",
    "checklist",
    "nrm_not_referred_reason",
    "from_elsewhere",
    "from_authority",
)


@transaction.atomic
def uasc_record_save(*, child, by, arrived_on, fields: dict, request=None) -> list[str]:
    """Record or change a child's UASC record; returns the names of the fields that changed.

    The arrival date is the child's own `uasc_arrived_on` (the dataset's column, which the
    report counts), so it is changed on the child, which is flagged UASC too."""
    unknown = set(fields) - set(UASC_FIELDS)
    if unknown:
        raise TypeError(f"Not a UASC field: {', '.join(sorted(unknown))}")
    record = UascRecord.objects.select_for_update().filter(child=child).first()
    creating = record is None
    if creating:
        record = UascRecord(child=child)
    changed = [name for name, value in fields.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, fields[name])
    child_changes = {}
    if child.uasc_arrived_on != arrived_on:
        child_changes["uasc_arrived_on"] = arrived_on
    if not child.uasc:
        child_changes["uasc"] = True
    if child_changes:
        child_update(child=child, by=by, changes=child_changes, request=request)
        if "uasc_arrived_on" in child_changes:
            changed.append("uasc_arrived_on")
    if not changed and not creating:
        return []
    record.modified_by = by
    record.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        object_type="uasc_record",
        object_id=record.pk,
        child=child,
        detail={"fields": sorted(changed)},
    )
    return sorted(changed)
