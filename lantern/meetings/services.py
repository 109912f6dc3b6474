"""Writes of meetings and actions made in the pages (docs/meetings.md).

Each runs in a transaction and writes its audit entry in it, naming the fields given or
changed, never their values.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.core.models import lantern_source_id
from lantern.meetings.models import Action, Meeting, MeetingAttendee, MeetingChild
from lantern.meetings.selectors import action_may_complete, uk_today

MEETING_FIELDS = ("type", "held_on", "district", "title", "decisions")
ACTION_FIELDS = ("description", "owner_user", "agency", "due_on", "child")


class ActionRefused(PermissionDenied):
    """The user may not complete or reopen this action."""


def _filled(fields: dict) -> list[str]:
    return sorted(k for k, v in fields.items() if v not in ("", None, [], False))


def _set_attendees(meeting: Meeting, agencies: list[str]) -> None:
    """The agencies that attended, in the order given; an imported "invited, did not attend"
    row of an agency not chosen is kept after them."""
    chosen = list(dict.fromkeys(agencies))
    absent = list(
        meeting.attendees.filter(attended=False)
        .exclude(agency__in=chosen)
        .values_list("agency", flat=True)
    )
    meeting.attendees.all().delete()
    rows = [(agency, True) for agency in chosen] + [(agency, False) for agency in absent]
    MeetingAttendee.objects.bulk_create(
        MeetingAttendee(meeting=meeting, agency=agency, attended=attended, position=i)
        for i, (agency, attended) in enumerate(rows)
    )


def _set_children(meeting: Meeting, children: list) -> None:
    """The children discussed, in the order given; ones already there keep their row."""
    wanted = list({c.pk: c for c in children}.values())
    meeting.discussed.exclude(child__in=[c.pk for c in wanted]).delete()
    existing = {mc.child_id: mc for mc in meeting.discussed.all()}
    for position, child in enumerate(wanted):
        row = existing.get(child.pk)
        if row is None:
            MeetingChild.objects.create(meeting=meeting, child=child, position=position)
        elif row.position != position:
            row.position = position
            row.save(update_fields=["position"])


@transaction.atomic
def meeting_create(
    *,
    by,
    type: str,
    held_on=None,
    district: str = "",
    title: str = "",
    decisions: str = "",
    attendees: list[str] = (),
    children: list = (),
    request=None,
) -> Meeting:
    """Record a meeting: its kind, day, district, agencies attending, children discussed and
    the decisions made."""
    fields = {
        "type": type,
        "held_on": held_on,
        "district": district,
        "title": title,
        "decisions": decisions,
    }
    meeting = Meeting.objects.create(
        source_id=lantern_source_id(), created_by=by, modified_by=by, **fields
    )
    _set_attendees(meeting, list(attendees))
    _set_children(meeting, list(children))
    extra = [name for name, value in (("attendees", attendees), ("children", children)) if value]
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="meeting",
        object_id=meeting.pk,
        detail={"fields": sorted(_filled(fields) + extra), "children": len(children)},
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by, changes: dict, request=None) -> list[str]:
    """Change a meeting; `attendees` (agencies) and `children` replace the lists. Returns the
    names of what changed."""
    unknown = set(changes) - set(MEETING_FIELDS) - {"attendees", "children"}
    if unknown:
        raise TypeError(f"Not a meeting field: {', '.join(sorted(unknown))}")
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changed = [
        name
        for name in MEETING_FIELDS
        if name in changes and getattr(current, name) != changes[name]
    ]
    for name in changed:
        setattr(current, name, changes[name])
    if "attendees" in changes:
        before = list(current.attendees.filter(attended=True).values_list("agency", flat=True))
        if before != list(dict.fromkeys(changes["attendees"])):
            _set_attendees(current, list(changes["attendees"]))
            changed.append("attendees")
    if "children" in changes:
        before = list(current.discussed.order_by("position").values_list("child_id", flat=True))
        after = list({c.pk: c for c in changes["children"]})
        if before != after:
            _set_children(current, list(changes["children"]))
            changed.append("children")
    if not changed:
        return []
    current.modified_by = by
    current.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="meeting",
        object_id=current.pk,
        detail={"fields": sorted(changed)},
    )
    return changed


@transaction.atomic
def action_create(
    *,
    by,
    description: str,
    owner_user,
    due_on,
    agency: str = "",
    child=None,
    meeting=None,
    request=None,
) -> Action:
    """Set a SMART action: what, who owns it (a person; their name is kept as text too, as
    imported actions have it), their agency, and when it is due."""
    action = Action.objects.create(
        source_id=lantern_source_id(),
        meeting=meeting,
        child=child,
        description=description,
        owner_user=owner_user,
        owner=str(owner_user)[:100] if owner_user else "",
        agency=agency or (owner_user.agency if owner_user else ""),
        due_on=due_on,
        created_by=by,
        modified_by=by,
    )
    fields = {
        "description": description,
        "owner_user": owner_user,
        "agency": action.agency,
        "due_on": due_on,
        "child": child,
        "meeting": meeting,
    }
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="action",
        object_id=action.pk,
        child=child,
        detail={"fields": _filled(fields)},
    )
    return action


@transaction.atomic
def action_update(*, action: Action, by, changes: dict, request=None) -> list[str]:
    """Change what, who, agency, due date or child of an action; returns what changed."""
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Not an action field: {', '.join(sorted(unknown))}")
    current = Action.objects.select_for_update().get(pk=action.pk)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(current, name, changes[name])
    if "owner_user" in changed:
        current.owner = str(current.owner_user)[:100] if current.owner_user else ""
    current.modified_by = by
    current.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="action",
        object_id=current.pk,
        child=current.child_id,
        detail={"fields": sorted(changed)},
    )
    return changed


@transaction.atomic
def action_complete(*, action: Action, by, request=None, now: datetime | None = None) -> bool:
    """Mark an action done, recording when (the UK day and the moment) and by whom. Partners
    complete only their own actions. False when it was done already."""
    if not action_may_complete(by, action):
        raise ActionRefused("You may complete only actions you can see in your worklist")
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.completed_on is not None:
        return False
    moment = now or timezone.now()
    current.completed_on = uk_today(moment)
    current.completed_at = moment
    current.completed_by = by
    current.modified_by = by
    current.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="action",
        object_id=current.pk,
        child=current.child_id,
        detail={"fields": ["completed_at", "completed_by", "completed_on"]},
    )
    return True


@transaction.atomic
def action_reopen(*, action: Action, by, request=None) -> bool:
    """Open a done action again (done by mistake); who did it and when are cleared."""
    if not action_may_complete(by, action):
        raise ActionRefused("You may reopen only actions you can see in your worklist")
    current = Action.objects.select_for_update().get(pk=action.pk)
    if current.completed_on is None:
        return False
    current.completed_on = None
    current.completed_at = None
    current.completed_by = None
    current.modified_by = by
    current.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="action",
        object_id=current.pk,
        child=current.child_id,
        detail={"fields": ["completed_at", "completed_by", "completed_on"]},
    )
    return True
