"""The Op MET list page: every child with a current level of low, medium or high as at a
date, by district and level, with their recent missing episodes, intelligence and worker."""

from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.selectors import district_choices
from lantern.pages.forms import OpMetForm
from lantern.pages.selectors import RECENT_DAYS, op_met_page

OP_MET_ROLES = (Role.COORDINATOR, Role.MANAGER, Role.PRACTITIONER)


@allow(OP_MET_ROLES)
def op_met_list(request):
    """Practitioners see their team's districts; restricted children only when allocated."""
    form = OpMetForm(request.GET or None, districts=district_choices(request.user))
    as_of, district = timezone.localdate(), None
    if form.is_bound and form.is_valid():
        as_of = form.cleaned_data["as_of"] or as_of
        district = form.cleaned_data["district"] or None
    rows = op_met_page(request.user, as_of, district) if not form.errors else []
    by_district: dict = {}
    for row in rows:
        by_district.setdefault(row.child.district or "No district recorded", []).append(row)
    totals = {
        level: sum(r.child.current_level == level for r in rows)
        for level in ("high", "medium", "low")
    }
    detail = {"as_of": as_of.isoformat(), "district": district or "", "results": len(rows)}
    audit_record(request=request, action=AuditAction.VIEW, object_type="op_met_list", detail=detail)
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="op_met_list",
        children=[r.child for r in rows],
        detail=detail,
    )
    return render(
        request,
        "opmet/list.html",
        {
            "form": form,
            "as_of": as_of,
            "district": district,
            "rows": rows,
            "by_district": by_district,
            "totals": totals,
            "trafficked": sum(r.child.trafficked for r in rows),
            "new": sum(r.child.new for r in rows),
            "recent_days": RECENT_DAYS,
        },
        status=400 if form.errors else 200,
    )
