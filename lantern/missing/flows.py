"""Multi-step work of the missing app: the return interview reminder sweep.

The sweep is not one transaction: each reminder's row is committed on its own before the
message goes (`services.reminder_claim`), so two sweeps at once, or one run twice, never
send the same reminder twice, and a message is never sent for a row that was rolled back.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role, User
from lantern.cases.selectors import allocated_account, covers_in_force
from lantern.children.selectors import child_list_visible_to
from lantern.core.messages import message_channel, send_message
from lantern.missing import selectors
from lantern.missing.services import reminder_claim, reminders_mark_sent

logger = logging.getLogger(__name__)

REMINDER_SUBJECT = "Lantern: return interviews need you"


@dataclass
class SweepResult:
    messages: int = 0
    reminders: int = 0
    failed: int = 0

    def as_dict(self) -> dict:
        return {"messages": self.messages, "reminders": self.reminders, "failed": self.failed}


def reminder_body(counts: dict[int, int]) -> str:
    """The message: how many interviews reached each threshold and a link to the worklist.
    No child's name, reference, id, district or date: mailboxes and Notify keep copies."""
    total = sum(counts.values())
    lines = [
        f"{total} return interview{'s' if total != 1 else ''} "
        f"{'need' if total != 1 else 'needs'} you in Lantern.",
        "",
    ]
    if counts.get(48):
        n = counts[48]
        lines.append(
            f"- {n} {'have' if n != 1 else 'has'} reached 48 hours since the child came back: "
            "due within 24 hours."
        )
    if counts.get(72):
        n = counts[72]
        lines.append(
            f"- {n} {'have' if n != 1 else 'has'} reached 72 hours since the child came back: "
            "due now or overdue."
        )
    worklist = settings.LANTERN_BASE_URL + reverse("missing:interviews")
    lines += [
        "",
        f"See the return interview worklist: {worklist}",
        "",
        "This message names no child. Sign in to Lantern to see who they are.",
    ]
    return "\n".join(lines)


def _recipients(episode, coordinators: list, covering: dict | None = None) -> list:
    """The co-ordinators, the allocated worker, and whoever covers for that worker today
    (absence cover, docs/casework.md)."""
    people = {u.pk: u for u in coordinators}
    worker = allocated_account(episode.child.open_cases)
    if worker is not None and worker.is_active and worker.email:
        people[worker.pk] = worker
    for colleague in (covering or {}).get(getattr(worker, "pk", None), []):
        if colleague.is_active and colleague.email:
            people[colleague.pk] = colleague
    return list(people.values())


def send_reminders(now=None) -> SweepResult:
    """Tell the allocated worker and every active co-ordinator of each outstanding return
    interview that has reached 48 hours since the return, and again at 72 (docs/missing.md).
    One message per person per sweep; each reminder sent at most once. Run it outside a
    transaction (the worker does)."""
    now = now or timezone.now()
    result = SweepResult()
    episodes = list(selectors.episodes_due_a_reminder(now))
    if not episodes:
        return result
    coordinators = list(
        User.objects.filter(role=Role.COORDINATOR, is_active=True).exclude(email="")
    )
    covering: dict = defaultdict(list)
    for cover in covers_in_force(timezone.localdate()).select_related("covering"):
        covering[cover.absent_id].append(cover.covering)
    made = selectors.reminders_already_made(e.pk for e in episodes)
    owed: dict = defaultdict(list)
    people: dict = {}
    for episode in episodes:
        threshold = selectors.reminder_threshold(episode.ended_at, now)
        for person in _recipients(episode, coordinators, covering):
            if (episode.pk, threshold, person.pk) not in made:
                people[person.pk] = person
                owed[person.pk].append((episode, threshold))
    child_ids = {e.child_id for e in episodes}
    channel = message_channel()
    for pk, items in owed.items():
        person = people[pk]
        visible = set(
            child_list_visible_to(person).filter(pk__in=child_ids).values_list("pk", flat=True)
        )
        claimed = []
        for episode, threshold in items:
            if episode.child_id not in visible:
                continue
            reminder = reminder_claim(episode=episode, threshold=threshold, recipient=person)
            if reminder is not None:
                claimed.append(reminder)
        if not claimed:
            continue
        counts: dict[int, int] = defaultdict(int)
        for r in claimed:
            counts[r.threshold] += 1
        try:
            send_message(person.email, REMINDER_SUBJECT, reminder_body(counts))
        except Exception as error:  # one person's failure must not stop the others
            logger.warning("A reminder to account %s failed: %s", pk, type(error).__name__)
            result.failed += 1
            continue
        reminders_mark_sent(reminders=claimed, channel=channel, sent_at=timezone.now())
        result.messages += 1
        result.reminders += len(claimed)
    return result
