"""Requests for the team's involvement."""

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

    class Meta:
        ordering = ["-received_on", "source_id"]
        indexes = [models.Index(fields=["route", "received_on"], name="referral_by_route_received")]
