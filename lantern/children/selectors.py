"""Reads of child records, always through the access rules (docs/access-rules.md).

No view fetches a child directly: `access_child_by_id` answers the same (404) whether the
child is absent or outside the user's scope, so nobody can probe for records.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from rapidfuzz import fuzz

from lantern.accounts.models import Role
from lantern.cases.models import Case
from lantern.children.models import BreakGlass, Child, ChildShare
from lantern.missing.models import Episode
from lantern.risk.models import Assessment

# Session key holding the ids of restricted children opened by breaking the glass.
BREAK_GLASS_SESSION_KEY = "break_glass_children"

# Typo-tolerant search: at most this many candidates are scored in Python, and a
# candidate needs at least this similarity (0-100) to count as a match.
FUZZY_CANDIDATE_CAP = 2000
FUZZY_MIN_SCORE = 75


class RestrictedRecord(PermissionDenied):
    """The child is in the user's scope but restricted, and the user is not allocated."""

    def __init__(self, child: Child):
        super().__init__("This record is restricted.")
        self.child = child


def _no_children() -> QuerySet:
    return Child.objects.none()


def _allocated_q(user) -> Q:
    """Children with an open case allocated to the user, by account or by recorded name."""
    open_cases = Case.objects.filter(child=OuterRef("pk"), closed_on__isnull=True)
    by_account = Exists(open_cases.filter(allocated_to=user))
    name = user.get_full_name().strip()
    if not name:
        return Q(by_account)
    return Q(by_account) | Q(Exists(open_cases.filter(worker__iexact=name)))


def _scope_q(user) -> Q | None:
    """Children the user may know of, restricted or not; None means none at all."""
    if user.role in (Role.COORDINATOR, Role.MANAGER):
        return Q()
    if user.role == Role.PRACTITIONER:
        districts = list(user.team.districts) if user.team_id else []
        return Q(district__in=districts) if districts else None
    if user.role == Role.PARTNER:
        if not user.district:
            return None
        shares = ChildShare.objects.filter(child=OuterRef("pk"), agency=user.agency)
        in_district = shares.filter(district=user.district)
        child_in_district = shares.filter(district="")
        return Q(Exists(in_district)) | (Q(Exists(child_in_district)) & Q(district=user.district))
    return None


def child_list_visible_to(user) -> QuerySet:
    """Children the user may open: coordinators and managers all; practitioners their team's
    districts; partners what is shared with their agency in their district. Restricted
    children only when allocated to the user (or for coordinators and managers)."""
    if not getattr(user, "is_authenticated", False):
        return _no_children()
    scope = _scope_q(user)
    if scope is None:
        return _no_children()
    children = Child.objects.filter(scope)
    if user.sees_all_children:
        return children
    return children.filter(Q(restricted=False) | _allocated_q(user))


def child_is_allocated_to(user, child: Child) -> bool:
    return Child.objects.filter(pk=child.pk).filter(_allocated_q(user)).exists()


def access_child_by_id(user, child_id, *, session=None, allow_restricted: bool = False) -> Child:
    """The child if the user may see it; Http404 if absent or out of scope (the same answer).

    A restricted child in scope that the user is not allocated raises `RestrictedRecord`
    (403) unless the glass was broken in this session, or `allow_restricted` (used only by
    the page that shows that the record is restricted).
    """
    try:
        key = uuid.UUID(str(child_id))
    except ValueError:
        raise Http404("No such child") from None
    scope = _scope_q(user) if getattr(user, "is_authenticated", False) else None
    if scope is None:
        raise Http404("No such child")
    child = Child.objects.filter(scope, pk=key).first()
    if child is None:
        raise Http404("No such child")
    if not child.restricted or user.sees_all_children or allow_restricted:
        return child
    if session is not None and str(child.pk) in session.get(BREAK_GLASS_SESSION_KEY, []):
        return child
    if child_is_allocated_to(user, child):
        return child
    raise RestrictedRecord(child)


def child_is_sealed_for(user, child: Child, *, session=None) -> bool:
    """True when the user sees only that the record is restricted."""
    try:
        access_child_by_id(user, child.pk, session=session)
    except RestrictedRecord:
        return True
    return False


# --- Search -------------------------------------------------------------------------

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9


def parse_uk_date(text: str) -> date | None:
    """Read "3/6/2008", "3-6-2008", "3 June 2008", "3 Jun 2008" or "2008-06-03"."""
    text = text.strip().lower().replace(",", " ")
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return datetime.strptime(text, "%Y-%m-%d").date()
        m = re.fullmatch(r"(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})", text)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})", text)
        if m and m[2] in MONTHS:
            return date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        return None
    return None


@dataclass
class ChildSearch:
    """What was asked: the kinds of search text (never the text itself) and the filters."""

    q: str = ""
    district: str = ""
    legal_status: str = ""
    risk_level: str = ""
    ola: str = ""  # "yes" / "no" / ""
    uasc: str = ""
    open_missing: str = ""
    kinds: list[str] = field(default_factory=list)

    def filters_for_audit(self) -> dict:
        """Filters are safe to log; search text could hold a name, so only its kind is."""
        return {
            k: v
            for k, v in {
                "district": self.district,
                "legal_status": self.legal_status,
                "risk_level": self.risk_level,
                "ola": self.ola,
                "uasc": self.uasc,
                "open_missing": self.open_missing,
            }.items()
            if v
        }


def with_current_risk(children: QuerySet) -> QuerySet:
    """Annotate the current level (latest full assessment, screenings apart) and its date,
    and whether a missing episode is open."""
    latest = Assessment.objects.filter(child=OuterRef("pk"), is_screening=False).order_by(
        "-completed_on", "-source_id"
    )
    return children.annotate(
        current_level=Subquery(latest.values("risk_level")[:1]),
        current_level_on=Subquery(latest.values("completed_on")[:1]),
        open_missing=Exists(Episode.objects.filter(child=OuterRef("pk"), ended_at__isnull=True)),
    )


def _fuzzy_name_ids(candidates: QuerySet, text: str) -> list:
    """Typo tolerance: score a capped candidate set (narrowed in SQL by first letters)."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return []
    narrow = Q()
    for w in words:
        narrow |= Q(first_name__istartswith=w[0]) | Q(last_name__istartswith=w[0])
    rows = list(candidates.filter(narrow).values_list("pk", "search_name")[:FUZZY_CANDIDATE_CAP])
    return [pk for pk, name in rows if name_matches_loosely(words, name.split())]


def name_matches_loosely(words: list[str], name_words: list[str]) -> bool:
    """Every typed word is close to some word of the name, or to its beginning
    ("chld" matches "Child", "jonh" matches "John", "sam" matches "Samantha")."""
    for w in words:
        best = 0.0
        for n in name_words:
            best = max(best, fuzz.ratio(w, n), fuzz.ratio(w, n[: len(w)]) if len(w) >= 3 else 0)
        if best < FUZZY_MIN_SCORE:
            return False
    return True


def child_search(user, search: ChildSearch) -> QuerySet:
    """Children visible to the user matching the search text (name, reference or date of
    birth) and filters. Partial names match anywhere in the name; typos are forgiven."""
    children = child_list_visible_to(user)
    text = " ".join(search.q.split())
    search.kinds = []
    if text:
        dob = parse_uk_date(text)
        if dob is not None:
            search.kinds.append("date_of_birth")
            children = children.filter(date_of_birth=dob)
        else:
            words = text.lower().split()
            name_q = Q()
            for w in words:
                name_q &= Q(search_name__icontains=w)
            reference_q = Q(source_id__iexact=text) | Q(source_id__istartswith=text)
            district_q = Q(district__iexact=text)
            fuzzy_ids = _fuzzy_name_ids(children, text)
            search.kinds.extend(["name", "reference", "district"])
            children = children.filter(name_q | reference_q | district_q | Q(pk__in=fuzzy_ids))
    if search.district:
        children = children.filter(district=search.district)
    if search.legal_status:
        children = children.filter(legal_status=search.legal_status)
    if search.ola == "yes":
        children = children.exclude(placing_authority="")
    elif search.ola == "no":
        children = children.filter(placing_authority="")
    if search.uasc == "yes":
        children = children.filter(uasc=True)
    elif search.uasc == "no":
        children = children.filter(uasc=False)
    children = with_current_risk(children)
    if search.risk_level:
        if search.risk_level == "none":
            children = children.filter(Q(current_level="none") | Q(current_level__isnull=True))
        else:
            children = children.filter(current_level=search.risk_level)
    if search.open_missing == "yes":
        children = children.filter(open_missing=True)
    return children


def district_choices(user) -> list[str]:
    return list(
        child_list_visible_to(user)
        .exclude(district="")
        .order_by("district")
        .values_list("district", flat=True)
        .distinct()
    )


def break_glass_to_review() -> QuerySet:
    """Break-glass events a manager has not yet looked at, newest first."""
    return BreakGlass.objects.filter(acknowledged_by__isnull=True).select_related("child", "user")


# --- The child page -------------------------------------------------------------------

TIMELINE_KINDS = {
    "referral": "Referral",
    "case": "Case",
    "assessment": "Risk assessment",
    "screening": "Screening",
    "episode": "Missing episode",
    "interview": "Return interview",
    "meeting": "Meeting",
    "action": "Action",
    "nrm": "NRM referral",
    "direct_work": "Direct work",
    "onward_referral": "Onward referral",
    "outcome": "Outcome",
    "link": "Network link",
    "intelligence": "Intelligence",
}


@dataclass
class TimelineItem:
    kind: str
    on: date | datetime | None
    title: str
    detail: str = ""
    section: str = "timeline"

    @property
    def kind_label(self) -> str:
        return TIMELINE_KINDS[self.kind]

    @property
    def sort_key(self) -> tuple:
        from lantern.core.ukdate import aware_to_local

        if self.on is None:
            return (date.min, "")
        if isinstance(self.on, datetime):
            local = aware_to_local(self.on)
            return (local.date(), local.time().isoformat())
        return (self.on, "")


@dataclass
class ChildStory:
    """Everything held about one child, read in a fixed number of queries."""

    child: Child
    assessments: list = field(default_factory=list)  # oldest first, screenings included
    episodes: list = field(default_factory=list)
    interviews: list = field(default_factory=list)
    referrals: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    meetings: list = field(default_factory=list)  # MeetingChild rows with meeting
    actions: list = field(default_factory=list)
    nrm_referrals: list = field(default_factory=list)
    direct_work: list = field(default_factory=list)
    onward_referrals: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    links: list = field(default_factory=list)
    intelligence: list = field(default_factory=list)

    @property
    def full_assessments(self) -> list:
        return [a for a in self.assessments if not a.is_screening]

    @property
    def current_assessment(self):
        full = self.full_assessments
        return full[-1] if full else None

    @property
    def review_due_on(self) -> date | None:
        """Reviewed every 3 months while on the list: due 3 months after the latest full
        assessment; none when that assessment set the level to none (off the list)."""
        current = self.current_assessment
        if current is None or current.risk_level == "none":
            return None
        return add_months(current.completed_on, 3)

    @property
    def open_episode(self):
        return next((e for e in self.episodes if e.ended_at is None), None)

    @property
    def open_cases(self) -> list:
        return [c for c in self.cases if c.closed_on is None]

    @property
    def allocated_worker(self) -> str:
        for case in self.open_cases:
            if case.allocated_to is not None:
                return str(case.allocated_to)
            if case.worker:
                return case.worker
        return ""

    def timeline(self, kind: str = "", *, with_notes: bool = True) -> list[TimelineItem]:
        """Newest first. Partners get no case notes (with_notes=False)."""
        items = list(self._timeline_items(with_notes))
        if kind:
            items = [i for i in items if i.kind == kind]
        return sorted(items, key=lambda i: i.sort_key, reverse=True)

    def _timeline_items(self, with_notes: bool):
        for r in self.referrals:
            yield TimelineItem(
                "referral",
                r.received_on,
                f"Referral by {r.get_route_display()}",
                f"Decision: {r.get_decision_display()}",
            )
        for c in self.cases:
            yield TimelineItem(
                "case",
                c.opened_on,
                "Case opened",
                f"Worker: {c.allocated_to or c.worker or 'not allocated'}",
            )
            if c.closed_on:
                notes = c.closure_reason if with_notes else ""
                yield TimelineItem("case", c.closed_on, "Case closed", notes)
        for a in self.assessments:
            kind = "screening" if a.is_screening else "assessment"
            level = "" if a.is_screening else f": {a.get_risk_level_display()} risk"
            yield TimelineItem(kind, a.completed_on, f"{a.get_tool_display()}{level}")
        for e in self.episodes:
            title = f"Missing from {e.get_missing_from_display().lower()}"
            detail = "Still missing" if e.ended_at is None else "Returned"
            yield TimelineItem("episode", e.started_at, title, detail)
        for i in self.interviews:
            yield TimelineItem(
                "interview",
                i.completed_at or i.offered_at,
                f"Return interview: {i.get_outcome_display()}",
            )
        for mc in self.meetings:
            m = mc.meeting
            yield TimelineItem(
                "meeting",
                m.held_on,
                f"Discussed at {m.get_type_display().lower()} meeting",
                m.title,
            )
        for a in self.actions:
            state = "done" if a.completed_on else "open"
            yield TimelineItem("action", a.due_on, f"Action ({state})", a.description)
        for n in self.nrm_referrals:
            yield TimelineItem("nrm", n.referred_on, "NRM referral", n.get_rg_decision_display())
        for d in self.direct_work:
            yield TimelineItem(
                "direct_work", d.held_on, f"Direct work with {_words(d.with_whom) or 'the child'}"
            )
        for o in self.onward_referrals:
            yield TimelineItem(
                "onward_referral", o.need_identified_on, f"Onward referral: {_words(o.service)}"
            )
        for o in self.outcomes:
            yield TimelineItem("outcome", o.recorded_on, f"Outcome: {_words(o.kind)}")
        for link in self.links:
            yield TimelineItem(
                "link", link.first_seen, f"Link: {_words(link.relation)}", link.grading
            )
        for x in self.intelligence:
            yield TimelineItem(
                "intelligence", x.received_on, f"Intelligence from {x.agency}", x.form
            )


def add_months(day: date, months: int) -> date:
    """The same day n months later, or the month's last day (31 May + 3 months = 31 August)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def child_story(child: Child) -> ChildStory:
    """Read every record about the child: one query per kind, whatever their number."""
    from lantern.cases.models import DirectWork, OnwardReferral, Outcome
    from lantern.mapping.models import Intelligence, Link
    from lantern.meetings.models import Action, MeetingChild
    from lantern.missing.models import ReturnInterview
    from lantern.nrm.models import NrmReferral
    from lantern.referrals.models import Referral

    ref = f"child:{child.source_id}"
    intelligence = [x for x in Intelligence.objects.filter(refs__contains=ref) if ref in x.refs]
    return ChildStory(
        child=child,
        assessments=list(
            Assessment.objects.filter(child=child).order_by("completed_on", "source_id")
        ),
        episodes=list(Episode.objects.filter(child=child).order_by("-started_at")),
        interviews=list(ReturnInterview.objects.filter(child=child).prefetch_related("episodes")),
        referrals=list(Referral.objects.filter(child=child)),
        cases=list(Case.objects.filter(child=child).select_related("allocated_to")),
        meetings=list(
            MeetingChild.objects.filter(child=child)
            .select_related("meeting")
            .order_by("-meeting__held_on")
        ),
        actions=list(Action.objects.filter(child=child).select_related("meeting")),
        nrm_referrals=list(NrmReferral.objects.filter(child=child)),
        direct_work=list(DirectWork.objects.filter(child=child)),
        onward_referrals=list(OnwardReferral.objects.filter(child=child)),
        outcomes=list(Outcome.objects.filter(child=child)),
        links=list(Link.objects.filter(Q(from_ref=ref) | Q(to_ref=ref))),
        intelligence=intelligence,
    )


# --- "What needs me today" ------------------------------------------------------------


def children_allocated_to(user) -> QuerySet:
    """A practitioner's own caseload: open cases allocated to them, with current level."""
    return with_current_risk(child_list_visible_to(user).filter(_allocated_q(user)))


def episodes_awaiting_interview_outcome(user) -> QuerySet:
    """Returned episodes with no interview outcome yet, oldest return first (most overdue)."""
    from lantern.missing.models import InterviewEpisode
    from lantern.missing.models import Outcome as InterviewOutcome

    settled = InterviewEpisode.objects.filter(episode=OuterRef("pk")).exclude(
        interview__outcome=InterviewOutcome.OUTSTANDING
    )
    return (
        Episode.objects.filter(ended_at__isnull=False, child__in=child_list_visible_to(user))
        .exclude(Exists(settled))
        .select_related("child")
        .order_by("ended_at", "source_id")
    )


def _words(code: str) -> str:
    """A dataset word as plain English: `parent_carer` reads "parent carer"."""
    return (code or "").replace("_", " ")
