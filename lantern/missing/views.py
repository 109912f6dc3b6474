"""The missing pages: record an episode and the return, missing now, the return interview
worklist and interviews, the trigger list and its meetings.

Views are thin: children through `lantern.children.selectors`, rules from
`lantern.missing.selectors`, writes through `lantern.missing.services`, an audit entry for
every read of a child's data. Names and police references typed into the find form are
posted, never put in the address.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.access import CASE_ROLES, SERVICE_ROLES, allow
from lantern.accounts.models import Agency, Role
from lantern.audit.models import AuditAction
from lantern.audit.selectors import changes_to
from lantern.audit.services import audit_many, audit_record
from lantern.cases.models import Case
from lantern.cases.selectors import allocated_worker, covering_for
from lantern.children.selectors import (
    ChildSearch,
    RestrictedRecord,
    access_child_by_id,
    child_list_visible_to,
    child_search,
    district_choices,
)
from lantern.children.views import child_in_scope, restricted_page
from lantern.core.pagination import page_links
from lantern.core.ukdate import uk_date_time
from lantern.missing import printable, selectors
from lantern.missing.forms import (
    ChildFindForm,
    EpisodeForm,
    EpisodeReturnForm,
    EpisodeStartForm,
    InterviewForm,
    OlaToldForm,
    PhilomenaForm,
    TriggerMeetingForm,
)
from lantern.missing.models import PHILOMENA_FIELDS, Episode, OlaNotice
from lantern.missing.photos import photo_path
from lantern.missing.services import (
    EPISODE_FIELDS,
    RETURN_FIELDS,
    START_FIELDS,
    EpisodeClash,
    ProfileChangedSinceOpened,
    episode_create,
    episode_update,
    interview_record,
    ola_notice_told,
    philomena_save,
    trigger_meeting_record,
)

PAGE_SIZE = 50
FIND_LIMIT = 20


def _posted(request):
    """The posted form data, or None for a fresh form (an empty post is still checked)."""
    return request.POST if request.method == "POST" else None


def _child_or_page(request, child_id):
    """(child, None) when the user may open the child, else (None, the page to answer)."""
    try:
        return access_child_by_id(request.user, child_id, session=request.session), None
    except RestrictedRecord as sealed:
        return None, restricted_page(request, sealed.child)


def _episode_or_page(request, episode_id):
    episode = Episode.objects.filter(pk=episode_id).select_related("child").first()
    if episode is None:
        raise Http404("No such episode")
    child, page = _child_or_page(request, episode.child_id)
    return episode, page


# --- Recording an episode -------------------------------------------------------------------


@allow(SERVICE_ROLES)
def episode_find(request):
    """Find the child who went missing, by name, reference or a police reference."""
    form = ChildFindForm(_posted(request))
    found = None
    if request.method == "POST" and form.is_valid():
        q = form.cleaned_data["q"]
        search = ChildSearch(q=q)
        visible = child_list_visible_to(request.user)
        by_police = visible.filter(
            pk__in=selectors.episodes_with_police_reference(q).values("child")
        )
        found = list((child_search(request.user, search) | by_police).distinct()[:FIND_LIMIT])
        detail = {"kinds": [*search.kinds, "police_reference"], "results": len(found)}
        audit_record(
            request=request, action=AuditAction.SEARCH, object_type="episode_find", detail=detail
        )
        audit_many(
            request=request,
            action=AuditAction.SEARCH,
            object_type="child",
            children=found,
            detail=detail,
        )
    return render(request, "missing/find.html", {"form": form, "found": found, "limit": FIND_LIMIT})


def _apply_clash(form, clash: EpisodeClash) -> None:
    field = clash.field if clash.field in form.fields else None
    form.add_error(field, clash.message)


@allow(SERVICE_ROLES)
def episode_new(request, child_id):
    child, page = _child_or_page(request, child_id)
    if page:
        return page
    form = EpisodeStartForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        fields = _typed(form, START_FIELDS)
        try:
            episode = episode_create(child=child, by=request.user, request=request, **fields)
        except EpisodeClash as clash:
            _apply_clash(form, clash)
        else:
            messages.success(request, "Episode recorded")
            return redirect("missing:episode", episode_id=episode.pk)
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="episode_form",
        object_id=child.pk,
        child=child,
    )
    return render(
        request, "missing/episode_form.html", {"form": form, "child": child, "step": "new"}
    )


def _typed(form, names) -> dict:
    """The typed values in the model's terms: blank text is "", a blank yes/no is None."""
    typed = {}
    for name in names:
        value = form.cleaned_data.get(name)
        if value is None and name in ("placement_type", "provider", "police_reference"):
            value = ""
        typed[name] = value
    return typed


@allow(SERVICE_ROLES)
def episode_change(request, episode_id, step: str):
    """Record the return (step "return") or change anything (step "edit")."""
    episode, page = _episode_or_page(request, episode_id)
    if page:
        return page
    form_class, names = (
        (EpisodeReturnForm, RETURN_FIELDS) if step == "return" else (EpisodeForm, EPISODE_FIELDS)
    )
    initial = {name: getattr(episode, name) for name in names}
    for name in ("out_of_area", "safe_and_well_done", "school_told"):
        if name in initial:
            initial[name] = {True: "yes", False: "no"}.get(initial[name], "")
    form = form_class(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = episode_update(
                episode=episode, by=request.user, changes=_typed(form, names), request=request
            )
        except EpisodeClash as clash:
            _apply_clash(form, clash)
        else:
            word = "Return recorded" if step == "return" else "Changes saved"
            messages.success(request, word if changed else "No changes to save")
            return redirect("missing:episode", episode_id=episode.pk)
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="episode_form",
        object_id=episode.pk,
        child=episode.child,
    )
    return render(
        request,
        "missing/episode_form.html",
        {"form": form, "child": episode.child, "episode": episode, "step": step},
    )


@allow(SERVICE_ROLES)
def episode_return(request, episode_id):
    return episode_change(request, episode_id, "return")


@allow(SERVICE_ROLES)
def episode_edit(request, episode_id):
    return episode_change(request, episode_id, "edit")


FIELD_LABELS = {
    name: (EpisodeForm.base_fields[name].label if name in EpisodeForm.base_fields else name)
    for name in EPISODE_FIELDS
}


@allow(CASE_ROLES)
def episode_detail(request, episode_id):
    """One episode, the interviews covering it and its history (who changed what, when)."""
    episode, page = _episode_or_page(request, episode_id)
    if page:
        return page
    interviews = selectors.interviews_covering(episode)
    for interview in interviews:
        interview.content_shown = selectors.interview_content_visible_to(request.user, interview)
    history = [
        {
            "entry": entry,
            "fields": [FIELD_LABELS.get(f, f) for f in entry.detail.get("fields", [])],
        }
        for entry in changes_to("episode", episode.pk)
    ]
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="episode",
        object_id=episode.pk,
        child=episode.child,
    )
    return render(
        request,
        "missing/episode.html",
        {
            "episode": episode,
            "child": episode.child,
            "interviews": interviews,
            "history": history,
            "can_change": request.user.role in SERVICE_ROLES,
            "ola_notice": selectors.ola_notice_of(episode) if episode.child.is_ola else None,
            "can_record_told": request.user.role in OLA_ROLES,
            "outstanding": episode.ended_at is not None
            and selectors.outstanding_as_of(
                timezone.now(), Episode.objects.filter(pk=episode.pk)
            ).exists(),
        },
    )


# --- Missing now ------------------------------------------------------------------------------


@allow(SERVICE_ROLES)
def missing_now(request):
    now = timezone.now()
    episodes = list(selectors.episodes_missing_now(child_list_visible_to(request.user)))
    rows = [
        {
            "episode": e,
            "hours": selectors.hours_between(e.started_at, now),
            "reasons": selectors.escalation_reasons(e, now),
        }
        for e in episodes
    ]
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="missing_now",
        children=list({e.child.pk: e.child for e in episodes}.values()),
    )
    return render(
        request,
        "missing/now.html",
        {"rows": rows, "escalated": sum(1 for r in rows if r["reasons"])},
    )


# --- The return interview worklist -------------------------------------------------------------


def _since(hours: int) -> str:
    """Hours while the 72-hour clock matters, then days."""
    if abs(hours) < 96:
        return f"{abs(hours)} hour{'s' if abs(hours) != 1 else ''}"
    return f"{abs(hours) // 24:,} days"


@allow(SERVICE_ROLES)
def interview_list(request):
    """Returned episodes whose interview is outstanding, overdue first, with their clock."""
    now = timezone.now()
    user = request.user
    districts = district_choices(user)
    district = request.GET.get("district", "")
    district = district if district in districts else ""
    status = request.GET.get("status", "")
    status = status if status in selectors.Clock.LABELS else ""
    worker = request.GET.get("worker", "")[:100]
    recorded = _an_id(request.GET.get("recorded", ""))
    episodes = Episode.objects.filter(child__in=child_list_visible_to(user))
    if district:
        episodes = episodes.filter(child__district=district)
    open_cases = Case.objects.filter(closed_on__isnull=True).select_related("allocated_to")
    outstanding = (
        selectors.outstanding_as_of(now, episodes)
        .select_related("child")
        .prefetch_related(Prefetch("child__cases", queryset=open_cases, to_attr="open_cases"))
    )
    rows = []
    for e in outstanding:
        hours = selectors.hours_between(e.ended_at, now)
        rows.append(
            {
                "episode": e,
                "child": e.child,
                "worker": allocated_worker(e.child.open_cases),
                "state": selectors.interview_clock(e.ended_at, now),
                "hours_since": hours,
                "left": _since(72 - hours),
                "since": _since(hours),
            }
        )
    workers = sorted({r["worker"] for r in rows if r["worker"]})
    if worker:
        names = {worker}
        if worker == str(user):  # my own work includes the work of colleagues I cover for
            names |= {str(c.absent) for c in covering_for(user, timezone.localdate())}
        rows = [r for r in rows if r["worker"] in names or (worker == "-" and not r["worker"])]
    counts = {state: 0 for state in selectors.Clock.LABELS}
    for r in rows:
        counts[r["state"]] += 1
    if status:
        rows = [r for r in rows if r["state"] == status]
    paginator = Paginator(rows, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="interview_worklist",
        children=list({r["child"].pk: r["child"] for r in shown}.values()),
        detail={"district": district, "status": status, "worker": bool(worker)},
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "missing/interviews.html",
        {
            "rows": shown,
            "total": paginator.count,
            "counts": [(s, label, counts[s]) for s, label in selectors.Clock.LABELS.items()],
            "districts": districts,
            "workers": workers,
            "district": district,
            "status": status,
            "worker": worker,
            "statuses": selectors.Clock.LABELS,
            "page": page,
            "page_links": page_links(page),
            "query": query.urlencode(),
            "filtered": bool(district or status or worker),
            "recorded": recorded,
        },
    )


def _an_id(text: str) -> uuid.UUID | None:
    """A record's id from the address, or None (its page checks who may open it)."""
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


@allow(SERVICE_ROLES)
def interview_new(request, child_id):
    """Record an interview covering one or several of the child's episodes awaiting one."""
    child, page = _child_or_page(request, child_id)
    if page:
        return page
    now = timezone.now()
    awaiting = list(selectors.outstanding_as_of(now, Episode.objects.filter(child=child)))
    choices = [
        (str(e.pk), f"Missing {uk_date_time(e.started_at)}, back {uk_date_time(e.ended_at)}")
        for e in awaiting
    ]
    initial = {}
    wanted = request.GET.get("episode", "")
    if any(wanted == value for value, _ in choices):
        initial["episodes"] = [wanted]
    form = InterviewForm(_posted(request), initial=initial, episode_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [e for e in awaiting if str(e.pk) in data["episodes"]]
        fields = {k: v for k, v in data.items() if k != "episodes"}
        for name in ("conducted_by", "exception_reason"):
            fields[name] = fields.get(name) or ""
        interview = interview_record(
            child=child, episodes=chosen, by=request.user, request=request, **fields
        )
        messages.success(
            request,
            f"Interview recorded for {len(chosen)} episode{'s' if len(chosen) != 1 else ''}",
        )
        # The worklist offers to put the people and places named in it on the network.
        return redirect(f"{reverse('missing:interviews')}?recorded={interview.pk}")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="interview_form",
        object_id=child.pk,
        child=child,
    )
    return render(request, "missing/interview_form.html", {"form": form, "child": child})


# --- Repeat missing: triggers and their meetings -----------------------------------------------


@allow(SERVICE_ROLES)
def trigger_list(request):
    """Children whose missing trigger is open: no meeting yet held since it opened."""
    triggers = selectors.open_triggers(child_list_visible_to(request.user))
    children = child_list_visible_to(request.user).in_bulk([t.child_id for t in triggers])
    today = timezone.localdate()
    rows = [
        {"trigger": t, "child": children[t.child_id], "days_open": (today - t.opened_on).days}
        for t in triggers
    ]
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="trigger_list",
        children=[r["child"] for r in rows],
    )
    return render(request, "missing/triggers.html", {"rows": rows})


@allow(SERVICE_ROLES)
def trigger_meeting_new(request, child_id):
    """Record the missing intervention meeting that closes the child's open trigger."""
    child, page = _child_or_page(request, child_id)
    if page:
        return page
    trigger = next(
        iter(selectors.open_triggers(child_list_visible_to(request.user).filter(pk=child.pk))),
        None,
    )
    if trigger is None:
        messages.info(request, "This child has no open missing trigger")
        return redirect("missing:triggers")
    form = TriggerMeetingForm(_posted(request), opened_on=trigger.opened_on)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        trigger_meeting_record(
            child=child,
            triggered_on=trigger.opened_on,
            held_on=data["held_on"],
            attendees=data["attendees"],
            push_pull_factors=data["push_pull_factors"],
            next_time=data["next_time"],
            plan=data["plan"],
            by=request.user,
            request=request,
        )
        messages.success(request, "Missing intervention meeting recorded")
        return redirect(reverse("missing:triggers"))
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="trigger_meeting_form",
        object_id=child.pk,
        child=child,
    )
    return render(
        request,
        "missing/trigger_meeting_form.html",
        {"form": form, "child": child, "trigger": trigger},
    )


@allow({Role.COORDINATOR, Role.MANAGER})
def data_quality(request):
    """Missing records to put right, a check at a time, each line linking to its record."""
    children = child_list_visible_to(request.user)
    checks = selectors.quality_checks(children, timezone.now())
    shown = {r.child for c in checks for r in c.rows}
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="missing_data_quality",
        children=list(shown),
    )
    return render(
        request,
        "missing/quality.html",
        {"checks": checks, "shown": selectors.QUALITY_SHOWN},
    )


# --- Telling the placing authority ------------------------------------------------------------

OLA_ROLES = frozenset({Role.COORDINATOR, Role.MANAGER})


@allow(OLA_ROLES)
def ola_notice_list(request):
    """Episodes of children placed by another authority whose authority is still to be told."""
    notices = list(selectors.ola_notices_to_do(child_list_visible_to(request.user)))
    paginator = Paginator(notices, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="placing_authority_tasks",
        children=list({n.episode.child.pk: n.episode.child for n in shown}.values()),
    )
    return render(
        request,
        "missing/ola_notices.html",
        {
            "notices": shown,
            "total": paginator.count,
            "page": page,
            "page_links": page_links(page),
        },
    )


@allow(OLA_ROLES)
def ola_notice_told_view(request, notice_id):
    """Record that the placing authority was told, how and when."""
    notice = OlaNotice.objects.filter(pk=notice_id).select_related("episode").first()
    if notice is None:
        raise Http404("No such notice")
    child, page = _child_or_page(request, notice.episode.child_id)
    if page:
        return page
    if notice.told_at is not None:
        messages.info(request, "The placing authority has already been recorded as told")
        return redirect("missing:episode", episode_id=notice.episode_id)
    form = OlaToldForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        ola_notice_told(
            notice=notice,
            by=request.user,
            how=form.cleaned_data["how"],
            told_at=form.cleaned_data["told_at"],
            request=request,
        )
        messages.success(request, "Recorded that the placing authority was told")
        return redirect("missing:placing_authority_tasks")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="ola_notice",
        object_id=notice.pk,
        child=child,
    )
    return render(
        request, "missing/ola_told_form.html", {"form": form, "notice": notice, "child": child}
    )


# --- The Philomena profile ----------------------------------------------------------------------


PROFILE_LABELS = {
    **{name: PhilomenaForm.base_fields[name].label for name in PHILOMENA_FIELDS},
    "photo": "Photo",
}
DESCRIPTION_FIELDS = ("height", "build", "hair")
# What police need first when the child is missing, then the rest in the form's order.
PRINT_ORDER = (
    "when_found",
    "distinguishing_features",
    "vulnerabilities",
    "medical_needs",
    "associates",
    "places_they_go",
    "phones_and_social_media",
)


def _profile_child_or_page(request, child_id):
    """The child for a Philomena page, or the page to answer. Partners: police only (the
    profile is made for the police when the child goes missing; docs/missing.md)."""
    user = request.user
    if user.role == Role.PARTNER and user.agency != Agency.POLICE:
        raise PermissionDenied("Only police partners see Philomena profiles")
    try:  # a refusal (absent or out of scope: the same 404) is audited as an attempt
        return child_in_scope(request, child_id), None
    except RestrictedRecord as sealed:
        return None, restricted_page(request, sealed.child)


def _version_asked(request) -> int | None:
    text = request.GET.get("version", "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


@allow(CASE_ROLES)
def philomena(request, child_id):
    """The child's Philomena profile (the current version, or an older one asked for)."""
    child, page = _profile_child_or_page(request, child_id)
    if page:
        return page
    # Partners see the current version only: older ones, like the history, are the team's.
    asked = _version_asked(request) if request.user.role != Role.PARTNER else None
    version = selectors.philomena_version(child, asked)
    current = selectors.philomena_version(child) if asked is not None else version
    if asked is not None and version is None:
        raise Http404("No such version")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="philomena_profile",
        object_id=version.profile_id if version else "",
        child=child,
        detail={"version": version.number} if version else {},
    )
    return render(
        request,
        "missing/philomena.html",
        {
            "child": child,
            "version": version,
            "current": current,
            "is_current": version is not None and version.number == current.number,
            "rows": [(PROFILE_LABELS[n], getattr(version, n)) for n in PHILOMENA_FIELDS]
            if version
            else [],
            "can_change": request.user.role in SERVICE_ROLES,
        },
    )


def _profile_fields(form) -> dict:
    return {name: form.cleaned_data.get(name) or "" for name in PHILOMENA_FIELDS}


def _profile_conflict(current, form) -> list[dict]:
    """Fields where the saved version and the typed values differ, side by side."""
    rows = []
    for name in PHILOMENA_FIELDS:
        theirs, yours = getattr(current, name), form.cleaned_data.get(name) or ""
        if theirs != yours:
            rows.append(
                {
                    "label": PROFILE_LABELS[name],
                    "theirs": theirs or "Not recorded",
                    "yours": yours or "Not recorded",
                }
            )
    return rows


@allow(SERVICE_ROLES)
def philomena_edit(request, child_id):
    """Create or change the profile: each save is a new version. If someone saved after the
    form was opened, nothing is overwritten: both versions are shown, the typed values kept."""
    child, page = _profile_child_or_page(request, child_id)
    if page:
        return page
    current = selectors.philomena_version(child)
    conflict = None
    if request.method == "POST":
        form = PhilomenaForm(request.POST, request.FILES, has_photo=bool(current and current.photo))
        if form.is_valid():
            try:
                saved = philomena_save(
                    child=child,
                    by=request.user,
                    fields=_profile_fields(form),
                    opened_version=form.cleaned_data["version"],
                    photo_jpeg=form.photo_jpeg,
                    remove_photo=bool(form.cleaned_data.get("remove_photo")),
                    request=request,
                )
            except ProfileChangedSinceOpened as clash:
                current = clash.current
                conflict = _profile_conflict(current, form)
                data = request.POST.copy()
                data["version"] = str(current.number)
                form = PhilomenaForm(data, has_photo=bool(current.photo))
                form.is_valid()
                form.add_error(
                    None,
                    "Someone else saved this profile after you opened it. Check their "
                    "version below, then save again to keep yours.",
                )
            else:
                messages.success(request, "Profile saved" if saved else "No changes to save")
                return redirect("missing:philomena", child_id=child.pk)
    else:
        initial = {name: getattr(current, name) for name in PHILOMENA_FIELDS} if current else {}
        initial["version"] = str(current.number if current else 0)
        form = PhilomenaForm(initial=initial, has_photo=bool(current and current.photo))
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="philomena_form",
        object_id=child.pk,
        child=child,
    )
    return render(
        request,
        "missing/philomena_form.html",
        {"form": form, "child": child, "current": current, "conflict": conflict},
    )


@allow(SERVICE_ROLES)
def philomena_history(request, child_id):
    """Every version of the profile: who saved it, when, and which fields it changed."""
    child, page = _profile_child_or_page(request, child_id)
    if page:
        return page
    changes = selectors.philomena_history(child)
    rows = [
        {"version": c.version, "fields": [PROFILE_LABELS[f] for f in c.fields]} for c in changes
    ]
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="philomena_history",
        object_id=changes[0].version.profile_id if changes else "",
        child=child,
    )
    return render(request, "missing/philomena_history.html", {"child": child, "rows": rows})


@allow(CASE_ROLES)
def philomena_photo(request, child_id, number):
    """The photo of one version of the profile, only to those who may see the child."""
    child, page = _profile_child_or_page(request, child_id)
    if page:
        return page
    version = selectors.philomena_version(child, number)
    if version and request.user.role == Role.PARTNER:
        current = selectors.philomena_version(child)
        version = version if version.number == current.number else None
    path = photo_path(version.photo) if version else None
    if path is None:
        raise Http404("No photo")
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="philomena_photo",
        object_id=version.profile_id,
        child=child,
        detail={"version": version.number},
    )
    response = FileResponse(path.open("rb"), content_type="image/jpeg")
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    response["Cache-Control"] = "no-store, private"
    return response


@allow(CASE_ROLES)
def philomena_pdf(request, child_id):
    """The current profile as one A4 page for the police; every print is audited."""
    child, page = _profile_child_or_page(request, child_id)
    if page:
        return page
    version = selectors.philomena_version(child)
    if version is None:
        messages.info(request, "There is no Philomena profile to print yet")
        return redirect("missing:philomena", child_id=child.pk)
    now = timezone.now()
    user = request.user
    content = printable.profile_pdf(
        {
            "child": child,
            "version": version,
            "age": child.age_on(timezone.localdate()),
            "description": [(PROFILE_LABELS[n], getattr(version, n)) for n in DESCRIPTION_FIELDS],
            "rows": [(PROFILE_LABELS[n], getattr(version, n)) for n in PRINT_ORDER],
            "saved_at": uk_date_time(version.created_at),
            "printed_at": uk_date_time(now),
            "printed_by": user.get_full_name() or user.username,
        }
    )
    audit_record(
        request=request,
        action=AuditAction.EXPORT,
        object_type="philomena_print",
        object_id=version.profile_id,
        child=child,
        detail={"version": version.number, "format": "pdf"},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="philomena-profile.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response
