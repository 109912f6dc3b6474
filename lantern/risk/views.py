"""Risk pages: the assessment form (from a tool version), an assessment with a manager's
decision on an override, overrides waiting, and the admin's tool editor."""

import json
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import CASE_ROLES, SERVICE_ROLES, allow
from lantern.accounts.models import Agency, Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import RestrictedRecord, access_child_by_id, child_list_visible_to
from lantern.children.views import restricted_page
from lantern.core.ukdate import add_months
from lantern.risk import selectors, services
from lantern.risk.forms import (
    AssessmentForm,
    LevelDecisionForm,
    PoliceAllocateForm,
    PoliceGradeForm,
    PoliceGradingSendForm,
    ToolForm,
)
from lantern.risk.models import Approval, RiskTool
from lantern.risk.services import (
    AssessmentChangedSinceOpened,
    assessment_level_decide,
    assessment_record,
    risk_tool_change,
)

CONFLICT = (
    "Someone else changed this assessment after you opened it. Check what they saved, then "
    "decide again."
)


def _version(text: str):
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _child(request, child_id):
    try:
        return access_child_by_id(request.user, child_id, session=request.session), None
    except RestrictedRecord as sealed:
        return None, restricted_page(request, sealed.child)


@allow(SERVICE_ROLES)
def assessment_choose(request, child_id):
    """Which tool to assess with (each tool's current version)."""
    child, sealed = _child(request, child_id)
    if sealed is not None:
        return sealed
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="assessment_tools", child=child
    )
    return render(
        request, "risk/choose.html", {"child": child, "tools": list(selectors.tools_in_use())}
    )


@allow(SERVICE_ROLES)
def assessment_new(request, child_id, code):
    """The form: indicators with their recency, the score as you go ("Work out the score"
    works without JavaScript), the band's suggested level, the level set, and a reason when
    it differs from the suggestion (then a manager approves it)."""
    child, sealed = _child(request, child_id)
    if sealed is not None:
        return sealed
    tool = selectors.current_tool(code)
    today = timezone.localdate()
    form = AssessmentForm(request.POST or None, tool=tool, initial={"completed_on": today})
    score = suggestion = None
    if request.method == "POST":
        valid = form.is_valid()
        score = selectors.tool_score(tool, form.answers())
        suggestion = selectors.suggested_level(tool, score)
        if request.POST.get("action") == "score":
            form.errors.clear()
        elif valid:
            data = form.cleaned_data
            try:
                assessment = assessment_record(
                    child=child,
                    by=request.user,
                    tool=tool,
                    completed_on=data["completed_on"],
                    answers=form.answers(),
                    exploitation_types=data["exploitation_types"],
                    risk_level=data["risk_level"],
                    child_words=data["child_words"],
                    override_reason=data.get("override_reason", ""),
                    reason=data.get("reason", ""),
                    request=request,
                )
            except ValueError as refusal:
                field = "override_reason" if "reason" in str(refusal) else None
                form.add_error(field if field in form.fields else None, str(refusal))
            else:
                if assessment.approval == Approval.WAITING:
                    messages.success(
                        request, "Assessment saved. The level you set goes to a manager to approve."
                    )
                else:
                    messages.success(request, "Assessment saved")
                return redirect("risk:detail", assessment_id=assessment.pk)
    previous = selectors.previous_level_before(child, today)
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="assessment_form", child=child
    )
    return render(
        request,
        "risk/form.html",
        {
            "child": child,
            "tool": tool,
            "form": form,
            "score": score,
            "suggestion": suggestion,
            "derived_reason": selectors.derived_reason(previous),
            "live_rules": json.dumps(selectors.live_score_rules(tool)),
        },
    )


def _detail(request, assessment, form=None, status=200):
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="assessment",
        object_id=assessment.pk,
        child=assessment.child_id,
    )
    tool = assessment.tool_version
    answered = []
    if tool is not None:
        labels = {"current": "Current", "previous": "Previous"}
        answered = [
            (i["text"], labels.get(assessment.answers.get(i["code"]), ""))
            for i in tool.indicators
            if assessment.answers.get(i["code"])
        ]
    can_decide = request.user.role == Role.MANAGER and assessment.approval == Approval.WAITING
    return render(
        request,
        "risk/detail.html",
        {
            "assessment": assessment,
            "child": assessment.child,
            "answered": answered,
            "decisions": list(assessment.level_decisions.select_related("by")),
            "can_decide": can_decide,
            "form": form
            or LevelDecisionForm(initial={"version": assessment.updated_at.isoformat()}),
        },
        status=status,
    )


@allow(SERVICE_ROLES)
def assessment_detail(request, assessment_id):
    return _detail(request, selectors.access_assessment_by_id(request.user, assessment_id))


@allow(Role.MANAGER)
@require_POST
def assessment_decide(request, assessment_id):
    """A manager agrees with a level set against the suggestion, or records a new level."""
    assessment = selectors.access_assessment_by_id(request.user, assessment_id)
    form = LevelDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            assessment_level_decide(
                assessment=assessment,
                by=request.user,
                on=timezone.localdate(),
                new_level=data["new_level"] if data["decision"] == "change" else "",
                reason=data["reason"],
                opened_version=_version(data["version"]),
                request=request,
            )
        except AssessmentChangedSinceOpened as clash:
            assessment = selectors.access_assessment_by_id(request.user, clash.current.pk)
            form.add_error(None, CONFLICT)
        except ValueError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "Decision recorded")
            return redirect("risk:detail", assessment_id=assessment.pk)
    return _detail(request, assessment, form)


@allow(Role.MANAGER)
def overrides_waiting(request):
    waiting = list(selectors.overrides_waiting(request.user))
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="overrides_waiting",
        children=list({a.child_id: a.child for a in waiting}.values()),
    )
    return render(request, "risk/approvals.html", {"assessments": waiting})


# --- The admin's tool editor ------------------------------------------------------------------


@allow(Role.ADMIN)
def tool_list(request):
    return render(request, "risk/tools.html", {"tools": list(selectors.tools_in_use())})


@allow(Role.ADMIN)
def tool_edit(request, code):
    """Change the wording, weights or bands: saving makes a new version of the tool."""
    tool = selectors.current_tool(code)
    form = ToolForm(request.POST or None, initial=ToolForm.initial_from(tool))
    if request.method == "POST" and form.is_valid():
        try:
            new = risk_tool_change(
                tool=tool,
                by=request.user,
                name=form.cleaned_data["name"],
                indicators=form.cleaned_data["indicators"],
                bands=form.cleaned_data["bands"],
                request=request,
            )
        except ValueError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Saved as version {new.version}")
            return redirect("risk:tools")
    versions = list(RiskTool.objects.filter(code=code).select_related("changed_by"))
    return render(
        request, "risk/tool_form.html", {"tool": tool, "form": form, "versions": versions}
    )


# --- Police grading (docs/police-grading.md) ------------------------------------------------

GRADING_SENDERS = (Role.COORDINATOR, Role.MANAGER)


def _police_or_refuse(user) -> None:
    """Partners of the police only: other agencies take no part in police grading."""
    if user.role == Role.PARTNER and user.agency != Agency.POLICE:
        raise PermissionDenied("Police grading is for the police")


@allow(CASE_ROLES)
def police_grading_list(request):
    """Children assessed high to send; sent and waiting for the grade; graded and waiting
    for allocation; and done (allocated, or no further police action), with the days each
    step took."""
    _police_or_refuse(request.user)
    children = child_list_visible_to(request.user)
    gradings = list(selectors.police_gradings(children))
    to_send = []
    if request.user.role != Role.PARTNER:
        to_send = list(selectors.police_grading_candidates(children))
    today = timezone.localdate()
    stages = {"sent": [], "graded": [], "done": []}
    for g in gradings:
        g.waiting = (today - (g.graded_on or g.sent_on)).days
        stages[g.stage].append(g)
    stages["done"].reverse()  # the latest first
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="police_grading_list",
        children=list({c.pk: c for c in to_send + [g.child for g in gradings]}.values()),
    )
    return render(
        request,
        "risk/police_grading.html",
        {
            "to_send": to_send,
            "sent": stages["sent"],
            "graded": stages["graded"],
            "done": stages["done"][:DONE_SHOWN],
            "done_total": len(stages["done"]),
            "done_shown": DONE_SHOWN,
            "can_send": request.user.role in GRADING_SENDERS,
        },
    )


DONE_SHOWN = 50


@allow(GRADING_SENDERS)
def police_grading_send(request, child_id):
    child, sealed = _child(request, child_id)
    if sealed:
        return sealed
    today = timezone.localdate()
    form = PoliceGradingSendForm(
        request.POST if request.method == "POST" else None,
        initial={
            "reason": "Assessed as high risk of exploitation: for police grading.",
            "review_on": add_months(today, 1),
            "ends_on": add_months(today, 6),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.police_grading_send(
                child=child, by=request.user, today=today, request=request, **form.cleaned_data
            )
        except services.GradingRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(request, f"{child.full_name} sent to the police for grading")
            return redirect("risk:police_grading")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="police_grading_send",
        object_id=child.pk,
        child=child,
    )
    return render(request, "risk/police_grading_form.html", {"child": child, "form": form,
                  "title": "Send for police grading", "button": "Send to the police"})  # fmt: skip


def _grading_step(request, grading_id, form_class, step, title, button, done):
    _police_or_refuse(request.user)
    grading = selectors.police_grading_by_id(request.user, grading_id)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            step(grading=grading, by=request.user, today=timezone.localdate(), request=request,
                 **form.cleaned_data)  # fmt: skip
        except services.GradingRefused as refusal:
            form.add_error(refusal.field, str(refusal))
        else:
            messages.success(request, done)
            return redirect("risk:police_grading")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="police_grading",
        object_id=grading.pk,
        child=grading.child,
    )
    return render(
        request,
        "risk/police_grading_form.html",
        {"child": grading.child, "grading": grading, "form": form, "title": title,
         "button": button},
    )  # fmt: skip


@allow(GRADING_SENDERS + (Role.PARTNER,))
def police_grading_grade(request, grading_id):
    return _grading_step(
        request, grading_id, PoliceGradeForm, services.police_grading_grade,
        "Record the police grade", "Save the grade", "Police grade recorded",
    )  # fmt: skip


@allow(GRADING_SENDERS + (Role.PARTNER,))
def police_grading_allocate(request, grading_id):
    return _grading_step(
        request, grading_id, PoliceAllocateForm, services.police_grading_allocate,
        "Record the allocation", "Save the allocation", "Allocation recorded",
    )  # fmt: skip
