"""Reads of referrals and nominations."""

from datetime import date

from django.db.models import QuerySet

from lantern.core.queries import in_district
from lantern.core.timeline import TimelineItem
from lantern.referrals.models import Referral, Route


def nominations_in_period(date_from: date, date_to: date, district: str | None = None) -> QuerySet:
    """Nominations received in the period."""
    return in_district(
        Referral.objects.filter(
            route=Route.NOMINATION, received_on__gte=date_from, received_on__lte=date_to
        ),
        district,
    )


def referrals_of(child) -> list:
    return list(Referral.objects.filter(child=child))


def timeline_entries(referrals: list) -> list[TimelineItem]:
    return [
        TimelineItem(
            "referral",
            r.received_on,
            f"Referral by {r.get_route_display()}",
            f"Decision: {r.get_decision_display()}",
        )
        for r in referrals
    ]
