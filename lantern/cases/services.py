"""Writes to casework: cases, allocation, closure, direct work, onward referrals, plans.

Each is atomic and writes its audit row in the same transaction. Allocating is setting
`Case.allocated_to` here: the database view `children_allocation` (who holds a child, read
by the access rules) follows at once.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.cases.models import (
    Case,
    CaseAllocation,
    CaseClosure,
    CaseOutcome,
    CaseRoute,
    ClosureStatus,
    Cover,
    DirectWork,
    OnwardReferral,
    OutcomeKind,
    Plan,
)
from lantern.core.models import lantern_reference

ALLOCATABLE_ROLES = (Role.PRACTITIONER, Role.MANAGER)
DIRECT_WORK_FIELDS = (
    "case",
    "held_on",
    "with_whom",
    "setting",
    "engaged",
    "what_was_done",
    "child_voice",
)
ONWARD_FIELDS = (
    "case",
    "service",
    "need",
    "need_identified_on",
    "referred_on",
    "first_contact_on",
    "outcome",
    "child_voice",
)
PLAN_FIELDS = ("case", "kind", "made_on", "owner", "review_on", "summary", "child_voice")


class ChangedSinceOpened(Exception):
    """Someone else saved the record after this person opened the form."""

    def __init__(self, current):
        super().__init__("The record changed since the form was opened.")
        self.current = current


def _audit(request, by, action, object_type, obj, child, fields):
    audit_record(
        request=request,
        user=by,
        action=action,
        object_type=object_type,
        object_id=obj.pk,
        child=child,
        detail={"fields": sorted(fields)},
    )


def _locked(model, pk, opened_version: datetime | None):
    current = model.objects.select_for_update().get(pk=pk)
    if opened_version is not None and current.updated_at != opened_version:
        raise ChangedSinceOpened(current)
    return current


# --- Cases ------------------------------------------------------------------------------


@transaction.atomic
def case_open(*, child, by, opened_on: date, route: str, source: str = "", request=None) -> Case:
    """Open the team's case with a child (e.g. on accepting a referral: cases.flows)."""
    case = Case.objects.create(
        source_id=lantern_reference("CASE"),
        child=child,
        opened_on=opened_on,
        route=route if route in CaseRoute.values else CaseRoute.OTHER,
        source=source,
        created_by=by,
        modified_by=by,
    )
    _audit(request, by, AuditAction.CREATE, "case", case, child, ["opened_on", "route"])
    return case


@transaction.atomic
def case_allocate(
    *, case: Case, worker, by, opened_version: datetime | None = None, request=None
) -> Case:
    """Allocate or reallocate an open case to a worker; who and when are kept."""
    if worker.role not in ALLOCATABLE_ROLES or not worker.is_active:
        raise ValueError("Cases are allocated to practitioners or managers")
    current = _locked(Case, case.pk, opened_version)
    if current.closed_on is not None:
        raise ValueError("A closed case cannot be allocated")
    if current.allocated_to_id == worker.pk:
        return current
    current.allocated_to = worker
    current.worker = str(worker)[:100]
    current.modified_by = by
    current.save(update_fields=["allocated_to", "worker", "modified_by", "updated_at"])
    CaseAllocation.objects.create(case=current, worker=worker, by=by)
    _audit(request, by, AuditAction.UPDATE, "case", current, current.child_id, ["allocated_to"])
    case.refresh_from_db()
    return current


@transaction.atomic
def case_closure_request(
    *,
    case: Case,
    by,
    reason: str,
    outcomes=(),
    child_rating: int | None = None,
    child_words: str = "",
    family_rating: int | None = None,
    family_words: str = "",
    opened_version: datetime | None = None,
    request=None,
) -> CaseClosure:
    """Ask a manager to close the case, with the reason, outcomes and feedback."""
    current = _locked(Case, case.pk, opened_version)
    if current.closed_on is not None:
        raise ValueError("This case is already closed")
    if current.closures.filter(status=ClosureStatus.WAITING).exists():
        raise ValueError("A closure of this case is already waiting for approval")
    if not reason.strip():
        raise ValueError("A closure needs a reason")
    closure = CaseClosure.objects.create(
        case=current,
        reason=reason.strip(),
        child_rating=child_rating,
        child_words=child_words.strip(),
        family_rating=family_rating,
        family_words=family_words.strip(),
        requested_by=by,
    )
    closure.outcomes.set(outcomes)
    _audit(
        request,
        by,
        AuditAction.CREATE,
        "case_closure",
        closure,
        current.child_id,
        ["reason", "outcomes", "child_feedback", "family_feedback"],
    )
    return closure


def _waiting(closure: CaseClosure, by) -> CaseClosure:
    if by.role != Role.MANAGER:
        raise PermissionDenied("Only a manager approves a closure")
    current = CaseClosure.objects.select_for_update().select_related("case").get(pk=closure.pk)
    if current.status != ClosureStatus.WAITING:
        raise ValueError("This closure has already been decided")
    return current


@transaction.atomic
def case_closure_approve(*, closure: CaseClosure, by, on: date, request=None) -> Case:
    """A manager approves: the case closes on the day of approval, its reason is the closure
    reason, and each outcome chosen is recorded (outcomes.csv) on that day."""
    current = _waiting(closure, by)
    case = Case.objects.select_for_update().get(pk=current.case_id)
    current.status = ClosureStatus.APPROVED
    current.decided_by = by
    current.decided_on = on
    current.save(update_fields=["status", "decided_by", "decided_on"])
    case.closed_on = on
    case.closure_reason = current.reason
    case.modified_by = by
    case.save(update_fields=["closed_on", "closure_reason", "modified_by", "updated_at"])
    for kind in current.outcomes.all():
        CaseOutcome.objects.create(
            source_id=lantern_reference("OUT"),
            child_id=case.child_id,
            case=case,
            recorded_on=on,
            kind=kind.dataset_kind,
            achieved=True,
            created_by=by,
            modified_by=by,
        )
    _audit(
        request,
        by,
        AuditAction.UPDATE,
        "case_closure",
        current,
        case.child_id,
        ["status", "closed_on"],
    )
    closure.refresh_from_db()
    return case


@transaction.atomic
def case_closure_return(*, closure: CaseClosure, by, note: str, on: date, request=None):
    """A manager sends a closure back with a note; the case stays open."""
    if not note.strip():
        raise ValueError("Say why the closure is sent back")
    current = _waiting(closure, by)
    current.status = ClosureStatus.RETURNED
    current.decided_by = by
    current.decided_on = on
    current.manager_note = note.strip()
    current.save(update_fields=["status", "decided_by", "decided_on", "manager_note"])
    _audit(
        request,
        by,
        AuditAction.UPDATE,
        "case_closure",
        current,
        current.case.child_id,
        ["status", "manager_note"],
    )
    closure.refresh_from_db()
    return current


# --- The outcomes a closure may record (a list the admin keeps) -----------------------------


@transaction.atomic
def outcome_kind_add(*, by, label: str, dataset_kind: str, request=None) -> OutcomeKind:
    label = label.strip()
    if OutcomeKind.objects.filter(label__iexact=label).exists():
        raise ValueError("That outcome is already on the list")
    kind = OutcomeKind(
        label=label, dataset_kind=dataset_kind, order=OutcomeKind.objects.count() + 1
    )
    kind.full_clean()
    kind.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="outcome_kind",
        object_id=kind.pk,
        detail={"dataset_kind": dataset_kind},
    )
    return kind


@transaction.atomic
def outcome_kind_set_in_use(*, kind: OutcomeKind, by, in_use: bool, request=None) -> None:
    """Take an outcome off the list (closures already made keep it) or put it back."""
    if kind.in_use == in_use:
        return
    kind.in_use = in_use
    kind.save(update_fields=["in_use"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="outcome_kind",
        object_id=kind.pk,
        detail={"fields": ["in_use"]},
    )


# --- The work with the child: direct work, onward referrals, plans ------------------------


def _check_fields(given: dict, allowed: tuple) -> None:
    unknown = set(given) - set(allowed)
    if unknown:
        raise TypeError(f"Not a field of this record: {', '.join(sorted(unknown))}")


def _record(model, kind: str, object_type: str, allowed, *, child, by, request, fields):
    _check_fields(fields, allowed)
    obj = model(
        source_id=lantern_reference(kind), child=child, created_by=by, modified_by=by, **fields
    )
    obj.full_clean()
    obj.save()
    given = [k for k, v in fields.items() if v not in ("", None)]
    _audit(request, by, AuditAction.CREATE, object_type, obj, child, given)
    return obj


def _update_own(model, object_type: str, allowed, *, obj, by, changes, opened_version, request):
    """Practitioners change their own records; co-ordinators and managers anyone's."""
    _check_fields(changes, allowed)
    if obj.created_by_id != by.pk and by.role not in (Role.COORDINATOR, Role.MANAGER):
        raise PermissionDenied("You can change only what you recorded")
    current = _locked(model, obj.pk, opened_version)
    changed = [k for k, v in changes.items() if getattr(current, k) != v]
    if not changed:
        return []
    for k in changed:
        setattr(current, k, changes[k])
    current.modified_by = by
    current.full_clean()
    current.save()
    _audit(request, by, AuditAction.UPDATE, object_type, current, current.child_id, changed)
    obj.refresh_from_db()
    return changed


@transaction.atomic
def direct_work_record(*, child, by, request=None, **fields) -> DirectWork:
    """A direct work session: when, with whom, how, whether the child engaged, what was done."""
    fields.setdefault("worker", str(by)[:100])
    return _record(
        DirectWork,
        "DW",
        "direct_work",
        DIRECT_WORK_FIELDS + ("worker",),
        child=child,
        by=by,
        request=request,
        fields=fields,
    )


@transaction.atomic
def direct_work_update(
    *, session: DirectWork, by, changes: dict, opened_version=None, request=None
):
    return _update_own(
        DirectWork,
        "direct_work",
        DIRECT_WORK_FIELDS,
        obj=session,
        by=by,
        changes=changes,
        opened_version=opened_version,
        request=request,
    )


@transaction.atomic
def onward_referral_record(*, child, by, request=None, **fields) -> OnwardReferral:
    """A referral on to a partner service, with the dates that show the wait."""
    return _record(
        OnwardReferral,
        "OR",
        "onward_referral",
        ONWARD_FIELDS,
        child=child,
        by=by,
        request=request,
        fields=fields,
    )


@transaction.atomic
def onward_referral_update(
    *, onward: OnwardReferral, by, changes: dict, opened_version=None, request=None
):
    return _update_own(
        OnwardReferral,
        "onward_referral",
        ONWARD_FIELDS,
        obj=onward,
        by=by,
        changes=changes,
        opened_version=opened_version,
        request=request,
    )


@transaction.atomic
def plan_record(*, child, by, request=None, **fields) -> Plan:
    """A support, safety, exiting-a-gang or secure-discharge plan with owner and review."""
    return _record(
        Plan, "PLAN", "plan", PLAN_FIELDS, child=child, by=by, request=request, fields=fields
    )


@transaction.atomic
def plan_update(*, plan: Plan, by, changes: dict, opened_version=None, request=None):
    return _update_own(
        Plan,
        "plan",
        PLAN_FIELDS,
        obj=plan,
        by=by,
        changes=changes,
        opened_version=opened_version,
        request=request,
    )


# --- Absence cover (docs/casework.md) -------------------------------------------------------


@transaction.atomic
def cover_set(
    *, absent, covering, from_on: date, to_on: date, reason: str = "", by, request=None
) -> Cover:
    """A manager hands an absent worker's open cases and worklists to a colleague for the
    days `from_on` to `to_on` inclusive."""
    if by.role != Role.MANAGER:
        raise PermissionDenied("Only managers set absence cover.")
    cover = Cover.objects.create(
        absent=absent, covering=covering, from_on=from_on, to_on=to_on, reason=reason, set_by=by
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="cover",
        object_id=cover.pk,
        detail={"fields": ["absent", "covering", "from_on", "to_on", "reason"]},
    )
    return cover


@transaction.atomic
def cover_end(*, cover: Cover, by, request=None) -> Cover:
    """End a cover early: from now the colleague no longer holds the absent worker's cases."""
    if by.role != Role.MANAGER:
        raise PermissionDenied("Only managers end absence cover.")
    cover = Cover.objects.select_for_update().get(pk=cover.pk)
    if cover.ended_at is None:
        cover.ended_at = timezone.now()
        cover.ended_by = by
        cover.save(update_fields=["ended_at", "ended_by"])
        audit_record(
            request=request,
            user=by,
            action=AuditAction.UPDATE,
            object_type="cover",
            object_id=cover.pk,
            detail={"fields": ["ended_at"]},
        )
    return cover
