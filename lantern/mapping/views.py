"""Pages of the network: the analysis, entities and their links, intelligence, disruptions.

Thin: reads through mapping's selectors (children through the access rules), writes
through its services, and an audit entry for every read that shows a child.
"""

import csv
import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from lantern.accounts.access import SERVICE_ROLES, allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.models import Child
from lantern.children.selectors import access_child_by_id, child_list_visible_to, district_choices
from lantern.core.pagination import page_links
from lantern.core.ukdate import add_months, uk_date
from lantern.mapping import selectors, services
from lantern.mapping.forms import (
    AsOfForm,
    DisruptionForm,
    EntityForm,
    IntelligenceForm,
    LinkForm,
    NetworkFilterForm,
    OperationForm,
)
from lantern.mapping.models import EntityKind

ANALYSIS_ROLES = (Role.COORDINATOR, Role.MANAGER)
NETWORK_ROLES = (Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER)
PAGE_SIZE = 50
SHOWN = 50  # rows of each analysis table on the page; the JSON download has them all


def _audit_children(request, refs, object_type: str, detail: dict | None = None) -> None:
    ids = [r.split(":", 1)[1] for r in refs if r.startswith("child:")]
    if ids:
        pks = list(Child.objects.filter(source_id__in=ids).values_list("pk", flat=True))
        audit_many(
            request=request,
            action=AuditAction.VIEW,
            object_type=object_type,
            children=pks,
            detail=detail,
        )


@allow(ANALYSIS_ROLES)
def analysis(request):
    """Peer groups, key adults and places, children missing together (docs/mapping.md)."""
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data.get("as_of") if form.is_bound and form.is_valid() else None
    result = selectors.network_analysis(as_of)
    children = {c for g in result["groups"] for c in g["children"]}
    children |= {c for p in result["co_missing"] for c in p["children"]}
    detail = {"as_of": as_of.isoformat() if as_of else None}
    audit_record(
        request=request, action=AuditAction.REPORT, object_type="network_analysis", detail=detail
    )
    _audit_children(request, [f"child:{c}" for c in children], "network_analysis", detail)
    if request.GET.get("download") == "json":
        response = HttpResponse(json.dumps(result, indent=2), content_type="application/json")
        response["Content-Disposition"] = 'attachment; filename="network-analysis.json"'
        return response
    key = result["key_entities"][:SHOWN]
    entities = selectors.nodes_for([k["ref"] for k in key], request.user, full_names=True)
    query = request.GET.copy()
    query["download"] = "json"
    return render(
        request,
        "mapping/analysis.html",
        {
            "form": form,
            "as_of": as_of,
            "result": result,
            "groups": result["groups"][:SHOWN],
            "key_entities": [{**k, "node": entities[k["ref"]]} for k in key],
            "co_missing": result["co_missing"][:SHOWN],
            "shown": SHOWN,
            "download_query": query.urlencode(),
        },
    )


@allow(NETWORK_ROLES)
def entity_list(request):
    kind = request.GET.get("kind", "")
    if kind not in EntityKind.values:
        kind = ""
    paginator = Paginator(selectors.entity_list(kind), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    full = selectors.may_see_full_names(request.user)
    rows = list(page.object_list)
    for e in rows:
        e.shown = (
            e.label if full or e.kind not in selectors.PERSON_KINDS else selectors.initials(e.label)
        )
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="entity_list", detail={"kind": kind}
    )
    return render(
        request,
        "mapping/entity_list.html",
        {
            "page": page,
            "entities": rows,
            "kind": kind,
            "kinds": EntityKind.choices,
            "page_links": page_links(page),
            "query": f"kind={kind}" if kind else "",
            "can_add": request.user.role in SERVICE_ROLES,
        },
    )


@allow(NETWORK_ROLES)
def entity_detail(request, entity_id):
    entity = selectors.entity_by_id(entity_id)
    links = selectors.links_of_ref(entity.ref)
    disruptions = selectors.disruptions_of_refs([entity.ref])
    intelligence = selectors.intelligence_naming(entity.ref)
    nodes = selectors.nodes_for(
        {entity.ref} | {r for link in links for r in (link.from_ref, link.to_ref)},
        request.user,
        full_names=True,
    )
    rows = [
        {
            "link": link,
            "other": nodes[link.to_ref if link.from_ref == entity.ref else link.from_ref],
        }
        for link in links
    ]
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="entity", object_id=entity.pk
    )
    _audit_children(
        request,
        [r["other"].ref for r in rows if not r["other"].hidden],
        "entity",
        {"entity": str(entity.pk)},
    )
    return render(
        request,
        "mapping/entity_detail.html",
        {
            "entity": entity,
            "operations": list(entity.operations.all()),
            "survivor": selectors.survivor_of(entity) if entity.merged_into_id else None,
            "last_merge": (
                selectors.last_merge_of(entity)
                if request.user.role in ANALYSIS_ROLES and not entity.merged_into_id
                else None
            ),
            "name": nodes[entity.ref].label,
            "links": rows,
            "links_caption": f"Links: {len(rows)}",
            "disruptions": disruptions,
            "intelligence": intelligence,
            "with_summaries": request.user.role != Role.PARTNER,
            "can_add": request.user.role in SERVICE_ROLES,
        },
    )


@allow(SERVICE_ROLES)
def entity_new(request):
    """Add an entity; when it may be the same as one already recorded (name, postcode or
    phone number), show those first: use one of them, or create it anyway."""
    form = EntityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matches = (
            []
            if request.POST.get("create_anyway")
            else selectors.suggested_matches(data["kind"], data["label"])
        )
        if matches:
            audit_record(
                request=request,
                action=AuditAction.SEARCH,
                object_type="entity_matches",
                detail={"kind": data["kind"], "results": len(matches)},
            )
            typed = [(name, value) for name in form.fields for value in request.POST.getlist(name)]
            return render(
                request,
                "mapping/entity_new_matches.html",
                {"matches": matches, "typed": typed, "label": data["label"]},
            )
        entity = services.entity_create(by=request.user, request=request, **data)
        messages.success(request, "Entity added.")
        return redirect("mapping:entity_detail", entity_id=entity.pk)
    return render(
        request,
        "mapping/form.html",
        {"form": form, "title": "Add a person, place or thing", "button": "Save"},
    )


def _initial_ref(request) -> dict:
    """Start a link from an entity's or a child's page (their ids in the address are opaque)."""
    initial = {}
    if request.GET.get("entity"):
        initial["from_ref"] = selectors.entity_by_id(request.GET["entity"]).source_id
    elif request.GET.get("child"):
        initial["from_ref"] = access_child_by_id(request.user, request.GET["child"]).source_id
    return initial


@allow(SERVICE_ROLES)
def link_new(request):
    form = LinkForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial=_initial_ref(request),
    )
    if request.method == "POST" and form.is_valid():
        link = services.link_create(by=request.user, request=request, **form.cleaned_data)
        messages.success(request, "Link added.")
        return redirect(_back_to(request, link.from_ref))
    return render(
        request,
        "mapping/form.html",
        {"form": form, "title": "Link two records", "button": "Save link"},
    )


def _back_to(request, ref: str) -> str:
    node = selectors.nodes_for([ref], request.user)[ref]
    return node.url or reverse("mapping:entity_list")


@allow(NETWORK_ROLES)
def intelligence_new(request):
    """A partner's intelligence submission: a short form, marked with its grade and handling code."""
    initial = {"agency": request.user.agency or "", "received_on": timezone.localdate()}
    form = IntelligenceForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.intelligence_submit(
            by=request.user,
            request=request,
            agency=data["agency"],
            summary=data["summary"],
            refs=data["children"] + data["entities"],
            grading=data["grading"],
            handling_code=data["handling_code"],
            received_on=data["received_on"],
        )
        messages.success(
            request, "Thank you: your intelligence is recorded and goes to the next triage meeting."
        )
        return redirect("home")
    return render(
        request,
        "mapping/form.html",
        {
            "form": form,
            "title": "Submit intelligence",
            "button": "Submit intelligence",
            "draft": "intelligence",
        },
    )


@allow(SERVICE_ROLES)
def disruption_new(request):
    initial = {"on": timezone.localdate()}
    if request.GET.get("entity"):
        initial["targets"] = selectors.entity_by_id(request.GET["entity"]).source_id
    form = DisruptionForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.disruption_record(
            by=request.user,
            request=request,
            tactic=data["tactic"],
            on=data["on"],
            target_refs=data["targets"],
            outcome=data["outcome"],
            operations=data.get("operations") or [],
        )
        messages.success(request, "Disruption recorded.")
        return redirect(_back_to(request, data["targets"][0]))
    return render(
        request,
        "mapping/form.html",
        {"form": form, "title": "Record a disruption", "button": "Save"},
    )


def _network_centre(request) -> tuple[list[str], str]:
    """The record the network is drawn around: a child (through the access rules) or an entity."""
    if request.GET.get("child"):
        child = access_child_by_id(request.user, request.GET["child"], session=request.session)
        return [f"child:{child.source_id}"], "child"
    if request.GET.get("entity"):
        return [selectors.entity_by_id(request.GET["entity"]).ref], "entity"
    if request.GET.get("operation", "").isdigit():
        operation = selectors.operation_by_id(int(request.GET["operation"]))
        refs = selectors.operation_records(operation).entity_refs
        if refs:
            return refs, "operation"
    raise Http404("Open the network from a child's or an entity's page.")


@allow(NETWORK_ROLES)
def network(request):
    """The network around a child or an entity, drawn by cytoscape and listed in plain tables
    beside it (the same nodes and links; the tables work without JavaScript)."""
    centre, kind = _network_centre(request)
    operation = (
        selectors.operation_by_id(int(request.GET["operation"])) if kind == "operation" else None
    )
    form = NetworkFilterForm(request.GET)
    filters = selectors.NetworkFilter()
    depth = 1
    if form.is_valid():
        data = form.cleaned_data
        depth = data["depth"] or 1
        filters = selectors.NetworkFilter(
            relation=data["relation"],
            grade=data["grade"],
            seen_from=data["seen_from"],
            seen_to=data["seen_to"],
        )
    may_reveal = selectors.may_see_full_names(request.user)
    full = may_reveal and request.GET.get("names") == "full"
    links = selectors.network_around(centre, depth, filters)
    refs = set(centre) | {r for link in links for r in (link.from_ref, link.to_ref)}
    nodes = selectors.nodes_for(refs, request.user, full_names=full)
    shown = [r for r in refs if r.startswith("child:") and not nodes[r].hidden]
    detail = {
        "depth": depth,
        "filters": {k: str(v) for k, v in vars(filters).items() if v},
        "names": "full" if full else "initials",
        "nodes": len(nodes),
        "links": len(links),
    }
    download = request.GET.get("download", "")
    if full:
        audit_record(
            request=request,
            action=AuditAction.VIEW,
            object_type="network_names_revealed",
            detail=detail,
        )
    audit_record(
        request=request,
        action=AuditAction.EXPORT if download else AuditAction.VIEW,
        object_type="network",
        detail={**detail, "export": download} if download else detail,
    )
    _audit_children(request, shown, "network", detail)
    if download == "csv":
        return _network_csv(links, nodes)
    query = request.GET.copy()
    query.pop("names", None)
    query.pop("download", None)
    return render(
        request,
        "mapping/network.html",
        {
            "form": form,
            "centre": nodes[centre[0]],
            "operation": operation,
            "nodes": sorted(
                nodes.values(), key=lambda n: (n.ref not in centre, n.kind_label, n.label)
            ),
            "links": [
                {"link": link, "from": nodes[link.from_ref], "to": nodes[link.to_ref]}
                for link in links
            ],
            "graph": selectors.network_graph_data(links, nodes, set(centre)),
            "full": full,
            "may_reveal": may_reveal,
            "query": query.urlencode(),
        },
    )


def _network_csv(links, nodes) -> HttpResponse:
    """The table for the minutes: the links as shown (names as shown)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "from",
            "from kind",
            "relation",
            "to",
            "to kind",
            "source",
            "first seen",
            "last seen",
            "grade",
        ]
    )
    for link in links:
        a, b = nodes[link.from_ref], nodes[link.to_ref]
        writer.writerow(
            [
                a.label,
                a.kind_label,
                link.get_relation_display(),
                b.label,
                b.kind_label,
                link.get_source_display(),
                uk_date(link.first_seen) if link.first_seen else "",
                uk_date(link.last_seen) if link.last_seen else "",
                link.grading,
            ]
        )
    return response


@allow(NETWORK_ROLES)
@require_POST
def network_picture_exported(request):
    """The network view's script says a picture (PNG) was saved: audited with what it showed."""
    audit_record(
        request=request,
        action=AuditAction.EXPORT,
        object_type="network",
        detail={
            "export": "png",
            "nodes": _small_int(request.POST.get("nodes")),
            "links": _small_int(request.POST.get("links")),
            "names": "full" if request.POST.get("names") == "full" else "initials",
        },
    )
    return HttpResponse(status=204)


def _small_int(text) -> int:
    try:
        return max(0, min(int(text), 10**6))
    except (TypeError, ValueError):
        return 0


HOTSPOT_PERIODS = {"3": "3 months", "6": "6 months", "12": "12 months", "24": "2 years"}


@allow(SERVICE_ROLES)
def hotspots(request):
    """Places ranked by the children they connect: linked to the place, or found there at
    the end of an episode, in the period; only children this person may see count."""
    period = request.GET.get("period", "12")
    period = period if period in HOTSPOT_PERIODS else "12"
    districts = district_choices(request.user)
    district = request.GET.get("district", "")
    district = district if district in districts else ""
    today = timezone.localdate()
    since = add_months(today, -int(period))
    children = child_list_visible_to(request.user)
    if district:
        children = children.filter(district=district)
    spots = selectors.hotspots(children, since, today)
    page = Paginator(spots, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="hotspots",
        detail={"period_months": int(period), "district": district},
    )
    query = f"period={period}" + (f"&district={district}" if district else "")
    return render(
        request,
        "mapping/hotspots.html",
        {
            "page": page,
            "spots": list(page.object_list),
            "periods": HOTSPOT_PERIODS,
            "period": period,
            "districts": districts,
            "district": district,
            "since": uk_date(since),
            "page_links": page_links(page),
            "query": query,
        },
    )


# --- Police operations ------------------------------------------------------------------------


@allow(SERVICE_ROLES)
def operation_list(request):
    operations = list(selectors.operation_list())
    audit_record(request=request, action=AuditAction.VIEW, object_type="operation_list")
    return render(
        request,
        "mapping/operation_list.html",
        {"operations": operations, "can_add": request.user.role in ANALYSIS_ROLES},
    )


@allow(ANALYSIS_ROLES)
def operation_new(request):
    form = OperationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        operation = services.operation_create(by=request.user, request=request, **form.cleaned_data)
        messages.success(request, "Operation added.")
        return redirect("mapping:operation_detail", operation_id=operation.pk)
    return render(
        request,
        "mapping/form.html",
        {"form": form, "title": "Add a police operation", "button": "Save"},
    )


@allow(SERVICE_ROLES)
def operation_detail(request, operation_id):
    """The entities, links and disruptions tagged with one operation."""
    operation = selectors.operation_by_id(operation_id)
    records = selectors.operation_records(operation)
    refs = {r for link in records.links for r in (link.from_ref, link.to_ref)}
    refs |= set(records.entity_refs)
    refs |= {r for d in records.disruptions for r in d.target_refs}
    nodes = selectors.nodes_for(refs, request.user, full_names=True)
    audit_record(
        request=request, action=AuditAction.VIEW, object_type="operation", object_id=operation.pk
    )
    _audit_children(
        request,
        [r for r in refs if r.startswith("child:") and not nodes[r].hidden],
        "operation",
        {"operation": operation.pk},
    )
    return render(
        request,
        "mapping/operation_detail.html",
        {
            "operation": operation,
            "entities": [nodes[e.ref] for e in records.entities],
            "links": [
                {"link": link, "from": nodes[link.from_ref], "to": nodes[link.to_ref]}
                for link in records.links
            ],
            "disruptions": [
                {"disruption": d, "targets": [nodes[r] for r in d.target_refs]}
                for d in records.disruptions
            ],
        },
    )


# --- Suggested matches and merging ------------------------------------------------------------


@allow(SERVICE_ROLES)
def entity_matches(request, entity_id):
    """Entities that are likely the same as this one; co-ordinators and managers merge them."""
    entity = selectors.entity_by_id(entity_id)
    matches = selectors.likely_duplicates(entity) if not entity.merged_into_id else []
    audit_record(
        request=request,
        action=AuditAction.VIEW,
        object_type="entity_matches",
        object_id=entity.pk,
        detail={"results": len(matches)},
    )
    return render(
        request,
        "mapping/entity_matches.html",
        {
            "entity": entity,
            "matches": matches,
            "can_merge": request.user.role in ANALYSIS_ROLES,
        },
    )


@allow(ANALYSIS_ROLES)
@require_POST
def entity_merge(request, entity_id):
    """Merge the posted duplicate into this entity (which keeps its id)."""
    survivor = selectors.entity_by_id(entity_id)
    duplicate = selectors.entity_by_id(request.POST.get("duplicate", ""))
    try:
        counts = services.entity_merge(
            survivor=survivor, duplicate=duplicate, by=request.user, request=request
        )
    except services.MergeRefused as refused:
        messages.error(request, str(refused))
        return redirect("mapping:entity_matches", entity_id=survivor.pk)
    messages.success(
        request,
        f"{duplicate.source_id} merged into {survivor.source_id}: "
        f"{counts['links']} link{'s' if counts['links'] != 1 else ''}, "
        f"{counts['disruptions']} disruption{'s' if counts['disruptions'] != 1 else ''} and "
        f"{counts['intelligence']} intelligence record{'s' if counts['intelligence'] != 1 else ''} "
        "now name it.",
    )
    return redirect("mapping:entity_detail", entity_id=survivor.pk)


@allow(ANALYSIS_ROLES)
@require_POST
def entity_merge_undo(request, entity_id):
    """Undo this entity's most recent merge: the duplicate is its own record again."""
    survivor = selectors.entity_by_id(entity_id)
    try:
        duplicate = services.entity_merge_undo(survivor=survivor, by=request.user, request=request)
    except services.MergeRefused as refused:
        messages.error(request, str(refused))
        return redirect("mapping:entity_detail", entity_id=survivor.pk)
    messages.success(
        request,
        f"Merge undone: {duplicate.source_id} is its own record again, with the links, "
        "disruptions and intelligence the merge moved.",
    )
    return redirect("mapping:entity_detail", entity_id=survivor.pk)
