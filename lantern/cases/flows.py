"""Workflows of several steps in casework (each step is a service; the whole is atomic)."""

from datetime import date

from django.db import transaction

from lantern.cases.services import case_allocate, case_open
from lantern.referrals.models import Decision, Referral
from lantern.referrals.services import referral_decide


@transaction.atomic
def referral_accept(
    *,
    referral: Referral,
    by,
    decided_on: date,
    reason: str,
    worker=None,
    opened_version=None,
    request=None,
):
    """Accept a referral: open a case for the child from the decision date, allocate it if a
    worker is named, and record the decision with the case it opened. Returns the case."""
    case = case_open(
        child=referral.child,
        by=by,
        opened_on=decided_on,
        route=referral.route,
        source=referral.source,
        request=request,
    )
    referral_decide(
        referral=referral,
        by=by,
        decision=Decision.ACCEPTED,
        decided_on=decided_on,
        reason=reason,
        case=case,
        opened_version=opened_version,
        request=request,
    )
    if worker is not None:
        case_allocate(case=case, worker=worker, by=by, request=request)
    return case
