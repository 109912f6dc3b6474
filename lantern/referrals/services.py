"""Writes to referrals. Each is atomic and writes its audit row in the same transaction."""

from datetime import date, datetime

from django.db import transaction

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.core.models import lantern_reference
from lantern.referrals.models import Decision, Referral, ReferralDecision, Route, Source

DECISIONS = (Decision.ACCEPTED, Decision.DECLINED, Decision.ADVICE)


class ReferralChangedSinceOpened(Exception):
    """Someone else saved the referral after this person opened the form."""

    def __init__(self, current: Referral):
        super().__init__("The referral changed since the form was opened.")
        self.current = current


class ReferralNotWaiting(ValueError):
    """Only a pending referral can be decided; only a decided one can be reopened."""


def _audit(request, by, action, referral, fields):
    audit_record(
        request=request,
        user=by,
        action=action,
        object_type="referral",
        object_id=referral.pk,
        child=referral.child_id,
        detail={"fields": sorted(fields)},
    )


@transaction.atomic
def referral_create(
    *,
    child,
    by,
    received_on: date,
    route: str,
    source: str = "",
    concern: str = "",
    submitted_by_partner: bool = False,
    request=None,
) -> Referral:
    """Record a referral or nomination in the intake queue (decision pending)."""
    if route not in Route.values or (source and source not in Source.values):
        raise ValueError("Not a route or source of the dataset")
    referral = Referral.objects.create(
        source_id=lantern_reference("REF"),
        child=child,
        received_on=received_on,
        route=route,
        source=source,
        concern=concern.strip(),
        submitted_by_partner=submitted_by_partner,
        created_by=by,
        modified_by=by,
    )
    _audit(request, by, AuditAction.CREATE, referral, ["received_on", "route", "source"])
    return referral


def _locked(referral: Referral, opened_version: datetime | None) -> Referral:
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if opened_version is not None and current.updated_at != opened_version:
        raise ReferralChangedSinceOpened(current)
    return current


@transaction.atomic
def referral_decide(
    *,
    referral: Referral,
    by,
    decision: str,
    decided_on: date,
    reason: str,
    case=None,
    opened_version: datetime | None = None,
    request=None,
) -> Referral:
    """Accept, decline or give advice, with the reason and date; the days from receipt to
    decision are kept. An accepted referral names the case it opened (cases.flows)."""
    if decision not in DECISIONS:
        raise ValueError("A decision is accepted, declined or advice given")
    current = _locked(referral, opened_version)
    if current.decision != Decision.PENDING:
        raise ReferralNotWaiting("This referral has already been decided.")
    if decided_on < current.received_on:
        raise ValueError("The decision cannot come before the referral was received")
    current.decision = decision
    current.decided_on = decided_on
    current.decision_reason = reason.strip()
    current.decided_by = by
    current.days_to_decision = (decided_on - current.received_on).days
    if case is not None:
        current.case = case
    current.modified_by = by
    current.save()
    ReferralDecision.objects.create(
        referral=current,
        decision=decision,
        decided_on=decided_on,
        days_to_decision=current.days_to_decision,
        reason=current.decision_reason,
        decided_by=by,
    )
    _audit(
        request,
        by,
        AuditAction.UPDATE,
        current,
        ["decision", "decided_on", "decision_reason"] + (["case"] if case is not None else []),
    )
    referral.refresh_from_db()
    return current


@transaction.atomic
def referral_reopen(*, referral: Referral, by, reason: str, on: date, request=None) -> Referral:
    """Put a declined or advice-given referral back in the queue, with the reason. An
    accepted referral opened a case, which is closed through its own approval instead."""
    reason = reason.strip()
    if not reason:
        raise ValueError("A reason is needed to reopen a referral")
    current = _locked(referral, None)
    if current.decision == Decision.PENDING:
        raise ReferralNotWaiting("This referral is still waiting for a decision.")
    if current.decision == Decision.ACCEPTED:
        raise ReferralNotWaiting("This referral opened a case: close the case instead.")
    current.decision = Decision.PENDING
    current.decided_on = None
    current.decided_by = None
    current.days_to_decision = None
    current.decision_reason = ""
    current.reopened_on = on
    current.reopened_reason = reason
    current.modified_by = by
    current.save()
    last = current.decisions.order_by("-at", "-pk").first()
    if last is not None:
        last.reopened_on, last.reopened_reason, last.reopened_by = on, reason, by
        last.save(update_fields=["reopened_on", "reopened_reason", "reopened_by"])
    _audit(request, by, AuditAction.UPDATE, current, ["decision", "reopened_reason"])
    referral.refresh_from_db()
    return current
