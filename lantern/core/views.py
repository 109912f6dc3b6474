"""The landing page ("what needs me today") and a health check."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import ALL_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import Action
from lantern.audit.services import audit_many
from lantern.children.selectors import (
    break_glass_to_review,
    child_list_visible_to,
    children_allocated_to,
    episodes_awaiting_interview_outcome,
)

HOME_LIST_SIZE = 25


def _elapsed(hours: int) -> str:
    """Hours while the 72-hour clock matters, then days: '5 hours', '80 hours', '12 days'."""
    if hours < 96:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{hours // 24:,} days"


@allow(ALL_ROLES)
def home(request):
    """Each role's short list of what needs doing; every child shown is audited."""
    user = request.user
    context: dict = {"now": timezone.now()}
    shown = []
    if user.role == Role.PRACTITIONER:
        my_children = list(children_allocated_to(user)[:HOME_LIST_SIZE])
        context["my_children"] = my_children
        shown += my_children
    if user.role == Role.COORDINATOR:
        episodes = list(episodes_awaiting_interview_outcome(user)[:HOME_LIST_SIZE])
        now = timezone.now()
        for e in episodes:
            e.hours_since_return = int((now - e.ended_at).total_seconds() // 3600)
            e.overdue = e.hours_since_return > 72
            e.since_return = _elapsed(e.hours_since_return)
        context["episodes"] = episodes
        shown += [e.child for e in episodes]
    if user.role == Role.MANAGER:
        context["break_glass"] = list(break_glass_to_review()[:HOME_LIST_SIZE])
        shown += [b.child for b in context["break_glass"]]
    if user.role == Role.PARTNER:
        shared = list(child_list_visible_to(user)[:HOME_LIST_SIZE])
        context["shared_children"] = shared
        shown += shared
    if shown:
        unique = list({c.pk: c for c in shown}.values())
        audit_many(request=request, action=Action.VIEW, object_type="home_list", children=unique)
    return render(request, "core/home.html", context)


@allow(public=True)
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
