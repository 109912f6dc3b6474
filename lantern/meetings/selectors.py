"""Reads of meetings and their actions, and the rules of the actions worklist
(docs/meetings.md)."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from lantern.accounts.access import CASE_ROLES
from lantern.accounts.models import Agency, Role, User
from lantern.core.timeline import TimelineItem
from lantern.meetings.models import Action, Meeting, MeetingChild, MeetingType

# The worklist's three views. Partners see only their own actions; practitioners their own
# and their team's; co-ordinators and managers everyone's too.
MINE, TEAM, ALL = "mine", "team", "all"
SCOPE_LABELS = {MINE: "Mine", TEAM: "My team's", ALL: "Everyone's"}


def meetings_of(child) -> list:
    """The child's places on meeting agendas, newest meeting first."""
    return list(
        MeetingChild.objects.filter(child=child)
        .select_related("meeting")
        .order_by("-meeting__held_on")
    )


meetings_of_child = meetings_of


def actions_of(child) -> list:
    return list(Action.objects.filter(child=child).select_related("meeting"))


def timeline_entries(meetings: list, actions: list) -> list[TimelineItem]:
    items = []
    for mc in meetings:
        m = mc.meeting
        items.append(
            TimelineItem(
                "meeting",
                m.held_on,
                f"Discussed at {m.get_type_display().lower()} meeting",
                m.title,
            )
        )
    for a in actions:
        state = "done" if a.completed_on else "open"
        items.append(TimelineItem("action", a.due_on, f"Action ({state})", a.description))
    return items


# --- Meetings ---------------------------------------------------------------------------------


def meeting_list(*, type: str = "", held_from: date | None = None, held_to: date | None = None):
    """Meetings newest first with how many children, agencies and open actions each has."""
    meetings = Meeting.objects.annotate(
        children_count=Count("discussed", distinct=True),
        agencies_count=Count("attendees", filter=Q(attendees__attended=True), distinct=True),
        open_actions=Count("actions", filter=Q(actions__completed_on__isnull=True), distinct=True),
    ).order_by(F("held_on").desc(nulls_last=True), "-created_at", "source_id")
    if type:
        meetings = meetings.filter(type=type)
    if held_from:
        meetings = meetings.filter(held_on__gte=held_from)
    if held_to:
        meetings = meetings.filter(held_on__lte=held_to)
    return meetings


# --- Triage (docs/triage.md) --------------------------------------------------------------

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def triage_weekdays() -> list[int]:
    """The weekdays triage meets (settings.TRIAGE_DAYS: names, or numbers with Monday 0)."""
    days = []
    for day in settings.TRIAGE_DAYS:
        text = str(day).strip().lower()
        if text.isdigit() and int(text) < 7:
            days.append(int(text))
        elif text[:3] in [w[:3] for w in WEEKDAYS]:
            days.append([w[:3] for w in WEEKDAYS].index(text[:3]))
        else:
            raise ValueError(f"TRIAGE_DAYS: {day!r} is not a weekday")
    return sorted(set(days)) or [1, 4]


def next_triage_on(today: date) -> date:
    """The next triage day on or after today."""
    weekdays = triage_weekdays()
    return next(
        today + timedelta(days=n) for n in range(7) if (today.weekday() + n) % 7 in weekdays
    )


def last_triage_held(today: date | None = None) -> Meeting | None:
    """The latest triage meeting held (a day recorded) on or before today, or None."""
    today = today or uk_today()
    return (
        Meeting.objects.filter(type=MeetingType.TRIAGE, held_on__isnull=False, held_on__lte=today)
        .order_by("-held_on", "-created_at")
        .first()
    )


def children_discussed(meeting: Meeting, visible: QuerySet) -> tuple[list, int]:
    """The children discussed that the user may see, in agenda order, and how many others."""
    rows = list(meeting.discussed.select_related("child").order_by("position", "pk"))
    shown_ids = set(visible.filter(pk__in=[r.child_id for r in rows]).values_list("pk", flat=True))
    shown = [r.child for r in rows if r.child_id in shown_ids]
    return shown, len(rows) - len(shown)


def children_out_of_sight(meeting: Meeting, visible: QuerySet) -> list:
    """Children discussed that the user may not see: an edit by that user keeps them."""
    return list(meeting.children.exclude(pk__in=visible.values("pk")))


# --- Actions ------------------------------------------------------------------------------------


def uk_today(now: datetime | None = None) -> date:
    """Today's date in the UK (an action due today goes overdue at UK midnight)."""
    return timezone.localdate(now or timezone.now())


def action_overdue(action: Action, today: date) -> bool:
    """An open action is overdue from the day after its due date; done ones never are."""
    return action.completed_on is None and action.due_on is not None and action.due_on < today


def owner_names_q(names: list[str]) -> Q:
    """Imported actions name their owner as text: those names, compared case-insensitively."""
    lowered = [n.strip().lower() for n in names if n and n.strip()]
    if not lowered:
        return Q(pk__in=[])
    return Q(owner_user__isnull=True, owner_lower__in=lowered)


def action_scopes(user) -> list[str]:
    """The worklist views the user may open."""
    if user.role in (Role.COORDINATOR, Role.MANAGER):
        return [MINE, TEAM, ALL]
    if user.role == Role.PRACTITIONER:
        return [MINE, TEAM]
    if user.role == Role.PARTNER:
        return [MINE]
    return []


def _team_members(user) -> QuerySet:
    if not user.team_id:
        return User.objects.none()
    return User.objects.filter(team_id=user.team_id)


def _scope_q(user, scope: str) -> Q:
    if scope not in action_scopes(user):
        return Q(pk__in=[])
    if scope == ALL:
        return Q()
    if scope == TEAM:
        members = list(_team_members(user).values_list("pk", "first_name", "last_name"))
        names = [f"{first} {last}" for _, first, last in members]
        return Q(owner_user_id__in=[pk for pk, _, _ in members]) | owner_names_q(names)
    return Q(owner_user=user) | owner_names_q([user.get_full_name()])


def actions_visible_to(user) -> QuerySet:
    """Every action the user may see, open or done: the widest of their worklist views."""
    seen = Q(pk__in=[])
    for scope in action_scopes(user):
        seen |= _scope_q(user, scope)
    return Action.objects.annotate(owner_lower=Lower("owner")).filter(seen)


def actions_for(
    user, scope: str = MINE, *, open_only: bool = True, now: datetime | None = None
) -> QuerySet:
    """The actions of one worklist view, overdue first then by due date, each with
    `overdue` (due before today in the UK and not done)."""
    today = uk_today(now)
    actions = (
        Action.objects.annotate(owner_lower=Lower("owner"))
        .filter(_scope_q(user, scope))
        .annotate(
            overdue=Case(
                When(completed_on__isnull=True, due_on__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("meeting", "child", "owner_user", "completed_by")
    )
    if open_only:
        actions = actions.filter(completed_on__isnull=True)
    return actions.order_by("-overdue", "due_on", "created_at", "source_id")


def actions_for_meeting(meeting: Meeting) -> QuerySet:
    """The meeting's actions, open ones first, then by due date."""
    return meeting.actions.order_by(
        Case(When(completed_on__isnull=True, then=Value(0)), default=Value(1)),
        "due_on",
        "created_at",
        "source_id",
    )


AGENCY_LABELS = dict(Agency.choices)


def agency_label(code: str) -> str:
    """The agency's name for a code (an unknown imported code is shown as it is)."""
    return AGENCY_LABELS.get(code, code)


def children_shown(actions: list, visible: QuerySet) -> None:
    """Set `shown_child` on each action: its child when the user may see the child, else None
    (the action is listed without the child). One query for the whole list."""
    ids = {a.child_id for a in actions if a.child_id}
    seen = set(visible.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for a in actions:
        a.shown_child = a.child if a.child_id in seen else None
        a.agency_label = agency_label(a.agency)


def overdue_actions_of(user, now: datetime | None = None) -> QuerySet:
    """The user's own open actions past their due date (the landing page's panel)."""
    return actions_for(user, MINE, now=now).filter(overdue=True)


def action_may_complete(user, action: Action) -> bool:
    """A partner completes (or reopens) only actions they own; practitioners, co-ordinators
    and managers any action in their worklist views."""
    if user.role not in CASE_ROLES:
        return False
    return actions_visible_to(user).filter(pk=action.pk).exists()


def action_owner_choices() -> list[tuple[str, str]]:
    """Active people who may own an action: the case roles, partners with their agency."""
    users = User.objects.filter(is_active=True, role__in=list(CASE_ROLES)).order_by(
        "first_name", "last_name", "username"
    )
    return [(str(u.pk), f"{u} ({u.get_agency_display()})") for u in users]
