"""The children list and the child's page: both draw on every domain's records.

The search words are personal data, so they never go in the address (which ends up in
server logs and browser history).
"""

import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Agency, Role
from lantern.audit.models import AuditAction
from lantern.audit.selectors import last_change_in_lantern
from lantern.audit.services import audit_many, audit_record
from lantern.cases import selectors as cases
from lantern.children.selectors import (
    ChildSearch,
    RestrictedRecord,
    district_choices,
    merges_of,
)
from lantern.children.views import CHILD_ROLES, child_in_scope, restricted_page
from lantern.core.pagination import page_links
from lantern.core.timeline import TIMELINE_KINDS
from lantern.mapping.selectors import child_network
from lantern.missing.selectors import philomena_version
from lantern.pages.forms import ChildSearchForm
from lantern.pages.risk_chart import risk_history_chart
from lantern.pages.selectors import child_find, child_story

PAGE_SIZE = 50


@allow(CHILD_ROLES)
def child_list(request):
    """Find a child by name (partial or misspelt), reference, date of birth or district.

    The search words are personal data, so they never go in the address (which ends up in
    server logs and browser history): the form is posted, kept in the session under an
    opaque token, and the results page is `?s=<token>`. Filters may also come in the address.
    """
    if request.method == "POST":
        token = _search_keep(request, request.POST)
        return redirect(f"{reverse('children:list')}?s={token}")
    data = _search_recall(request)
    form = ChildSearchForm(data or None, districts=district_choices(request.user))
    search = ChildSearch()
    if form.is_valid():
        search = ChildSearch(**{k: v or "" for k, v in form.cleaned_data.items()})
    children = child_find(request.user, search)
    paginator = Paginator(children, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    today = timezone.localdate()
    for child in rows:
        child.age = child.age_on(today)
    detail = {"kinds": search.kinds, "filters": search.filters_for_audit()}
    detail["results"] = paginator.count
    detail["page"] = page.number
    audit_record(
        request=request, action=AuditAction.SEARCH, object_type="child_list", detail=detail
    )
    audit_many(
        request=request,
        action=AuditAction.SEARCH,
        object_type="child",
        children=rows,
        detail=detail,
    )
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("q", None)
    return render(
        request,
        "children/list.html",
        {
            "form": form,
            "page": page,
            "children": rows,
            "searched": bool(search.q or search.filters_for_audit()),
            "query": query.urlencode(),
            "page_links": page_links(page),
        },
    )


SEARCHES_KEPT = 20


def _search_keep(request, posted) -> str:
    """Keep a posted search in the session (the last few only) and name it by a token."""
    searches = request.session.get("child_searches", {})
    token = secrets.token_urlsafe(8)
    searches[token] = {k: posted.get(k, "") for k in ChildSearchForm.base_fields}
    request.session["child_searches"] = dict(list(searches.items())[-SEARCHES_KEPT:])
    return token


def _search_recall(request) -> dict:
    """The search to show: a kept one by its token, plus filters from the address; never the
    search words from the address."""
    data = {k: v for k, v in request.GET.items() if k in ChildSearchForm.base_fields and k != "q"}
    kept = request.session.get("child_searches", {}).get(request.GET.get("s", ""))
    return {**(kept or {}), **data}


@allow(CHILD_ROLES)
def child_detail(request, child_id):
    """The whole story of one child on one page."""
    try:
        child = child_in_scope(request, child_id)
    except RestrictedRecord as sealed:
        return restricted_page(request, sealed.child)
    if child.merged_into_id:
        messages.info(
            request,
            f"{child.source_id} was merged into this record: its history is shown here.",
        )
        return redirect("children:detail", child.merged_into_id)
    story = child_story(child)
    kind = request.GET.get("kind", "")
    if kind not in TIMELINE_KINDS:
        kind = ""
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="child",
        object_id=child.pk,
        child=child,
    )
    today = timezone.localdate()
    change = last_change_in_lantern("child", child.pk)
    for o in story.onward_referrals:
        o.wait_days = cases.onward_wait_days(o, today)
        o.long_wait = cases.onward_wait_is_long(o, today)
    for p in story.plans:
        p.overdue = cases.plan_review_overdue(p, today)
    open_case = story.open_cases[0] if story.open_cases else None
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "story": story,
            "changed_by_import": _changed_by_import(child, change),
            "risk_chart": risk_history_chart(story.assessments),
            "age": child.age_on(today),
            "timeline": story.timeline(kind, with_notes=request.user.role != Role.PARTNER),
            "kind": kind,
            "kinds": TIMELINE_KINDS,
            "today": today,
            "can_edit": request.user.role in SERVICE_ROLES,
            "network": child_network(child, story.links, request.user),
            "direct_work": story.direct_work,
            "onward": story.onward_referrals,
            "plans": story.plans,
            "long_wait_days": cases.onward_long_wait_days(),
            "open_case": open_case,
            "hide_notes": request.user.role == Role.PARTNER,
            "can_share": request.user.role in (Role.COORDINATOR, Role.MANAGER),
            "philomena": philomena_version(child),
            "sees_philomena": request.user.role in SERVICE_ROLES
            or request.user.agency == Agency.POLICE,
            "merges": merges_of(child),
        },
    )


def _changed_by_import(child, change) -> bool:
    """The record was last written by an import: no change on Lantern's pages since then
    (a page's change and its audit row are one transaction, a second apart at most)."""
    return change is None or (child.updated_at - change.at).total_seconds() > 1
