"""Reads of National Referral Mechanism referrals, and what counts as pending."""

from datetime import date

from django.db.models import Q, QuerySet

from lantern.core.queries import in_district
from lantern.core.timeline import TimelineItem
from lantern.nrm.models import NrmDecision, NrmReferral


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
