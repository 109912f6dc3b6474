"""Reads of meetings and their actions."""

from lantern.core.timeline import TimelineItem
from lantern.meetings.models import Action, MeetingChild


def meetings_of(child) -> list:
    """The child's places on meeting agendas, newest meeting first."""
    return list(
        MeetingChild.objects.filter(child=child)
        .select_related("meeting")
        .order_by("-meeting__held_on")
    )


def actions_of(child) -> list:
    return list(Action.objects.filter(child=child).select_related("meeting"))


def timeline_entries(meetings: list, actions: list) -> list[TimelineItem]:
    items = []
    for mc in meetings:
        m = mc.meeting
        items.append(
            TimelineItem(
                "meeting",
                m.held_on,
                f"Discussed at {m.get_type_display().lower()} meeting",
                m.title,
            )
        )
    for a in actions:
        state = "done" if a.completed_on else "open"
        items.append(TimelineItem("action", a.due_on, f"Action ({state})", a.description))
    return items
