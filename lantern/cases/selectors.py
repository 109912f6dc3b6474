"""Reads of the team's casework: cases, direct work, onward referrals, outcomes."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, DateField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.cases.models import (
    Case,
    CaseClosure,
    CaseOutcome,
    ClosureStatus,
    Cover,
    DirectWork,
    OnwardReferral,
    OutcomeKind,
    Plan,
)
from lantern.children.selectors import access_child_by_id, child_list_visible_to
from lantern.core.queries import in_district
from lantern.core.timeline import TimelineItem, words
from lantern.core.ukdate import uk_date


def no_direct_work_weeks() -> int:
    """Open cases with no direct work for this many weeks are flagged (a setting)."""
    return settings.NO_DIRECT_WORK_WEEKS


def onward_long_wait_days() -> int:
    return settings.ONWARD_LONG_WAIT_DAYS


def cases_visible_to(user) -> QuerySet:
    """Cases of the children the user may open."""
    return Case.objects.filter(child__in=child_list_visible_to(user))


def access_case_by_id(user, case_id, *, session=None) -> Case:
    """The case if the user may open its child; Http404 otherwise (the same answer).

    The child's rule holds (`access_child_by_id`): a restricted child's case opened by
    someone not allocated raises `RestrictedRecord`, unless the glass was broken for the
    child in this session."""
    try:
        key = uuid.UUID(str(case_id))
    except ValueError:
        raise Http404("No such case") from None
    case = Case.objects.select_related("child", "allocated_to").filter(pk=key).first()
    if case is None:
        raise Http404("No such case")
    try:
        access_child_by_id(user, case.child_id, session=session)
    except Http404:
        raise Http404("No such case") from None
    return case


def with_last_direct_work(cases: QuerySet) -> QuerySet:
    """Cases annotated with `last_direct_work_on`: the child's latest session since the case
    opened (sessions need not name the case), and `quiet_since`: that, else the opening."""
    latest = (
        DirectWork.objects.filter(child=OuterRef("child"), held_on__gte=OuterRef("opened_on"))
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    return cases.annotate(last_direct_work_on=Subquery(latest, output_field=DateField())).annotate(
        quiet_since=Coalesce("last_direct_work_on", "opened_on")
    )


def covers_in_force(today: date) -> QuerySet:
    """Absence covers in force on the day: from and to dates inclusive, not ended early."""
    return Cover.objects.filter(ended_at__isnull=True, from_on__lte=today, to_on__gte=today)


def covering_for(user, today: date) -> list:
    """The covers in force in which the user covers for an absent colleague."""
    return list(covers_in_force(today).filter(covering=user).select_related("absent"))


def covers_listed() -> QuerySet:
    """Every cover, newest first, with who is absent, covering, set and ended it."""
    return Cover.objects.select_related("absent", "covering", "set_by", "ended_by")


def open_cases_of_worker(user, today: date | None = None) -> QuerySet:
    """A worker's own open cases (/cases/mine/), longest without direct work first, with the
    open cases of colleagues they cover for today (`covered_for_id` names the absent one)."""
    today = today or timezone.localdate()
    absent = covers_in_force(today).filter(covering=user).values("absent")
    held = Q(allocated_to=user) | Q(allocated_to__in=absent)
    return (
        with_last_direct_work(cases_visible_to(user).filter(held, closed_on__isnull=True))
        .select_related("child", "allocated_to")
        .order_by("quiet_since", "opened_on", "source_id")
    )


def cases_without_direct_work(cases: QuerySet, today: date, weeks: int | None = None) -> QuerySet:
    """Open cases whose last direct work (or, with none, the opening) is more than `weeks`
    weeks before today."""
    weeks = no_direct_work_weeks() if weeks is None else weeks
    cutoff = today - timedelta(weeks=weeks)
    return with_last_direct_work(cases.filter(closed_on__isnull=True)).filter(
        quiet_since__lt=cutoff
    )


def team_workers(manager) -> QuerySet:
    """The manager's team (everyone who can hold a case, if the manager has no team), each
    with `open_cases`: the size of their caseload."""
    people = get_user_model().objects.filter(
        is_active=True, role__in=(Role.PRACTITIONER, Role.MANAGER)
    )
    if manager.team_id:
        people = people.filter(team_id=manager.team_id)
    return people.annotate(
        open_cases=Count("cases", filter=Q(cases__closed_on__isnull=True))
    ).order_by("-open_cases", "last_name", "first_name", "username")


def team_open_cases(manager) -> QuerySet:
    """Open cases held by the manager's team, or not allocated at all."""
    cases = cases_visible_to(manager).filter(closed_on__isnull=True)
    if manager.team_id:
        cases = cases.filter(
            Q(allocated_to__team_id=manager.team_id) | Q(allocated_to__isnull=True)
        )
    return cases.select_related("child", "allocated_to")


def case_workers() -> QuerySet:
    """Whom a case can be allocated to."""
    return (
        get_user_model()
        .objects.filter(is_active=True, role__in=(Role.PRACTITIONER, Role.MANAGER))
        .order_by("last_name", "first_name", "username")
    )


def closures_waiting(user) -> QuerySet:
    """Closures waiting for a manager's approval, oldest first."""
    return (
        CaseClosure.objects.filter(
            status=ClosureStatus.WAITING, case__child__in=child_list_visible_to(user)
        )
        .select_related("case", "case__child", "requested_by")
        .order_by("requested_at", "pk")
    )


def workers_of_children(child_ids) -> dict:
    """Who holds each child (open cases: the account, else the recorded name), one query."""
    cases: dict = {}
    for case in Case.objects.filter(
        child__in=list(child_ids), closed_on__isnull=True
    ).select_related("allocated_to"):
        cases.setdefault(case.child_id, []).append(case)
    return {child_id: allocated_worker(found) for child_id, found in cases.items()}


def open_case_of(child, case_id=None):
    """The child's open case a record belongs to: the one named, else the first open one."""
    cases = Case.objects.filter(child=child, closed_on__isnull=True).order_by("-opened_on")
    if case_id:
        try:
            named = cases.filter(pk=uuid.UUID(str(case_id))).first()
        except ValueError:
            named = None
        if named is not None:
            return named
    return cases.first()


def closure_waiting_of(case: Case):
    return case.closures.filter(status=ClosureStatus.WAITING).first()


def closures_of(case: Case) -> list:
    return list(
        case.closures.select_related("requested_by", "decided_by").prefetch_related("outcomes")
    )


def allocations_of(case: Case) -> list:
    return list(case.allocations.select_related("worker", "by"))


def outcome_kinds_in_use() -> QuerySet:
    return OutcomeKind.objects.filter(in_use=True)


def onward_wait_days(onward: OnwardReferral, today: date) -> int:
    """Days from the need being seen to the service first meeting the child (to today while
    it has not)."""
    return ((onward.first_contact_on or today) - onward.need_identified_on).days


def onward_wait_is_long(onward: OnwardReferral, today: date) -> bool:
    return onward_wait_days(onward, today) > onward_long_wait_days()


def plan_review_overdue(plan: Plan, today: date) -> bool:
    return plan.ended_on is None and plan.review_on < today


def cases_opened_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    return in_district(
        Case.objects.filter(opened_on__gte=date_from, opened_on__lte=date_to), district
    )


def cases_closed_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    return in_district(
        Case.objects.filter(closed_on__gte=date_from, closed_on__lte=date_to), district
    )


def allocated_worker(cases: list) -> str:
    """Who holds the child: the first open case's account, else its recorded worker's name."""
    for case in cases:
        if case.closed_on is not None:
            continue
        if case.allocated_to is not None:
            return str(case.allocated_to)
        if case.worker:
            return case.worker
    return ""


def allocated_account(cases: list):
    """The account of the worker who holds the child by `allocated_worker`'s rule, or None
    when that worker is only a recorded name (or nobody holds the child)."""
    for case in cases:
        if case.closed_on is not None:
            continue
        if case.allocated_to is not None:
            return case.allocated_to
        if case.worker:
            return None
    return None


# --- One child's casework, for the child's page --------------------------------------------


def cases_of(child) -> list:
    return list(Case.objects.filter(child=child).select_related("allocated_to"))


def direct_work_of(child) -> list:
    return list(DirectWork.objects.filter(child=child).select_related("created_by"))


def onward_referrals_of(child) -> list:
    return list(OnwardReferral.objects.filter(child=child).select_related("created_by"))


def plans_of(child) -> list:
    return list(Plan.objects.filter(child=child).select_related("created_by"))


def outcomes_of(child) -> list:
    return list(CaseOutcome.objects.filter(child=child))


def timeline_entries(
    cases: list,
    direct_work: list,
    onward_referrals: list,
    outcomes: list,
    plans: list = (),
    *,
    with_notes: bool,
) -> list[TimelineItem]:
    """Partners get no case notes (with_notes=False): for a plan, its kind and dates only."""
    items = []
    for p in plans:
        label = p.get_kind_display()
        detail = f"Review by {uk_date(p.review_on)}"
        if with_notes and p.owner:
            detail = f"Owner: {p.owner}. {detail}"
        items.append(TimelineItem("plan", p.made_on, f"{label} made", detail))
        if p.ended_on:
            items.append(TimelineItem("plan", p.ended_on, f"{label} ended"))
    for c in cases:
        worker = c.allocated_to or c.worker or "not allocated"
        items.append(TimelineItem("case", c.opened_on, "Case opened", f"Worker: {worker}"))
        if c.closed_on:
            notes = c.closure_reason if with_notes else ""
            items.append(TimelineItem("case", c.closed_on, "Case closed", notes))
    for d in direct_work:
        items.append(
            TimelineItem(
                "direct_work", d.held_on, f"Direct work with {words(d.with_whom) or 'the child'}"
            )
        )
    for o in onward_referrals:
        items.append(
            TimelineItem(
                "onward_referral", o.need_identified_on, f"Onward referral: {words(o.service)}"
            )
        )
    for o in outcomes:
        items.append(TimelineItem("outcome", o.recorded_on, f"Outcome: {words(o.kind)}"))
    return items
