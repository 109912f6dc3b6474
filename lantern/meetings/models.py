"""Meetings, the children discussed, agencies attending, and SMART actions."""

from django.conf import settings
from django.db import models

from lantern.core.models import Record


class MeetingType(models.TextChoices):
    TRIAGE = "triage", "Triage"
    CE_PANEL = "ce_panel", "Exploitation panel"
    MISSING_INTERVENTION = "missing_intervention", "Missing intervention"
    MAPPING = "mapping", "Mapping"
    STRATEGY = "strategy", "Strategy"
    HRSM = "hrsm", "High-risk strategy"
    DISRUPTION = "disruption", "Disruption"
    LOCALITY = "locality", "Locality"
    CONSULTATION = "consultation", "Professional consultation"
    OTHER = "other", "Other"


class Meeting(Record):
    type = models.CharField(max_length=30, choices=MeetingType.choices)
    held_on = models.DateField(null=True, blank=True)
    district = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=200, blank=True)
    # Recorded in Lantern's pages only; not a dataset column (docs/meetings.md).
    decisions = models.TextField(blank=True)
    children = models.ManyToManyField(
        "children.Child", through="MeetingChild", related_name="meetings"
    )

    class Meta:
        ordering = ["-held_on", "source_id"]
        indexes = [models.Index(fields=["held_on"], name="meeting_by_held")]


class MeetingChild(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="discussed")
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="discussed_at"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "child"], name="child_discussed_once")
        ]


class MeetingAttendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    agency = models.CharField(max_length=20)
    attended = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agency"], name="agency_once_per_meeting")
        ]


class Action(Record):
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    child = models.ForeignKey(
        "children.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.TextField()
    owner = models.CharField(max_length=100, blank=True)
    agency = models.CharField(max_length=20, blank=True)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # Set for actions made in Lantern's pages (`owner` then holds the user's name too);
    # imported actions name their owner in `owner` only. Not dataset columns.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions_owned",
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "source_id"]
        indexes = [models.Index(fields=["due_on"], name="action_by_due")]
