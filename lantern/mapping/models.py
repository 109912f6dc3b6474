"""Mapping: entities and links; intelligence; disruption."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from lantern.core.fields import ListField
from lantern.core.models import Record


class EntityKind(models.TextChoices):
    ADULT = "adult", "Adult of concern"
    LOCATION = "location", "Location"
    VEHICLE = "vehicle", "Vehicle"
    PHONE = "phone", "Phone"
    ONLINE_ACCOUNT = "online_account", "Online account"
    BUSINESS = "business", "Business"
    GROUP = "group", "Group"
    BANK_ACCOUNT = "bank_account", "Bank account"  # an extension of dataset.md's kinds


class Relation(models.TextChoices):
    ASSOCIATE = "associate", "Associate"
    SIBLING = "sibling", "Sibling"
    SEEN_WITH = "seen_with", "Seen with"
    MISSING_WITH = "missing_with", "Missing with"
    FOUND_AT = "found_at", "Found at"
    FREQUENTS = "frequents", "Frequents"
    LIVES_AT = "lives_at", "Lives at"
    EXPLOITER = "exploiter", "Suspected exploiter"
    OTHER = "other", "Other"


class LinkSource(models.TextChoices):
    INTELLIGENCE = "intelligence", "Intelligence"
    RHI = "rhi", "Return home interview"
    POLICE = "police", "Police"
    MEETING = "meeting", "Meeting"
    OTHER = "other", "Other"


class HandlingCode(models.TextChoices):
    """The 3x5x2 handling codes police intelligence carries."""

    P = "P", "P: lawful sharing permitted"
    C = "C", "C: lawful sharing permitted with conditions"


class Tactic(models.TextChoices):
    CAWN = "cawn", "Child abduction warning notice"
    ARREST = "arrest", "Arrest"
    WARRANT = "warrant", "Warrant"
    GANG_INJUNCTION = "gang_injunction", "Gang injunction"
    CIVIL_ORDER = "civil_order", "Civil order"
    LICENSING = "licensing", "Licensing"
    TRESPASS_NOTICE = "trespass_notice", "Trespass notice"
    OTHER = "other", "Other"


class Operation(models.Model):
    """A police operation (e.g. a named county lines operation) that entities, links and
    disruptions are tagged with."""

    name = models.CharField(max_length=120, unique=True)
    started_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Entity(Record):
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    label = models.CharField(max_length=200, blank=True)
    district = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    aliases = ListField(blank=True, help_text="Ids of entities merged into this one")
    operations = models.ManyToManyField(Operation, blank=True, related_name="entities")
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_entities",
        help_text="The entity this duplicate was merged into (kept for its history)",
    )

    class Meta:
        ordering = ["source_id"]
        verbose_name_plural = "entities"

    @property
    def ref(self) -> str:
        return f"entity:{self.source_id}"


class Link(Record):
    """`from_ref` / `to_ref` are `child:<id>` or `entity:<id>` as in the dataset."""

    from_ref = models.CharField(max_length=80, db_index=True)
    to_ref = models.CharField(max_length=80, db_index=True)
    relation = models.CharField(max_length=20, choices=Relation.choices)
    first_seen = models.DateField(null=True, blank=True)
    last_seen = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=LinkSource.choices, blank=True)
    grading = models.CharField(max_length=10, blank=True)
    operations = models.ManyToManyField(Operation, blank=True, related_name="links")

    class Meta:
        ordering = ["source_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_seen__isnull=True)
                | Q(last_seen__isnull=True)
                | Q(last_seen__gte=F("first_seen")),
                name="link_last_seen_not_before_first",
            )
        ]


class Intelligence(Record):
    received_on = models.DateField(null=True, blank=True)
    agency = models.CharField(max_length=50, blank=True)
    form = models.CharField(max_length=20, blank=True)
    summary = models.TextField(blank=True)
    refs = ListField(blank=True)
    grading = models.CharField(max_length=10, blank=True)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices, blank=True)

    class Meta:
        ordering = ["-received_on", "source_id"]
        verbose_name_plural = "intelligence"


class Disruption(Record):
    on = models.DateField(null=True, blank=True)
    tactic = models.CharField(max_length=20, choices=Tactic.choices)
    target_refs = ListField(blank=True)
    outcome = models.TextField(blank=True)
    operations = models.ManyToManyField(Operation, blank=True, related_name="disruptions")

    class Meta:
        ordering = ["-on", "source_id"]


class EntityMerge(models.Model):
    """One merge of a duplicate into a survivor, with what it moved, so the most recent merge
    of a survivor can be undone exactly (`mapping.services.entity_merge_undo`)."""

    survivor = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="merges_kept")
    duplicate = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="merges_lost")
    moved = models.JSONField(default=dict, help_text="What the merge rewrote, to put it back")
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-pk"]
