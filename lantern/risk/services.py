"""Writes to risk: the configurable tools (versioned) and assessments made in Lantern's form.
Each is atomic and writes its audit row in the same transaction."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lantern.accounts.models import Agency, Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.children.models import ChildShare
from lantern.children.services import ShareRefused, child_share_create
from lantern.core.models import lantern_reference
from lantern.risk.models import (
    Approval,
    Assessment,
    ExploitationType,
    Level,
    LevelDecision,
    OpMetSnapshot,
    OpMetSnapshotRow,
    PoliceGrade,
    PoliceGrading,
    Reason,
    Recency,
    RiskTool,
)
from lantern.risk.selectors import (
    current_full_assessment_of,
    derived_reason,
    op_met_rows,
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


# --- Sending a child assessed high to the police for grading (docs/police-grading.md) -------


class GradingRefused(ValueError):
    """The grading step cannot be recorded as asked; the message says why, in plain words."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def _police_share(child, *, by, reason, ends_on, review_on, today, request) -> ChildShare:
    """The police share in force for the child, or a new one for the child's district."""
    share = (
        ChildShare.objects.filter(child=child, agency=Agency.POLICE, ended_on__isnull=True)
        .exclude(ends_on__lt=today)
        .first()
    )
    if share is not None:
        return share
    try:
        return child_share_create(
            child=child,
            by=by,
            agency=Agency.POLICE,
            district="",
            reason=reason,
            ends_on=ends_on,
            review_on=review_on,
            today=today,
            request=request,
        )
    except ShareRefused as refusal:
        raise GradingRefused("ends_on", str(refusal)) from None


@transaction.atomic
def police_grading_send(
    *, child, by, reason: str, ends_on: date, review_on: date, today: date, request=None
) -> PoliceGrading:
    """Send a child whose current assessment is high to the police for grading. Sending
    shares the child with the police in the child's district (the share gives police
    partners access), or uses the police share already in force."""
    assessment = current_full_assessment_of(child)
    if assessment is None or assessment.risk_level != Level.HIGH:
        raise GradingRefused("reason", "Only a child whose current assessment is high is sent")
    if PoliceGrading.objects.filter(child=child, graded_on__isnull=True).exists():
        raise GradingRefused("reason", "This child is already waiting for police grading")
    reason = reason.strip()
    if not reason:
        raise GradingRefused("reason", "Enter why the child is sent for police grading")
    share = _police_share(
        child, by=by, reason=reason, ends_on=ends_on, review_on=review_on, today=today,
        request=request,
    )  # fmt: skip
    grading = PoliceGrading.objects.create(
        child=child, assessment=assessment, share=share, sent_on=today, sent_by=by, reason=reason
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="police_grading",
        object_id=grading.pk,
        child=child,
        detail={"fields": ["sent_on", "reason"], "share": share.pk},
    )
    return grading


@transaction.atomic
def police_grading_grade(
    *, grading: PoliceGrading, by, grade: str, graded_on: date, today: date, request=None
) -> PoliceGrading:
    """The police record their grade (a police partner, or the team on their behalf)."""
    if grade not in PoliceGrade.values:
        raise GradingRefused("grade", "Select the police grade")
    if graded_on < grading.sent_on:
        raise GradingRefused(
            "graded_on", "The grading date must be on or after the day it was sent"
        )
    if graded_on > today:
        raise GradingRefused("graded_on", "The grading date must be today or in the past")
    if grading.allocated_on is not None and graded_on > grading.allocated_on:
        raise GradingRefused("graded_on", "The grading date must be on or before the allocation")
    changed = [
        f for f, v in (("grade", grade), ("graded_on", graded_on)) if getattr(grading, f) != v
    ]
    grading.grade, grading.graded_on, grading.graded_by = grade, graded_on, by
    if grade == PoliceGrade.NO_FURTHER_ACTION:
        grading.allocated_on, grading.allocated_to = None, ""
    grading.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="police_grading",
        object_id=grading.pk,
        child=grading.child,
        detail={"fields": changed},
    )
    return grading


@transaction.atomic
def police_grading_allocate(
    *, grading: PoliceGrading, by, allocated_to: str, allocated_on: date, today: date,
    request=None,
) -> PoliceGrading:  # fmt: skip
    """The police record who the graded child was allocated to, and when."""
    if grading.graded_on is None or grading.grade == PoliceGrade.NO_FURTHER_ACTION:
        raise GradingRefused("allocated_to", "Only a child graded for police action is allocated")
    allocated_to = allocated_to.strip()
    if not allocated_to:
        raise GradingRefused("allocated_to", "Enter the officer or team the child is allocated to")
    if allocated_on < grading.graded_on:
        raise GradingRefused("allocated_on", "The allocation date must be on or after the grading")
    if allocated_on > today:
        raise GradingRefused("allocated_on", "The allocation date must be today or in the past")
    grading.allocated_to, grading.allocated_on, grading.allocated_by = (
        allocated_to,
        allocated_on,
        by,
    )
    grading.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="police_grading",
        object_id=grading.pk,
        child=grading.child,
        detail={"fields": ["allocated_to", "allocated_on"]},
    )
    return grading


@transaction.atomic
def take_month_end_snapshot(month_end, *, request=None, by=None):
    """Freeze the Op MET rule's answer at a month end. Idempotent: a month end already
    snapshotted is returned as it is (its rows are never rewritten). Audited."""
    existing = OpMetSnapshot.objects.filter(month_end=month_end).first()
    if existing is not None:
        return existing, False
    snapshot = OpMetSnapshot.objects.create(month_end=month_end)
    rows = op_met_rows(month_end)
    OpMetSnapshotRow.objects.bulk_create(
        OpMetSnapshotRow(
            snapshot=snapshot,
            child_id=r["child"],
            district=r["district"] or "",
            level=r["level"],
            trafficked=r["trafficked"],
            new=r["new"],
        )
        for r in rows.values()
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="op_met_snapshot",
        object_id=snapshot.pk,
        detail={"month_end": month_end.isoformat(), "rows": len(rows)},
    )
    return snapshot, True
