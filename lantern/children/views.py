"""Child record pages: record and change a child's details, restricted records and break glass.

Finding a child and the whole story on one page draw on every domain, so they are
composition pages (`lantern.pages.children`).

Views are thin: access through selectors, writes through services, an audit entry always.
"""

from datetime import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Agency, Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.forms import (
    FIELD_NAMES,
    BreakGlassForm,
    ChildForm,
    PlacingAuthorityForm,
    ShareForm,
    ShareReviewForm,
)
from lantern.children.models import BreakGlass, Child, ChildShare, PlacingAuthority
from lantern.children.selectors import (
    RestrictedRecord,
    access_child_by_id,
    placing_authorities_with_children,
    shares_due_for_review,
    shares_in_force,
    shares_of,
)
from lantern.children.services import (
    ChildChangedSinceOpened,
    ShareRefused,
    break_glass_acknowledge,
    child_break_glass,
    child_create,
    child_restrict,
    child_share_create,
    child_share_end,
    child_share_review,
    child_update,
    placing_authority_save,
)
from lantern.core.ukdate import uk_date

CHILD_ROLES = (Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER)
RESTRICTING_ROLES = (Role.COORDINATOR, Role.MANAGER)


def restricted_page(request, child, form=None):
    """Show only that the record is restricted, with the break-glass form."""
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="child_restricted_notice",
        object_id=child.pk,
        child=child,
    )
    return render(
        request,
        "children/restricted.html",
        {"child_id": child.pk, "form": form or BreakGlassForm(), "next": _next_page(request)},
        status=403 if form is None else 200,  # a reason to put right is not a refusal
    )


def _next_page(request) -> str:
    """The page to open after breaking glass: the one asked for (a case, a work form) when it
    is on this site, else the child's page. Ids only, never personal data (docs/access-rules)."""
    wanted = request.POST.get("next") if request.method == "POST" else request.get_full_path()
    if not wanted or "/break-glass/" in wanted:
        return ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts=None) and wanted.startswith("/"):
        return wanted
    return ""


def child_in_scope(request, child_id) -> Child:
    """The child through the access helper; a refusal (the same 404 whether the child is
    absent or out of scope) is audited as an attempt: who, which id, when, from where."""
    try:
        return access_child_by_id(request.user, child_id, session=request.session)
    except Http404:
        audit_record(
            request=request,
            action=AuditAction.VIEW,
            object_type="child_refused",
            object_id=str(child_id),
            detail={"outcome": "not found or not in scope"},
        )
        raise


@allow(CHILD_ROLES)
def child_break_glass_view(request, child_id):
    """Open a restricted record with a written reason (recorded and shown to managers)."""
    try:
        child = child_in_scope(request, child_id)
    except RestrictedRecord as sealed:
        child = sealed.child
    else:
        return redirect("children:detail", child_id=child.pk)
    if request.method != "POST":
        return restricted_page(request, child)
    form = BreakGlassForm(request.POST)
    if not form.is_valid():
        return restricted_page(request, child, form)
    child_break_glass(
        child=child, by=request.user, reason=form.cleaned_data["reason"], request=request
    )
    messages.info(request, "You opened a restricted record. Your reason has been recorded.")
    return redirect(_next_page(request) or reverse("children:detail", args=[child.pk]))


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
        child = child_in_scope(request, child_id)
    except RestrictedRecord as sealed:
        return restricted_page(request, sealed.child)
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
        action=AuditAction.VIEW,
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
        return uk_date(value)
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


# --- Sharing a child with a partner agency ----------------------------------------------

SHARING_ROLES = (Role.COORDINATOR, Role.MANAGER)


def _shares_page(request, child, form, status=200, review_form=None, review_share=None):
    today = timezone.localdate()
    in_force = set(shares_in_force(today).filter(child=child).values_list("pk", flat=True))
    shares = shares_of(child)
    agencies = dict(Agency.choices)
    for share in shares:
        share.in_force = share.pk in in_force
        share.review_due = share.in_force and share.review_on and share.review_on <= today
        share.agency_label = agencies.get(share.agency, share.agency)
        share.review_form = (
            review_form if review_share == share.pk else ShareReviewForm(prefix=f"s{share.pk}")
        )
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="child_shares",
        object_id=child.pk,
        child=child,
    )
    return render(
        request,
        "children/shares.html",
        {
            "child": child,
            "shares": shares,
            "form": review_form if review_form is not None else form,
            "share_form": form,
        },
        status=status,
    )


@allow(SHARING_ROLES)
def child_shares(request, child_id):
    """Who the child is shared with; share with another agency."""
    child = access_child_by_id(request.user, child_id, session=request.session)
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child_share_create(
                child=child,
                by=request.user,
                today=timezone.localdate(),
                request=request,
                **form.cleaned_data,
            )
        except ShareRefused as refusal:
            form.add_error("agency", str(refusal))
        else:
            messages.success(request, "Child shared")
            return redirect("children:shares", child_id=child.pk)
    return _shares_page(request, child, form)


def _share_for(request, share_id) -> ChildShare:
    share = get_object_or_404(ChildShare.objects.select_related("child"), pk=share_id)
    access_child_by_id(request.user, share.child_id, session=request.session)
    return share


@allow(SHARING_ROLES)
@require_POST
def child_share_end_view(request, share_id):
    share = _share_for(request, share_id)
    try:
        child_share_end(share=share, by=request.user, on=timezone.localdate(), request=request)
    except ShareRefused as refusal:
        messages.info(request, str(refusal))
    else:
        messages.success(request, "Share ended: the agency no longer sees this child")
    return redirect("children:shares", child_id=share.child_id)


@allow(SHARING_ROLES)
@require_POST
def child_share_review_view(request, share_id):
    share = _share_for(request, share_id)
    form = ShareReviewForm(request.POST, prefix=f"s{share.pk}")
    if form.is_valid():
        try:
            child_share_review(
                share=share,
                by=request.user,
                on=timezone.localdate(),
                next_review_on=form.cleaned_data["next_review_on"],
                request=request,
            )
        except ShareRefused as refusal:
            form.add_error("next_review_on", str(refusal))
        else:
            messages.success(request, "Share reviewed and kept")
            return redirect("children:shares", child_id=share.child_id)
    return _shares_page(request, share.child, ShareForm(), review_form=form, review_share=share.pk)


@allow(SHARING_ROLES)
def shares_review_list(request):
    """Shares in force whose review is due within 14 days or overdue."""
    today = timezone.localdate()
    due = list(shares_due_for_review(today))
    for share in due:
        share.overdue = share.review_on < today
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="shares_due_for_review",
        children=list({s.child_id: s.child for s in due}.values()),
    )
    return render(request, "children/shares_due.html", {"shares": due})


# --- Placing authorities' contacts ------------------------------------------------------------

AUTHORITY_ROLES = (Role.COORDINATOR, Role.ADMIN)


@allow(AUTHORITY_ROLES)
def placing_authorities(request):
    """The authorities that place children here and where to tell them of a missing child."""
    authorities = placing_authorities_with_children()
    return render(request, "children/placing_authorities.html", {"authorities": authorities})


@allow(AUTHORITY_ROLES)
def placing_authority_edit(request, authority_id=None):
    """Add an authority (no id) or change its name or address."""
    authority = (
        get_object_or_404(PlacingAuthority, pk=authority_id) if authority_id is not None else None
    )
    initial = {"name": authority.name, "email": authority.email} if authority else None
    form = PlacingAuthorityForm(
        request.POST if request.method == "POST" else None, initial=initial, existing=authority
    )
    if request.method == "POST" and form.is_valid():
        placing_authority_save(
            by=request.user,
            request=request,
            authority=authority,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        )
        messages.success(request, "Placing authority saved")
        return redirect("children:placing_authorities")
    return render(
        request, "children/placing_authority_form.html", {"form": form, "authority": authority}
    )
