"""Reads of referrals and nominations."""

import uuid
from datetime import date

from django.db.models import QuerySet
from django.http import Http404

from lantern.accounts.models import Role
from lantern.children.selectors import child_list_visible_to
from lantern.core.queries import in_district
from lantern.core.timeline import TimelineItem
from lantern.referrals.models import Decision, Referral, Route

RECENTLY_DECIDED = 25  # decided referrals shown under the queue


def referrals_visible_to(user) -> QuerySet:
    """Referrals of the children the user may open; a partner sees only their own
    submissions (not the child's other referrals, nor what the team has since recorded)."""
    if getattr(user, "role", None) == Role.PARTNER:
        return Referral.objects.filter(created_by=user, submitted_by_partner=True)
    return Referral.objects.filter(child__in=child_list_visible_to(user))


def intake_queue(user) -> QuerySet:
    """Referrals and nominations waiting for a decision, oldest first."""
    return (
        referrals_visible_to(user)
        .filter(decision=Decision.PENDING)
        .select_related("child")
        .order_by("received_on", "source_id")
    )


def referrals_recently_decided(user) -> QuerySet:
    return (
        referrals_visible_to(user)
        .exclude(decision=Decision.PENDING)
        .select_related("child", "decided_by")
        .order_by("-decided_on", "-received_on", "source_id")
    )


def referrals_submitted_by(user) -> QuerySet:
    """What a partner has sent in, newest first."""
    return (
        Referral.objects.filter(created_by=user, submitted_by_partner=True)
        .select_related("child")
        .order_by("-received_on", "-created_at")
    )


def access_referral_by_id(user, referral_id) -> Referral:
    """The referral if the user may see it; Http404 if absent or out of scope (the same)."""
    try:
        key = uuid.UUID(str(referral_id))
    except ValueError:
        raise Http404("No such referral") from None
    referral = (
        referrals_visible_to(user).select_related("child", "case", "decided_by").filter(pk=key)
    ).first()
    if referral is None:
        raise Http404("No such referral")
    return referral


def days_waiting(referral: Referral, today: date) -> int:
    """Days since the referral was received (for the queue)."""
    return (today - referral.received_on).days


def decisions_of(referral: Referral) -> list:
    return list(referral.decisions.select_related("decided_by", "reopened_by"))


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
