"""Reads of National Referral Mechanism referrals, and what counts as pending."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import holidays
from django.db.models import F, Q, QuerySet

from lantern.core.queries import in_district
from lantern.core.timeline import TimelineItem
from lantern.nrm.models import NrmDecision, NrmReferral, UascRecord


def nrm_referrals_in_period(
    date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """NRM referrals made in the period (their decisions as recorded, whatever their date)."""
    return in_district(
        NrmReferral.objects.filter(referred_on__gte=date_from, referred_on__lte=date_to),
        district,
    )


def nrm_pending() -> Q:
    """No reasonable grounds decision yet, or a positive one still awaiting conclusive grounds.
    A withdrawn referral is not pending."""
    undecided = ("", NrmDecision.PENDING)
    return Q(rg_decision__in=undecided) | Q(
        rg_decision=NrmDecision.POSITIVE, cg_decision__in=undecided
    )


def nrm_referrals_of(child) -> list:
    return list(NrmReferral.objects.filter(child=child))


def timeline_entries(referrals: list) -> list[TimelineItem]:
    return [
        TimelineItem("nrm", n.referred_on, "NRM referral", n.get_rg_decision_display())
        for n in referrals
    ]


# --- The decision clocks ------------------------------------------------------------------

# The reasonable grounds decision is due within 5 working days of the referral: weekends and
# England's bank holidays (the `holidays` package, offline) are not working days.
REASONABLE_GROUNDS_WORKING_DAYS = 5
# The conclusive grounds decision comes at least 30 days after the reasonable grounds one.
CONCLUSIVE_GROUNDS_AT_LEAST = timedelta(days=30)


@cache
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a bank holiday in England."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The day `days` working days after `start` (start itself does not count)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def reasonable_grounds_due_on(referred_on: date) -> date:
    """The fifth working day after the referral (a Monday referral is due the next Monday)."""
    return add_working_days(referred_on, REASONABLE_GROUNDS_WORKING_DAYS)


def conclusive_grounds_not_before(rg_on: date) -> date:
    """The earliest day a conclusive grounds decision may come: 30 days after reasonable grounds."""
    return rg_on + CONCLUSIVE_GROUNDS_AT_LEAST


@dataclass
class NrmClock:
    """One referral awaiting a decision, with its clock on `as_of`."""

    referral: NrmReferral
    waiting_for: str  # "reasonable_grounds" or "conclusive_grounds"
    due_on: date | None  # reasonable grounds: the target day
    not_before: date | None  # conclusive grounds: the earliest day
    overdue: bool

    @property
    def waiting_label(self) -> str:
        return (
            "Reasonable grounds"
            if self.waiting_for == "reasonable_grounds"
            else "Conclusive grounds"
        )


def nrm_clocks(referrals, as_of: date) -> list[NrmClock]:
    """Pending referrals (the `nrm_pending` rule), overdue first, then the oldest referral.
    A reasonable grounds decision is overdue once the fifth working day has passed."""
    clocks = []
    for n in referrals:
        if n.rg_decision in ("", NrmDecision.PENDING):
            due = reasonable_grounds_due_on(n.referred_on)
            clocks.append(NrmClock(n, "reasonable_grounds", due, None, as_of > due))
        elif n.rg_decision == NrmDecision.POSITIVE and n.cg_decision in ("", NrmDecision.PENDING):
            earliest = conclusive_grounds_not_before(n.rg_on) if n.rg_on else None
            clocks.append(NrmClock(n, "conclusive_grounds", None, earliest, False))
    return sorted(
        clocks, key=lambda c: (not c.overdue, c.referral.referred_on, c.referral.source_id)
    )


def nrm_pending_for(children: QuerySet) -> QuerySet:
    """Pending referrals of these children (the user's visible children), with the child."""
    return NrmReferral.objects.filter(nrm_pending(), child__in=children).select_related("child")


# --- Unaccompanied asylum seeking children ----------------------------------------------------


@dataclass
class UascList:
    """The UASC the user may see, split into this authority's own children and those
    presenting from elsewhere (placed here by, or arriving from, another authority)."""

    own: list
    elsewhere: list

    @property
    def total(self) -> int:
        return len(self.own) + len(self.elsewhere)


def uasc_children(children: QuerySet) -> QuerySet:
    """Children flagged UASC, or with a UASC record, with the record in the same query;
    the latest arrival first."""
    return (
        children.filter(Q(uasc=True) | Q(uasc_record__isnull=False))
        .select_related("uasc_record")
        .order_by(F("uasc_arrived_on").desc(nulls_last=True), "source_id")
    )


def _record_of(child):
    try:
        return child.uasc_record
    except UascRecord.DoesNotExist:
        return None


def uasc_list(children: QuerySet) -> UascList:
    """A child presents from elsewhere when its UASC record says so; a child with no record
    yet counts as this authority's own."""
    own, elsewhere = [], []
    for child in uasc_children(children):
        record = _record_of(child)
        child.uasc_entry = record
        (elsewhere if record is not None and record.from_elsewhere else own).append(child)
    return UascList(own, elsewhere)


def uasc_record_of(child) -> UascRecord | None:
    return UascRecord.objects.filter(child=child).first()
