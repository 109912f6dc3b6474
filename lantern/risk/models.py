"""Exploitation risk assessments and screenings."""

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


class RiskTool(models.Model):
    """A configurable instrument: indicators, weights and score bands (each area words its own)."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=100)
    indicators = models.JSONField(
        default=list, blank=True, help_text="[{code, text, category, weight}]"
    )
    bands = models.JSONField(
        default=list, blank=True, help_text="[{level, min_score}] suggested levels"
    )
    is_screening = models.BooleanField(default=False)
    in_use_from = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


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
