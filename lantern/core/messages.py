"""Sending a message to a person: GOV.UK Notify when a Notify API key is set, else email.

One function, `send_message`, for every message Lantern sends (return interview reminders,
telling a placing authority). Callers write the subject and body; they never put personal
data in them, since mailboxes and Notify keep copies (docs/missing.md).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)


def message_channel() -> str:
    """How messages leave Lantern: "notify" or "email"."""
    return "notify" if settings.NOTIFY_API_KEY else "email"


def send_message(to_email: str, subject: str, body: str) -> None:
    """Send one message. Through GOV.UK Notify (the template `NOTIFY_TEMPLATE_ID`, a plain
    email template with `((subject))` and `((body))` placeholders) when `NOTIFY_API_KEY` is
    set; otherwise through Django's mail settings. Raises on failure; the address is never
    logged."""
    if not to_email:
        raise ValueError("A message needs an address")
    if message_channel() == "notify":
        client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=30
        )
        client.send_email_notification(
            email_address=to_email,
            template_id=settings.NOTIFY_TEMPLATE_ID,
            personalisation={"subject": subject, "body": body},
        )
        return
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to_email], fail_silently=False)
