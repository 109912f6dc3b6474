"""Reads for the pages that draw on many domains: each domain's part comes from its own
selectors, put together here (no rule is restated)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet

from lantern.cases import selectors as cases
from lantern.children.models import Allocation, Child
from lantern.children.selectors import (
    ChildSearch,
    child_list_visible_to,
    child_search,
    children_allocated_to,
    workers_by_child,
)
from lantern.core.timeline import TimelineItem
from lantern.core.ukdate import day_range
from lantern.mapping import selectors as mapping
from lantern.meetings import selectors as meetings
from lantern.missing import selectors as missing
from lantern.missing.models import Episode
from lantern.nrm import selectors as nrm
from lantern.referrals import selectors as referrals
from lantern.risk import selectors as risk

# --- The children list ------------------------------------------------------------------


def child_find(user, search: ChildSearch) -> QuerySet:
    """The children list: the child record's own search, then the current risk level and
    whether an episode is open (each by its own app's rule)."""
    children = missing.with_open_episode(risk.with_current_level(child_search(user, search)))
    if search.risk_level == "none":
        children = children.filter(Q(current_level="none") | Q(current_level__isnull=True))
    elif search.risk_level:
        children = children.filter(current_level=search.risk_level)
    if search.open_missing == "yes":
        children = children.filter(open_missing=True)
    return children


# --- "What needs me today" --------------------------------------------------------------


def caseload(user) -> QuerySet:
    """A practitioner's own children (open cases allocated to them), with the current level."""
    return missing.with_open_episode(risk.with_current_level(children_allocated_to(user)))


def caseloads_by_worker() -> list[tuple[str, int]]:
    """Open cases held by each worker (an account's name, else the name recorded on the
    case), most first; one query. Cases with no worker are counted as "Not allocated"."""
    rows = (
        Allocation.objects.order_by()
        .values("user__first_name", "user__last_name", "worker")
        .annotate(n=Count("pk"))
    )
    totals: dict[str, int] = {}
    for row in rows:
        name = f"{row['user__first_name'] or ''} {row['user__last_name'] or ''}".strip()
        name = name or (row["worker"] or "").strip() or "Not allocated"
        totals[name] = totals.get(name, 0) + row["n"]
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


@dataclass
class AwaitingInterview:
    """A returned episode on the co-ordinator's list, with its 72-hour clock."""

    episode: object
    hours_since_return: int
    overdue: bool

    @property
    def child(self) -> Child:
        return self.episode.child

    @property
    def ended_at(self) -> datetime:
        return self.episode.ended_at

    @property
    def since_return(self) -> str:
        """Hours while the 72-hour clock matters, then days: '5 hours', '80 hours', '12 days'."""
        hours = self.hours_since_return
        if hours < 96:
            return f"{hours} hour{'s' if hours != 1 else ''}"
        return f"{hours // 24:,} days"


def episodes_awaiting_interview(user) -> QuerySet:
    """Returned episodes of the children the user may see, with no interview outcome yet."""
    return missing.episodes_awaiting_return_interview(child_list_visible_to(user))


def awaiting_interview_rows(episodes, now: datetime) -> list[AwaitingInterview]:
    """Each episode with the time since its return; overdue by the missing app's rule
    (more than 72 hours: at exactly 72 hours it is not yet overdue)."""
    return [
        AwaitingInterview(
            episode=e,
            hours_since_return=int((now - e.ended_at).total_seconds() // 3600),
            overdue=missing.return_interview_overdue(e.ended_at, now),
        )
        for e in episodes
    ]


def missing_worklist_counts(user, now: datetime) -> dict:
    """How many are on each missing worklist, for the links on the co-ordinator's page."""
    visible = child_list_visible_to(user)
    outstanding = missing.outstanding_as_of(now, Episode.objects.filter(child__in=visible))
    overdue = outstanding.filter(missing.returned_between_for_clock(missing.Clock.OVERDUE, now))
    return {
        "missing_now": missing.episodes_missing_now(visible).count(),
        "outstanding": outstanding.count(),
        "overdue": overdue.count(),
        "triggers": len(missing.open_triggers(visible)),
    }


# --- The child's page -------------------------------------------------------------------


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
    plans: list = field(default_factory=list)
    links: list = field(default_factory=list)
    intelligence: list = field(default_factory=list)

    @property
    def full_assessments(self) -> list:
        return [a for a in self.assessments if not a.is_screening]

    @property
    def current_assessment(self):
        return risk.current_assessment(self.assessments)

    @property
    def review_due_on(self) -> date | None:
        current = self.current_assessment
        if current is None:
            return None
        before = risk.previous_full_assessment(self.assessments, current)
        return risk.review_due_on(current, before.risk_level if before else None)

    @property
    def open_episode(self):
        return next((e for e in self.episodes if e.ended_at is None), None)

    @property
    def open_cases(self) -> list:
        return [c for c in self.cases if c.closed_on is None]

    @property
    def allocated_worker(self) -> str:
        return cases.allocated_worker(self.cases)

    def interviews_for(self, episode) -> list:
        """The return interviews that cover this episode."""
        return [i for i in self.interviews if any(e.pk == episode.pk for e in i.episodes.all())]

    @property
    def episode_rows(self) -> list[tuple]:
        """Each episode (newest first) with the interviews that cover it."""
        return [(e, self.interviews_for(e)) for e in self.episodes]

    @property
    def interviews_without_episode(self) -> list:
        return [i for i in self.interviews if not i.episodes.all()]

    def timeline(self, kind: str = "", *, with_notes: bool = True) -> list[TimelineItem]:
        """Newest first. Partners get no case notes (with_notes=False)."""
        items = [
            *referrals.timeline_entries(self.referrals),
            *cases.timeline_entries(
                self.cases,
                self.direct_work,
                self.onward_referrals,
                self.outcomes,
                self.plans,
                with_notes=with_notes,
            ),
            *risk.timeline_entries(self.assessments),
            *missing.timeline_entries(self.episodes, self.interviews),
            *meetings.timeline_entries(self.meetings, self.actions),
            *nrm.timeline_entries(self.nrm_referrals),
            *mapping.timeline_entries(self.links, self.intelligence),
        ]
        if kind:
            items = [i for i in items if i.kind == kind]
        return sorted(items, key=lambda i: i.sort_key, reverse=True)


def child_story(child: Child) -> ChildStory:
    """Read every record about the child: one query per kind, whatever their number."""
    return ChildStory(
        child=child,
        assessments=risk.assessments_of(child),
        episodes=missing.episodes_of(child),
        interviews=missing.interviews_of(child),
        referrals=referrals.referrals_of(child),
        cases=cases.cases_of(child),
        meetings=meetings.meetings_of(child),
        actions=meetings.actions_of(child),
        nrm_referrals=nrm.nrm_referrals_of(child),
        direct_work=cases.direct_work_of(child),
        onward_referrals=cases.onward_referrals_of(child),
        outcomes=cases.outcomes_of(child),
        plans=cases.plans_of(child),
        links=mapping.links_of(child),
        intelligence=mapping.intelligence_of(child),
    )


# --- The Op MET list --------------------------------------------------------------------

RECENT_DAYS = 90  # how far back the list shows each child's episodes and intelligence


@dataclass
class OpMetRow:
    """A child on the Op MET list with what the meeting looks at beside them."""

    child: Child
    episodes: list
    intelligence: list
    workers: list

    @property
    def open_episode(self):
        return next((e for e in self.episodes if e.ended_at is None), None)


def op_met_page(user, as_of: date, district: str | None) -> list[OpMetRow]:
    """The Op MET list as at a date for the children the user may see, with each child's
    missing episodes and intelligence of the last 90 days and who holds the case: five
    queries whatever the list's length."""
    children = list(
        risk.op_met_list(as_of, district).filter(pk__in=child_list_visible_to(user).values("pk"))
    )
    ids = [c.pk for c in children]
    start, end = day_range(as_of - timedelta(days=RECENT_DAYS - 1), as_of)
    episodes = missing.recent_episodes_by_child(ids, since=start, until=end)
    intelligence = mapping.recent_intelligence_by_child(
        children, since=as_of - timedelta(days=RECENT_DAYS - 1), until=as_of
    )
    workers = workers_by_child(ids)
    return [
        OpMetRow(
            child=c,
            episodes=episodes.get(c.pk, []),
            intelligence=intelligence.get(c.pk, []),
            workers=workers.get(c.pk, []),
        )
        for c in children
    ]
