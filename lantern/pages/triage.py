"""Triage (docs/triage.md): the next meeting's agenda, built from risk (assessments completed
since the last triage held, reviews overdue), mapping (intelligence received since) and
missing (recent episodes); recording the meeting (meetings.flows.record_triage); its minutes,
printable and as Word."""

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from docx import Document
from docx.shared import Pt

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Role, User
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import child_list_visible_to
from lantern.core.ukdate import day_range, uk_date
from lantern.mapping import selectors as mapping
from lantern.meetings import selectors as meetings
from lantern.meetings.flows import TriageAction, TriageItem, TriageRecord, record_triage
from lantern.meetings.models import Meeting, MeetingType
from lantern.missing import selectors as missing
from lantern.pages.triage_forms import ACTION_ROWS, TriageForm, level_name, notes_name
from lantern.risk import selectors as risk
from lantern.risk.models import Reason

RECORD_ROLES = {Role.COORDINATOR, Role.MANAGER}
FIRST_LOOKBACK_DAYS = 7  # before any triage is held, the agenda looks back a week
RECENT_EPISODE_DAYS = 90


@dataclass
class AgendaItem:
    child: object
    assessments: list = field(default_factory=list)  # completed since the last triage
    intelligence: list = field(default_factory=list)  # received since the last triage
    review_due: date | None = None  # set when the review is overdue
    history: list = field(default_factory=list)  # every full assessment, oldest first
    episodes: list = field(default_factory=list)  # started in the last 90 days, newest first

    @property
    def assessment(self):
        """The assessment whose level triage agrees: the latest completed since."""
        return self.assessments[-1] if self.assessments else None

    @property
    def reasons(self) -> list[str]:
        words = [getattr(a, "reason_words", "Assessment") for a in self.assessments]
        if self.intelligence:
            words.append("Intelligence")
        if self.review_due:
            words.append("Review overdue")
        return words


@dataclass
class Agenda:
    after: date  # items completed or received after this day
    last: Meeting | None
    next_on: date
    items: list


def _reason_words(assessment, history: list) -> str:
    """New, review or re-referral: recorded, else derived from the assessment before."""
    previous = risk.previous_full_assessment(history, assessment)
    reason = assessment.reason or risk.derived_reason(previous.risk_level if previous else None)
    return dict(Reason.choices)[reason]


def triage_agenda(user, today: date, now) -> Agenda:
    """The next triage's agenda for the children the user may see: nine queries whatever its
    length."""
    last = meetings.last_triage_held(today)
    after = last.held_on if last else today - timedelta(days=FIRST_LOOKBACK_DAYS)
    visible = child_list_visible_to(user)
    items: dict = {}
    for a in risk.assessments_completed_since(after, today, visible):
        items.setdefault(a.child_id, AgendaItem(child=a.child)).assessments.append(a)
    intelligence = mapping.intelligence_received_since(after, today)
    if intelligence:
        for child in visible.filter(source_id__in=list(intelligence)).order_by("source_id"):
            items.setdefault(child.pk, AgendaItem(child=child)).intelligence = intelligence[
                child.source_id
            ]
    for child in risk.reviews_overdue(visible, today):
        items.setdefault(child.pk, AgendaItem(child=child)).review_due = child.review_due
    history = risk.level_history(items)
    since, until = day_range(today - timedelta(days=RECENT_EPISODE_DAYS - 1), today)
    episodes = missing.recent_episodes_by_child(items, since=since, until=max(until, now))
    for pk, item in items.items():
        item.history = history.get(pk, [])
        item.episodes = episodes.get(pk, [])
        for a in item.assessments:
            a.reason_words = _reason_words(a, item.history)
    return Agenda(
        after=after, last=last, next_on=meetings.next_triage_on(today), items=list(items.values())
    )


def _owners():
    return meetings.action_owner_choices()


@allow(SERVICE_ROLES)
def agenda(request):
    """The agenda; co-ordinators and managers record the meeting from it."""
    today = meetings.uk_today()
    the_agenda = triage_agenda(request.user, today, timezone.now())
    may_record = request.user.role in RECORD_ROLES
    form = None
    if may_record and the_agenda.items:
        form = TriageForm(
            request.POST if request.method == "POST" else None,
            initial={"held_on": today},
            items=the_agenda.items,
            owners=_owners(),
        )
        if request.method == "POST" and form.is_valid():
            meeting = record_triage(by=request.user, record=_record(form), request=request)
            messages.success(request, "Triage recorded")
            return redirect("triage:minutes", meeting_id=meeting.pk)
    elif request.method == "POST":
        raise Http404("Nothing to record")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="triage_agenda",
        detail={"after": the_agenda.after.isoformat(), "items": len(the_agenda.items)},
    )
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="triage_agenda",
        children=[i.child for i in the_agenda.items],
    )
    rows = [
        (item, *(form.item_fields(item) if form else (None, None))) for item in the_agenda.items
    ]
    return render(
        request,
        "triage/agenda.html",
        {
            "agenda": the_agenda,
            "rows": rows,
            "form": form,
            "may_record": may_record,
            "recent_days": RECENT_EPISODE_DAYS,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _record(form: TriageForm) -> TriageRecord:
    data = form.cleaned_data
    items = []
    for item in form.items:
        level = data.get(level_name(item), "") if item.assessment is not None else ""
        items.append(
            TriageItem(
                child=item.child,
                assessment=item.assessment,
                level=level,
                notes=data.get(notes_name(item), ""),
            )
        )
    children = {item.child.pk.hex: item.child for item in form.items}
    owners = User.objects.in_bulk(
        [
            int(data[f"action{n}_owner"])
            for n in range(1, ACTION_ROWS + 1)
            if data.get(f"action{n}_owner")
        ]
    )
    actions = []
    for n in range(1, ACTION_ROWS + 1):
        what = data.get(f"action{n}_description", "").strip()
        if not what:
            continue
        actions.append(
            TriageAction(
                description=what,
                owner_user=owners[int(data[f"action{n}_owner"])],
                agency=data.get(f"action{n}_agency", ""),
                due_on=data[f"action{n}_due_on"],
                child=children.get(data.get(f"action{n}_child", "")),
            )
        )
    return TriageRecord(
        held_on=data["held_on"], attendees=data["attendees"], items=items, actions=actions
    )


# --- Minutes --------------------------------------------------------------------------------


def _decision_lines(meeting: Meeting, shown: list) -> tuple[list, list]:
    """The decisions by child, (name, reference, decision), for the children the reader may
    see (lines about the others are left out), and the lines about no child."""
    names = {c.source_id: c.full_name for c in shown}
    discussed = set(meeting.discussed.values_list("child__source_id", flat=True))
    rows, others = [], []
    for line in meeting.decisions.splitlines():
        ref, _, decision = line.partition(":")
        if ref.strip() in names:
            rows.append((names[ref.strip()], ref.strip(), decision.strip()))
        elif ref.strip() not in discussed and line.strip():
            others.append(line.strip())
    return rows, others


def _minutes(request, meeting_id):
    meeting = Meeting.objects.filter(pk=meeting_id, type=MeetingType.TRIAGE).first()
    if meeting is None:
        raise Http404("No such triage")
    visible = child_list_visible_to(request.user)
    children, hidden = meetings.children_discussed(meeting, visible)
    decision_rows, other_decisions = _decision_lines(meeting, children)
    actions = list(meetings.actions_for_meeting(meeting).select_related("child", "owner_user"))
    meetings.children_shown(actions, visible)
    for a in actions:
        a.agency_label = meetings.agency_label(a.agency)
    attendees = [meetings.agency_label(a.agency) for a in meeting.attendees.all() if a.attended]
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="triage_minutes",
        object_id=meeting.pk,
    )  # fmt: skip
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="triage_minutes",
        children=children,
        detail={"meeting": str(meeting.pk)},
    )
    return {
        "meeting": meeting,
        "children": children,
        "hidden": hidden,
        "decisions": decision_rows,
        "other_decisions": other_decisions,
        "actions": actions,
        "attendees": attendees,
    }


@allow(SERVICE_ROLES)
def minutes(request, meeting_id):
    """The minutes: print them from the browser (the print style hides the page's furniture)."""
    return render(request, "triage/minutes.html", _minutes(request, meeting_id))


@allow(SERVICE_ROLES)
def minutes_word(request, meeting_id):
    """The minutes as a Word document (Word's built-in styles, as the reports use)."""
    context = _minutes(request, meeting_id)
    meeting = context["meeting"]
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_paragraph("OFFICIAL-SENSITIVE")
    document.add_heading(f"Triage minutes, {uk_date(meeting.held_on)}", level=0)
    document.add_heading("Agencies that attended", level=1)
    document.add_paragraph(", ".join(context["attendees"]) or "None recorded")
    document.add_heading("Children discussed and levels agreed", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Child", "Reference", "Decision"), strict=True):
        cell.text = text
    for name, ref, decision in context["decisions"]:
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = name, ref, decision
    for line in context["other_decisions"]:
        document.add_paragraph(line)
    if context["hidden"]:
        document.add_paragraph(f"{context['hidden']} other children discussed are not shown.")
    document.add_heading("Actions", level=1)
    if context["actions"]:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        headings = ("What", "Owner", "Agency", "Due by", "Child")
        for cell, text in zip(table.rows[0].cells, headings, strict=True):
            cell.text = text
        for a in context["actions"]:
            row = table.add_row().cells
            row[0].text = a.description
            row[1].text = a.owner
            row[2].text = a.agency_label
            row[3].text = uk_date(a.due_on) if a.due_on else ""
            row[4].text = a.shown_child.full_name if a.shown_child else ""
    else:
        document.add_paragraph("No actions were set.")
    buffer = io.BytesIO()
    document.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="triage-minutes-{meeting.held_on.isoformat()}.docx"'
    )
    return response
