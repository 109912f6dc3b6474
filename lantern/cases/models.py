"""The team's own casework: cases, direct work, onward referrals, outcomes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from lantern.core.fields import ListField
from lantern.core.models import Record


class CaseRoute(models.TextChoices):
    S17 = "s17", "S17 assessment"
    S47 = "s47", "S47 assessment"
    NOMINATION = "nomination", "Nomination"
    OTHER = "other", "Other"


class Case(Record):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="cases")
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    route = models.CharField(max_length=20, choices=CaseRoute.choices)
    source = models.CharField(max_length=20, blank=True)
    worker = models.CharField(
        max_length=100, blank=True, help_text="Allocated worker's name as recorded"
    )
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    closure_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-opened_on", "source_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="case_closed_not_before_opened",
            )
        ]
        indexes = [
            models.Index(fields=["opened_on"], name="case_by_opened"),
            models.Index(fields=["closed_on"], name="case_by_closed"),
        ]


class DirectWork(Record):
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="direct_work"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="direct_work"
    )
    held_on = models.DateField()
    worker = models.CharField(max_length=100, blank=True)
    with_whom = models.CharField(max_length=20, blank=True)
    setting = models.CharField(max_length=20, blank=True)
    topics = ListField(blank=True)
    engaged = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "source_id"]
        verbose_name_plural = "direct work"


class OnwardReferral(Record):
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="onward_referrals"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="onward_referrals"
    )
    service = models.CharField(max_length=30, blank=True)
    need_identified_on = models.DateField()
    referred_on = models.DateField(null=True, blank=True)
    first_contact_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-need_identified_on", "source_id"]
        constraints = [
            # dataset.md: need identified, referred, first contact, in that order when present.
            models.CheckConstraint(
                condition=Q(referred_on__isnull=True) | Q(referred_on__gte=F("need_identified_on")),
                name="onward_referred_not_before_need",
            ),
            models.CheckConstraint(
                condition=Q(first_contact_on__isnull=True)
                | Q(first_contact_on__gte=F("need_identified_on")),
                name="onward_contact_not_before_need",
            ),
            models.CheckConstraint(
                condition=Q(first_contact_on__isnull=True)
                | Q(referred_on__isnull=True)
                | Q(first_contact_on__gte=F("referred_on")),
                name="onward_contact_not_before_referral",
            ),
        ]


class CaseOutcome(Record):
    """What work with the child achieved (outcomes.csv); table name kept from `Outcome`."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="outcomes")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="outcomes"
    )
    recorded_on = models.DateField()
    kind = models.CharField(max_length=30, blank=True)
    achieved = models.BooleanField(null=True, blank=True)

    class Meta:
        db_table = "cases_outcome"
        ordering = ["-recorded_on", "source_id"]
