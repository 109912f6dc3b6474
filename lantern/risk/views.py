"""Risk pages: the assessment form (from a tool version), an assessment with a manager's
decision on an override, overrides waiting, and the admin's tool editor."""

import json
from datetime import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import RestrictedRecord, access_child_by_id
from lantern.children.views import restricted_page
from lantern.risk import selectors
from lantern.risk.forms import AssessmentForm, LevelDecisionForm, ToolForm
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
