"""Missing episodes and return home interviews."""

from django.conf import settings
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


class PlacementType(models.TextChoices):
    FOSTER = "foster", "Foster care"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    SEMI_INDEPENDENT = "semi_independent", "Semi-independent"
    SECURE = "secure", "Secure"
    OTHER = "other", "Other"


class ReturnMethod(models.TextChoices):
    SELF = "self", "Came back by themselves"
    POLICE = "police", "Brought back by police"
    PARENT_CARER = "parent_carer", "Brought back by a parent or carer"
    PROFESSIONAL = "professional", "Brought back by another professional"
    OTHER = "other", "Other"


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
    # Extension columns of the dataset (docs/dataset-import.md): all optional.
    placement_type = models.CharField(max_length=20, choices=PlacementType.choices, blank=True)
    provider = models.CharField(max_length=200, blank=True)
    out_of_area = models.BooleanField(null=True, blank=True)
    reported_by = models.CharField(max_length=100, blank=True)
    found_with = models.CharField(max_length=200, blank=True)
    return_method = models.CharField(max_length=20, choices=ReturnMethod.choices, blank=True)
    safe_and_well_done = models.BooleanField(null=True, blank=True)
    safe_and_well_at = models.DateTimeField(null=True, blank=True)
    safe_and_well_by = models.CharField(max_length=100, blank=True)
    school_told = models.BooleanField(null=True, blank=True)

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
    # Extension columns of the dataset (docs/dataset-import.md): all optional.
    factors_notes = models.TextField(blank=True)
    where_child_was = models.TextField(blank=True)
    with_whom = models.TextField(blank=True)
    harm_disclosed = models.BooleanField(null=True, blank=True)
    shared_with_police = models.TextField(blank=True)
    shared_with_police_at = models.DateTimeField(null=True, blank=True)
    child_words = models.TextField(blank=True)
    not_shareable = models.BooleanField(
        default=False, help_text="The content never reaches partner agencies"
    )

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
    plan = models.TextField(blank=True, help_text="Who does what by when")
    attendees = ListField(blank=True, help_text="Agencies that attended")
    push_pull_factors = models.TextField(blank=True)
    next_time = models.TextField(blank=True, help_text="What to do if the child goes missing again")
    recorded_at = models.DateTimeField(auto_now_add=True, null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]


class Reminder(models.Model):
    """A return interview reminder owed to one person for one episode at one threshold
    (48 or 72 hours since the return). The row is committed before the message is sent and
    is unique, so however many sweeps run at once, each reminder is sent at most once."""

    class Threshold(models.IntegerChoices):
        HOURS_48 = 48, "48 hours since the return"
        HOURS_72 = 72, "72 hours since the return"

    episode = models.ForeignKey(Episode, on_delete=models.CASCADE, related_name="reminders")
    threshold = models.PositiveSmallIntegerField(choices=Threshold.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "threshold", "recipient"], name="reminder_once"
            )
        ]


class TellingHow(models.TextChoices):
    EMAIL = "email", "Email from Lantern"
    PHONE = "phone", "Phone"
    OWN_EMAIL = "own_email", "Email sent by a person"
    MEETING = "meeting", "In person or at a meeting"
    OTHER = "other", "Other"


class OlaNotice(models.Model):
    """Telling the placing authority that a child it placed here is missing: one per
    episode of a child placed by another authority. Told when `told_at` is set (by Lantern's
    email, or recorded by a co-ordinator); until then it is a task on the co-ordinators'
    list."""

    episode = models.OneToOneField(Episode, on_delete=models.CASCADE, related_name="ola_notice")
    authority_name = models.CharField(max_length=100)
    email = models.EmailField(blank=True, help_text="Where Lantern's email went, if it did")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="Lantern's email sent")
    told_at = models.DateTimeField(null=True, blank=True)
    told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    how = models.CharField(max_length=20, choices=TellingHow.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["told_at"], name="ola_notice_by_told")]


class PhilomenaProfile(models.Model):
    """The Philomena Protocol profile of a child who goes missing often: what the police need
    to look for the child fast. One a child; its content lives in versions, the latest current."""

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="philomena_profile"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Philomena profile {self.pk}"


# The profile's own fields, in the order the page, the form and the print show them.
PHILOMENA_FIELDS = (
    "height",
    "build",
    "hair",
    "distinguishing_features",
    "associates",
    "places_they_go",
    "phones_and_social_media",
    "vulnerabilities",
    "medical_needs",
    "when_found",
)


class PhilomenaVersion(models.Model):
    """One saved state of a profile. Never changed: every save makes the next number."""

    profile = models.ForeignKey(PhilomenaProfile, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    height = models.CharField(max_length=50, blank=True)
    build = models.CharField(max_length=100, blank=True)
    hair = models.CharField(max_length=100, blank=True)
    distinguishing_features = models.TextField(
        blank=True, help_text="Scars, tattoos, piercings, glasses, how they speak or walk"
    )
    associates = models.TextField(blank=True)
    places_they_go = models.TextField(blank=True)
    phones_and_social_media = models.TextField(blank=True)
    vulnerabilities = models.TextField(blank=True)
    medical_needs = models.TextField(blank=True)
    when_found = models.TextField(blank=True, help_text="What to do when the child is found")
    photo = models.CharField(
        max_length=200, blank=True, help_text="Path under MEDIA_ROOT: philomena/<random>.jpg"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["profile", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "number"], name="philomena_version_once")
        ]

    def __str__(self) -> str:
        return f"Philomena profile {self.profile_id} version {self.number}"
