"""Children who go missing together: the co-ordinator's list, with the evidence, and the
one click that records a "missing with" link for mapping (a flow across missing and
mapping, so it lives here)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many
from lantern.children.selectors import child_list_visible_to
from lantern.core.pagination import page_links
from lantern.core.ukdate import add_months, day_start, duration_words, uk_date
from lantern.mapping.selectors import children_linked_missing_with
from lantern.missing.selectors import missing_together, together_groups
from lantern.pages.flows import record_missing_with

PERIODS = {"3": "3 months", "6": "6 months", "12": "12 months", "24": "2 years"}
DEFAULT_PERIOD = "6"
PAGE_SIZE = 25
# A group's first names are listed; the rest open on request, so one large group does not
# bury the pairs below it.
GROUP_NAMES_SHOWN = 12


def _pairs(request):
    period = request.GET.get("period") or request.POST.get("period") or DEFAULT_PERIOD
    if period not in PERIODS:
        period = DEFAULT_PERIOD
    now = timezone.now()
    since = day_start(add_months(timezone.localdate(), -int(period)))
    children = child_list_visible_to(request.user)
    return period, since, missing_together(children, since=since, now=now)


@allow(SERVICE_ROLES)
def together_list(request):
    """Pairs and groups of children whose episodes overlapped or who were found at the
    same place on the same day, most recent first, each with its evidence."""
    period, since, pairs = _pairs(request)
    page = Paginator(pairs, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    groups = [
        {"size": len(g), "first": g[:GROUP_NAMES_SHOWN], "rest": g[GROUP_NAMES_SHOWN:]}
        for g in together_groups(pairs)
    ]
    children = {c.pk: c for p in shown for c in (p.first, p.second)}
    named = dict(children)
    named.update((c.pk, c) for g in groups for c in g["first"] + g["rest"])
    linked = children_linked_missing_with(children.values())
    rows = []
    for p in shown:
        rows.append(
            {
                "pair": p,
                "linked": frozenset((p.first.source_id, p.second.source_id)) in linked,
                "overlaps": [
                    {"a": a, "b": b, "length": duration_words(length)}
                    for a, b, length in p.overlaps
                ],
                "same_place": [
                    {"a": a, "b": b, "place": place, "day": uk_date(day)}
                    for a, b, place, day in p.same_place
                ],
                "total": duration_words(p.overlapping_time) if p.overlaps else "",
            }
        )
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type="missing_together",
        children=list(named.values()),
        detail={"period_months": int(period), "page": page.number},
    )
    return render(
        request,
        "missing/together.html",
        {
            "rows": rows,
            "total": page.paginator.count,
            "first_shown": page.start_index(),
            "page": page,
            "page_links": page_links(page),
            "query": f"period={period}",
            "groups": groups,
            "periods": PERIODS,
            "period": period,
            "since": uk_date(timezone.localtime(since).date()),
        },
    )


@allow(SERVICE_ROLES)
@require_POST
def together_link(request):
    """Record "missing with" for one pair on the list (posted, so no child is named in
    the address); the pair must still be on the list as this person sees it."""
    period, _, pairs = _pairs(request)
    first, second = request.POST.get("first", ""), request.POST.get("second", "")
    wanted = {first, second}
    evidence = next((p for p in pairs if {str(p.first.pk), str(p.second.pk)} == wanted), None)
    if evidence is None:
        raise Http404("No such pair")
    if record_missing_with(by=request.user, evidence=evidence, request=request):
        messages.success(
            request,
            f"Recorded that {evidence.first.full_name} and {evidence.second.full_name} "
            "went missing together. The link is on both children's network.",
        )
    else:
        messages.info(request, "Those two children were already linked as missing together.")
    page = request.POST.get("page", "")
    back = f"&page={page}" if page.isdigit() else ""
    return redirect(f"{reverse('together:list')}?period={period}{back}")
