"""Workflows of meetings that write to a lower app too: each step is its owner's service."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from lantern.meetings.models import Meeting, MeetingType
from lantern.meetings.services import action_create, meeting_create
from lantern.risk.models import Level
from lantern.risk.services import assessment_triage


@dataclass
class TriageItem:
    """One child's outcome at triage: the assessment whose level was agreed (None when the
    child was discussed for intelligence or an overdue review only), the level, notes."""

    child: object
    assessment: object = None
    level: str = ""
    notes: str = ""


@dataclass
class TriageAction:
    description: str
    owner_user: object
    due_on: date
    agency: str = ""
    child: object = None


@dataclass
class TriageRecord:
    held_on: date
    attendees: list[str]
    items: list[TriageItem]
    actions: list[TriageAction] = field(default_factory=list)
    title: str = ""


def triage_decisions(items: list[TriageItem]) -> str:
    """The minutes' decisions, one line a child, by reference (never a name)."""
    labels = dict(Level.choices)
    lines = []
    for item in items:
        words = []
        if item.assessment is not None and item.level:
            before = item.assessment.risk_level
            agreed = labels[item.level].lower()
            if before == item.level:
                words.append(f"level agreed: {agreed}")
            else:
                words.append(f"level agreed: {agreed} (assessed {labels[before].lower()})")
        else:
            words.append("discussed")
        if item.notes.strip():
            words.append(item.notes.strip())
        lines.append(f"{item.child.source_id}: " + ". ".join(words))
    return "\n".join(lines)


@transaction.atomic
def record_triage(*, by, record: TriageRecord, request=None) -> Meeting:
    """Record a triage: the meeting (kind triage, the day held, the agencies attending, the
    children discussed, a decision line for each), each agreed level on its assessment
    (risk.services.assessment_triage: `risk_level`, `triaged_on`, the level before kept), and
    the SMART actions. All or nothing."""
    if not record.items:
        raise ValueError("A triage discusses at least one child")
    decisions = triage_decisions(record.items)
    meeting = meeting_create(
        by=by,
        type=MeetingType.TRIAGE,
        held_on=record.held_on,
        title=record.title,
        decisions=decisions,
        attendees=record.attendees,
        children=[item.child for item in record.items],
        request=request,
    )
    for item in record.items:
        if item.assessment is not None and item.level:
            assessment_triage(
                assessment=item.assessment,
                level=item.level,
                on=record.held_on,
                by=by,
                notes=item.notes,
                request=request,
            )
    for action in record.actions:
        action_create(
            by=by,
            description=action.description,
            owner_user=action.owner_user,
            agency=action.agency or getattr(action.owner_user, "agency", ""),
            due_on=action.due_on,
            child=action.child,
            meeting=meeting,
            request=request,
        )
    return meeting
