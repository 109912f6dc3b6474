"""The audit trail page: who looked at or changed what, filterable, for managers and auditors."""

from django.core.paginator import Paginator
from django.shortcuts import render

from lantern.accounts.access import allow
from lantern.accounts.models import Role
from lantern.audit.forms import AuditFilterForm
from lantern.audit.models import Action
from lantern.audit.selectors import AuditFilter, audit_entries, children_by_id
from lantern.audit.services import audit_record
from lantern.children.views import page_links

PAGE_SIZE = 50


@allow(Role.MANAGER, Role.AUDITOR)
def audit_list(request):
    """Auditors see child references only, never names (minimum necessary)."""
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter()
    if form.is_bound and form.is_valid():
        filters = AuditFilter(**form.cleaned_data)
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
        from lantern.children.selectors import break_glass_to_review

        break_glass = list(break_glass_to_review()[:20])
    audit_record(
        request=request,
        action=Action.VIEW,
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
