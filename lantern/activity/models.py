"""Team activity: training sessions and professionals reached."""

from django.db import models

from lantern.core.models import Record


class TrainingSession(Record):
    held_on = models.DateField(null=True, blank=True)
    audience = models.CharField(max_length=100, blank=True)
    attendees = models.PositiveIntegerField()
    topic = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-held_on", "source_id"]
        indexes = [models.Index(fields=["held_on"], name="training_by_held")]
