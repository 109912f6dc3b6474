"""Writes to risk: the configurable tools (versioned) and assessments made in Lantern's form.
Each is atomic and writes its audit row in the same transaction."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.core.models import lantern_reference
from lantern.risk.models import (
    Approval,
    Assessment,
    ExploitationType,
    Level,
    LevelDecision,
    Reason,
    Recency,
    RiskTool,
)
from lantern.risk.selectors import (
    derived_reason,
    previous_level_before,
    suggested_level,
    tool_score,
)


class AssessmentChangedSinceOpened(Exception):
    def __init__(self, current):
        super().__init__("The assessment changed since the form was opened.")
        self.current = current


def _check_tool(indicators: list, bands: list) -> None:
    codes = [i.get("code") for i in indicators]
    if not codes or any(not c for c in codes) or len(set(codes)) != len(codes):
        raise ValueError("Each indicator needs its own code")
    if {b.get("level") for b in bands} - set(Level.values) or not bands:
        raise ValueError("Each band names a level: none, low, medium or high")


@transaction.atomic
def risk_tool_change(
    *, tool: RiskTool, by, name: str, indicators: list, bands: list, request=None
) -> RiskTool:
    """A change makes a new version; the old one is kept for the assessments made with it."""
    _check_tool(indicators, bands)
    current = RiskTool.objects.select_for_update().get(pk=tool.pk)
    if not current.is_current:
        raise ValueError("Only the current version of a tool can be changed")
    current.is_current = False
    current.save(update_fields=["is_current"])
    new = RiskTool.objects.create(
        code=current.code,
        version=current.version + 1,
        is_current=True,
        name=name,
        dataset_tool=current.dataset_tool,
        indicators=indicators,
        bands=sorted(bands, key=lambda b: int(b["min_score"])),
        recency_weights=current.recency_weights,
        is_screening=current.is_screening,
        in_use_from=current.in_use_from,
        changed_by=by,
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="risk_tool",
        object_id=new.pk,
        detail={"code": new.code, "version": new.version},
    )
    return new


@transaction.atomic
def assessment_record(
    *,
    child,
    by,
    tool: RiskTool,
    completed_on: date,
    answers: dict,
    exploitation_types: list,
    risk_level: str,
    child_words: str = "",
    override_reason: str = "",
    reason: str = "",
    request=None,
) -> Assessment:
    """An assessment made with a tool version: the score and the band's suggested level are
    worked out here. A full assessment whose level differs from the suggestion needs a reason
    and waits for a manager; its level counts from the completion date meanwhile. The reason
    (new, review, re-referral) is stored only when it differs from the derived one."""
    indicator_codes = {i["code"] for i in tool.indicators}
    answers = {k: v for k, v in answers.items() if v}
    if set(answers) - indicator_codes or set(answers.values()) - set(Recency.values):
        raise ValueError("Answers name the tool's indicators, each current or previous")
    if risk_level not in Level.values:
        raise ValueError("The level is none, low, medium or high")
    if not exploitation_types or set(exploitation_types) - set(ExploitationType.values):
        raise ValueError("At least one exploitation type of the dataset (dataset.md requires one)")
    score = tool_score(tool, answers)
    suggestion = suggested_level(tool, score)
    overridden = not tool.is_screening and risk_level != suggestion
    if overridden and not override_reason.strip():
        raise ValueError("Setting a level other than the suggestion needs a reason")
    stored_reason = ""
    if reason and not tool.is_screening:
        if reason not in Reason.values:
            raise ValueError("The reason is new, review or re-referral")
        if reason != derived_reason(previous_level_before(child, completed_on)):
            stored_reason = reason
    assessment = Assessment.objects.create(
        source_id=lantern_reference("RA"),
        child=child,
        completed_on=completed_on,
        reason=stored_reason,
        tool=tool.dataset_tool,
        tool_version=tool,
        exploitation_types=list(exploitation_types),
        score=score,
        risk_level=risk_level,
        suggested_level=suggestion,
        assessor=str(by)[:100],
        override_reason=override_reason.strip() if overridden else "",
        approval=Approval.WAITING if overridden else Approval.NOT_NEEDED,
        answers=answers,
        child_words=child_words.strip(),
        created_by=by,
        modified_by=by,
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="assessment",
        object_id=assessment.pk,
        child=child,
        detail={"tool": tool.code, "version": tool.version, "override": overridden},
    )
    return assessment


@transaction.atomic
def assessment_level_decide(
    *,
    assessment: Assessment,
    by,
    on: date,
    new_level: str = "",
    reason: str = "",
    opened_version: datetime | None = None,
    request=None,
) -> Assessment:
    """A manager agrees with an overridden level, or records a new one with a reason; the
    level before is kept (LevelDecision)."""
    if by.role != Role.MANAGER:
        raise PermissionDenied("Only a manager approves a level set against the suggestion")
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if opened_version is not None and current.updated_at != opened_version:
        raise AssessmentChangedSinceOpened(current)
    if current.approval != Approval.WAITING:
        raise ValueError("This assessment is not waiting for approval")
    changed = bool(new_level) and new_level != current.risk_level
    if changed and new_level not in Level.values:
        raise ValueError("The level is none, low, medium or high")
    if changed and not reason.strip():
        raise ValueError("Say why you set a different level")
    LevelDecision.objects.create(
        assessment=current,
        level_before=current.risk_level,
        level_after=new_level if changed else current.risk_level,
        reason=reason.strip(),
        by=by,
        on=on,
    )
    current.approval = Approval.CHANGED if changed else Approval.APPROVED
    if changed:
        current.risk_level = new_level
    current.modified_by = by
    current.save(update_fields=["approval", "risk_level", "modified_by", "updated_at"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="assessment",
        object_id=current.pk,
        child=current.child_id,
        detail={"fields": ["approval"] + (["risk_level"] if changed else [])},
    )
    assessment.refresh_from_db()
    return current


TRIAGE_REASON = "Agreed at triage"


@transaction.atomic
def assessment_triage(
    *, assessment: Assessment, level: str, on: date, by, notes: str = "", request=None
) -> Assessment:
    """The level agreed at triage becomes the assessment's `risk_level` (dataset.md) and
    `triaged_on` the triage's day; the level before is kept in its history (a LevelDecision
    whose reason starts "Agreed at triage"). `completed_on` is never changed: the level still
    counts from the completion date, so the Op MET list as at any date and the reports agree."""
    if level not in Level.values:
        raise ValueError("The level is none, low, medium or high")
    if assessment.is_screening:
        raise ValueError("A screening sets no level")
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    reason = TRIAGE_REASON + (f": {notes.strip()}" if notes.strip() else "")
    LevelDecision.objects.create(
        assessment=current,
        level_before=current.risk_level,
        level_after=level,
        reason=reason,
        by=by,
        on=on,
    )
    changed = ["triaged_on"] + (["risk_level"] if level != current.risk_level else [])
    current.risk_level = level
    current.triaged_on = on
    current.modified_by = by
    current.save(update_fields=["risk_level", "triaged_on", "modified_by", "updated_at"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="assessment",
        object_id=current.pk,
        child=current.child_id,
        detail={"fields": sorted(changed), "at": "triage"},
    )
    return current
