"""Writes to child records. Each runs in a transaction and writes its audit entry in it."""

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.children.models import BreakGlass, Child, ChildMerge, ChildShare, PlacingAuthority
from lantern.children.selectors import BREAK_GLASS_SESSION_KEY

# The fields a person may type on the child form (the reference is set once, at creation).
EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "district",
    "legal_status",
    "placing_authority",
    "uasc",
    "uasc_arrived_on",
    "flags",
)


class ChildChangedSinceOpened(Exception):
    """Someone else saved the record after this person opened the form."""

    def __init__(self, current: Child):
        super().__init__("The record changed since the form was opened.")
        self.current = current


def _new_reference() -> str:
    return f"LAN-{uuid.uuid4().hex[:8].upper()}"


@transaction.atomic
def child_create(
    *, by, request=None, source_id: str = "", restricted: bool = False, **fields
) -> Child:
    """Record a new child; the audit entry names the fields given, never their values."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not a child field: {', '.join(sorted(unknown))}")
    child = Child(
        source_id=source_id or _new_reference(),
        restricted=restricted,
        created_by=by,
        modified_by=by,
        **fields,
    )
    child.full_clean()
    child.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="child",
        object_id=child.pk,
        child=child,
        detail={"fields": sorted(k for k, v in fields.items() if v not in ("", None, []))},
    )
    return child


@transaction.atomic
def child_update(
    *, child: Child, by, changes: dict, opened_version: datetime | None = None, request=None
) -> list[str]:
    """Apply the typed changes; refuse if the record changed since the form was opened
    (lost-update protection). Returns the names of the fields that changed."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not an editable child field: {', '.join(sorted(unknown))}")
    current = Child.objects.select_for_update().get(pk=child.pk)
    if opened_version is not None and current.updated_at != opened_version:
        raise ChildChangedSinceOpened(current)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(current, name, changes[name])
    current.modified_by = by
    current.full_clean()
    current.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="child",
        object_id=current.pk,
        child=current,
        detail={"fields": sorted(changed)},
    )
    child.refresh_from_db()
    return changed


@transaction.atomic
def child_restrict(*, child: Child, by, restricted: bool, request=None) -> bool:
    """Set or lift the restricted flag (coordinators and managers). True if it changed."""
    current = Child.objects.select_for_update().get(pk=child.pk)
    if current.restricted == restricted:
        return False
    current.restricted = restricted
    current.modified_by = by
    current.save(update_fields=["restricted", "modified_by", "updated_at"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="child",
        object_id=current.pk,
        child=current,
        detail={"fields": ["restricted"]},
    )
    child.refresh_from_db()
    return True


@transaction.atomic
def child_break_glass(*, child: Child, by, reason: str, request=None) -> BreakGlass:
    """Open a restricted record with a written reason: recorded, audited, shown to managers,
    and granted for the rest of this session only."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A reason is required to open a restricted record.")
    event = BreakGlass.objects.create(child=child, user=by, reason=reason)
    audit_record(
        request=request,
        user=by,
        action=AuditAction.BREAK_GLASS,
        object_type="child",
        object_id=child.pk,
        child=child,
        detail={"break_glass": event.pk},
    )
    if request is not None:
        granted = list(request.session.get(BREAK_GLASS_SESSION_KEY, []))
        if str(child.pk) not in granted:
            granted.append(str(child.pk))
        request.session[BREAK_GLASS_SESSION_KEY] = granted
    return event


@transaction.atomic
def break_glass_acknowledge(*, event: BreakGlass, by, request=None) -> None:
    """A manager has reviewed a break-glass event."""
    if event.acknowledged_by_id:
        return
    event.acknowledged_by = by
    event.save(update_fields=["acknowledged_by"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="break_glass",
        object_id=event.pk,
        child=event.child_id,
        detail={"fields": ["acknowledged_by"], "at": timezone.now().isoformat()},
    )


@transaction.atomic
def child_share(*, child: Child, agency: str, district: str = "", by=None, request=None) -> bool:
    """Share a child with a partner agency (and district). True if it was not shared yet."""
    _, created = ChildShare.objects.get_or_create(
        child=child, agency=agency, defaults={"district": district, "shared_by": by}
    )
    if created:
        audit_record(
            request=request,
            user=by,
            action=AuditAction.UPDATE,
            object_type="child_share",
            object_id=child.pk,
            child=child,
            detail={"agency": agency, "district": district},
        )
    return created


class ShareRefused(ValueError):
    """The share cannot be made or changed as asked."""


@transaction.atomic
def child_share_create(
    *,
    child: Child,
    by,
    agency: str,
    district: str,
    reason: str,
    ends_on,
    review_on,
    today,
    request=None,
) -> ChildShare:
    """Share a child with a partner agency (in a district, or wherever the child lives), for a
    reason, until an end date, with a review date. A share past its end date is closed first."""
    reason = reason.strip()
    if not reason:
        raise ShareRefused("A share needs a reason")
    if ends_on < today or review_on < today or review_on > ends_on:
        raise ShareRefused("The review date must come between today and the end date")
    existing = ChildShare.objects.select_for_update().filter(
        child=child, agency=agency, ended_on__isnull=True
    )
    for share in existing:
        if share.ends_on is not None and share.ends_on < today:
            share.ended_on = share.ends_on
            share.save(update_fields=["ended_on"])
        else:
            raise ShareRefused(
                "This child is already shared with that agency: end that share first"
            )
    share = ChildShare.objects.create(
        child=child,
        agency=agency,
        district=district,
        reason=reason,
        ends_on=ends_on,
        review_on=review_on,
        shared_by=by,
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="child_share",
        object_id=share.pk,
        child=child,
        detail={"agency": agency, "fields": ["reason", "ends_on", "review_on"]},
    )
    return share


@transaction.atomic
def child_share_end(*, share: ChildShare, by, on, request=None) -> ChildShare:
    """End a share early, from today: the partner no longer sees the child."""
    current = ChildShare.objects.select_for_update().get(pk=share.pk)
    if current.ended_on is not None or (current.ends_on and current.ends_on < on):
        raise ShareRefused("This share has already ended")
    current.ended_on = on
    current.ended_by = by
    current.save(update_fields=["ended_on", "ended_by"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="child_share",
        object_id=current.pk,
        child=current.child_id,
        detail={"agency": current.agency, "fields": ["ended_on"]},
    )
    return current


@transaction.atomic
def child_share_review(*, share: ChildShare, by, on, next_review_on, request=None) -> ChildShare:
    """Record that the share was reviewed and keep it, with the next review date."""
    current = ChildShare.objects.select_for_update().get(pk=share.pk)
    if current.ended_on is not None:
        raise ShareRefused("This share has already ended")
    if next_review_on <= on or (current.ends_on and next_review_on > current.ends_on):
        raise ShareRefused("The next review must come after today and by the end date")
    current.reviewed_on = on
    current.review_on = next_review_on
    current.save(update_fields=["reviewed_on", "review_on"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="child_share",
        object_id=current.pk,
        child=current.child_id,
        detail={"agency": current.agency, "fields": ["reviewed_on", "review_on"]},
    )
    return current


@transaction.atomic
def placing_authority_save(
    *, by, name: str, email: str, authority: PlacingAuthority | None = None, request=None
) -> PlacingAuthority:
    """Add a placing authority's contact, or change one (`authority`)."""
    created = authority is None
    authority = authority or PlacingAuthority()
    changed = [
        f for f, v in (("name", name), ("email", email)) if created or getattr(authority, f) != v
    ]
    authority.name, authority.email = " ".join(name.split()), email.strip()
    authority.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        object_type="placing_authority",
        object_id=authority.pk,
        detail={"fields": changed},
    )
    return authority


# --- Merging two records of one child (docs/casework.md) ------------------------------------


class MergeRefused(Exception):
    """The two records cannot be merged (or the merge undone); the message says why."""


def merge_refusal(survivor: Child, duplicate: Child) -> str:
    """Why these two records cannot be merged, or "" when they can."""
    if survivor.pk == duplicate.pk:
        return "Choose a different record: a record cannot be merged with itself"
    if survivor.merged_into_id or duplicate.merged_into_id:
        return "One of these records is already merged into another: undo that merge first"
    if Child.objects.filter(merged_into=duplicate).exists():
        return (
            f"Other records are merged into {duplicate.source_id}: undo those merges first, "
            "or keep this record and merge the other way"
        )
    return ""


@transaction.atomic
def child_merge_record(
    *, survivor: Child, duplicate: Child, by, moved: dict, kept: dict, request=None
) -> ChildMerge:
    """Mark `duplicate` as merged into `survivor` (its id becomes the survivor's alias) and
    keep which rows moved. The rows themselves are moved by each app (lantern.pages.flows)."""
    survivor = Child.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Child.objects.select_for_update().get(pk=duplicate.pk)
    refusal = merge_refusal(survivor, duplicate)
    if refusal:
        raise MergeRefused(refusal)
    merge = ChildMerge.objects.create(
        survivor=survivor, merged=duplicate, merged_by=by, moved=moved, kept=kept
    )
    if duplicate.source_id not in survivor.aliases:
        survivor.aliases = [*survivor.aliases, duplicate.source_id]
    survivor.modified_by = by
    survivor.save(update_fields=["aliases", "modified_by", "updated_at"])
    duplicate.merged_into = survivor
    duplicate.modified_by = by
    duplicate.save(update_fields=["merged_into", "modified_by", "updated_at"])
    detail = {
        "merged": str(duplicate.pk),
        "moved": {name: len(pks) for name, pks in moved.items() if pks},
        "kept": {name: len(pks) for name, pks in kept.items() if pks},
    }
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="child_merge",
        object_id=merge.pk,
        child=survivor,
        detail={"outcome": "merged", **detail},
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="child_merge",
        object_id=merge.pk,
        child=duplicate,
        detail={"outcome": "merged into", "survivor": str(survivor.pk)},
    )
    return merge


@transaction.atomic
def child_merge_undo_record(*, merge: ChildMerge, by, request=None) -> ChildMerge:
    """The merge undone: the duplicate stands on its own again and its id is no longer an
    alias of the survivor. (Its rows are put back by each app, lantern.pages.flows.)"""
    merge = ChildMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise MergeRefused("This merge has already been undone")
    survivor = Child.objects.select_for_update().get(pk=merge.survivor_id)
    duplicate = Child.objects.select_for_update().get(pk=merge.merged_id)
    if survivor.merged_into_id:
        raise MergeRefused(
            f"{survivor.source_id} has since been merged into another record: undo that first"
        )
    merge.undone_at = timezone.now()
    merge.undone_by = by
    merge.save(update_fields=["undone_at", "undone_by"])
    survivor.aliases = [a for a in survivor.aliases if a != duplicate.source_id]
    survivor.modified_by = by
    survivor.save(update_fields=["aliases", "modified_by", "updated_at"])
    duplicate.merged_into = None
    duplicate.modified_by = by
    duplicate.save(update_fields=["merged_into", "modified_by", "updated_at"])
    for child in (survivor, duplicate):
        audit_record(
            request=request,
            user=by,
            action=AuditAction.UPDATE,
            object_type="child_merge",
            object_id=merge.pk,
            child=child,
            detail={"outcome": "undone", "merged": str(duplicate.pk)},
        )
    return merge
