"""Referral pages: the intake queue, recording a referral, a partner's form and their own
list, one referral, reopening. Deciding (which may open a case) is a cases page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import child_list_visible_to
from lantern.referrals.flows import partner_referral_submit
from lantern.referrals.forms import PartnerReferralForm, ReferralForm, ReopenForm
from lantern.referrals.models import Decision, Route
from lantern.referrals.selectors import (
    RECENTLY_DECIDED,
    access_referral_by_id,
    days_waiting,
    decisions_of,
    intake_queue,
    referrals_recently_decided,
    referrals_submitted_by,
)
from lantern.referrals.services import ReferralNotWaiting, referral_create, referral_reopen

DECIDING_ROLES = (Role.COORDINATOR, Role.MANAGER)


@allow(SERVICE_ROLES)
def referral_queue(request):
    """New referrals and nominations waiting for a decision, oldest first; this week's
    nominations apart (they are decided at the weekly meeting)."""
    today = timezone.localdate()
    waiting = list(intake_queue(request.user))
    for r in waiting:
        r.days_waiting = days_waiting(r, today)
    decided = list(referrals_recently_decided(request.user)[:RECENTLY_DECIDED])
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="referral_queue",
        children=list({r.child_id: r.child for r in waiting + decided}.values()),
    )
    return render(
        request,
        "referrals/queue.html",
        {
            "nominations": [r for r in waiting if r.route == Route.NOMINATION],
            "others": [r for r in waiting if r.route != Route.NOMINATION],
            "waiting_total": len(waiting),
            "decided": decided,
            "can_decide": request.user.role in DECIDING_ROLES,
        },
    )


@allow(SERVICE_ROLES)
def referral_new(request):
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        child = (
            child_list_visible_to(request.user)
            .filter(source_id__iexact=form.cleaned_data["child_reference"].strip())
            .first()
        )
        if child is None:
            form.add_error(
                "child_reference",
                "No child you can open has this reference: check it on the child's page",
            )
        else:
            referral = referral_create(
                child=child,
                by=request.user,
                received_on=form.cleaned_data["received_on"],
                route=form.cleaned_data["route"],
                source=form.cleaned_data["source"],
                concern=form.cleaned_data["concern"],
                request=request,
            )
            messages.success(request, f"Referral {referral.source_id} added to the queue")
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, "referrals/form.html", {"form": form})


@allow(Role.PARTNER)
def referral_submit(request):
    """A partner's short form."""
    initial = {"district": request.user.district}
    form = PartnerReferralForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        referral = partner_referral_submit(by=request.user, request=request, **form.cleaned_data)
        messages.success(
            request, f"Referral sent. Its reference is {referral.source_id}. The team will decide."
        )
        return redirect("referrals:mine")
    return render(request, "referrals/submit.html", {"form": form})


@allow(Role.PARTNER)
def referrals_mine(request):
    """A partner's own submissions, and nothing else."""
    mine = list(referrals_submitted_by(request.user))
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="referrals_submitted",
        children=list({r.child_id: r.child for r in mine}.values()),
    )
    return render(request, "referrals/mine.html", {"referrals": mine})


@allow(SERVICE_ROLES | {Role.PARTNER})
def referral_detail(request, referral_id):
    referral = access_referral_by_id(request.user, referral_id)
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="referral",
        object_id=referral.pk,
        child=referral.child_id,
    )
    is_partner = request.user.role == Role.PARTNER
    can_decide = request.user.role in DECIDING_ROLES
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "decisions": [] if is_partner else decisions_of(referral),
            "is_partner": is_partner,
            "can_decide": can_decide and referral.decision == Decision.PENDING,
            "can_reopen": can_decide and referral.decision in (Decision.DECLINED, Decision.ADVICE),
            "reopen_form": ReopenForm(),
            "days_waiting": days_waiting(referral, timezone.localdate()),
        },
    )


@allow(DECIDING_ROLES)
@require_POST
def referral_reopen_view(request, referral_id):
    referral = access_referral_by_id(request.user, referral_id)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            referral_reopen(
                referral=referral,
                by=request.user,
                reason=form.cleaned_data["reason"],
                on=timezone.localdate(),
                request=request,
            )
        except ReferralNotWaiting as refusal:
            form.add_error("reason", str(refusal))
        else:
            messages.success(request, "Referral reopened: it is back in the queue")
            return redirect("referrals:detail", referral_id=referral.pk)
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="referral",
        object_id=referral.pk,
        child=referral.child_id,
    )
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "decisions": decisions_of(referral),
            "can_reopen": True,
            "reopen_form": form,
            "form": form,
            "days_waiting": days_waiting(referral, timezone.localdate()),
        },
    )
