"""Requests for the team's involvement."""

from django.conf import settings
from django.db import models

from lantern.core.models import Record


class Route(models.TextChoices):
    S17 = "s17", "S17 assessment"
    S47 = "s47", "S47 assessment"
    NOMINATION = "nomination", "Nomination"
    CONSULTATION = "consultation", "Consultation"
    OTHER = "other", "Other"


class Source(models.TextChoices):
    MASH = "mash", "MASH"
    DISTRICT_TEAM = "district_team", "District team"
    POLICE = "police", "Police"
    SCHOOL = "school", "School"
    HEALTH = "health", "Health"
    YJS = "yjs", "Youth justice"
    SELF = "self", "Self"
    OTHER = "other", "Other"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    ADVICE = "advice", "Advice given"
    PENDING = "pending", "Pending"


class Referral(Record):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="referrals")
    received_on = models.DateField()
    route = models.CharField(max_length=20, choices=Route.choices)
    source = models.CharField(max_length=20, choices=Source.choices, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_on = models.DateField(null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    # Made in Lantern (not in the dataset's referrals.csv: see docs/dataset-import.md).
    concern = models.TextField("what the referrer is worried about", blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    days_to_decision = models.PositiveIntegerField(
        null=True, blank=True, help_text="Days from receipt to decision, kept when decided"
    )
    reopened_on = models.DateField(null=True, blank=True)
    reopened_reason = models.TextField(blank=True)
    submitted_by_partner = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_on", "source_id"]
        indexes = [models.Index(fields=["route", "received_on"], name="referral_by_route_received")]

    @property
    def days_from_receipt_to_decision(self) -> int | None:
        """Kept when decided here; worked out from the dates for imported decisions."""
        if self.days_to_decision is not None:
            return self.days_to_decision
        if self.decided_on and self.decision != Decision.PENDING:
            return (self.decided_on - self.received_on).days
        return None


class ReferralDecision(models.Model):
    """Every decision made on a referral in Lantern, kept when it is reopened."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    decided_on = models.DateField()
    days_to_decision = models.PositiveIntegerField()
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reopened_on = models.DateField(null=True, blank=True)
    reopened_reason = models.TextField(blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
