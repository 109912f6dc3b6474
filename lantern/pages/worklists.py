"""Worklists that draw on several domains: risk reviews due, with who holds each child."""

from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many
from lantern.cases.selectors import workers_of_children
from lantern.children.selectors import (
    child_list_visible_to,
    children_allocated_to,
    district_choices,
)
from lantern.risk.selectors import REVIEW_SOON_DAYS, reviews_due


@allow(SERVICE_ROLES)
def risk_reviews_due(request):
    """Children whose risk review is due within 14 days or overdue, by district and worker
    (`?district=` narrows to one district, `?mine=1` to the children you hold)."""
    user = request.user
    children = (
        children_allocated_to(user) if request.GET.get("mine") else child_list_visible_to(user)
    )
    districts = district_choices(user)
    district = request.GET.get("district", "")
    if district in districts:
        children = children.filter(district=district)
    else:
        district = ""
    today = timezone.localdate()
    due = reviews_due(children, today)
    workers = workers_of_children(c.pk for c in due)
    for child in due:
        child.worker = workers.get(child.pk, "")
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="reviews_due",
        children=due,
        detail={"district": bool(district), "mine": bool(request.GET.get("mine"))},
    )
    return render(
        request,
        "risk/reviews_due.html",
        {
            "children": due,
            "districts": districts,
            "district": district,
            "mine": bool(request.GET.get("mine")),
            "within": REVIEW_SOON_DAYS,
            "overdue": sum(1 for c in due if c.review_overdue),
        },
    )
