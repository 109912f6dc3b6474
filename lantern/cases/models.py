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


class CaseAllocation(models.Model):
    """Each allocation and reallocation of a case: to whom, by whom, when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class OutcomeKind(models.Model):
    """The outcomes a closure may record: a list the admin keeps. Each is exported as one of
    the dataset's outcome words (outcomes.csv `kind`)."""

    label = models.CharField(max_length=100, unique=True)
    dataset_kind = models.CharField(
        max_length=30,
        choices=[
            ("risk_reduced", "Risk reduced"),
            ("education_reengaged", "Back in education"),
            ("relationships_improved", "Relationships improved"),
            ("missing_reduced", "Missing less often"),
            ("substance_use_reduced", "Substance use reduced"),
            ("safe_accommodation", "In safe accommodation"),
            ("other", "Other"),
        ],
    )
    in_use = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Rating(models.IntegerChoices):
    VERY_UNHELPFUL = 1, "Very unhelpful"
    UNHELPFUL = 2, "Unhelpful"
    NEITHER = 3, "Neither helpful nor unhelpful"
    HELPFUL = 4, "Helpful"
    VERY_HELPFUL = 5, "Very helpful"


class ClosureStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Sent back"


class CaseClosure(models.Model):
    """A request to close a case: the case closes only when a manager approves it, on that day."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closures")
    reason = models.TextField()
    outcomes = models.ManyToManyField(OutcomeKind, blank=True, related_name="+")
    child_rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    child_words = models.TextField(blank=True)
    family_rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    family_words = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.WAITING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    manager_note = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="waiting"),
                name="one_closure_waiting_per_case",
            )
        ]


WITH_WHOM = {
    "child": "the child",
    "parent_carer": "a parent or carer",
    "professional": "a professional",
    "group": "a group",
}
SESSION_SETTINGS = {"face_to_face": "face to face", "virtual": "virtual", "phone": "by phone"}
SERVICES = {
    "camhs": "CAMHS",
    "substance_misuse": "Substance misuse service",
    "counselling": "Counselling",
    "mentoring": "Mentoring",
    "parenting": "Parenting support",
    "ictg": "Independent child trafficking guardian",
    "education": "Education",
    "other": "Other",
}


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
    # Made in Lantern (not in the dataset's direct_work.csv: see docs/dataset-import.md).
    what_was_done = models.TextField(blank=True)
    child_voice = models.TextField("the child's own words", blank=True)

    class Meta:
        ordering = ["-held_on", "source_id"]
        verbose_name_plural = "direct work"

    @property
    def with_whom_label(self) -> str:
        return WITH_WHOM.get(self.with_whom, self.with_whom or "the child")

    @property
    def setting_label(self) -> str:
        return SESSION_SETTINGS.get(self.setting, self.setting)


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
    # Made in Lantern (not in the dataset's onward_referrals.csv: see docs/dataset-import.md).
    need = models.TextField("the need seen", blank=True)
    child_voice = models.TextField("the child's own words", blank=True)

    @property
    def service_label(self) -> str:
        return SERVICES.get(self.service, self.service)

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


class PlanKind(models.TextChoices):
    SUPPORT = "support", "Support plan"
    SAFETY = "safety", "Safety plan"
    EXITING_A_GANG = "exiting_gang", "Plan for exiting a gang"
    SECURE_DISCHARGE = "secure_discharge", "Discharge from secure accommodation"


class Plan(Record):
    """A plan for the child with its owner and review date (made in Lantern only)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="plans")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    kind = models.CharField(max_length=20, choices=PlanKind.choices)
    made_on = models.DateField()
    owner = models.CharField(max_length=100, help_text="Who is responsible for the plan")
    review_on = models.DateField()
    summary = models.TextField()
    child_voice = models.TextField("the child's own words", blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review_on", "source_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_on__gte=F("made_on")), name="plan_review_not_before_made"
            )
        ]


class Cover(models.Model):
    """Absence cover (docs/casework.md): while it is in force, from `from_on` to `to_on`
    inclusive (UK dates) and not ended early, the colleague holds the absent worker's open
    cases as if allocated to them."""

    absent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="absences"
    )
    covering = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="covers"
    )
    from_on = models.DateField()
    to_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="Ended early")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-from_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_on__gte=F("from_on")), name="cover_ends_not_before_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(absent=F("covering")), name="cover_by_someone_else"
            ),
        ]
