"""Exploitation risk assessments and screenings."""

from django.conf import settings
from django.db import models

from lantern.core.fields import ListField
from lantern.core.models import Record

SCREENING_TOOLS = ("screening", "cserq4")


class Level(models.TextChoices):
    NONE = "none", "None"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Reason(models.TextChoices):
    NEW = "new", "New"
    RE_REFERRAL = "re_referral", "Re-referral"
    REVIEW = "review", "Review"


class Tool(models.TextChoices):
    CERAF = "ceraf", "CERAF"
    SERAF = "seraf", "SERAF"
    SCREENING = "screening", "Screening tool"
    CSERQ4 = "cserq4", "Health questionnaire (CSERQ4)"
    OTHER = "other", "Other"


class ExploitationType(models.TextChoices):
    CSE = "cse", "Child sexual exploitation"
    CCE = "cce", "Child criminal exploitation"
    COUNTY_LINES = "county_lines", "County lines"
    TRAFFICKING = "trafficking", "Trafficking"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    ONLINE = "online", "Online"
    RADICALISATION = "radicalisation", "Radicalisation"
    OTHER = "other", "Other"


class IndicatorCategory(models.TextChoices):
    VULNERABILITY = "vulnerability", "Vulnerabilities"
    MODERATE = "moderate", "Moderate indicators"
    SIGNIFICANT = "significant", "Significant indicators"


class Recency(models.TextChoices):
    CURRENT = "current", "Current (the last 3 months)"
    PREVIOUS = "previous", "Previous (3 to 6 months ago)"


class RiskTool(models.Model):
    """A configurable instrument: indicators, weights and score bands (each area words its own).

    Versioned: a change makes a new row with the same `code` and the next `version`; the old
    one stops being current, and every assessment keeps the version it was made with."""

    code = models.CharField(max_length=20)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    name = models.CharField(max_length=100)
    dataset_tool = models.CharField(
        max_length=20, choices=Tool.choices, default=Tool.OTHER, help_text="Exported as"
    )
    indicators = models.JSONField(
        default=list, blank=True, help_text="[{code, text, category, weight}]"
    )
    bands = models.JSONField(
        default=list, blank=True, help_text="[{level, min_score}] suggested levels"
    )
    recency_weights = models.JSONField(
        default=dict, blank=True, help_text='{"current": 2, "previous": 1}'
    )
    is_screening = models.BooleanField(default=False)
    in_use_from = models.DateField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="one_tool_version"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(is_current=True), name="one_current_tool"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class Approval(models.TextChoices):
    NOT_NEEDED = "", "Not needed"
    WAITING = "waiting", "Waiting for a manager"
    APPROVED = "approved", "Approved"
    CHANGED = "changed", "Level changed by a manager"


class Assessment(Record):
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="assessments"
    )
    completed_on = models.DateField()
    reason = models.CharField(
        max_length=20, choices=Reason.choices, blank=True, help_text="Blank: derived"
    )
    tool = models.CharField(max_length=20, choices=Tool.choices, default=Tool.OTHER)
    is_screening = models.BooleanField(default=False, editable=False)
    exploitation_types = ListField()
    score = models.IntegerField(null=True, blank=True)
    risk_level = models.CharField(max_length=10, choices=Level.choices)
    triaged_on = models.DateField(null=True, blank=True)
    assessor = models.CharField(max_length=100, blank=True)
    override_reason = models.TextField(blank=True)
    # Made in Lantern's form (not in the dataset's assessments.csv: docs/dataset-import.md).
    tool_version = models.ForeignKey(
        RiskTool, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    answers = models.JSONField(
        default=dict, blank=True, help_text="{indicator code: current | previous}"
    )
    child_words = models.TextField("the child's own words", blank=True)
    suggested_level = models.CharField(max_length=10, choices=Level.choices, blank=True)
    approval = models.CharField(
        max_length=10, choices=Approval.choices, default=Approval.NOT_NEEDED
    )

    class Meta:
        ordering = ["child", "completed_on", "source_id"]
        indexes = [
            models.Index(
                fields=["child", "completed_on", "source_id"], name="assessment_child_order"
            ),
            models.Index(fields=["completed_on"], name="assessment_by_completed"),
        ]

    def save(self, *args, **kwargs):
        self.is_screening = self.tool in SCREENING_TOOLS
        super().save(*args, **kwargs)


class LevelDecision(models.Model):
    """A manager's decision on a level set against the suggestion: agreed, or a new level
    (the assessment's level changes; the level before is kept here)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="level_decisions"
    )
    level_before = models.CharField(max_length=10, choices=Level.choices)
    level_after = models.CharField(max_length=10, choices=Level.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on = models.DateField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class PoliceGrade(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    NO_FURTHER_ACTION = "no_further_action", "No further police action"


class PoliceGrading(models.Model):
    """A child assessed high, sent to the police to be graded: sent (which shares the child
    with the police), graded by a police partner, then allocated to an officer or team. The
    days each step took are kept from the dates."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="police_gradings"
    )
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    share = models.ForeignKey(
        "children.ChildShare", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField()
    grade = models.CharField(max_length=20, choices=PoliceGrade.choices, blank=True)
    graded_on = models.DateField(null=True, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    allocated_on = models.DateField(null=True, blank=True)
    allocated_to = models.CharField(max_length=100, blank=True, help_text="Officer or team")
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent_on", "pk"]
        indexes = [models.Index(fields=["sent_on"], name="police_grading_by_sent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(graded_on__isnull=True)
                | models.Q(graded_on__gte=models.F("sent_on")),
                name="police_graded_not_before_sent",
            ),
            models.CheckConstraint(
                condition=models.Q(allocated_on__isnull=True)
                | models.Q(allocated_on__gte=models.F("graded_on")),
                name="police_allocated_not_before_graded",
            ),
        ]

    @property
    def stage(self) -> str:
        if self.graded_on is None:
            return "sent"
        if self.grade == PoliceGrade.NO_FURTHER_ACTION or self.allocated_on is not None:
            return "done"
        return "graded"

    @property
    def days_to_grade(self) -> int | None:
        return (self.graded_on - self.sent_on).days if self.graded_on else None

    @property
    def days_to_allocate(self) -> int | None:
        if self.allocated_on and self.graded_on:
            return (self.allocated_on - self.graded_on).days
        return None


# --- Op MET district meetings and month-end snapshots -------------------------------------


class OpMetMeeting(models.Model):
    """A district Op MET meeting: it looks at the county list limited to its districts.
    Meetings may overlap (nine meetings can serve eight districts)."""

    name = models.CharField(max_length=100, unique=True)
    districts = ListField(blank=True, help_text="Districts separated by ;")
    active = models.BooleanField(default=True)
    last_met_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OpMetSnapshot(models.Model):
    """A frozen copy of the Op MET rule's answer at a month end (one per month end)."""

    month_end = models.DateField(unique=True)
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-month_end"]

    def __str__(self):
        return f"Op MET at {self.month_end:%d/%m/%Y}"


class OpMetSnapshotRow(models.Model):
    """One child on the list at the snapshot's month end, as the rule answered then."""

    snapshot = models.ForeignKey(OpMetSnapshot, on_delete=models.CASCADE, related_name="rows")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    district = models.CharField(max_length=100, blank=True)
    level = models.CharField(max_length=10, choices=Level.choices)
    trafficked = models.BooleanField(default=False)
    new = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "child"], name="one_row_per_child")
        ]
