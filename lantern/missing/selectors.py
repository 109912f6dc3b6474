"""Reads of missing episodes and return interviews, and the missing rules of domain.md.

Written once and used by everything that counts or lists: the performance report, the
national returns, the co-ordinator's worklist, the synthetic data. Times are compared as
real elapsed time (UTC), so a clock change never adds or removes an hour.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import (
    ExtractDay,
    ExtractHour,
    ExtractIsoWeekDay,
    ExtractMonth,
    ExtractYear,
)
from django.db.models.lookups import GreaterThan

from lantern.accounts.models import Role
from lantern.cases.models import Case as CaseRecord
from lantern.children.models import Child
from lantern.children.selectors import not_ola
from lantern.core.queries import byte_order, in_district
from lantern.core.timeline import TimelineItem
from lantern.core.ukdate import LONDON, aware_to_local, day_range, day_start
from lantern.meetings.models import MeetingChild, MeetingType
from lantern.missing.models import (
    PHILOMENA_FIELDS,
    Episode,
    InterviewEpisode,
    InterviewOutcome,
    MissingFrom,
    OlaNotice,
    PhilomenaVersion,
    PlacementType,
    Reminder,
    ReturnInterview,
    TriggerMeeting,
)

# A return interview is due within 72 x 3600 real seconds of the return, inclusive.
RETURN_INTERVIEW_WITHIN = timedelta(hours=72)
# The missing trigger: a third episode starting within 90 x 24 real hours of the first, inclusive.
MISSING_TRIGGER_EPISODES = 3
MISSING_TRIGGER_WINDOW = timedelta(days=90)


# The controlled lists of the interview form (the dataset's lists take any word).
PUSH_FACTORS = [
    ("conflict_at_home", "Conflict at home"),
    ("boundaries", "Boundaries and rules"),
    ("placement_unsettled", "Placement unsettled"),
    ("school", "Problems at school"),
    ("bereavement", "Bereavement or loss"),
    ("mental_health", "Mental health"),
    ("other", "Other"),
]
PULL_FACTORS = [
    ("older_peers", "Older peers"),
    ("friends", "Friends"),
    ("boyfriend", "Boyfriend or girlfriend"),
    ("drugs", "Drugs or alcohol"),
    ("family", "Family elsewhere"),
    ("money_gifts", "Money or gifts"),
    ("other", "Other"),
]


def factor_words(words: list[str]) -> str:
    """Push or pull factors in plain English (a word not on the lists as written)."""
    names = dict(PUSH_FACTORS + PULL_FACTORS)
    return ", ".join(names.get(w, w.replace("_", " ")) for w in words)


def return_interview_overdue(returned_at: datetime, now: datetime) -> bool:
    """Overdue once more than 72 hours have passed since the return (at exactly 72, not yet)."""
    return now - returned_at > RETURN_INTERVIEW_WITHIN


def reaches_missing_trigger(first_start: datetime, third_start: datetime) -> bool:
    """Whether a third episode starting at `third_start` completes a trigger begun at
    `first_start` (two episodes earlier): within 90 x 24 real hours, inclusive."""
    return third_start - first_start <= MISSING_TRIGGER_WINDOW


# --- Episodes in a report period ------------------------------------------------------


def _starting_in(date_from: date, date_to: date) -> Q:
    start, end = day_range(date_from, date_to)
    return Q(started_at__gte=start, started_at__lt=end)


def episodes_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    """Missing episodes that started (UK date) in the period, OLA children left out."""
    return in_district(
        Episode.objects.filter(_starting_in(date_from, date_to), not_ola()), district
    )


def ola_episodes_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    """Episodes of children placed here by another authority, counted apart."""
    return in_district(
        Episode.objects.filter(_starting_in(date_from, date_to)).exclude(not_ola()), district
    )


def children_missing_in_period(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Distinct children (not OLA) with an episode starting in the period."""
    episodes = Episode.objects.filter(_starting_in(date_from, date_to), child=OuterRef("pk"))
    return in_district(Child.objects.filter(Exists(episodes), not_ola("")), district, "")


def episodes_in_trigger_window() -> Subquery:
    """How many episodes of the same child started in the 90 x 24 hours up to this one's start."""
    window = (
        Episode.objects.filter(
            child=OuterRef("child"),
            started_at__lte=OuterRef("started_at"),
            started_at__gte=OuterRef("started_at") - MISSING_TRIGGER_WINDOW,
        )
        .order_by()
        .values("child")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(window, output_field=IntegerField())


def trigger_episodes_in_period(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Episodes in the period that are at least the third start within 90 days (a trigger)."""
    return (
        episodes_in_period(date_from, date_to, district)
        .annotate(episodes_in_window=episodes_in_trigger_window())
        .filter(episodes_in_window__gte=MISSING_TRIGGER_EPISODES)
    )


def children_meeting_missing_trigger(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Distinct children (not OLA) reaching 3 episodes within 90 days inside the period."""
    episodes = trigger_episodes_in_period(date_from, date_to, district)
    return Child.objects.filter(pk__in=episodes.values("child"))


# --- Missing figures for the dashboard (reports part 2 reuses them) -------------------------
# Each counts episodes, not children, by the period rule of `episodes_in_period`: an episode
# counts in the period its start falls in (UK dates), OLA children's episodes left out, as
# in the report's own missing figures. One GROUP BY query each.

NO_DISTRICT = "Not recorded"
DAYS_OF_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CARE_NOT_RECORDED = "care_not_recorded"


def episodes_by_district(
    date_from: date, date_to: date, district: str | None = None
) -> list[tuple[str, int]]:
    """[(district, episodes)] for the districts with an episode in the period, by name;
    children with no district recorded come last as "Not recorded"."""
    rows = (
        episodes_in_period(date_from, date_to, district)
        .order_by()
        .values_list("child__district")
        .annotate(n=Count("pk"))
    )
    counts = dict(rows)
    named = sorted((d, n) for d, n in counts.items() if d)
    return named + ([(NO_DISTRICT, counts[""])] if counts.get("") else [])


def episodes_by_day_and_hour(
    date_from: date, date_to: date, district: str | None = None
) -> list[list[int]]:
    """A 7 x 24 matrix: row 0 is Monday, column h the hour 00 to 23 of the start, both in UK
    local time (an hour repeated when the clocks go back counts twice in its hour; the hour
    skipped when they go forward has none)."""
    matrix = [[0] * 24 for _ in DAYS_OF_WEEK]
    rows = (
        episodes_in_period(date_from, date_to, district)
        .order_by()
        .annotate(
            uk_day=ExtractIsoWeekDay("started_at", tzinfo=LONDON),
            uk_hour=ExtractHour("started_at", tzinfo=LONDON),
        )
        .values_list("uk_day", "uk_hour")
        .annotate(n=Count("pk"))
    )
    for day, hour, n in rows:
        matrix[day - 1][hour] += n
    return matrix


def placement_groups() -> list[tuple[str, str]]:
    """The rows of the placement figure, in order: home, each care placement type, then
    care with no placement type recorded."""
    return [
        (MissingFrom.HOME.value, "Home"),
        *((value, f"Care: {label.lower()}") for value, label in PlacementType.choices),
        (CARE_NOT_RECORDED, "Care: placement type not recorded"),
    ]


def episodes_by_placement_type(
    date_from: date, date_to: date, district: str | None = None
) -> list[tuple[str, str, int]]:
    """[(key, label, episodes)] for every row of `placement_groups`, zeros included. An
    episode from home counts as home whatever placement type it carries."""
    rows = (
        episodes_in_period(date_from, date_to, district)
        .order_by()
        .values_list("missing_from", "placement_type")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, int] = defaultdict(int)
    for missing_from, placement, n in rows:
        if missing_from == MissingFrom.HOME:
            counts[MissingFrom.HOME.value] += n
        else:
            counts[placement or CARE_NOT_RECORDED] += n
    return [(key, label, counts[key]) for key, label in placement_groups()]


def episodes_in_group(
    date_from: date, date_to: date, group: str, value: str, district: str | None = None
) -> QuerySet:
    """The episodes behind one cell of the figures above (the dashboard's drill-down):
    `group` is by_district, by_placement or by_day_hour ("<1-7>-<0-23>"). Raises KeyError
    for a group or value that is not a cell."""
    episodes = episodes_in_period(date_from, date_to, district)
    if group == "by_district":
        return episodes.filter(child__district="" if value == NO_DISTRICT else value)
    if group == "by_placement":
        if value == MissingFrom.HOME:
            return episodes.filter(missing_from=MissingFrom.HOME)
        care = episodes.exclude(missing_from=MissingFrom.HOME)
        if value == CARE_NOT_RECORDED:
            return care.filter(placement_type="")
        if value in PlacementType.values:
            return care.filter(placement_type=value)
    if group == "by_day_hour":
        day, _, hour = value.partition("-")
        if day.isdigit() and hour.isdigit() and 1 <= int(day) <= 7 and 0 <= int(hour) <= 23:
            return episodes.annotate(
                uk_day=ExtractIsoWeekDay("started_at", tzinfo=LONDON),
                uk_hour=ExtractHour("started_at", tzinfo=LONDON),
            ).filter(uk_day=int(day), uk_hour=int(hour))
    raise KeyError(f"{group}.{value}")


# --- Missing by age band, and children missing from home and from care -------------------
# (reports part 2). The age is the child's age in whole years on the UK date the episode
# started, worked out as `Child.age_on` does: the birthday is reached on its day and month
# (a 29 February birthday on 1 March in other years). Same period rule as above.

AGE_BANDS = [
    ("under_12", "Under 12", None, 12),
    ("12_to_13", "12 to 13", 12, 14),
    ("14_to_15", "14 to 15", 14, 16),
    ("16_to_17", "16 to 17", 16, 18),
    ("18_or_over", "18 or over", 18, None),
]


def _age_at_start() -> ExpressionWrapper:
    """The child's age in whole years on the UK date of the episode's start, in SQL."""
    start_md = ExtractMonth("started_at", tzinfo=LONDON) * 100 + ExtractDay(
        "started_at", tzinfo=LONDON
    )
    born_md = ExtractMonth("child__date_of_birth") * 100 + ExtractDay("child__date_of_birth")
    return ExpressionWrapper(
        ExtractYear("started_at", tzinfo=LONDON)
        - ExtractYear("child__date_of_birth")
        - Case(When(GreaterThan(born_md, start_md), then=Value(1)), default=Value(0)),
        output_field=IntegerField(),
    )


def _in_band(key: str) -> Q:
    for band, _label, low, high in AGE_BANDS:
        if band == key:
            q = Q()
            if low is not None:
                q &= Q(age_at_start__gte=low)
            if high is not None:
                q &= Q(age_at_start__lt=high)
            return q
    raise KeyError(key)


def episodes_by_age_band(
    date_from: date, date_to: date, district: str | None = None
) -> dict[str, int]:
    """{band: episodes} for every band of AGE_BANDS, zeros included, by the child's age at
    the episode's start (UK date). One query."""
    counts = {key: Count("pk", filter=_in_band(key)) for key, *_ in AGE_BANDS}
    return (
        episodes_in_period(date_from, date_to, district)
        .annotate(age_at_start=_age_at_start())
        .aggregate(**counts)
    )


def episodes_in_age_band(
    date_from: date, date_to: date, band: str, district: str | None = None
) -> QuerySet:
    """The episodes behind one band of `episodes_by_age_band`; KeyError for an unknown band."""
    return (
        episodes_in_period(date_from, date_to, district)
        .annotate(age_at_start=_age_at_start())
        .filter(_in_band(band))
    )


def children_missing_from(
    date_from: date, date_to: date, place: str, district: str | None = None
) -> QuerySet:
    """Distinct children (not OLA) with an episode missing from `place` (home or care)
    starting in the period. A child missing from both is in both."""
    if place not in MissingFrom.values:
        raise KeyError(place)
    episodes = Episode.objects.filter(
        _starting_in(date_from, date_to), child=OuterRef("pk"), missing_from=place
    )
    return in_district(Child.objects.filter(Exists(episodes), not_ola("")), district, "")


def children_missing_from_home_and_care(
    date_from: date, date_to: date, district: str | None = None
) -> dict[str, int]:
    """{home: children, care: children}: distinct children missing from each. One query."""
    episodes = episodes_in_period(date_from, date_to, district)
    return episodes.aggregate(
        **{
            place: Count("child", distinct=True, filter=Q(missing_from=place))
            for place in MissingFrom.values
        }
    )


def return_interview_status(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Episodes in the period with their one return interview status as at the period's end.

    `rhi_status` is completed, declined_child, declined_parent, exception or outstanding:
    an interview completed by the end of the period decides (the earliest such completion);
    otherwise the one offered last, then the greatest interview id, decides, and a
    completion after the period's end still counts as outstanding.
    `rhi_in_timescale` is 1 when that completion was within 72 hours of the episode's end.
    """
    _, end = day_range(date_from, date_to)
    return with_interview_status(
        episodes_in_period(date_from, date_to, district), Q(completed_at__lt=end)
    )


def with_interview_status(episodes: QuerySet, completed_in_time: Q) -> QuerySet:
    """The one return interview rule (domain.md), for the report's period and for a moment:
    `completed_in_time` says which completions count (those by the end of the period, or at
    or before the moment)."""
    covering = ReturnInterview.objects.filter(covers__episode=OuterRef("pk"))
    first_completed = (
        covering.filter(completed_in_time, outcome=InterviewOutcome.COMPLETED)
        .order_by("completed_at")
        .values("completed_at")[:1]
    )
    last_offered = (
        covering.alias(id_text=byte_order(F("source_id")))
        .order_by(F("offered_at").desc(nulls_last=True), F("id_text").desc())
        .values("outcome")[:1]
    )
    return episodes.annotate(
        rhi_completed_at=Subquery(first_completed, output_field=DateTimeField()),
        rhi_last_outcome=Subquery(last_offered, output_field=CharField()),
    ).annotate(
        rhi_status=Case(
            When(rhi_completed_at__isnull=False, then=Value(InterviewOutcome.COMPLETED.value)),
            When(
                rhi_last_outcome__in=[
                    InterviewOutcome.DECLINED_CHILD,
                    InterviewOutcome.DECLINED_PARENT,
                    InterviewOutcome.EXCEPTION,
                ],
                then=F("rhi_last_outcome"),
            ),
            default=Value(InterviewOutcome.OUTSTANDING.value),
            output_field=CharField(),
        ),
        rhi_in_timescale=Case(
            When(
                rhi_completed_at__isnull=False,
                ended_at__isnull=False,
                rhi_completed_at__lte=F("ended_at") + RETURN_INTERVIEW_WITHIN,
                then=Value(1),
            ),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def outstanding_as_of(moment: datetime, episodes: QuerySet | None = None) -> QuerySet:
    """Episodes (OLA children's too) that ended at or before `moment` and whose return
    interview is outstanding at that moment by the one rule: an interview completed after
    the moment does not count. The worklist and `lantern missing overdue` both use it.
    Oldest return first: the most overdue at the top."""
    episodes = Episode.objects.all() if episodes is None else episodes
    return (
        with_interview_status(episodes.filter(ended_at__lte=moment), Q(completed_at__lte=moment))
        .filter(rhi_status=InterviewOutcome.OUTSTANDING)
        .order_by("ended_at", "source_id")
    )


def return_offers_in_period(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Return interviews offered (UK date) in the period, OLA children left out."""
    start, end = day_range(date_from, date_to)
    return in_district(
        ReturnInterview.objects.filter(offered_at__gte=start, offered_at__lt=end).filter(not_ola()),
        district,
    )


def episodes_ended_in_period(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """Episodes that ended (UK date) in the period, OLA children left out."""
    start, end = day_range(date_from, date_to)
    return in_district(
        Episode.objects.filter(ended_at__gte=start, ended_at__lt=end).filter(not_ola()),
        district,
    )


# --- Worklists -----------------------------------------------------------------------------


def episodes_awaiting_return_interview(children: QuerySet) -> QuerySet:
    """Returned episodes of these children with no interview outcome yet (an outstanding
    interview does not settle one), oldest return first: the most overdue at the top."""
    settled = InterviewEpisode.objects.filter(episode=OuterRef("pk")).exclude(
        interview__outcome=InterviewOutcome.OUTSTANDING
    )
    return (
        Episode.objects.filter(ended_at__isnull=False, child__in=children)
        .exclude(Exists(settled))
        .select_related("child")
        .order_by("ended_at", "source_id")
    )


def with_open_episode(children: QuerySet) -> QuerySet:
    """Children annotated with `open_missing`: an episode with no return yet."""
    return children.annotate(
        open_missing=Exists(Episode.objects.filter(child=OuterRef("pk"), ended_at__isnull=True))
    )


# --- One child's episodes and interviews, for the child's page -----------------------------


def episodes_of(child) -> list:
    """Newest first."""
    return list(Episode.objects.filter(child=child).order_by("-started_at"))


def interviews_covering(episode) -> list:
    """The interviews covering one episode, the last offered first."""
    return list(
        ReturnInterview.objects.filter(covers__episode=episode)
        .order_by(F("offered_at").desc(nulls_last=True), "-source_id")
        .prefetch_related("episodes")
    )


def interview_content_visible_to(user, interview) -> bool:
    """Partners never see the content of an interview marked not shareable (access.md)."""
    return not (interview.not_shareable and user.role == Role.PARTNER)


def interviews_of(child) -> list:
    return list(ReturnInterview.objects.filter(child=child).prefetch_related("episodes"))


def timeline_entries(episodes: list, interviews: list) -> list[TimelineItem]:
    items = []
    for e in episodes:
        title = f"Missing from {e.get_missing_from_display().lower()}"
        detail = "Still missing" if e.ended_at is None else "Returned"
        items.append(TimelineItem("episode", e.started_at, title, detail))
    for i in interviews:
        items.append(
            TimelineItem(
                "interview",
                i.completed_at or i.offered_at,
                f"Return interview: {i.get_outcome_display()}",
            )
        )
    return items


def recent_episodes_by_child(child_ids, *, since: datetime, until: datetime) -> dict:
    """Episodes of these children that started in [since, until), newest first, in one
    query: {child id: [episode, ...]}."""
    by_child: dict = {}
    episodes = Episode.objects.filter(
        child_id__in=list(child_ids), started_at__gte=since, started_at__lt=until
    ).order_by("child_id", "-started_at")
    for e in episodes:
        by_child.setdefault(e.child_id, []).append(e)
    return by_child


# --- Recording episodes: clashes shown beside the field ------------------------------------


def episode_clash(child, started_at: datetime, ended_at: datetime | None, exclude=None):
    """The first other episode of the child that this one would overlap (the database's own
    rule: an episode touching the next at the same minute does not overlap; an open episode
    runs for ever), or None."""
    others = Episode.objects.filter(child=child).exclude(pk=getattr(exclude, "pk", exclude))
    overlapping = others.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=started_at))
    if ended_at is not None:
        overlapping = overlapping.filter(started_at__lt=ended_at)
    return overlapping.order_by("started_at").first()


def episodes_with_police_reference(reference: str) -> QuerySet:
    """Episodes recorded under this police reference (any case), newest first."""
    return Episode.objects.filter(police_reference__iexact=reference.strip()).order_by(
        "-started_at"
    )


# --- Missing now: open episodes and when to escalate ---------------------------------------

# An open episode is escalated when any of these holds (issue 14).
ESCALATE_AFTER = timedelta(hours=24)
ESCALATE_UNDER_AGE = 13


def episodes_missing_now(children: QuerySet) -> QuerySet:
    """Every open episode of these children, longest missing first, with
    `episodes_in_window`: how many of the child's episodes started in the 90 x 24 hours up
    to this one's start (3 or more: a third episode in 90 days)."""
    return (
        Episode.objects.filter(ended_at__isnull=True, child__in=children)
        .annotate(episodes_in_window=episodes_in_trigger_window())
        .select_related("child")
        .order_by("started_at", "source_id")
    )


def escalation_reasons(episode, now: datetime) -> list[str]:
    """Why an open episode needs escalating, in plain words (empty: no reason)."""
    reasons = []
    if episode.police_risk == "high":
        reasons.append("Police risk high")
    if now - episode.started_at > ESCALATE_AFTER:
        reasons.append("Missing over 24 hours")
    if episode.child.age_on(aware_to_local(now).date()) < ESCALATE_UNDER_AGE:
        reasons.append("Under 13")
    if getattr(episode, "episodes_in_window", 0) >= MISSING_TRIGGER_EPISODES:
        reasons.append("Third episode in 90 days")
    return reasons


# --- The return interview worklist: the 72-hour clock --------------------------------------

DUE_SOON = timedelta(hours=24)  # "due within 24 hours": 48 to 72 hours since the return


class Clock:
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    LABELS = {DUE: "Due", DUE_SOON: "Due within 24 hours", OVERDUE: "Overdue"}


def interview_clock(returned_at: datetime, now: datetime) -> str:
    """Where an outstanding interview stands on its 72-hour clock (real elapsed time)."""
    if return_interview_overdue(returned_at, now):
        return Clock.OVERDUE
    if returned_at + RETURN_INTERVIEW_WITHIN - now <= DUE_SOON:
        return Clock.DUE_SOON
    return Clock.DUE


def returned_between_for_clock(state: str, now: datetime) -> Q:
    """The returns whose clock is in `state` at `now` (the same edges as `interview_clock`)."""
    overdue_before = now - RETURN_INTERVIEW_WITHIN
    soon_from = now - RETURN_INTERVIEW_WITHIN + DUE_SOON
    if state == Clock.OVERDUE:
        return Q(ended_at__lt=overdue_before)
    if state == Clock.DUE_SOON:
        return Q(ended_at__gte=overdue_before, ended_at__lte=soon_from)
    return Q(ended_at__gt=soon_from)


# --- Return interview reminders (docs/missing.md) -------------------------------------------

# The worker and the co-ordinators are told when an outstanding interview reaches each.
REMINDER_THRESHOLDS = (timedelta(hours=48), timedelta(hours=72))


def reminder_threshold(returned_at: datetime, now: datetime) -> int | None:
    """The highest reminder threshold (in hours) an outstanding interview has reached at
    `now`, real elapsed time, reached at exactly 48 or 72 hours; None before 48 hours."""
    reached = [t for t in REMINDER_THRESHOLDS if now - returned_at >= t]
    return int(max(reached).total_seconds() // 3600) if reached else None


def episodes_due_a_reminder(now: datetime) -> QuerySet:
    """Outstanding episodes (the worklist's rule, `outstanding_as_of`) that returned at least
    48 hours ago and within the last `MISSING_REMINDER_WITHIN_DAYS` days, with the child's
    open cases (`child.open_cases`, their accounts) for the allocated worker."""
    within = timedelta(days=settings.MISSING_REMINDER_WITHIN_DAYS)
    episodes = Episode.objects.filter(
        ended_at__gte=now - within, ended_at__lte=now - REMINDER_THRESHOLDS[0]
    )
    open_cases = CaseRecord.objects.filter(closed_on__isnull=True).select_related("allocated_to")
    return (
        outstanding_as_of(now, episodes)
        .select_related("child")
        .prefetch_related(Prefetch("child__cases", queryset=open_cases, to_attr="open_cases"))
    )


def reminders_already_made(episode_ids) -> set[tuple]:
    """(episode id, threshold, recipient id) of the reminders already made for these."""
    return set(
        Reminder.objects.filter(episode__in=list(episode_ids)).values_list(
            "episode_id", "threshold", "recipient_id"
        )
    )


# --- Telling the placing authority (docs/missing.md) ---------------------------------------


def ola_notices_to_do(children: QuerySet) -> QuerySet:
    """Episodes of children placed by another authority (among `children`) whose authority
    has not been told yet, oldest first: the co-ordinators' task list."""
    return (
        OlaNotice.objects.filter(told_at__isnull=True, episode__child__in=children)
        .select_related("episode", "episode__child")
        .order_by("created_at", "id")
    )


def ola_notice_of(episode) -> OlaNotice | None:
    return OlaNotice.objects.filter(episode=episode).select_related("told_by").first()


def hours_between(earlier: datetime, later: datetime) -> int:
    """Whole hours from one moment to the next (negative when `later` is earlier)."""
    seconds = (later - earlier).total_seconds()
    return int(seconds // 3600) if seconds >= 0 else -int(-seconds // 3600)


# --- Repeat missing: triggers --------------------------------------------------------------


@dataclass
class Trigger:
    """A child's open missing trigger: the three starts within 90 days that opened it."""

    child_id: object
    opened_on: date  # the UK day of the third start
    first_start: datetime
    third_start: datetime


def trigger_open(child_id, starts: list[datetime], meetings_held: list[date]) -> Trigger | None:
    """The child's open trigger, if any, from the starts of their episodes and the days
    missing intervention meetings were held (domain.md; issue 14).

    A trigger opens on the UK day of a third start within 90 x 24 hours of the first of
    three; it stays open until a meeting is held on or after that day. After that meeting
    a new trigger needs three new starts, all on days after the meeting's day."""
    meetings = sorted(meetings_held)
    next_meeting = 0
    opened: Trigger | None = None
    counting: list[datetime] = []
    for start in sorted(starts):
        day = aware_to_local(start).date()
        while next_meeting < len(meetings) and meetings[next_meeting] < day:
            if opened is not None and meetings[next_meeting] >= opened.opened_on:
                opened, counting = None, []
            next_meeting += 1
        counting.append(start)
        first = counting[-MISSING_TRIGGER_EPISODES] if len(counting) >= 3 else None
        if opened is None and first is not None and reaches_missing_trigger(first, start):
            opened = Trigger(child_id, day, first, start)
    if opened is not None and any(m >= opened.opened_on for m in meetings[next_meeting:]):
        return None
    return opened


def missing_meetings_held(child_ids) -> dict:
    """The days missing intervention meetings were held with each child: those recorded
    from the trigger list and the imported meetings of that type."""
    held = defaultdict(list)
    for child, day in TriggerMeeting.objects.filter(
        child__in=child_ids, held_on__isnull=False
    ).values_list("child_id", "held_on"):
        held[child].append(day)
    for child, day in MeetingChild.objects.filter(
        child__in=child_ids,
        meeting__type=MeetingType.MISSING_INTERVENTION,
        meeting__held_on__isnull=False,
    ).values_list("child_id", "meeting__held_on"):
        held[child].append(day)
    return held


def _episode_starts(children: QuerySet) -> dict:
    """Start times of every episode of the children (not OLA) with 3 or more episodes."""
    repeat = (
        Episode.objects.filter(child__in=children.filter(not_ola("")))
        .values("child")
        .annotate(n=Count("pk"))
        .filter(n__gte=MISSING_TRIGGER_EPISODES)
        .values("child")
    )
    starts = defaultdict(list)
    for child, start in (
        Episode.objects.filter(child__in=repeat)
        .order_by("started_at")
        .values_list("child_id", "started_at")
    ):
        starts[child].append(start)
    return starts


def open_triggers(children: QuerySet) -> list[Trigger]:
    """Open triggers of these children (not OLA), the oldest first; a fixed number of
    queries whatever the number of children."""
    starts = _episode_starts(children)
    held = missing_meetings_held(list(starts))
    triggers = [trigger_open(child, s, held.get(child, [])) for child, s in starts.items()]
    return sorted((t for t in triggers if t), key=lambda t: (t.opened_on, str(t.child_id)))


@dataclass
class TriggerOnDay:
    """A child in `lantern missing triggers`: 3 or more starts in the 90 days to a day."""

    child: object
    episodes_in_90_days: int
    first_start: datetime
    meeting_held: bool


def triggers_as_of(day: date) -> list[TriggerOnDay]:
    """Children (not OLA) with 3 or more episode starts in the 90 x 24 hours ending at the
    end of the UK day `day` (its following midnight), the window's start included, and
    whether a missing intervention meeting was held with them on or after the third of
    those starts and on or before `day`. Ordered by the child's id."""
    end = day_start(day + timedelta(days=1))
    starts = defaultdict(list)
    for child, start in (
        Episode.objects.filter(
            started_at__gte=end - MISSING_TRIGGER_WINDOW,
            started_at__lt=end,
            child__placing_authority="",
        )
        .order_by("started_at")
        .values_list("child_id", "started_at")
    ):
        starts[child].append(start)
    repeat = {c: s for c, s in starts.items() if len(s) >= MISSING_TRIGGER_EPISODES}
    held = missing_meetings_held(list(repeat))
    children = Child.objects.in_bulk(list(repeat))
    rows = []
    for child, s in repeat.items():
        third = aware_to_local(s[MISSING_TRIGGER_EPISODES - 1]).date()
        met = any(third <= m <= day for m in held.get(child, []))
        rows.append(TriggerOnDay(children[child], len(s), s[0], met))
    return sorted(rows, key=lambda r: r.child.source_id.encode())


# --- Children missing together (for mapping: co-missing peers) ----------------------------

# With no date given, an episode still open runs on as far as the calendar goes.
_LAST_DAY = date(9999, 12, 30)


def children_missing_together(as_of: date | None = None) -> list[tuple[str, str, int]]:
    """Pairs of children whose missing episodes overlapped in time, with how many pairs of
    their episodes overlapped: `[(reference_a, reference_b, n)]`, a before b.

    Two episodes overlap when each started before the other ended; touching at the same
    minute is not an overlap (as for one child's episodes), and an open episode runs on.
    With `as_of`, only episodes that started on or before that UK day count. One SQL
    self-join: each episode is paired with the other children's episodes that started
    during it (ties on the start broken by id), so the index on the start time serves it.
    """
    ops = connection.ops
    until = day_range(as_of or _LAST_DAY, as_of or _LAST_DAY)[1]
    episode = ops.quote_name(Episode._meta.db_table)
    child = ops.quote_name(Child._meta.db_table)
    lo = "CASE WHEN e1.child_id < e2.child_id THEN e1.child_id ELSE e2.child_id END"
    hi = "CASE WHEN e1.child_id < e2.child_id THEN e2.child_id ELSE e1.child_id END"
    # Only the models' table names are put in the text; every value goes as a parameter.
    sql = f"""
        SELECT a.source_id, b.source_id, pairs.n FROM (
            SELECT {lo} AS lo, {hi} AS hi, COUNT(*) AS n
            FROM {episode} e1
            JOIN {episode} e2
              ON e2.child_id <> e1.child_id
             AND e2.started_at >= e1.started_at
             AND e2.started_at < COALESCE(e1.ended_at, %s)
             AND (e2.started_at > e1.started_at OR e2.id > e1.id)
            WHERE e1.started_at < %s AND e2.started_at < %s
            GROUP BY {lo}, {hi}
        ) pairs
        JOIN {child} a ON a.id = pairs.lo
        JOIN {child} b ON b.id = pairs.hi
    """  # noqa: S608  # nosec B608
    moment = ops.adapt_datetimefield_value(until)
    with connection.cursor() as cursor:
        cursor.execute(sql, [moment, moment, moment])
        rows = cursor.fetchall()
    return sorted((min(a, b), max(a, b), n) for a, b, n in rows)


@dataclass
class TogetherEvidence:
    """Why two children are listed as going missing together: their episodes that
    overlapped (with how long) and the returns found at the same place on the same day."""

    first: Child
    second: Child
    overlaps: list = field(default_factory=list)  # (episode, episode, timedelta)
    same_place: list = field(default_factory=list)  # (episode, episode, place, UK day)

    @property
    def overlapping_time(self) -> timedelta:
        return sum((o[2] for o in self.overlaps), timedelta())

    @property
    def moments(self) -> list[datetime]:
        """When each piece of evidence happened: an overlap's start, a shared find."""
        moments = [max(a.started_at, b.started_at) for a, b, _ in self.overlaps]
        return moments + [max(a.ended_at, b.ended_at) for a, b, _, _ in self.same_place]

    @property
    def latest(self) -> datetime:
        return max(self.moments)


def place_key(place: str) -> str:
    """Found locations compared as typed by different people: case, spacing and
    punctuation ignored ("12 High St." and "12 high st" are one place)."""
    return " ".join("".join(ch if ch.isalnum() else " " for ch in place.lower()).split())


def missing_together(
    children: QuerySet, *, since: datetime, now: datetime
) -> list[TogetherEvidence]:
    """Pairs among `children` whose episodes overlapped in time (the rule of
    `children_missing_together`: each started before the other ended, an open episode
    running on to `now`), or whose returns were found at the same place on the same UK
    day, for episodes started from `since`; most recent evidence first. Two set-based
    reads and one fetch of the episodes named, whatever the number of children."""
    ids_sql, ids_params = children.values("pk").query.sql_with_params()
    ops = connection.ops
    episode = ops.quote_name(Episode._meta.db_table)
    # Only the model's table name and Django's own compiled subquery are put in the text;
    # every value goes as a parameter.
    sql = f"""
        SELECT e1.id, e2.id FROM {episode} e1
        JOIN {episode} e2
          ON e2.child_id <> e1.child_id
         AND e2.started_at >= e1.started_at
         AND e2.started_at < COALESCE(e1.ended_at, %s)
         AND (e2.started_at > e1.started_at OR e2.id > e1.id)
        WHERE e1.started_at >= %s AND e2.started_at < %s
          AND e1.child_id IN ({ids_sql}) AND e2.child_id IN ({ids_sql})
    """  # noqa: S608  # nosec B608
    moment = ops.adapt_datetimefield_value(now)
    since_moment = ops.adapt_datetimefield_value(since)
    with connection.cursor() as cursor:
        cursor.execute(sql, [moment, since_moment, moment, *ids_params, *ids_params])
        pk = Episode._meta.pk
        overlapping = [(pk.to_python(a), pk.to_python(b)) for a, b in cursor.fetchall()]
    places: dict[tuple, list] = defaultdict(list)
    for pk, child_id, place, ended in (
        Episode.objects.filter(
            child__in=children.values("pk"), started_at__gte=since, ended_at__lte=now
        )
        .exclude(found_location="")
        .values_list("pk", "child_id", "found_location", "ended_at")
    ):
        key = place_key(place)
        if key:
            places[(key, aware_to_local(ended).date())].append((pk, child_id, place))
    same: list[tuple] = []
    for (_, day), rows in places.items():
        for i, (pk, child_id, place) in enumerate(rows):
            for opk, ochild, _ in rows[i + 1 :]:
                if ochild != child_id:
                    same.append((pk, child_id, opk, ochild, place, day))
    wanted = {a for a, _ in overlapping} | {b for _, b in overlapping}
    wanted |= {r[0] for r in same} | {r[2] for r in same}
    episodes = Episode.objects.select_related("child").in_bulk(wanted)
    result: dict[tuple, TogetherEvidence] = {}

    def evidence(pk, opk) -> tuple[TogetherEvidence, Episode, Episode]:
        """The pair's entry, and the two episodes in its order (first child's first)."""
        a, b = episodes[pk], episodes[opk]
        if a.child.pk > b.child.pk:
            a, b = b, a
        key = (a.child.pk, b.child.pk)
        if key not in result:
            result[key] = TogetherEvidence(first=a.child, second=b.child)
        return result[key], a, b

    for pk, opk in overlapping:
        item, a, b = evidence(pk, opk)
        overlap = min(a.ended_at or now, b.ended_at or now) - max(a.started_at, b.started_at)
        item.overlaps.append((a, b, overlap))
    for pk, _, opk, _, place, day in same:
        item, a, b = evidence(pk, opk)
        item.same_place.append((a, b, place, day))
    return sorted(result.values(), key=lambda e: e.latest, reverse=True)


def together_groups(pairs: list[TogetherEvidence]) -> list[list[Child]]:
    """Children joined by any chain of pairs (three who keep going missing together are
    one group), largest first; only groups of three or more, since a pair is its own line."""
    parent: dict = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    people = {}
    for p in pairs:
        people[p.first.pk], people[p.second.pk] = p.first, p.second
        parent[root(p.first.pk)] = root(p.second.pk)
    groups: dict = defaultdict(list)
    for pk, child in people.items():
        groups[root(pk)].append(child)
    found = [sorted(g, key=lambda c: c.full_name) for g in groups.values() if len(g) >= 3]
    return sorted(found, key=lambda g: (-len(g), g[0].full_name))


# --- Data quality (the thresholds are settings; reports part 2 reuses these checks) ------

QUALITY_SHOWN = 100


@dataclass
class QualityCheck:
    key: str
    title: str
    total: int
    rows: list  # episodes or interviews, the first QUALITY_SHOWN


def quality_checks(children: QuerySet, now: datetime) -> list[QualityCheck]:
    """The missing records a co-ordinator should put right, each check a set-based read:
    returned episodes with no interview record at all after the threshold, episodes still
    open after the threshold, episodes with no police reference, and completed interviews
    with nothing recorded (no factors, no notes, nothing of the child's words)."""
    hours = settings.MISSING_QUALITY_NO_INTERVIEW_HOURS
    days = settings.MISSING_QUALITY_OPEN_DAYS
    episodes = Episode.objects.filter(child__in=children).select_related("child")
    no_record = episodes.filter(ended_at__lte=now - timedelta(hours=hours)).exclude(
        Exists(InterviewEpisode.objects.filter(episode=OuterRef("pk")))
    )
    still_open = episodes.filter(ended_at__isnull=True, started_at__lte=now - timedelta(days=days))
    no_police = episodes.filter(police_reference="")
    empty = ReturnInterview.objects.filter(
        child__in=children,
        outcome=InterviewOutcome.COMPLETED,
        push_factors=[],
        pull_factors=[],
        factors_notes="",
        where_child_was="",
        with_whom="",
        child_words="",
        harm_disclosed__isnull=True,
    ).select_related("child")
    checks = [
        (
            "no_interview",
            f"Back more than {hours} hours with no interview record",
            no_record,
            "ended_at",
        ),
        ("open_long", f"Still missing after {days} days", still_open, "started_at"),
        ("no_police_reference", "No police reference", no_police, "-started_at"),
        ("empty_interview", "Completed interviews with nothing recorded", empty, "-completed_at"),
    ]
    return [
        QualityCheck(key, title, qs.count(), list(qs.order_by(order, "pk")[:QUALITY_SHOWN]))
        for key, title, qs, order in checks
    ]


# --- The Philomena profile ------------------------------------------------------------------

PHILOMENA_VERSIONED = (*PHILOMENA_FIELDS, "photo")


def philomena_version(child: Child, number: int | None = None) -> PhilomenaVersion | None:
    """The child's Philomena profile as saved in version `number`, or the current (latest)
    version; None when there is no such version."""
    versions = PhilomenaVersion.objects.filter(profile__child=child).select_related(
        "created_by", "profile"
    )
    if number is not None:
        return versions.filter(number=number).first()
    return versions.order_by("-number").first()


@dataclass
class ProfileChange:
    version: PhilomenaVersion
    fields: list[str]  # the names of the fields this version changed (all given, for the first)


def philomena_history(child: Child) -> list[ProfileChange]:
    """Every version of the child's profile, newest first, with who saved it, when, and the
    fields it changed from the one before: one query, whatever the number of versions."""
    versions = list(
        PhilomenaVersion.objects.filter(profile__child=child)
        .select_related("created_by")
        .order_by("number")
    )
    changes = []
    before = None
    for v in versions:
        if before is None:
            names = [n for n in PHILOMENA_VERSIONED if getattr(v, n)]
        else:
            names = [n for n in PHILOMENA_VERSIONED if getattr(v, n) != getattr(before, n)]
        changes.append(ProfileChange(version=v, fields=names))
        before = v
    return changes[::-1]


def overlapping_episodes_between(first: Child, second: Child) -> list[tuple]:
    """Pairs of episodes, one of each child, whose times overlap (an open episode runs on
    for ever): two records of one child can only be merged when there are none."""
    theirs = list(Episode.objects.filter(child=second).order_by("started_at"))
    pairs = []
    for mine in Episode.objects.filter(child=first).order_by("started_at"):
        for other in theirs:
            if (other.ended_at is None or mine.started_at < other.ended_at) and (
                mine.ended_at is None or other.started_at < mine.ended_at
            ):
                pairs.append((mine, other))
    return pairs
