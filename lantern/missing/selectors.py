"""Reads of missing episodes and return interviews, and the missing rules of domain.md.

Written once and used by everything that counts or lists: the performance report, the
national returns, the co-ordinator's worklist, the synthetic data. Times are compared as
real elapsed time (UTC), so a clock change never adds or removes an hour.
"""

from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from lantern.children.models import Child
from lantern.children.selectors import not_ola
from lantern.core.queries import byte_order, in_district
from lantern.core.timeline import TimelineItem
from lantern.core.ukdate import day_range
from lantern.missing.models import Episode, InterviewEpisode, InterviewOutcome, ReturnInterview

# A return interview is due within 72 x 3600 real seconds of the return, inclusive.
RETURN_INTERVIEW_WITHIN = timedelta(hours=72)
# The missing trigger: a third episode starting within 90 x 24 real hours of the first, inclusive.
MISSING_TRIGGER_EPISODES = 3
MISSING_TRIGGER_WINDOW = timedelta(days=90)


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
    covering = ReturnInterview.objects.filter(covers__episode=OuterRef("pk"))
    first_completed = (
        covering.filter(outcome=InterviewOutcome.COMPLETED, completed_at__lt=end)
        .order_by("completed_at")
        .values("completed_at")[:1]
    )
    last_offered = (
        covering.alias(id_text=byte_order(F("source_id")))
        .order_by(F("offered_at").desc(nulls_last=True), F("id_text").desc())
        .values("outcome")[:1]
    )
    return (
        episodes_in_period(date_from, date_to, district)
        .annotate(
            rhi_completed_at=Subquery(first_completed, output_field=DateTimeField()),
            rhi_last_outcome=Subquery(last_offered, output_field=CharField()),
        )
        .annotate(
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
