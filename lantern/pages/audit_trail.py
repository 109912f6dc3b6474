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
from lantern.reports.labels import figure_label

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
        entry.what = what_in_words(entry.object_type)
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


# What an entry's record was, as the trail's reader would say it.
WHAT = {
    "child": "Child's record",
    "child_list": "Children list (a search)",
    "child_form": "Child's details form",
    "child_restricted_notice": "Restricted record notice",
    "child_refused": "A child's record asked for, not found or not allowed",
    "break_glass": "Restricted record opened (break glass)",
    "home_list": "Landing page list",
    "audit_trail": "Audit trail",
    "performance_report": "Performance report",
    "dataset": "Dataset file",
    "national": "National return",
    "annex_a_list8": "Annex A list 8",
    "op_met_list": "Op MET list",
    "user": "User account",
    "team": "Team",
}


def what_in_words(object_type: str) -> str:
    """`report_figure:missing.episodes` reads "Records behind a figure: Missing episodes"."""
    if object_type.startswith("report_figure:"):
        return f"Records behind a figure: {figure_label(object_type.partition(':')[2])}"
    if object_type in WHAT:
        return WHAT[object_type]
    return object_type.replace("_", " ").capitalize()
