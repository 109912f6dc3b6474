"""Writes of missing episodes, return interviews and trigger meetings made in the pages.

Each runs in a transaction and writes its audit entry in it. The audit entry names the
fields given or changed, never their values, so the episode's history shows who changed
what and when without copying personal data into the trail.
"""

import logging
from datetime import date, datetime
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import placing_authority_named
from lantern.core.messages import send_message
from lantern.core.models import lantern_source_id
from lantern.core.ukdate import uk_date_time
from lantern.missing.models import (
    PHILOMENA_FIELDS,
    Episode,
    InterviewEpisode,
    OlaNotice,
    PhilomenaProfile,
    PhilomenaVersion,
    Reminder,
    ReturnInterview,
    TellingHow,
    TriggerMeeting,
)
from lantern.missing.photos import new_photo_name
from lantern.missing.selectors import episode_clash

logger = logging.getLogger(__name__)

# The fields a person records when a child goes missing, and when the child comes back.
START_FIELDS = (
    "started_at",
    "missing_from",
    "placement_type",
    "provider",
    "out_of_area",
    "episode_type",
    "police_reference",
    "police_risk",
    "reported_by",
)
RETURN_FIELDS = (
    "ended_at",
    "found_location",
    "found_with",
    "return_method",
    "safe_and_well_done",
    "safe_and_well_at",
    "safe_and_well_by",
    "school_told",
)
EPISODE_FIELDS = START_FIELDS + RETURN_FIELDS

INTERVIEW_FIELDS = (
    "outcome",
    "offered_at",
    "conducted_by",
    "independent",
    "completed_at",
    "exception_reason",
    "push_factors",
    "pull_factors",
    "factors_notes",
    "where_child_was",
    "with_whom",
    "harm_disclosed",
    "shared_with_police",
    "shared_with_police_at",
    "child_words",
    "not_shareable",
)


class EpisodeClash(Exception):
    """The episode would break a rule of the dataset; `field` is where to show it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _filled(fields: dict) -> list[str]:
    return sorted(k for k, v in fields.items() if v not in ("", None, [], False))


def _check_episode(episode: Episode) -> None:
    """End not before start, no overlap: in plain words, beside the field."""
    if episode.ended_at is not None and episode.ended_at < episode.started_at:
        raise EpisodeClash(
            "ended_at",
            f"The return must be after the child went missing ({uk_date_time(episode.started_at)})",
        )
    other = episode_clash(episode.child, episode.started_at, episode.ended_at, exclude=episode)
    if other is None:
        return
    inside = other.started_at <= episode.started_at and (
        other.ended_at is None or episode.started_at < other.ended_at
    )
    raise EpisodeClash(
        "started_at" if inside or episode.ended_at is not None else "ended_at",
        f"This overlaps the episode that started {uk_date_time(other.started_at)}",
    )


def _save(episode: Episode) -> None:
    """Save, with the database's own rules as the last guard (two people at once)."""
    try:
        with transaction.atomic():
            episode.save()
    except IntegrityError:
        raise EpisodeClash(
            "started_at", "This overlaps another episode of the child recorded just now"
        ) from None


@transaction.atomic
def episode_create(*, child, by, request=None, **fields) -> Episode:
    """Record that a child went missing (and, if known already, the return)."""
    unknown = set(fields) - set(EPISODE_FIELDS)
    if unknown:
        raise TypeError(f"Not an episode field: {', '.join(sorted(unknown))}")
    episode = Episode(
        source_id=lantern_source_id(), child=child, created_by=by, modified_by=by, **fields
    )
    _check_episode(episode)
    try:
        episode.full_clean(validate_constraints=False)
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise EpisodeClash(name, messages[0]) from None
    _save(episode)
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="episode",
        object_id=episode.pk,
        child=child,
        detail={"fields": _filled(fields)},
    )
    if child.is_ola:
        _ola_notice_open(episode, by)
    return episode


def _ola_notice_open(episode: Episode, by) -> OlaNotice:
    """A child placed by another authority went missing: record that its authority is to be
    told, and email it after the commit when an address is recorded for it."""
    authority = placing_authority_named(episode.child.placing_authority)
    notice = OlaNotice.objects.create(
        episode=episode,
        authority_name=episode.child.placing_authority,
        email=authority.email if authority else "",
    )
    audit_record(
        user=by,
        action=AuditAction.CREATE,
        object_type="ola_notice",
        object_id=notice.pk,
        child=episode.child,
        detail={"email": bool(notice.email)},
    )
    if notice.email:
        transaction.on_commit(partial(ola_notice_send, notice.pk))
    return notice


OLA_SUBJECT = "A child you placed with us has been reported missing"


def ola_message_body(notice: OlaNotice) -> str:
    """Tells the authority one of its children is missing, with Lantern's episode reference
    only: no name, date of birth or place (mailboxes keep copies); the authority calls the
    missing co-ordinator, who shares what it needs."""
    return "\n".join(
        [
            f"To {notice.authority_name},",
            "",
            "A child placed here by your authority has been reported missing.",
            f"Our reference for this episode: {notice.episode.source_id}",
            "",
            f"Please contact {settings.LANTERN_MISSING_CONTACT} and give this reference.",
            "",
            "This message does not name the child.",
        ]
    )


def ola_notice_send(notice_id) -> bool:
    """Email the placing authority (after the episode's commit) and record that it was
    told. A failure leaves the notice on the co-ordinators' task list; never raises."""
    notice = OlaNotice.objects.select_related("episode").get(pk=notice_id)
    if notice.told_at is not None or not notice.email:
        return False
    try:
        send_message(notice.email, OLA_SUBJECT, ola_message_body(notice))
    except Exception as error:  # the episode is saved; the task list shows it untold
        logger.warning(
            "Telling placing authority (notice %s) failed: %s", notice_id, type(error).__name__
        )
        return False
    ola_notice_told(notice=notice, by=None, how=TellingHow.EMAIL, told_at=timezone.now())
    return True


@transaction.atomic
def ola_notice_told(*, notice: OlaNotice, by, how: str, told_at: datetime, request=None) -> bool:
    """Record that the placing authority was told (by Lantern's email, or by a person);
    False when it was already recorded."""
    current = OlaNotice.objects.select_for_update().select_related("episode").get(pk=notice.pk)
    if current.told_at is not None:
        return False
    current.told_at, current.how, current.told_by = told_at, how, by
    if how == TellingHow.EMAIL:
        current.sent_at = told_at
    current.save(update_fields=["told_at", "how", "told_by", "sent_at"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="ola_notice",
        object_id=current.pk,
        child=current.episode.child_id,
        detail={"fields": ["told_at", "how"], "how": how},
    )
    notice.refresh_from_db()
    return True


@transaction.atomic
def episode_update(*, episode: Episode, by, changes: dict, request=None) -> list[str]:
    """Change an episode (the return is a change too); returns the fields that changed."""
    unknown = set(changes) - set(EPISODE_FIELDS)
    if unknown:
        raise TypeError(f"Not an episode field: {', '.join(sorted(unknown))}")
    current = Episode.objects.select_for_update().select_related("child").get(pk=episode.pk)
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(current, name, changes[name])
    current.modified_by = by
    _check_episode(current)
    _save(current)
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="episode",
        object_id=current.pk,
        child=current.child,
        detail={"fields": sorted(changed)},
    )
    episode.refresh_from_db()
    return changed


@transaction.atomic
def interview_record(*, child, episodes: list, by, request=None, **fields) -> ReturnInterview:
    """Record a return interview (an offer, a completion, a decline or an exception)
    covering one or several of the child's episodes."""
    unknown = set(fields) - set(INTERVIEW_FIELDS)
    if unknown:
        raise TypeError(f"Not an interview field: {', '.join(sorted(unknown))}")
    if not episodes or any(e.child_id != child.pk for e in episodes):
        raise ValueError("An interview covers one or more episodes of its own child.")
    interview = ReturnInterview.objects.create(
        source_id=lantern_source_id(), child=child, created_by=by, modified_by=by, **fields
    )
    InterviewEpisode.objects.bulk_create(
        InterviewEpisode(interview=interview, episode=e, position=i)
        for i, e in enumerate(sorted(episodes, key=lambda e: e.started_at))
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="return_interview",
        object_id=interview.pk,
        child=child,
        detail={"fields": _filled(fields), "episodes": len(episodes)},
    )
    return interview


@transaction.atomic
def trigger_meeting_record(
    *,
    child,
    triggered_on: date,
    held_on: date,
    attendees: list[str],
    by,
    push_pull_factors: str = "",
    next_time: str = "",
    plan: str = "",
    request=None,
) -> TriggerMeeting:
    """Record that the missing intervention meeting for a child's trigger was held."""
    meeting = TriggerMeeting.objects.create(
        child=child,
        triggered_on=triggered_on,
        held_on=held_on,
        attendees=attendees,
        push_pull_factors=push_pull_factors,
        next_time=next_time,
        plan=plan,
        recorded_by=by,
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="trigger_meeting",
        object_id=meeting.pk,
        child=child,
        detail={"attendees": len(attendees)},
    )
    return meeting


@transaction.atomic
def reminder_claim(*, episode: Episode, threshold: int, recipient) -> Reminder | None:
    """Make the row for one reminder, committed on its own before anything is sent (call it
    outside any transaction). None when the row exists already: another sweep, or this one
    run twice, has it, and only that one sends it."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                episode=episode, threshold=threshold, recipient=recipient
            )
    except IntegrityError:
        return None


@transaction.atomic
def reminders_mark_sent(*, reminders: list[Reminder], channel: str, sent_at) -> None:
    """Record that the message carrying these reminders was sent, with one audit entry per
    child it was about (naming the recipient's account and the thresholds, nothing else)."""
    Reminder.objects.filter(pk__in=[r.pk for r in reminders]).update(sent_at=sent_at)
    recipient = reminders[0].recipient
    audit_many(
        user=None,
        action=AuditAction.CREATE,
        object_type="return_interview_reminder",
        children=sorted({r.episode.child_id for r in reminders}, key=str),
        detail={
            "recipient": recipient.pk,
            "thresholds": sorted({r.threshold for r in reminders}),
            "channel": channel,
        },
    )


class ProfileChangedSinceOpened(Exception):
    """Someone saved the Philomena profile after the form was opened; `current` is theirs."""

    def __init__(self, current: PhilomenaVersion):
        super().__init__("The Philomena profile changed since the form was opened")
        self.current = current


def _photo_write(jpeg: bytes) -> str:
    name = new_photo_name()
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(jpeg)
    return name


@transaction.atomic
def philomena_save(
    *,
    child,
    by,
    fields: dict,
    opened_version: int,
    photo_jpeg: bytes | None = None,
    remove_photo: bool = False,
    request=None,
) -> PhilomenaVersion | None:
    """Save the child's Philomena profile as its next version (the first makes the profile).

    `opened_version` is the number the form was opened at (0 when there was no profile): if
    someone saved since, nothing is saved and `ProfileChangedSinceOpened` is raised.
    `photo_jpeg` is a photo already checked and cleaned by `photos.photo_as_jpeg`; without
    one the photo stays as it was, unless `remove_photo`. Returns None when nothing changed.
    """
    unknown = set(fields) - set(PHILOMENA_FIELDS)
    if unknown:
        raise TypeError(f"Not a Philomena profile field: {', '.join(sorted(unknown))}")
    profile, _ = PhilomenaProfile.objects.get_or_create(child=child)
    profile = PhilomenaProfile.objects.select_for_update().get(pk=profile.pk)
    latest = profile.versions.order_by("-number").first()
    number = latest.number if latest else 0
    if opened_version != number:
        raise ProfileChangedSinceOpened(latest)
    values = {name: fields.get(name, "") for name in PHILOMENA_FIELDS}
    values["photo"] = latest.photo if latest else ""
    if remove_photo:
        values["photo"] = ""
    if photo_jpeg is not None:
        values["photo"] = _photo_write(photo_jpeg)
    if latest is None:
        changed = sorted(name for name, value in values.items() if value)
    else:
        changed = sorted(name for name, value in values.items() if getattr(latest, name) != value)
    if not changed and latest is not None:
        return None
    version = PhilomenaVersion.objects.create(
        profile=profile, number=number + 1, created_by=by, **values
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE if latest is None else AuditAction.UPDATE,
        object_type="philomena_profile",
        object_id=profile.pk,
        child=child,
        detail={"fields": changed, "version": version.number},
    )
    return version
