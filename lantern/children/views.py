"""Child pages: find a child, the whole story on one page, record and change details.

Views are thin: access through selectors, writes through services, an audit entry always.
"""

import secrets
from datetime import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import Action
from lantern.audit.services import audit_many, audit_record
from lantern.children.forms import FIELD_NAMES, BreakGlassForm, ChildForm, ChildSearchForm
from lantern.children.models import BreakGlass, Child
from lantern.children.risk_chart import risk_history_chart
from lantern.children.selectors import (
    TIMELINE_KINDS,
    ChildSearch,
    RestrictedRecord,
    access_child_by_id,
    child_search,
    child_story,
    district_choices,
)
from lantern.children.services import (
    ChildChangedSinceOpened,
    break_glass_acknowledge,
    child_break_glass,
    child_create,
    child_restrict,
    child_update,
)

PAGE_SIZE = 50
CHILD_ROLES = (Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER)
RESTRICTING_ROLES = (Role.COORDINATOR, Role.MANAGER)


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
    children = child_search(request.user, search)
    paginator = Paginator(children, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    today = timezone.localdate()
    for child in rows:
        child.age = child.age_on(today)
    detail = {"kinds": search.kinds, "filters": search.filters_for_audit()}
    detail["results"] = paginator.count
    detail["page"] = page.number
    audit_record(request=request, action=Action.SEARCH, object_type="child_list", detail=detail)
    audit_many(
        request=request, action=Action.SEARCH, object_type="child", children=rows, detail=detail
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


def page_links(page) -> list:
    """GOV.UK pagination: first, last, current and its neighbours, with ellipses."""
    if page.paginator.num_pages <= 1:
        return []
    links, last = [], 0
    for n in page.paginator.page_range:
        if n in (1, page.paginator.num_pages) or abs(n - page.number) <= 1:
            if last and n - last > 1:
                links.append(None)
            links.append(n)
            last = n
    return links


def _restricted_page(request, child, form=None):
    """Show only that the record is restricted, with the break-glass form."""
    audit_record(
        request=request,
        action=Action.VIEW,
        object_type="child_restricted_notice",
        object_id=child.pk,
        child=child,
    )
    return render(
        request,
        "children/restricted.html",
        {"child_id": child.pk, "form": form or BreakGlassForm()},
        status=403,
    )


def _child_in_scope(request, child_id) -> Child:
    """The child through the access helper; a refusal (the same 404 whether the child is
    absent or out of scope) is audited as an attempt: who, which id, when, from where."""
    try:
        return access_child_by_id(request.user, child_id, session=request.session)
    except Http404:
        audit_record(
            request=request,
            action=Action.VIEW,
            object_type="child_refused",
            object_id=str(child_id),
            detail={"outcome": "not found or not in scope"},
        )
        raise


@allow(CHILD_ROLES)
def child_detail(request, child_id):
    """The whole story of one child on one page."""
    try:
        child = _child_in_scope(request, child_id)
    except RestrictedRecord as sealed:
        return _restricted_page(request, sealed.child)
    story = child_story(child)
    kind = request.GET.get("kind", "")
    if kind not in TIMELINE_KINDS:
        kind = ""
    audit_record(
        request=request, action=Action.VIEW, object_type="child", object_id=child.pk, child=child
    )
    today = timezone.localdate()
    return render(
        request,
        "children/detail.html",
        {
            "child": child,
            "story": story,
            "risk_chart": risk_history_chart(story.assessments),
            "age": child.age_on(today),
            "timeline": story.timeline(kind, with_notes=request.user.role != Role.PARTNER),
            "kind": kind,
            "kinds": TIMELINE_KINDS,
            "today": today,
            "can_edit": request.user.role in SERVICE_ROLES,
        },
    )


@allow(CHILD_ROLES)
def child_break_glass_view(request, child_id):
    """Open a restricted record with a written reason (recorded and shown to managers)."""
    try:
        child = _child_in_scope(request, child_id)
    except RestrictedRecord as sealed:
        child = sealed.child
    else:
        return redirect("children:detail", child_id=child.pk)
    if request.method != "POST":
        return _restricted_page(request, child)
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return _restricted_page(request, child, form)
    child_break_glass(
        child=child, by=request.user, reason=form.cleaned_data["reason"], request=request
    )
    messages.info(request, "You opened a restricted record. Your reason has been recorded.")
    return redirect("children:detail", child_id=child.pk)


def _form_changes(form: ChildForm) -> dict:
    return {name: form.cleaned_data[name] for name in FIELD_NAMES}


@allow(SERVICE_ROLES)
def child_new(request):
    can_restrict = request.user.role in RESTRICTING_ROLES
    form = ChildForm(request.POST or None, can_restrict=can_restrict)
    if request.method == "POST" and form.is_valid():
        child = child_create(
            by=request.user,
            request=request,
            restricted=bool(form.cleaned_data.get("restricted")),
            **_form_changes(form),
        )
        messages.success(request, "Child record created")
        return redirect("children:detail", child_id=child.pk)
    return render(request, "children/form.html", {"form": form, "creating": True})


@allow(SERVICE_ROLES)
def child_edit(request, child_id):
    """Change a child's details; if someone saved first, show both versions and keep the
    typed values so nothing is lost."""
    try:
        child = _child_in_scope(request, child_id)
    except RestrictedRecord as sealed:
        return _restricted_page(request, sealed.child)
    can_restrict = request.user.role in RESTRICTING_ROLES
    conflict = None
    if request.method == "POST":
        form = ChildForm(request.POST, can_restrict=can_restrict)
        if form.is_valid() and _parse_version(form.cleaned_data["version"]) is None:
            # Without the version it was opened at, a save could overwrite someone else's.
            form.add_error(
                None,
                "This form is out of date or incomplete, so nothing was saved. Open the "
                "record again, then make your changes",
            )
        elif form.is_valid():
            try:
                changed = child_update(
                    child=child,
                    by=request.user,
                    changes=_form_changes(form),
                    opened_version=_parse_version(form.cleaned_data["version"]),
                    request=request,
                )
            except ChildChangedSinceOpened as clash:
                conflict = _conflict_rows(clash.current, form)
                data = request.POST.copy()
                data["version"] = clash.current.updated_at.isoformat()
                form = ChildForm(data, can_restrict=can_restrict)
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else changed this record after you opened it. Check their "
                    "version below, then save again to keep yours.",
                )
                child = clash.current
            else:
                if can_restrict:
                    if child_restrict(
                        child=child,
                        by=request.user,
                        restricted=bool(form.cleaned_data.get("restricted")),
                        request=request,
                    ):
                        changed.append("restricted")
                messages.success(request, "Changes saved" if changed else "No changes to save")
                return redirect("children:detail", child_id=child.pk)
    else:
        form = ChildForm(initial=ChildForm.initial_from(child), can_restrict=can_restrict)
    audit_record(
        request=request,
        action=Action.VIEW,
        object_type="child_form",
        object_id=child.pk,
        child=child,
    )
    return render(
        request,
        "children/form.html",
        {"form": form, "child": child, "creating": False, "conflict": conflict},
    )


def _parse_version(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _display(value) -> str:
    if value in (None, "", []):
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(value)
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def _conflict_rows(current: Child, form: ChildForm) -> list[dict]:
    """Fields where the saved record and the typed values differ, side by side."""
    rows = []
    for name in FIELD_NAMES:
        theirs, yours = getattr(current, name), form.cleaned_data.get(name)
        if theirs != yours:
            field = Child._meta.get_field(name)
            if field.choices:
                theirs = dict(field.choices).get(theirs, theirs)
                yours = dict(field.choices).get(yours, yours)
            rows.append(
                {
                    "label": form.fields[name].label,
                    "theirs": _display(theirs),
                    "yours": _display(yours),
                }
            )
    return rows


@allow(Role.MANAGER)
@require_POST
def break_glass_review(request, event_id):
    """A manager marks a break-glass event as reviewed."""
    event = get_object_or_404(BreakGlass, pk=event_id)
    break_glass_acknowledge(event=event, by=request.user, request=request)
    messages.success(request, "Break-glass event marked as reviewed")
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt in ("/", reverse("audit:list")) else "home")
