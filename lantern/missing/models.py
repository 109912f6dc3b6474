"""Missing episodes and return home interviews."""

from django.db import models
from django.db.models import F, Q

from lantern.core.fields import ListField
from lantern.core.models import Record


class MissingFrom(models.TextChoices):
    HOME = "home", "Home"
    CARE = "care", "Care"


class EpisodeType(models.TextChoices):
    MISSING = "missing", "Missing"
    AWAY = "away", "Away without authorisation"


class PoliceRisk(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"
    NONE = "none", "None"


class Episode(Record):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="episodes")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True, help_text="Blank: still missing")
    missing_from = models.CharField(max_length=10, choices=MissingFrom.choices)
    episode_type = models.CharField(
        max_length=10, choices=EpisodeType.choices, default=EpisodeType.MISSING
    )
    police_reference = models.CharField(max_length=50, blank=True)
    police_risk = models.CharField(max_length=10, choices=PoliceRisk.choices, blank=True)
    found_location = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at", "source_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="episode_end_not_before_start",
            )
        ]
        indexes = [
            models.Index(fields=["started_at"], name="episode_by_start"),
            models.Index(fields=["ended_at"], name="episode_by_end"),
            models.Index(fields=["child", "started_at"], name="episode_child_start"),
        ]


class InterviewOutcome(models.TextChoices):
    COMPLETED = "completed", "Completed"
    DECLINED_CHILD = "declined_child", "Declined by the child"
    DECLINED_PARENT = "declined_parent", "Declined by the parent"
    EXCEPTION = "exception", "Exception"
    OUTSTANDING = "outstanding", "Outstanding"


class ReturnInterview(Record):
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="return_interviews"
    )
    episodes = models.ManyToManyField(
        Episode, through="InterviewEpisode", related_name="interviews"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=InterviewOutcome.choices)
    completed_at = models.DateTimeField(null=True, blank=True)
    conducted_by = models.CharField(max_length=100, blank=True)
    independent = models.BooleanField(null=True, blank=True)
    push_factors = ListField(blank=True)
    pull_factors = ListField(blank=True)
    exception_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-offered_at", "source_id"]
        indexes = [models.Index(fields=["offered_at"], name="interview_by_offered")]


class InterviewEpisode(models.Model):
    """An episode an interview covers; `position` keeps the order given in the source."""

    interview = models.ForeignKey(ReturnInterview, on_delete=models.CASCADE, related_name="covers")
    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="covered_by")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["interview", "position"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "episode"], name="interview_episode_once")
        ]


class TriggerMeeting(models.Model):
    """A person records that the missing intervention meeting for a trigger was held."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="trigger_meetings"
    )
    triggered_on = models.DateField()
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL
    )
    held_on = models.DateField(null=True, blank=True)
    plan = models.TextField(blank=True)
