"""Reads for the user management screens."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import Team


def locked_usernames() -> set[str]:
    """Usernames locked out now: enough failures within the cool-off period."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    return set(
        AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
        ).values_list("username", flat=True)
    )


def user_list() -> QuerySet:
    """Every account with its team and whether an authenticator is set up, in one query."""
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        get_user_model()
        .objects.select_related("team")
        .annotate(has_authenticator=Exists(enrolled))
        .order_by("-is_active", "last_name", "first_name", "username")
    )


def user_is_locked(user) -> bool:
    return user.username in locked_usernames()


def team_list() -> QuerySet:
    return Team.objects.order_by("name")
