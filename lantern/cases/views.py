"""Casework pages: deciding a referral (accepting opens a case), my cases, the team view,
a case with its allocation and closure, and the work with the child.

Views are thin: access through selectors, writes through services and flows."""

import functools
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.cases import selectors
from lantern.cases.flows import referral_accept
from lantern.cases.forms import (
    AllocateForm,
    ClosureDecisionForm,
    ClosureForm,
    CoverForm,
    DirectWorkForm,
    OnwardReferralForm,
    OutcomeKindForm,
    PlanForm,
)
from lantern.cases.models import Cover, DirectWork, OnwardReferral, OutcomeKind, Plan
from lantern.cases.selectors import case_workers
from lantern.cases.services import (
    ChangedSinceOpened,
    case_allocate,
    case_closure_approve,
    case_closure_request,
    case_closure_return,
    cover_end,
    cover_set,
    direct_work_record,
    direct_work_update,
    onward_referral_record,
    onward_referral_update,
    outcome_kind_add,
    outcome_kind_set_in_use,
    plan_record,
    plan_update,
)
from lantern.children.selectors import RestrictedRecord, access_child_by_id
from lantern.children.views import restricted_page
from lantern.referrals.forms import DecisionForm
from lantern.referrals.models import Decision
from lantern.referrals.selectors import access_referral_by_id, days_waiting
from lantern.referrals.services import (
    ReferralChangedSinceOpened,
    ReferralNotWaiting,
    referral_decide,
)

DECIDING_ROLES = (Role.COORDINATOR, Role.MANAGER)
CONFLICT = (
    "Someone else changed this record after you opened it. Check what they saved, then save "
    "again to keep yours."
)


def restricted_notice(view):
    """A restricted child's record opened by someone not allocated shows the restricted page
    with the break-glass form (as the child's page does), never a bare refusal."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RestrictedRecord as sealed:
            return restricted_page(request, sealed.child)

    return wrapper


def parse_version(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


@allow(DECIDING_ROLES)
def referral_decide_view(request, referral_id):
    """The weekly nominations decision (or any referral's): accept, decline or give advice,
    with the reason and date. Accepting opens a case and asks for the allocated worker."""
    referral = access_referral_by_id(request.user, referral_id)
    if referral.decision != Decision.PENDING:
        messages.info(request, "This referral has already been decided")
        return redirect("referrals:detail", referral_id=referral.pk)
    form = DecisionForm(
        request.POST or None,
        workers=case_workers(),
        received_on=referral.received_on,
        initial={"version": referral.updated_at.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = parse_version(data["version"])
        try:
            if data["decision"] == Decision.ACCEPTED:
                case = referral_accept(
                    referral=referral,
                    by=request.user,
                    decided_on=data["decided_on"],
                    reason=data["reason"],
                    worker=data["worker"],
                    opened_version=version,
                    request=request,
                )
                messages.success(request, "Referral accepted and a case opened")
                return redirect("cases:detail", case_id=case.pk)
            referral_decide(
                referral=referral,
                by=request.user,
                decision=data["decision"],
                decided_on=data["decided_on"],
                reason=data["reason"],
                opened_version=version,
                request=request,
            )
            messages.success(request, "Decision recorded")
            return redirect("referrals:detail", referral_id=referral.pk)
        except ReferralChangedSinceOpened as clash:
            referral = clash.current
            form.add_error(None, CONFLICT)
        except ReferralNotWaiting as refusal:
            form.add_error(None, str(refusal))
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="referral_decision_form",
        object_id=referral.pk,
        child=referral.child_id,
    )
    return render(
        request,
        "referrals/decide.html",
        {
            "form": form,
            "referral": referral,
            "days_waiting": days_waiting(referral, timezone.localdate()),
        },
    )


# --- Caseloads ----------------------------------------------------------------------------


@allow(SERVICE_ROLES)
def my_cases(request):
    """The worker's own open cases, longest without direct work first."""
    today = timezone.localdate()
    weeks = selectors.no_direct_work_weeks()
    cases = list(selectors.open_cases_of_worker(request.user, today))
    covers = selectors.covering_for(request.user, today)
    for c in cases:
        c.covered_for = c.allocated_to if c.allocated_to_id != request.user.pk else None
        c.quiet_weeks = (today - c.quiet_since).days // 7
        c.quiet_too_long = c.quiet_weeks >= weeks and (today - c.quiet_since).days > weeks * 7
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="my_cases",
        children=[c.child for c in cases],
    )
    return render(request, "cases/mine.html", {"cases": cases, "weeks": weeks, "covers": covers})


@allow(Role.MANAGER)
def team_view(request):
    """Caseload sizes by worker, open cases not allocated, and cases with no direct work
    for the configured number of weeks."""
    today = timezone.localdate()
    weeks = selectors.no_direct_work_weeks()
    workers = list(selectors.team_workers(request.user))
    open_cases = selectors.team_open_cases(request.user)
    unallocated = list(open_cases.filter(allocated_to__isnull=True))
    quiet = list(
        selectors.cases_without_direct_work(open_cases, today, weeks).order_by(
            "quiet_since", "source_id"
        )
    )
    for c in quiet:
        c.quiet_days = (today - c.quiet_since).days
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="team_cases",
        children=list({c.child_id: c.child for c in unallocated + quiet}.values()),
    )
    return render(
        request,
        "cases/team.html",
        {
            "workers": workers,
            "open_total": sum(w.open_cases for w in workers),
            "unallocated": unallocated,
            "quiet": quiet,
            "weeks": weeks,
        },
    )


@allow(Role.MANAGER)
def approvals(request):
    """Closures waiting for a manager's approval."""
    waiting = list(selectors.closures_waiting(request.user))
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="closures_waiting",
        children=list({c.case.child_id: c.case.child for c in waiting}.values()),
    )
    return render(request, "cases/approvals.html", {"closures": waiting})


# --- One case -------------------------------------------------------------------------------


def _case_page(
    request, case, *, allocate_form=None, closure_form=None, decision_form=None, status=200
):
    today = timezone.localdate()
    child = case.child
    onward = selectors.onward_referrals_of(child)
    for o in onward:
        o.wait_days = selectors.onward_wait_days(o, today)
        o.long_wait = selectors.onward_wait_is_long(o, today)
    plans = selectors.plans_of(child)
    for p in plans:
        p.overdue = selectors.plan_review_overdue(p, today)
    waiting = selectors.closure_waiting_of(case)
    user = request.user
    is_manager = user.role == Role.MANAGER
    holds_case = case.allocated_to_id == user.pk
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="case", object_id=case.pk, child=child
    )
    version = case.updated_at.isoformat()
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "child": child,
            "allocations": selectors.allocations_of(case),
            "closures": selectors.closures_of(case),
            "waiting": waiting,
            "direct_work": selectors.direct_work_of(child),
            "onward": onward,
            "plans": plans,
            "today": today,
            "long_wait_days": selectors.onward_long_wait_days(),
            "can_allocate": is_manager and case.closed_on is None,
            "can_close": case.closed_on is None and waiting is None and (is_manager or holds_case),
            "can_approve": is_manager and waiting is not None,
            "allocate_form": allocate_form
            or AllocateForm(
                workers=case_workers(), initial={"version": version, "worker": case.allocated_to_id}
            ),
            "decision_form": decision_form or ClosureDecisionForm(),
            "closure_form": closure_form,
            "form": allocate_form
            if allocate_form is not None and allocate_form.errors
            else decision_form,
        },
        status=status,
    )


@allow(SERVICE_ROLES)
@restricted_notice
def case_detail(request, case_id):
    case = selectors.access_case_by_id(request.user, case_id, session=request.session)
    return _case_page(request, case)


@allow(Role.MANAGER)
@require_POST
@restricted_notice
def case_allocate_view(request, case_id):
    """Allocate or reallocate: who and when are kept."""
    case = selectors.access_case_by_id(request.user, case_id, session=request.session)
    form = AllocateForm(request.POST, workers=case_workers())
    if form.is_valid():
        try:
            case_allocate(
                case=case,
                worker=form.cleaned_data["worker"],
                by=request.user,
                opened_version=parse_version(form.cleaned_data["version"]),
                request=request,
            )
        except ChangedSinceOpened as clash:
            case = selectors.access_case_by_id(
                request.user, clash.current.pk, session=request.session
            )
            form.add_error(None, CONFLICT)
        except ValueError as refusal:
            form.add_error("worker", str(refusal))
        else:
            messages.success(request, f"Case allocated to {form.cleaned_data['worker']}")
            return redirect("cases:detail", case_id=case.pk)
    return _case_page(request, case, allocate_form=form)


@allow(Role.PRACTITIONER, Role.MANAGER)
@restricted_notice
def case_close_view(request, case_id):
    """Ask to close the case: reason, outcomes, the child's and the family's feedback. The
    case closes only when a manager approves, on that day."""
    case = selectors.access_case_by_id(request.user, case_id, session=request.session)
    if request.user.role != Role.MANAGER and case.allocated_to_id != request.user.pk:
        raise PermissionDenied("Only the allocated worker or a manager asks to close a case")
    kinds = selectors.outcome_kinds_in_use()
    form = ClosureForm(
        request.POST or None,
        outcome_kinds=kinds,
        initial={"version": case.updated_at.isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_closure_request(
                case=case,
                by=request.user,
                reason=data["reason"],
                outcomes=data["outcomes"],
                child_rating=data["child_rating"],
                child_words=data["child_words"],
                family_rating=data["family_rating"],
                family_words=data["family_words"],
                opened_version=parse_version(data["version"]),
                request=request,
            )
        except ChangedSinceOpened as clash:
            case = selectors.access_case_by_id(
                request.user, clash.current.pk, session=request.session
            )
            form.add_error(None, CONFLICT)
        except ValueError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Closure sent to a manager for approval")
            return redirect("cases:detail", case_id=case.pk)
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="case_closure_form",
        object_id=case.pk,
        child=case.child_id,
    )
    return render(request, "cases/close.html", {"form": form, "case": case})


@allow(Role.MANAGER)
@require_POST
@restricted_notice
def closure_decide_view(request, case_id):
    case = selectors.access_case_by_id(request.user, case_id, session=request.session)
    waiting = selectors.closure_waiting_of(case)
    if waiting is None:
        messages.info(request, "No closure of this case is waiting for approval")
        return redirect("cases:detail", case_id=case.pk)
    form = ClosureDecisionForm(request.POST)
    if form.is_valid():
        today = timezone.localdate()
        try:
            if form.cleaned_data["decision"] == "approve":
                case_closure_approve(closure=waiting, by=request.user, on=today, request=request)
                messages.success(request, "Closure approved: the case closed today")
            else:
                case_closure_return(
                    closure=waiting,
                    by=request.user,
                    note=form.cleaned_data["note"],
                    on=today,
                    request=request,
                )
                messages.success(request, "Closure sent back to the worker")
        except ValueError as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("cases:detail", case_id=case.pk)
    return _case_page(request, case, decision_form=form)


# --- The work with the child ------------------------------------------------------------------

WORK = {
    "direct_work": (
        DirectWork,
        DirectWorkForm,
        direct_work_record,
        direct_work_update,
        "session",
        "direct work session",
    ),
    "onward": (
        OnwardReferral,
        OnwardReferralForm,
        onward_referral_record,
        onward_referral_update,
        "onward",
        "onward referral",
    ),
    "plan": (Plan, PlanForm, plan_record, plan_update, "plan", "plan"),
}


def _child_or_sealed(request, child_id):
    try:
        return access_child_by_id(request.user, child_id, session=request.session), None
    except RestrictedRecord as sealed:
        return None, restricted_page(request, sealed.child)


def _work_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k != "version"}


def _back(request, child):
    """Back to the case when the form was opened from it, else to the child's page."""
    case_id = request.POST.get("case") or request.GET.get("case")
    case = selectors.open_case_of(child, case_id)
    if case_id and case is not None:
        return redirect("cases:detail", case_id=case.pk)
    return redirect(f"/children/{child.pk}/#direct-work")


def _work_new(request, child_id, kind):
    model, form_class, record, _, _, label = WORK[kind]
    child, sealed = _child_or_sealed(request, child_id)
    if sealed is not None:
        return sealed
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = selectors.open_case_of(child, request.POST.get("case"))
        record(child=child, by=request.user, request=request, case=case, **_work_fields(form))
        messages.success(request, f"{label.capitalize()} recorded")
        return _back(request, child)
    audit_record(request=request, action=AuditAction.VIEW, object_type=f"{kind}_form", child=child)
    return render(
        request,
        "cases/work_form.html",
        {
            "form": form,
            "child": child,
            "label": label,
            "creating": True,
            "case_id": request.GET.get("case", request.POST.get("case", "")),
        },
    )


def _work_edit(request, record_id, kind):
    model, form_class, _, update, argname, label = WORK[kind]
    obj = model.objects.filter(pk=record_id).select_related("child").first()
    if obj is None:
        raise Http404("No such record")
    try:  # the child's rule: out of scope is absent; restricted shows the break-glass page
        access_child_by_id(request.user, obj.child_id, session=request.session)
    except Http404:
        raise Http404("No such record") from None
    mine = obj.created_by_id == request.user.pk
    if not mine and request.user.role not in (Role.COORDINATOR, Role.MANAGER):
        raise PermissionDenied("You can change only what you recorded")
    child = obj.child
    form = form_class(request.POST or None, initial=form_class.initial_from(obj))
    if request.method == "POST" and form.is_valid():
        try:
            changed = update(
                **{argname: obj},
                by=request.user,
                changes=_work_fields(form),
                opened_version=parse_version(form.cleaned_data["version"]),
                request=request,
            )
        except ChangedSinceOpened as clash:
            data = request.POST.copy()
            data["version"] = clash.current.updated_at.isoformat()
            form = form_class(data)
            form.is_valid()
            form.add_error(None, CONFLICT)
            obj = clash.current
        else:
            messages.success(request, "Changes saved" if changed else "No changes to save")
            return _back(request, child)
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type=f"{kind}_form",
        object_id=obj.pk,
        child=child,
    )
    return render(
        request,
        "cases/work_form.html",
        {
            "form": form,
            "child": child,
            "label": label,
            "creating": False,
            "record": obj,
            "case_id": request.GET.get("case", request.POST.get("case", "")),
        },
    )


@allow(SERVICE_ROLES)
def direct_work_new(request, child_id):
    return _work_new(request, child_id, "direct_work")


@allow(SERVICE_ROLES)
@restricted_notice
def direct_work_edit(request, record_id):
    return _work_edit(request, record_id, "direct_work")


@allow(SERVICE_ROLES)
def onward_new(request, child_id):
    return _work_new(request, child_id, "onward")


@allow(SERVICE_ROLES)
@restricted_notice
def onward_edit(request, record_id):
    return _work_edit(request, record_id, "onward")


@allow(SERVICE_ROLES)
def plan_new(request, child_id):
    return _work_new(request, child_id, "plan")


@allow(SERVICE_ROLES)
@restricted_notice
def plan_edit(request, record_id):
    return _work_edit(request, record_id, "plan")


# --- The outcomes list (administrators) -------------------------------------------------------


@allow(Role.ADMIN)
def outcome_kinds(request):
    """The outcomes a closure may record: add one, take one off the list or put it back."""
    form = OutcomeKindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kind = outcome_kind_add(by=request.user, request=request, **form.cleaned_data)
        except ValueError as refusal:
            form.add_error("label", str(refusal))
        else:
            messages.success(request, f"{kind.label} added to the outcomes")
            return redirect("cases:outcome_kinds")
    kinds = list(OutcomeKind.objects.all())
    return render(request, "cases/outcome_kinds.html", {"form": form, "kinds": kinds})


@allow(Role.ADMIN)
@require_POST
def outcome_kind_toggle(request, kind_id):
    kind = OutcomeKind.objects.filter(pk=kind_id).first()
    if kind is None:
        raise Http404("No such outcome")
    outcome_kind_set_in_use(kind=kind, by=request.user, in_use=not kind.in_use, request=request)
    messages.success(
        request, f"{kind.label} {'put back on' if kind.in_use else 'taken off'} the list"
    )
    return redirect("cases:outcome_kinds")


@allow(Role.MANAGER)
def cover_list(request):
    """Absence cover: every cover, those in force marked; set a new one."""
    workers = case_workers()
    form = CoverForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cover_set(
            absent=data["absent"],
            covering=data["covering"],
            from_on=data["from_on"],
            to_on=data["to_on"],
            reason=data["reason"],
            by=request.user,
            request=request,
        )
        messages.success(request, f"{data['covering']} covers for {data['absent']}.")
        return redirect("cases:cover")
    today = timezone.localdate()
    covers = list(selectors.covers_listed())
    for cover in covers:
        cover.in_force = cover.ended_at is None and cover.from_on <= today <= cover.to_on
    return render(
        request,
        "cases/cover.html",
        {"form": form, "covers": covers},
        status=400 if request.method == "POST" else 200,
    )


@allow(Role.MANAGER)
@require_POST
def cover_end_view(request, cover_id):
    cover = Cover.objects.filter(pk=cover_id).first()
    if cover is None:
        raise Http404("No such cover")
    cover_end(cover=cover, by=request.user, request=request)
    messages.success(request, "The cover was ended.")
    return redirect("cases:cover")
