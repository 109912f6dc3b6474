"""Reads of risk assessments, and the risk rules of domain.md written once.

The current level: the child's latest full assessment (screenings set no level), latest by
completion date, then by `assessment_id` compared as text byte by byte (`COLLATE "C"` on
PostgreSQL whatever the cluster's locale). The database version (`with_current_level`) and
the Python version for a child's own page (`current_assessment`) follow the same order.
"""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
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
from django.http import Http404

from lantern.children.models import Child
from lantern.children.selectors import child_list_visible_to, under_18_born_after
from lantern.core.fields import ListField
from lantern.core.queries import byte_order, in_district
from lantern.core.timeline import TimelineItem
from lantern.core.ukdate import add_months
from lantern.risk.models import (
    Approval,
    Assessment,
    ExploitationType,
    Level,
    OpMetSnapshot,
    PoliceGrading,
    Reason,
    Recency,
    RiskTool,
)

LEVELS = [lv.value for lv in Level]
ON_LIST = (Level.LOW, Level.MEDIUM, Level.HIGH)  # the Op MET list: any level but none
RANK = {Level.NONE: 0, Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}
REVIEW_EVERY_MONTHS = 3  # children on the list are reviewed every 3 months


def full_assessments(district: str | None = None) -> QuerySet:
    """Risk assessments proper: screenings take part in no rule but their own count."""
    return in_district(Assessment.objects.filter(is_screening=False), district)


def _latest_first(assessments: QuerySet) -> QuerySet:
    return assessments.alias(id_text=byte_order(F("source_id"))).order_by(
        "-completed_on", "-id_text"
    )


def latest_full_assessment(as_of: date | None = None) -> QuerySet:
    """A subquery: the outer child's current assessment (as at a date, if given)."""
    latest = Assessment.objects.filter(child=OuterRef("pk"), is_screening=False)
    if as_of is not None:
        latest = latest.filter(completed_on__lte=as_of)
    return _latest_first(latest)


def with_current_level(children: QuerySet, as_of: date | None = None) -> QuerySet:
    """Children annotated with `current_level`, `current_level_on` and `current_types`
    (None when never assessed)."""
    latest = latest_full_assessment(as_of)
    return children.annotate(
        current_level=Subquery(latest.values("risk_level")[:1], output_field=CharField()),
        current_level_on=Subquery(latest.values("completed_on")[:1], output_field=DateField()),
        current_types=Subquery(latest.values("exploitation_types")[:1], output_field=ListField()),
    )


def current_assessment(assessments: list):
    """The current one of a child's assessments already read (screenings ignored), or None."""
    full = [a for a in assessments if not a.is_screening]
    if not full:
        return None
    return max(full, key=lambda a: (a.completed_on, a.source_id.encode()))


def review_after_rise_months() -> int:
    """A review comes sooner after an assessment that raised the level (a setting)."""
    return settings.RISK_REVIEW_AFTER_RISE_MONTHS


def level_rose(level: str, previous_level: str | None) -> bool:
    return previous_level is not None and RANK.get(level, 0) > RANK.get(previous_level, 0)


def review_due_on(assessment, previous_level: str | None = None) -> date | None:
    """Due 3 months after the current assessment, or 1 month (a setting) when it raised the
    level from the one before; none when it set the level to none (the child is off the
    list)."""
    if assessment is None or assessment.risk_level == Level.NONE:
        return None
    months = REVIEW_EVERY_MONTHS
    if level_rose(assessment.risk_level, previous_level):
        months = review_after_rise_months()
    return add_months(assessment.completed_on, months)


def previous_full_assessment(assessments: list, assessment):
    """The full assessment before this one among a child's assessments already read."""
    key = (assessment.completed_on, assessment.source_id.encode())
    earlier = [
        a
        for a in assessments
        if not a.is_screening and (a.completed_on, a.source_id.encode()) < key
    ]
    return max(earlier, key=lambda a: (a.completed_on, a.source_id.encode()), default=None)


def derived_reason(previous_level: str | None) -> str:
    """domain.md: new (no earlier assessment), re-referral (the one before set none), review."""
    if previous_level is None:
        return Reason.NEW
    if previous_level == Level.NONE:
        return Reason.RE_REFERRAL
    return Reason.REVIEW


def previous_level_before(child, completed_on: date) -> str | None:
    """The level of the child's latest full assessment completed on or before a date."""
    latest = _latest_first(
        Assessment.objects.filter(child=child, is_screening=False, completed_on__lte=completed_on)
    ).first()
    return latest.risk_level if latest else None


REVIEW_SOON_DAYS = 14  # the review-due worklist: due within this many days, or overdue


def reviews_due(children: QuerySet, today: date) -> list:
    """Children (of those given) whose current full assessment's review is due within 14 days
    or overdue, soonest first; each with `current` (the assessment) and `review_due`. Two
    queries whatever the number of children."""
    horizon = today + timedelta(days=REVIEW_SOON_DAYS)
    # A prefilter only (the rule is checked below): the soonest a review falls due is a month
    # after the assessment; a few days' slack covers months of different lengths.
    earliest_possible = add_months(horizon, -review_after_rise_months()) + timedelta(days=3)
    candidates = list(
        with_current_level(children)
        .filter(current_level__in=ON_LIST, current_level_on__lte=earliest_possible)
        .order_by("current_level_on", "source_id")
    )
    by_child: dict = {}
    for a in Assessment.objects.filter(
        child__in=[c.pk for c in candidates], is_screening=False
    ).order_by("completed_on"):
        by_child.setdefault(a.child_id, []).append(a)
    due = []
    for child in candidates:
        assessments = by_child.get(child.pk, [])
        current = current_assessment(assessments)
        if current is None:
            continue
        before = previous_full_assessment(assessments, current)
        day = review_due_on(current, before.risk_level if before else None)
        if day is not None and day <= horizon:
            child.current, child.review_due = current, day
            child.review_overdue = day < today
            due.append(child)
    return sorted(due, key=lambda c: (c.review_due, c.source_id))


# --- Triage (docs/triage.md) ----------------------------------------------------------------


def assessments_completed_since(after: date, until: date, children: QuerySet) -> QuerySet:
    """Full assessments (new, review, re-referral) of these children completed after a day
    (the day of the last triage held) up to and including another (today), oldest first."""
    return (
        full_assessments()
        .filter(child__in=children, completed_on__gt=after, completed_on__lte=until)
        .select_related("child")
        .alias(id_text=byte_order(F("source_id")))
        .order_by("completed_on", "id_text")
    )


def reviews_overdue(children: QuerySet, today: date) -> list:
    """Children (of those given) on the list whose review was due before today, soonest
    first; each with `current` and `review_due` (the rule of `reviews_due`)."""
    return [c for c in reviews_due(children, today) if c.review_overdue]


def level_history(child_ids) -> dict:
    """Each child's full assessments oldest first, in one query: {child id: [assessment]}."""
    by_child: dict = {}
    rows = (
        full_assessments()
        .filter(child_id__in=list(child_ids))
        .alias(id_text=byte_order(F("source_id")))
        .order_by("child_id", "completed_on", "id_text")
    )
    for a in rows:
        by_child.setdefault(a.child_id, []).append(a)
    return by_child


# --- The configurable tools ------------------------------------------------------------------


def tools_in_use() -> QuerySet:
    """The current version of each tool, full assessments first."""
    return RiskTool.objects.filter(is_current=True).order_by("is_screening", "name")


def tool_versions(code: str) -> QuerySet:
    return RiskTool.objects.filter(code=code).order_by("-version")


def current_tool(code: str) -> RiskTool:
    tool = RiskTool.objects.filter(code=code, is_current=True).first()
    if tool is None:
        raise Http404("No such tool")
    return tool


def tool_score(tool: RiskTool, answers: dict) -> int:
    """Each indicator seen scores its weight times its recency's weight (current counts more
    than previous); indicators not seen score nothing."""
    weights = tool.recency_weights or {Recency.CURRENT: 2, Recency.PREVIOUS: 1}
    total = 0
    for indicator in tool.indicators:
        recency = answers.get(indicator["code"])
        if recency:
            total += int(indicator.get("weight", 1)) * int(weights.get(recency, 0))
    return total


def suggested_level(tool: RiskTool, score: int) -> str:
    """The level of the highest band whose lowest score the score reaches."""
    reached = [b for b in tool.bands if score >= int(b["min_score"])]
    if not reached:
        return Level.NONE
    return max(reached, key=lambda b: int(b["min_score"]))["level"]


LEVEL_TAGS = {"high": "red", "medium": "orange", "low": "yellow", "none": "grey"}


def live_score_rules(tool: RiskTool) -> dict:
    """What the form's live score (lantern/static/lantern/live-score.js) needs, the same
    rule as tool_score and suggested_level: the points of each indicator per recency, and the
    bands (lowest score, level, its words and tag colour), lowest first."""
    weights = tool.recency_weights or {Recency.CURRENT: 2, Recency.PREVIOUS: 1}
    points = {
        indicator["code"]: {
            recency: int(indicator.get("weight", 1)) * int(weight)
            for recency, weight in weights.items()
        }
        for indicator in tool.indicators
    }
    labels = dict(Level.choices)
    bands = sorted(
        (
            {
                "min": int(b["min_score"]),
                "level": b["level"],
                "label": labels.get(b["level"], b["level"]),
                "tag": LEVEL_TAGS.get(b["level"], "grey"),
            }
            for b in tool.bands
        ),
        key=lambda b: b["min"],
    )
    return {"points": points, "bands": bands}


def indicators_by_category(tool: RiskTool) -> list[tuple[str, list[dict]]]:
    from_code = {
        "vulnerability": "Vulnerabilities",
        "moderate": "Moderate indicators",
        "significant": "Significant indicators",
    }
    groups: dict[str, list] = {}
    for indicator in tool.indicators:
        groups.setdefault(indicator.get("category", "moderate"), []).append(indicator)
    order = ["vulnerability", "moderate", "significant"]
    return [
        (from_code.get(k, k), groups[k])
        for k in sorted(groups, key=lambda k: order.index(k) if k in order else 9)
    ]


# --- Overrides waiting for a manager --------------------------------------------------------


def overrides_waiting(user) -> QuerySet:
    """Assessments whose level differs from the suggestion, waiting for a manager."""
    return (
        Assessment.objects.filter(approval=Approval.WAITING, child__in=child_list_visible_to(user))
        .select_related("child", "created_by", "tool_version")
        .order_by("completed_on", "source_id")
    )


def access_assessment_by_id(user, assessment_id) -> Assessment:
    try:
        key = uuid.UUID(str(assessment_id))
    except ValueError:
        raise Http404("No such assessment") from None
    found = (
        Assessment.objects.filter(pk=key, child__in=child_list_visible_to(user))
        .select_related("child", "tool_version", "created_by")
        .first()
    )
    if found is None:
        raise Http404("No such assessment")
    return found


def earlier_assessments() -> QuerySet:
    """The same child's full assessments before the outer one: completion date, then id as text."""
    outer_id = byte_order(OuterRef("source_id"))
    return (
        Assessment.objects.filter(child=OuterRef("child"), is_screening=False)
        .alias(id_text=byte_order(F("source_id")))
        .filter(
            Q(completed_on__lt=OuterRef("completed_on"))
            | Q(completed_on=OuterRef("completed_on"), id_text__lt=outer_id)
        )
        .order_by("-completed_on", "-id_text")
    )


def assessments_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    """Full assessments completed in the period, each with the level of the one before it
    (`previous_level`, None if it is the child's first) and its reason (`counted_reason`:
    the recorded reason, else new / review / re-referral derived from the one before)."""
    derived = Case(
        When(previous_level__isnull=True, then=Value(Reason.NEW.value)),
        When(previous_level=Level.NONE, then=Value(Reason.RE_REFERRAL.value)),
        default=Value(Reason.REVIEW.value),
        output_field=CharField(),
    )
    return (
        full_assessments(district)
        .filter(completed_on__gte=date_from, completed_on__lte=date_to)
        .annotate(previous_level=Subquery(earlier_assessments().values("risk_level")[:1]))
        .annotate(
            counted_reason=Case(
                When(~Q(reason=""), then=F("reason")), default=derived, output_field=CharField()
            )
        )
    )


def screenings_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    """Screenings (tools `screening`, `cserq4`) completed in the period, counted apart."""
    return in_district(
        Assessment.objects.filter(
            is_screening=True, completed_on__gte=date_from, completed_on__lte=date_to
        ),
        district,
    )


def op_met_children(as_of: date, district: str | None = None) -> QuerySet:
    """The Op MET list as at a date: children under 18 whose current level is low, medium or
    high. Annotated with `current_level`, `current_types`, `first_assessed_on`."""
    first = (
        Assessment.objects.filter(child=OuterRef("pk"), is_screening=False)
        .order_by("completed_on")
        .values("completed_on")[:1]
    )
    children = with_current_level(
        Child.objects.filter(date_of_birth__gt=under_18_born_after(as_of)), as_of
    )
    return in_district(
        children.annotate(first_assessed_on=Subquery(first, output_field=DateField())).filter(
            current_level__in=ON_LIST
        ),
        district,
        "",
    )


def op_met_new_from(as_of: date) -> date:
    """ "New" on the Op MET list: first assessed in the calendar month of the list's date."""
    return as_of.replace(day=1)


def op_met_list(as_of: date, district: str | None = None) -> QuerySet:
    """The Op MET list as at a date, each child annotated with `trafficked` and `new`
    (booleans), by district, then level (high first), then name."""
    rank = Case(
        *(When(current_level=level, then=Value(RANK[level])) for level in ON_LIST),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        op_met_children(as_of, district)
        .annotate(
            trafficked=Case(
                When(trafficked(), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            new=Case(
                When(first_assessed_on__gte=op_met_new_from(as_of), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            level_rank=rank,
        )
        .order_by("district", "-level_rank", "last_name", "first_name", "source_id")
    )


def trafficked() -> Q:
    """On the list for trafficking or modern slavery (by the current assessment's types)."""
    return Q(current_types__contains=ExploitationType.TRAFFICKING) | Q(
        current_types__contains=ExploitationType.MODERN_SLAVERY
    )


# --- One child's assessments, for the child's page ---------------------------------------


def assessments_of(child) -> list:
    """Oldest first, screenings included."""
    return sorted(
        Assessment.objects.filter(child=child), key=lambda a: (a.completed_on, a.source_id.encode())
    )


def timeline_entries(assessments: list) -> list[TimelineItem]:
    items = []
    for a in assessments:
        kind = "screening" if a.is_screening else "assessment"
        level = "" if a.is_screening else f": {a.get_risk_level_display()} risk"
        items.append(TimelineItem(kind, a.completed_on, f"{a.get_tool_display()}{level}"))
    return items


# --- Police grading (docs/police-grading.md) ----------------------------------------------


def current_full_assessment_of(child) -> Assessment | None:
    """The child's current assessment (the latest full one; screenings take no part)."""
    return _latest_first(Assessment.objects.filter(child=child, is_screening=False)).first()


def police_grading_candidates(children: QuerySet) -> QuerySet:
    """Children whose current assessment is high and who have not been sent to the police
    since it was completed: the co-ordinator's list to send."""
    sent_since = PoliceGrading.objects.filter(
        child=OuterRef("pk"), sent_on__gte=OuterRef("current_level_on")
    )
    return (
        with_current_level(children)
        .filter(current_level=Level.HIGH)
        .filter(~Exists(sent_since))
        .order_by("current_level_on", "last_name", "first_name")
    )


def police_gradings(children: QuerySet) -> QuerySet:
    """Every grading of these children, oldest sent first, with its child."""
    return (
        PoliceGrading.objects.filter(child__in=children)
        .select_related("child", "sent_by", "graded_by")
        .order_by("sent_on", "pk")
    )


def police_grading_by_id(user, grading_id) -> PoliceGrading:
    """A grading whose child the user may see; 404 otherwise (out of scope or absent)."""
    grading = police_gradings(child_list_visible_to(user)).filter(pk=grading_id).first()
    if grading is None:
        raise Http404("No such grading")
    return grading


# --- Op MET district meetings: what changed since the last meeting ------------------------


def op_met_rows(as_of: date, districts=None) -> dict:
    """The rule's answer as at a date, as {child_pk: row}; `districts` limits it (None: all)."""
    rows = {}
    for c in op_met_list(as_of):
        if districts is not None and c.district not in districts:
            continue
        rows[c.pk] = {
            "child": c.pk,
            "district": c.district,
            "level": c.current_level,
            "trafficked": c.trafficked,
            "new": c.new,
        }
    return rows


def snapshot_rows(snapshot, districts=None) -> dict:
    """A month-end snapshot's frozen rows, in the same shape as `op_met_rows`."""
    rows = snapshot.rows.all()
    if districts is not None:
        rows = rows.filter(district__in=list(districts))
    return {
        r.child_id: {
            "child": r.child_id,
            "district": r.district,
            "level": r.level,
            "trafficked": r.trafficked,
            "new": r.new,
        }
        for r in rows
    }


def op_met_changes(before: dict, now: dict) -> dict:
    """What changed between two answers of the rule: children who joined the list, who
    left it (a level set to none, turning 18, or moving out of the districts), and whose
    level went up or down. Each value is a list of child pks."""
    joined = [pk for pk in now if pk not in before]
    left = [pk for pk in before if pk not in now]
    up = [pk for pk in now if pk in before and RANK[now[pk]["level"]] > RANK[before[pk]["level"]]]
    down = [pk for pk in now if pk in before and RANK[now[pk]["level"]] < RANK[before[pk]["level"]]]
    return {"joined": joined, "left": left, "up": up, "down": down}


def last_snapshot_before(day: date):
    """The latest month-end snapshot taken for a month end on or before `day`, or None."""
    return OpMetSnapshot.objects.filter(month_end__lte=day).order_by("-month_end").first()
