"""The landing page ("what needs me today") and a health check."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import ALL_ROLES, CASE_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many
from lantern.cases.selectors import closures_waiting, covering_for
from lantern.children.selectors import break_glass_to_review, child_list_visible_to
from lantern.meetings.selectors import overdue_actions_of
from lantern.pages.selectors import (
    awaiting_interview_rows,
    caseload,
    caseloads_by_worker,
    episodes_awaiting_interview,
    missing_worklist_counts,
)
from lantern.risk.selectors import overrides_waiting

HOME_LIST_SIZE = 25  # the first rows of each list; "Show all" lifts it (never a silent cap)


@dataclass
class HomeList:
    """One list on the landing page: its rows, its total, and whether rows were left off."""

    rows: list
    total: int

    @property
    def cut(self) -> bool:
        return self.total > len(self.rows)


def _home_list(queryset, show_all: bool) -> HomeList:
    total = queryset.count()
    return HomeList(rows=list(queryset if show_all else queryset[:HOME_LIST_SIZE]), total=total)


@allow(ALL_ROLES)
def home(request):
    """Each role's lists of what needs doing, each with its total; every child shown is
    audited. `?show=all` shows every row of every list."""
    user = request.user
    now = timezone.now()
    show_all = request.GET.get("show") == "all"
    context: dict = {"now": now, "show_all": show_all, "overdue_actions": None}
    if user.role in CASE_ROLES:
        context["overdue_actions"] = overdue_actions_of(user, now).count()
        context["covering"] = covering_for(user, timezone.localdate())
    shown = []
    if user.role == Role.PRACTITIONER:
        my_children = _home_list(caseload(user), show_all)
        context["my_children"] = my_children
        shown += my_children.rows
    if user.role == Role.COORDINATOR:
        episodes = _home_list(episodes_awaiting_interview(user), show_all)
        episodes.rows = awaiting_interview_rows(episodes.rows, now)
        context["episodes"] = episodes
        context["missing_lists"] = missing_worklist_counts(user, now)
        shown += [row.child for row in episodes.rows]
    if user.role == Role.MANAGER:
        context["break_glass"] = _home_list(break_glass_to_review(), show_all)
        shown += [b.child for b in context["break_glass"].rows]
        context["caseloads"] = caseloads_by_worker()
        context["closures"] = list(closures_waiting(user)[:HOME_LIST_SIZE])
        shown += [c.case.child for c in context["closures"]]
        context["overrides"] = list(overrides_waiting(user)[:HOME_LIST_SIZE])
        shown += [a.child for a in context["overrides"]]
    if user.role == Role.PARTNER:
        shared = _home_list(child_list_visible_to(user), show_all)
        context["shared_children"] = shared
        shown += shared.rows
    if shown:
        unique = list({c.pk: c for c in shown}.values())
        audit_many(
            request=request, action=AuditAction.VIEW, object_type="home_list", children=unique
        )
    return render(request, "core/home.html", context)


@allow(public=True)
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")
