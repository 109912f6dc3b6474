"""The meetings pages (record, list, one meeting, its actions) and the actions worklist.

Views are thin: children through `lantern.children.selectors` (a child the user may not see
is never shown, on a meeting or an action), rules from `lantern.meetings.selectors`, writes
through `lantern.meetings.services`, an audit entry for every read of a child's data.
"""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lantern.accounts.access import CASE_ROLES, SERVICE_ROLES, allow
from lantern.accounts.models import User
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import (
    ChildSearch,
    child_list_visible_to,
    child_search,
    district_choices,
)
from lantern.core.pagination import page_links
from lantern.core.ukdate import parse_uk_date
from lantern.meetings import selectors
from lantern.meetings.forms import ActionForm, ChildFindForm, MeetingForm
from lantern.meetings.models import Action, Meeting, MeetingType
from lantern.meetings.services import (
    ActionRefused,
    action_complete,
    action_create,
    action_reopen,
    action_update,
    meeting_create,
    meeting_update,
)

PAGE_SIZE = 50
FIND_LIMIT = 20


def _posted(request):
    return request.POST if request.method == "POST" else None


def _meeting_or_404(meeting_id) -> Meeting:
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def _districts(user, meeting=None) -> list[str]:
    districts = district_choices(user)
    if meeting is not None and meeting.district and meeting.district not in districts:
        districts = sorted([*districts, meeting.district])
    return districts


# --- Meetings -----------------------------------------------------------------------------------


@allow(SERVICE_ROLES)
def meeting_list(request):
    """Meetings newest first, filtered by kind and the days they were held."""
    kind = request.GET.get("type", "")
    kind = kind if kind in MeetingType.values else ""
    typed_from = request.GET.get("from", "").strip()[:30]
    typed_to = request.GET.get("to", "").strip()[:30]
    held_from, held_to = parse_uk_date(typed_from), parse_uk_date(typed_to)
    errors = {}
    if typed_from and held_from is None:
        errors["from"] = "Enter the first day as a date, for example 1/6/2024"
    if typed_to and held_to is None:
        errors["to"] = "Enter the last day as a date, for example 30/6/2024"
    meetings = selectors.meeting_list(type=kind, held_from=held_from, held_to=held_to)
    paginator = Paginator(meetings, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/list.html",
        {
            "meetings": list(page.object_list),
            "total": paginator.count,
            "page": page,
            "page_links": page_links(page),
            "query": query.urlencode(),
            "types": MeetingType.choices,
            "type": kind,
            "typed_from": typed_from,
            "typed_to": typed_to,
            "errors": errors,
            "filtered": bool(kind or held_from or held_to),
        },
    )


def _meeting_form_initial(meeting: Meeting, visible) -> dict:
    shown, _ = selectors.children_discussed(meeting, visible)
    return {
        "type": meeting.type,
        "held_on": meeting.held_on,
        "district": meeting.district,
        "title": meeting.title,
        "decisions": meeting.decisions,
        "attendees": list(meeting.attendees.filter(attended=True).values_list("agency", flat=True)),
        "children": ", ".join(c.source_id for c in shown),
    }


@allow(SERVICE_ROLES)
def meeting_new(request):
    """Record a meeting of any kind. `?child=<id>` starts with that child discussed."""
    visible = child_list_visible_to(request.user)
    initial = {}
    wanted = request.GET.get("child", "")
    if wanted:
        child = visible.filter(pk=wanted).first() if _is_uuid(wanted) else None
        if child is not None:
            initial["children"] = child.source_id
    form = MeetingForm(
        _posted(request), initial=initial, visible=visible, districts=_districts(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = meeting_create(by=request.user, request=request, **data)
        messages.success(request, "Meeting recorded. Now set its actions.")
        return redirect("meetings:detail", meeting_id=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@allow(SERVICE_ROLES)
def meeting_edit(request, meeting_id):
    meeting = _meeting_or_404(meeting_id)
    visible = child_list_visible_to(request.user)
    form = MeetingForm(
        _posted(request),
        initial=_meeting_form_initial(meeting, visible),
        visible=visible,
        districts=_districts(request.user, meeting),
    )
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        # Children the editor may not see stay on the agenda: they were never offered.
        changes["children"] = changes["children"] + selectors.children_out_of_sight(
            meeting, visible
        )
        changed = meeting_update(meeting=meeting, by=request.user, changes=changes, request=request)
        messages.success(request, "Changes saved" if changed else "No changes to save")
        return redirect("meetings:detail", meeting_id=meeting.pk)
    shown, _ = selectors.children_discussed(meeting, visible)
    audit_many(request=request, action=AuditAction.VIEW, object_type="meeting_form", children=shown)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@allow(SERVICE_ROLES)
def meeting_detail(request, meeting_id):
    """One meeting: who attended, the children discussed, the decisions and the actions."""
    meeting = _meeting_or_404(meeting_id)
    visible = child_list_visible_to(request.user)
    children, hidden = selectors.children_discussed(meeting, visible)
    actions = list(
        selectors.actions_for_meeting(meeting).select_related("child", "owner_user", "completed_by")
    )
    selectors.children_shown(actions, visible)
    may_complete = set(
        selectors.actions_visible_to(request.user)
        .filter(pk__in=[a.pk for a in actions])
        .values_list("pk", flat=True)
    )
    today = selectors.uk_today()
    for a in actions:
        a.overdue = selectors.action_overdue(a, today)
        a.may_complete = a.pk in may_complete
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="meeting", object_id=meeting.pk
    )
    shown = {c.pk: c for c in children}
    shown.update({a.shown_child.pk: a.shown_child for a in actions if a.shown_child})
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="meeting",
        children=list(shown.values()),
        detail={"meeting": str(meeting.pk)},
    )
    attendees = list(meeting.attendees.all())
    for attendee in attendees:
        attendee.label = selectors.agency_label(attendee.agency)
    return render(
        request,
        "meetings/meeting.html",
        {
            "meeting": meeting,
            "attendees": attendees,
            "children": children,
            "hidden": hidden,
            "actions": actions,
        },
    )


@allow(SERVICE_ROLES)
def meeting_children_add(request, meeting_id):
    """Find children by name or reference (posted, never in the address) and tick the ones
    discussed; they are added after the children already on the meeting."""
    meeting = _meeting_or_404(meeting_id)
    visible = child_list_visible_to(request.user)
    adding = request.method == "POST" and "add" in request.POST
    form = ChildFindForm(request.POST if request.method == "POST" and not adding else None)
    found, choose_error = None, ""
    if adding:
        chosen = list(visible.filter(pk__in=_uuids(request.POST.getlist("child"))))
        if chosen:
            already = [
                mc.child for mc in meeting.discussed.select_related("child").order_by("position")
            ]
            new = [c for c in chosen if c not in already]
            meeting_update(
                meeting=meeting,
                by=request.user,
                changes={"children": already + new},
                request=request,
            )
            messages.success(
                request, f"{len(new)} child{'ren' if len(new) != 1 else ''} added to the meeting"
            )
            return redirect("meetings:detail", meeting_id=meeting.pk)
        choose_error = "Choose the children discussed, or search again"
    elif request.method == "POST" and form.is_valid():
        search = ChildSearch(q=form.cleaned_data["q"])
        found = list(child_search(request.user, search)[:FIND_LIMIT])
        detail = {"kinds": search.kinds, "results": len(found)}
        audit_record(
            request=request, action=AuditAction.SEARCH, object_type="meeting_child_find",
            object_id=meeting.pk, detail=detail,
        )  # fmt: skip
        audit_many(
            request=request,
            action=AuditAction.SEARCH,
            object_type="child",
            children=found,
            detail=detail,
        )
    on_meeting = set(meeting.discussed.values_list("child_id", flat=True))
    return render(
        request,
        "meetings/children_add.html",
        {
            "meeting": meeting,
            "form": form,
            "found": found,
            "limit": FIND_LIMIT,
            "on_meeting": on_meeting,
            "choose_error": choose_error,
        },
    )


def _uuids(values) -> list:
    return [v for v in values if _is_uuid(v)]


def _action_form(request, *, meeting=None, action=None, initial=None):
    visible = child_list_visible_to(request.user)
    if meeting is not None:
        children, _ = selectors.children_discussed(meeting, visible)
    else:
        children = []
    if action is not None and action.child_id:
        child = visible.filter(pk=action.child_id).first()
        if child is not None and child not in children:
            children = [*children, child]
    return ActionForm(
        _posted(request),
        initial=initial,
        owners=selectors.action_owner_choices(),
        children=children,
    )


def _action_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "description": data["description"],
        "owner_user": User.objects.get(pk=data["owner_user"]),
        "agency": data["agency"],
        "due_on": data["due_on"],
        "child": form.children.get(data["child"]) if data["child"] else None,
    }


@allow(SERVICE_ROLES)
def action_new(request, meeting_id):
    """Set a SMART action on a meeting: what, owner, agency, due date, optionally a child."""
    meeting = _meeting_or_404(meeting_id)
    form = _action_form(request, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        fields = _action_fields(form)
        if not fields["agency"]:
            fields["agency"] = fields["owner_user"].agency
        action_create(by=request.user, meeting=meeting, request=request, **fields)
        messages.success(request, "Action set")
        return redirect(reverse("meetings:detail", kwargs={"meeting_id": meeting.pk}) + "#actions")
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="action_form",
        children=list(form.children.values()),
    )
    return render(request, "meetings/action_form.html", {"form": form, "meeting": meeting})


# --- The actions worklist -----------------------------------------------------------------------


def _action_or_404(user, action_id) -> Action:
    """An action in the user's worklist views (404 otherwise, whether it exists or not)."""
    action = selectors.actions_visible_to(user).filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    return action


@allow(CASE_ROLES)
def action_list(request):
    """Mine, my team's or everyone's actions, open ones unless `?done=1`; overdue first."""
    user = request.user
    scopes = selectors.action_scopes(user)
    scope = request.GET.get("scope", selectors.MINE)
    scope = scope if scope in scopes else selectors.MINE
    done = request.GET.get("done") == "1"
    actions = selectors.actions_for(user, scope, open_only=not done)
    if done:
        actions = actions.filter(completed_on__isnull=False).order_by("-completed_on", "due_on")
    paginator = Paginator(actions, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    visible = child_list_visible_to(user)
    selectors.children_shown(rows, visible)
    for a in rows:
        a.may_complete = True  # every action of a worklist view is the user's to complete
    overdue = 0 if done else selectors.actions_for(user, scope).filter(overdue=True).count()
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="action_list",
        children=list({a.shown_child.pk: a.shown_child for a in rows if a.shown_child}.values()),
        detail={"scope": scope, "done": done},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "meetings/actions.html",
        {
            "rows": rows,
            "total": paginator.count,
            "overdue": overdue,
            "scope": scope,
            "scopes": [(s, selectors.SCOPE_LABELS[s]) for s in scopes],
            "done": done,
            "no_team": scope == selectors.TEAM and not user.team_id,
            "can_edit": user.role in SERVICE_ROLES,
            "page": page,
            "page_links": page_links(page),
            "query": query.urlencode(),
            "back": request.get_full_path(),
        },
    )


@allow(SERVICE_ROLES)
def action_edit(request, action_id):
    action = _action_or_404(request.user, action_id)
    initial = {
        "description": action.description,
        "owner_user": str(action.owner_user_id or ""),
        "agency": action.agency,
        "due_on": action.due_on,
        "child": str(action.child_id or ""),
    }
    form = _action_form(request, meeting=action.meeting, action=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _action_fields(form)
        if action.child_id and action.child_id not in {c.pk for c in form.children.values()}:
            fields["child"] = action.child  # a child the editor may not see stays
        changed = action_update(action=action, by=request.user, changes=fields, request=request)
        messages.success(request, "Changes saved" if changed else "No changes to save")
        return redirect(_back(request, "actions:list"))
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="action_form",
        children=list(form.children.values()),
    )
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "meeting": action.meeting, "action": action},
    )


def _back(request, default: str) -> str:
    """Where to go after a change: the page the button was on (our own paths only)."""
    back = request.POST.get("back", "")
    if back.startswith(("/actions/", "/meetings/")) and "//" not in back:
        return back
    return reverse(default)


@allow(CASE_ROLES)
@require_POST
def action_done(request, action_id):
    """Mark an action done: when and by whom are recorded."""
    action = _action_or_404(request.user, action_id)
    try:
        done = action_complete(action=action, by=request.user, request=request)
    except ActionRefused as refused:
        raise Http404("No such action") from refused
    messages.success(request, "Action marked as done" if done else "That action was done already")
    return redirect(_back(request, "actions:list"))


@allow(CASE_ROLES)
@require_POST
def action_undone(request, action_id):
    """Open a done action again."""
    action = _action_or_404(request.user, action_id)
    try:
        reopened = action_reopen(action=action, by=request.user, request=request)
    except ActionRefused as refused:
        raise Http404("No such action") from refused
    messages.success(request, "Action reopened" if reopened else "That action was open already")
    return redirect(_back(request, "actions:list"))
