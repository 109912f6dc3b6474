"""National Referral Mechanism referrals."""

from django.db import models

from lantern.core.fields import ListField
from lantern.core.models import Record


class NrmDecision(models.TextChoices):
    POSITIVE = "positive", "Positive"
    NEGATIVE = "negative", "Negative"
    PENDING = "pending", "Pending"
    WITHDRAWN = "withdrawn", "Withdrawn"


class NrmReferral(Record):
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="nrm_referrals"
    )
    referred_on = models.DateField()
    exploitation_types = ListField(blank=True)
    rg_decision = models.CharField(max_length=10, choices=NrmDecision.choices, blank=True)
    rg_on = models.DateField(null=True, blank=True)
    cg_decision = models.CharField(max_length=10, choices=NrmDecision.choices, blank=True)
    cg_on = models.DateField(null=True, blank=True)
    decision_body = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-referred_on", "source_id"]
        indexes = [models.Index(fields=["referred_on"], name="nrm_by_referred")]
