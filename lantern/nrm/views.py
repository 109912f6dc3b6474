"""NRM pages: the referrals waiting for a decision, with their clocks."""

from django.shortcuts import render
from django.utils import timezone

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many
from lantern.children.selectors import child_list_visible_to
from lantern.nrm.selectors import nrm_clocks, nrm_pending_for


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
