"""Reads of the team's casework: cases, direct work, onward referrals, outcomes."""

from datetime import date

from django.db.models import QuerySet

from lantern.cases.models import Case, CaseOutcome, DirectWork, OnwardReferral
from lantern.core.queries import in_district
from lantern.core.timeline import TimelineItem, words


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


# --- One child's casework, for the child's page --------------------------------------------


def cases_of(child) -> list:
    return list(Case.objects.filter(child=child).select_related("allocated_to"))


def direct_work_of(child) -> list:
    return list(DirectWork.objects.filter(child=child))


def onward_referrals_of(child) -> list:
    return list(OnwardReferral.objects.filter(child=child))


def outcomes_of(child) -> list:
    return list(CaseOutcome.objects.filter(child=child))


def timeline_entries(
    cases: list, direct_work: list, onward_referrals: list, outcomes: list, *, with_notes: bool
) -> list[TimelineItem]:
    """Partners get no case notes (with_notes=False)."""
    items = []
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
