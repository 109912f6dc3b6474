"""National Referral Mechanism referrals."""

from django.conf import settings
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


# --- Unaccompanied asylum seeking children ----------------------------------------------------


class ArrivalRoute(models.TextChoices):
    NATIONAL_TRANSFER = "national_transfer", "National Transfer Scheme"
    SPONTANEOUS = "spontaneous", "Spontaneous arrival"
    PORT = "port", "Port of entry"
    OTHER = "other", "Other"


class AgeOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted as the claimed age"
    OLDER = "older", "Assessed as older"
    YOUNGER = "younger", "Assessed as younger"
    PENDING = "pending", "Pending"


class TraffickingOutcome(models.TextChoices):
    INDICATORS = "indicators", "Indicators of trafficking found"
    NO_INDICATORS = "no_indicators", "No indicators of trafficking found"
    PENDING = "pending", "Pending"


class ImmigrationStatus(models.TextChoices):
    NOT_CLAIMED = "not_claimed", "No asylum claim made yet"
    ASYLUM_PENDING = "asylum_pending", "Asylum claim pending"
    REFUGEE = "refugee", "Refugee status"
    HUMANITARIAN = "humanitarian", "Humanitarian protection"
    DISCRETIONARY = "discretionary", "Discretionary leave"
    UASC_LEAVE = "uasc_leave", "UASC leave"
    REFUSED = "refused", "Refused"
    APPEAL = "appeal", "Appeal"
    OTHER = "other", "Other"


class GuardianOutcome(models.TextChoices):
    ALLOCATED = "allocated", "Guardian allocated"
    NOT_ELIGIBLE = "not_eligible", "Not eligible or declined"
    PENDING = "pending", "Pending"


# The NRM checklist: each item is ticked (in `checklist`) or not.
NRM_CHECKLIST = [
    ("indicators_considered", "Indicators of trafficking and modern slavery considered"),
    ("first_responder", "A first responder for the NRM is identified"),
    ("nrm_decided", "NRM referral made, or the reason it was not made is recorded"),
    ("guardian_referral", "Independent Child Trafficking Guardian referral made"),
    ("police_told", "Police told of the trafficking concerns"),
    ("child_told", "The child told, with an interpreter if needed, what the NRM is"),
]


class UascRecord(models.Model):
    """What Lantern holds about an unaccompanied asylum seeking child beyond the dataset's
    `uasc` flag and arrival date (those stay on the child): one record per child."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="uasc_record"
    )
    arrival_route = models.CharField(max_length=20, choices=ArrivalRoute.choices, blank=True)
    age_assessed_on = models.DateField(null=True, blank=True)
    age_outcome = models.CharField(max_length=10, choices=AgeOutcome.choices, blank=True)
    age_assessor_1 = models.CharField("first social worker", max_length=120, blank=True)
    age_assessor_2 = models.CharField("second social worker", max_length=120, blank=True)
    trafficking_assessed_on = models.DateField(null=True, blank=True)
    trafficking_outcome = models.CharField(
        max_length=15, choices=TraffickingOutcome.choices, blank=True
    )
    interpreter_needed = models.BooleanField(null=True, blank=True)
    interpreter_language = models.CharField(max_length=80, blank=True)
    immigration_status = models.CharField(
        max_length=20, choices=ImmigrationStatus.choices, blank=True
    )
    guardian_referred_on = models.DateField(null=True, blank=True)
    guardian_outcome = models.CharField(max_length=15, choices=GuardianOutcome.choices, blank=True)
    checklist = ListField(blank=True)
    nrm_not_referred_reason = models.TextField(blank=True)
    from_elsewhere = models.BooleanField("presenting from elsewhere", default=False)
    from_authority = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def checklist_items(self) -> list[tuple[str, bool]]:
        ticked = set(self.checklist)
        return [(label, key in ticked) for key, label in NRM_CHECKLIST]
