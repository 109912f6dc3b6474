"""The landing page ("what needs me today") and a health check."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import ALL_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many
from lantern.cases.selectors import closures_waiting
from lantern.children.selectors import break_glass_to_review, child_list_visible_to
from lantern.pages.selectors import awaiting_interview_rows, caseload, episodes_awaiting_interview
from lantern.risk.selectors import overrides_waiting

HOME_LIST_SIZE = 25


@allow(ALL_ROLES)
def home(request):
    """Each role's short list of what needs doing; every child shown is audited."""
    user = request.user
    now = timezone.now()
    context: dict = {"now": now}
    shown = []
    if user.role == Role.PRACTITIONER:
        my_children = list(caseload(user)[:HOME_LIST_SIZE])
        context["my_children"] = my_children
        shown += my_children
    if user.role == Role.COORDINATOR:
        rows = awaiting_interview_rows(episodes_awaiting_interview(user)[:HOME_LIST_SIZE], now)
        context["episodes"] = rows
        shown += [row.child for row in rows]
    if user.role == Role.MANAGER:
        context["break_glass"] = list(break_glass_to_review()[:HOME_LIST_SIZE])
        shown += [b.child for b in context["break_glass"]]
        context["closures"] = list(closures_waiting(user)[:HOME_LIST_SIZE])
        shown += [c.case.child for c in context["closures"]]
        context["overrides"] = list(overrides_waiting(user)[:HOME_LIST_SIZE])
        shown += [a.child for a in context["overrides"]]
    if user.role == Role.PARTNER:
        shared = list(child_list_visible_to(user)[:HOME_LIST_SIZE])
        context["shared_children"] = shared
        shown += shared
    if shown:
        unique = list({c.pk: c for c in shown}.values())
        audit_many(
            request=request, action=AuditAction.VIEW, object_type="home_list", children=unique
        )
    return render(request, "core/home.html", context)


@allow(public=True)
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
