"""NRM pages: the referrals waiting for a decision, with their clocks; the unaccompanied
asylum seeking children, and each child's UASC record."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.audit.models import AuditAction
from lantern.audit.selectors import changes_to
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import RestrictedRecord, access_child_by_id, child_list_visible_to
from lantern.children.views import restricted_page
from lantern.nrm.forms import UascRecordForm
from lantern.nrm.selectors import nrm_clocks, nrm_pending_for, uasc_list, uasc_record_of
from lantern.nrm.services import uasc_record_save


@allow(SERVICE_ROLES)
def pending(request):
    """Reasonable grounds decisions due (overdue first) and conclusive grounds awaited."""
    today = timezone.localdate()
    clocks = nrm_clocks(nrm_pending_for(child_list_visible_to(request.user)), today)
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="nrm_pending",
        children=[c.referral.child for c in clocks],
    )
    return render(
        request,
        "nrm/pending.html",
        {
            "clocks": clocks,
            "overdue": sum(1 for c in clocks if c.overdue),
            "today": today,
        },
    )


@allow(SERVICE_ROLES)
def uasc(request):
    """The UASC the user may see: this authority's own, then those presenting from elsewhere."""
    found = uasc_list(child_list_visible_to(request.user))
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="uasc_list",
        children=found.own + found.elsewhere,
    )
    return render(request, "nrm/uasc_list.html", {"found": found})


def _child_or_page(request, child_id):
    try:
        return access_child_by_id(request.user, child_id, session=request.session), None
    except RestrictedRecord as sealed:
        return None, restricted_page(request, sealed.child)


FIELD_LABELS = {
    name: field.label for name, field in UascRecordForm.base_fields.items() if field.label
} | {"uasc_arrived_on": "Arrival date"}


@allow(SERVICE_ROLES)
def uasc_record(request, child_id):
    """A child's UASC record and its history (who changed which fields, when)."""
    child, page = _child_or_page(request, child_id)
    if page:
        return page
    record = uasc_record_of(child)
    history = (
        [
            {
                "entry": entry,
                "fields": [FIELD_LABELS.get(f, f) for f in entry.detail.get("fields", [])],
            }
            for entry in changes_to("uasc_record", record.pk)
        ]
        if record
        else []
    )
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="uasc_record",
        object_id=record.pk if record else "",
        child=child,
    )
    return render(
        request, "nrm/uasc_record.html", {"child": child, "record": record, "history": history}
    )


@allow(SERVICE_ROLES)
def uasc_edit(request, child_id):
    child, page = _child_or_page(request, child_id)
    if page:
        return page
    record = uasc_record_of(child)
    if request.method == "POST":
        form = UascRecordForm(request.POST)
        if form.is_valid():
            changed = uasc_record_save(
                child=child,
                by=request.user,
                arrived_on=form.cleaned_data["arrived_on"],
                fields=form.typed(),
                request=request,
            )
            messages.success(request, "UASC record saved" if changed else "No changes to save")
            return redirect("nrm:uasc_record", child_id=child.pk)
    else:
        form = UascRecordForm(initial=UascRecordForm.initial_from(child, record))
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="uasc_form",
        object_id=child.pk,
        child=child,
    )
    return render(request, "nrm/uasc_form.html", {"form": form, "child": child, "record": record})
