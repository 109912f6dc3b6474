"""The child: identifiers, legal status, OLA, UASC, flags, restriction."""

from datetime import date

from django.conf import settings
from django.db import models

from lantern.core.fields import ListField
from lantern.core.models import Record


class Gender(models.TextChoices):
    MALE = "male", "Male"
    FEMALE = "female", "Female"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class LegalStatus(models.TextChoices):
    NONE = "none", "None"
    CIN = "cin", "Child in need"
    CP = "cp", "Child protection"
    CLA = "cla", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"


def search_name(first_name: str, last_name: str) -> str:
    """The lower-cased "first last" that name search reads (one rule: forms and imports)."""
    return f"{first_name} {last_name}".strip().lower()


class Child(Record):
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    gender = models.CharField(max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(max_length=10, blank=True, help_text="CIN census code, e.g. WBRI")
    district = models.CharField(max_length=100, blank=True, db_index=True)
    legal_status = models.CharField(
        max_length=20, choices=LegalStatus.choices, default=LegalStatus.NONE
    )
    placing_authority = models.CharField(
        max_length=100,
        blank=True,
        help_text="Blank means this authority; any other value makes the child OLA",
    )
    uasc = models.BooleanField("unaccompanied asylum seeking child", default=False)
    uasc_arrived_on = models.DateField("UASC arrival date", null=True, blank=True)
    flags = ListField(blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Only allocated workers see the record"
    )
    # A lower-cased "first last" kept for quick, typo-tolerant search.
    search_name = models.CharField(max_length=201, blank=True, editable=False, db_index=True)
    # Merging duplicates (docs/casework.md): the duplicate row is kept, pointing at the
    # record it was merged into; the survivor keeps the duplicates' ids as aliases, so a
    # re-import that names them attaches to the survivor.
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_records",
        editable=False,
    )
    aliases = ListField(blank=True, editable=False, help_text="Ids of records merged into this")

    class Meta:
        ordering = ["last_name", "first_name", "source_id"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["date_of_birth"], name="child_by_dob")]

    def save(self, *args, **kwargs):
        self.search_name = search_name(self.first_name, self.last_name)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.source_id

    @property
    def initials(self) -> str:
        return "".join(p[0].upper() for p in (self.first_name, self.last_name) if p) or "?"

    @property
    def is_ola(self) -> bool:
        return bool(self.placing_authority)

    def age_on(self, day: date) -> int:
        years = day.year - self.date_of_birth.year
        if (day.month, day.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years


class ChildShare(models.Model):
    """A child shared with a partner agency (access.md: partners see only what is shared),
    for a reason, until an end date, reviewed by a date; it can be ended early. A share is
    in force from when it is made until the day it ends (inclusive) or it is ended."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="shares")
    agency = models.CharField(max_length=20)
    district = models.CharField(max_length=100, blank=True)
    shared_at = models.DateTimeField(auto_now_add=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    ends_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    reviewed_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True, help_text="Ended early")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "agency"],
                condition=models.Q(ended_on__isnull=True),
                name="one_share_per_agency",
            )
        ]


class BreakGlass(models.Model):
    """Someone opened a restricted record they are not allocated to, with a written reason."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-at"]


class Allocation(models.Model):
    """Who holds this child: one row per open case, with its worker (account or recorded name).

    A read-only database view kept by the cases app (its migration creates it from open
    cases), so the access rules here can read the fact without importing casework.
    """

    id = models.UUIDField(primary_key=True)
    child = models.ForeignKey(
        Child, on_delete=models.DO_NOTHING, related_name="allocations", db_constraint=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    worker = models.CharField(max_length=100)

    class Meta:
        managed = False
        db_table = "children_allocation"


class PlacingAuthority(models.Model):
    """Another authority that places children here, and where to tell it when one of its
    children goes missing (docs/missing.md). Matched to `Child.placing_authority` by name,
    case and surrounding spaces ignored."""

    name = models.CharField(max_length=100, unique=True)
    email = models.EmailField(
        blank=True, help_text="Blank: the co-ordinators are given a task to tell it"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "placing authorities"

    def __str__(self) -> str:
        return self.name


class ChildMerge(models.Model):
    """Two records of one child merged: every record of `merged` moved to `survivor`.

    `moved` names exactly the rows moved, per model and field ({"app.Model.field": [pk, ...]}),
    and `kept` the rows left with the duplicate because the survivor already had their
    like (a unique rule), so undoing puts back exactly what was moved."""

    survivor = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="merges")
    merged = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="merged_by_merges")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict, blank=True)
    kept = models.JSONField(default=dict, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(undone_at__isnull=True),
                name="child_merged_once",
            )
        ]


class CoverAllocation(models.Model):
    """Who covers for an absent worker's open cases, and when: a read-only database view
    kept by the cases app (from its `Cover` and open cases), so the access rules here can
    give the covering colleague an allocated worker's access without importing casework."""

    id = models.CharField(max_length=80, primary_key=True)
    child = models.ForeignKey(
        Child, on_delete=models.DO_NOTHING, related_name="cover_allocations", db_constraint=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    from_on = models.DateField()
    to_on = models.DateField()

    class Meta:
        managed = False
        db_table = "children_cover_allocation"
