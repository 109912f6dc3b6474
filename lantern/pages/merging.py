"""Merging two records of one child, and undoing it (docs/casework.md): co-ordinators and
managers. The page started from keeps its record (the survivor); the one found is merged in.

The search words are personal data, so the search form is posted, never put in the address.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lantern.accounts.access import allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.children.models import ChildMerge
from lantern.children.selectors import ChildSearch, child_search, possible_duplicates
from lantern.children.services import MergeRefused
from lantern.children.views import child_in_scope
from lantern.pages.flows import (
    merge_children,
    merge_refusal_message,
    records_per_relation,
    undo_child_merge,
)
from lantern.pages.forms import MergeFindForm

MERGE_ROLES = (Role.COORDINATOR, Role.MANAGER)
FOUND_AT_MOST = 20


@allow(MERGE_ROLES)
def child_merge_find(request, child_id):
    """Find the other record of this child: by name, reference or date of birth, or from the
    records with the same date of birth and a similar name."""
    child = child_in_scope(request, child_id)
    if child.merged_into_id:
        return redirect("children:detail", child.merged_into_id)
    form = MergeFindForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        search = ChildSearch(q=form.cleaned_data["q"])
        found = list(child_search(request.user, search).exclude(pk=child.pk)[:FOUND_AT_MOST])
        audit_record(
            request=request,
            action=AuditAction.SEARCH,
            object_type="child_merge_find",
            child=child,
            detail={"kinds": search.kinds, "results": len(found)},
        )
    suggested = possible_duplicates(request.user, child)
    return render(
        request,
        "children/merge_find.html",
        {"child": child, "form": form, "found": found, "suggested": suggested},
    )


@allow(MERGE_ROLES)
def child_merge_confirm(request, child_id, other_id):
    """The two records side by side; confirming (POST) merges the other into this one."""
    survivor = child_in_scope(request, child_id)
    duplicate = child_in_scope(request, other_id)
    refusal = merge_refusal_message(survivor, duplicate)
    if request.method == "POST" and not refusal:
        try:
            merge_children(survivor=survivor, duplicate=duplicate, by=request.user, request=request)
        except MergeRefused as refused:
            refusal = str(refused)
        else:
            messages.success(
                request, f"{duplicate.source_id} was merged into {survivor.source_id}."
            )
            return redirect("children:detail", survivor.pk)
    for child in (survivor, duplicate):
        audit_record(
            request=request,
            action=AuditAction.VIEW,
            object_type="child_merge_compare",
            object_id=child.pk,
            child=child,
        )
    counts = records_per_relation(survivor), records_per_relation(duplicate)
    rows = [(name, n, counts[1][name]) for name, n in counts[0].items() if n or counts[1][name]]
    return render(
        request,
        "children/merge_confirm.html",
        {
            "survivor": survivor,
            "duplicate": duplicate,
            "rows": rows,
            "refusal": refusal,
        },
        status=400 if request.method == "POST" and refusal else 200,
    )


@allow(MERGE_ROLES)
@require_POST
def child_merge_undo(request, merge_id):
    merge = get_object_or_404(ChildMerge, pk=merge_id)
    survivor = child_in_scope(request, merge.survivor_id)
    try:
        undo_child_merge(merge=merge, by=request.user, request=request)
    except MergeRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"The merge was undone: {merge.merged.source_id} is its own record again."
        )
    return redirect(reverse("children:detail", args=[survivor.pk]))
