"""Reads of risk assessments, and the risk rules of domain.md written once.

The current level: the child's latest full assessment (screenings set no level), latest by
completion date, then by `assessment_id` compared as text byte by byte (`COLLATE "C"` on
PostgreSQL whatever the cluster's locale). The database version (`with_current_level`) and
the Python version for a child's own page (`current_assessment`) follow the same order.
"""

from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
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
from lantern.children.selectors import under_18_born_after
from lantern.core.fields import ListField
from lantern.core.queries import byte_order, in_district
from lantern.core.timeline import TimelineItem
from lantern.core.ukdate import add_months
from lantern.risk.models import Assessment, ExploitationType, Level, Reason

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


def review_due_on(assessment) -> date | None:
    """Due 3 months after the current assessment; none when it set the level to none
    (the child is off the list)."""
    if assessment is None or assessment.risk_level == Level.NONE:
        return None
    return add_months(assessment.completed_on, REVIEW_EVERY_MONTHS)


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
