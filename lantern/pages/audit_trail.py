"""The audit trail page: who looked at or changed what, filterable, for managers and auditors,
with the break-glass events managers have still to review (a children record)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from lantern.accounts.access import allow
from lantern.accounts.models import Role
from lantern.audit.forms import AuditFilterForm
from lantern.audit.models import AuditAction
from lantern.audit.selectors import AuditFilter, audit_entries
from lantern.audit.services import audit_record
from lantern.children.selectors import (
    break_glass_to_review,
    child_id_for_reference,
    children_by_id,
)
from lantern.core.pagination import page_links

PAGE_SIZE = 50


@allow(Role.MANAGER, Role.AUDITOR)
def audit_list(request):
    """Auditors see child references only, never names (minimum necessary)."""
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter()
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        reference = data.pop("child_reference", "")
        filters = AuditFilter(**data)
        if reference:
            filters.child_id = child_id_for_reference(reference)
            filters.no_such_child = filters.child_id is None
    paginator = Paginator(audit_entries(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    entries = list(page.object_list)
    children = children_by_id(e.child_id for e in entries)
    show_names = request.user.role == Role.MANAGER
    for entry in entries:
        child = children.get(entry.child_id)
        entry.child_reference = child.source_id if child else ""
        entry.child_name = child.full_name if child and show_names else ""
    break_glass = []
    if show_names:
        break_glass = list(break_glass_to_review()[:20])
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="audit_trail",
        detail={
            "filters": sorted(
                k
                for k, v in (form.cleaned_data if form.is_bound and form.is_valid() else {}).items()
                if v
            ),
            "results": paginator.count,
        },
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {
            "form": form,
            "page": page,
            "entries": entries,
            "show_names": show_names,
            "break_glass": break_glass,
            "query": query.urlencode(),
            "page_links": page_links(page),
        },
    )
