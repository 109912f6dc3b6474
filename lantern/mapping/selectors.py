"""Reads of the network: around a child (links, entities, intelligence) and as a whole
(groups, key entities, children missing together)."""

import re
import uuid
from dataclasses import dataclass
from datetime import date

import igraph
from django.db.models import (
    CharField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat
from django.http import Http404
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.children.selectors import child_list_visible_to
from lantern.core.timeline import TimelineItem, words
from lantern.core.ukdate import day_range
from lantern.mapping.models import (
    Disruption,
    Entity,
    EntityKind,
    EntityMerge,
    Intelligence,
    Link,
    LinkSource,
    Operation,
    Relation,
    Tactic,
)
from lantern.missing import selectors as missing
from lantern.missing.models import Episode


def child_ref(child) -> str:
    """How the dataset names a child in links and intelligence: `child:<reference>`."""
    return f"child:{child.source_id}"


def links_of(child) -> list:
    ref = child_ref(child)
    return list(Link.objects.filter(Q(from_ref=ref) | Q(to_ref=ref)))


def intelligence_of(child) -> list:
    """`refs` is a `;` list, so the SQL match is checked item by item."""
    ref = child_ref(child)
    return [x for x in Intelligence.objects.filter(refs__contains=ref) if ref in x.refs]


def timeline_entries(links: list, intelligence: list) -> list[TimelineItem]:
    items = [
        TimelineItem("link", link.first_seen, f"Link: {words(link.relation)}", link.grading)
        for link in links
    ]
    items += [
        TimelineItem("intelligence", x.received_on, f"Intelligence from {x.agency}", x.form)
        for x in intelligence
    ]
    return items


def recent_intelligence_by_child(children, *, since, until) -> dict:
    """Intelligence received in [since, until] naming each of these children, in one query:
    {child id: [intelligence, ...]}, newest first."""
    by_ref = {child_ref(c): c.pk for c in children}
    by_child: dict = {}
    if not by_ref:
        return by_child
    received = Intelligence.objects.filter(received_on__gte=since, received_on__lte=until)
    for x in received.order_by("-received_on", "source_id"):
        for ref in x.refs:
            if ref in by_ref:
                by_child.setdefault(by_ref[ref], []).append(x)
    return by_child


def intelligence_received_since(after: date, until: date) -> dict:
    """Intelligence received after a day (the last triage held) up to another (today), by
    the children it names, in one query: {child reference: [intelligence, ...]}, newest
    first. References are the dataset's (`child:<reference>`)."""
    by_ref: dict = {}
    received = Intelligence.objects.filter(received_on__gt=after, received_on__lte=until)
    for x in received.order_by("-received_on", "source_id"):
        for ref in x.refs:
            if ref.startswith(CHILD_PREFIX):
                by_ref.setdefault(_plain(ref), []).append(x)
    return by_ref


# --- Network analysis: groups, key entities, co-missing, cross-district --------------------

CHILD_PREFIX = "child:"
ENTITY_PREFIX = "entity:"


def links_known_on(as_of: date | None = None) -> QuerySet:
    """Links known on a date: first seen on or before it, or with no first-seen date
    (a link with no date is taken as always known). None: every link."""
    links = Link.objects.all()
    if as_of is not None:
        links = links.filter(Q(first_seen__isnull=True) | Q(first_seen__lte=as_of))
    return links


def _plain(ref: str) -> str:
    return ref.split(":", 1)[1] if ":" in ref else ref


def network_graph(as_of: date | None = None) -> tuple[igraph.Graph, list[str]]:
    """The graph of children, entities and links (one query), duplicate links and links
    from a record to itself removed. Vertex i is `refs[i]` (`child:<id>` / `entity:<id>`)."""
    index: dict[str, int] = {}
    edges = []
    for a, b in links_known_on(as_of).values_list("from_ref", "to_ref").order_by():
        edges.append((index.setdefault(a, len(index)), index.setdefault(b, len(index))))
    graph = igraph.Graph(n=len(index), edges=edges, directed=False)
    graph.simplify(multiple=True, loops=True)
    return graph, list(index)


def network_analysis(as_of: date | None = None) -> dict:
    """Who is connected to whom (docs/mapping.md): the connected groups, the entities that
    link most children (then by PageRank), children missing together, and how many groups
    hold children of more than one district."""
    graph, refs = network_graph(as_of)
    is_child = [r.startswith(CHILD_PREFIX) for r in refs]
    districts: dict[str, str] = {}
    if any(is_child):
        districts = dict(Child.objects.exclude(district="").values_list("source_id", "district"))

    groups = []
    cross_district = 0
    for members in graph.connected_components():
        children = sorted(_plain(refs[v]) for v in members if is_child[v])
        entities = sorted(_plain(refs[v]) for v in members if not is_child[v])
        groups.append({"children": children, "entities": entities})
        if len({districts[c] for c in children if c in districts}) > 1:
            cross_district += 1
    groups.sort(
        key=lambda g: (-(len(g["children"]) + len(g["entities"])), g["children"], g["entities"])
    )

    children_linked = [0] * len(refs)
    for a, b in graph.get_edgelist():
        if is_child[a] and not is_child[b]:
            children_linked[b] += 1
        elif is_child[b] and not is_child[a]:
            children_linked[a] += 1
    centrality = graph.pagerank(directed=False) if len(refs) else []
    key_entities = sorted(
        (
            {
                "ref": refs[v],
                "children_linked": children_linked[v],
                "centrality": round(centrality[v], 6),
            }
            for v in range(len(refs))
            if not is_child[v]
        ),
        key=lambda k: (-k["children_linked"], -k["centrality"], k["ref"]),
    )
    co_missing = [
        {"children": [a, b], "overlapping_episodes": n}
        for a, b, n in missing.children_missing_together(as_of)
    ]
    co_missing.sort(key=lambda p: (-p["overlapping_episodes"], p["children"]))
    return {
        "groups": groups,
        "key_entities": key_entities,
        "co_missing": co_missing,
        "cross_district_groups": cross_district,
    }


# --- Entities and the records around them ----------------------------------------------

# Roles that may see full names on the network; everyone else sees initials (domain.md:
# "a peer map is not a surveillance tool"). Those roles see initials too until they choose
# to reveal names, and each reveal is audited.
FULL_NAME_ROLES = frozenset({Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER})
# Kinds of entity that are people: their labels are shown as initials like children's names.
PERSON_KINDS = frozenset({EntityKind.ADULT})
# Intelligence grades: 5x5x5 (source A-E, intelligence 1-5, e.g. B2) or 3x5x2 (1-3, A-E).
GRADING = re.compile(r"^(?:[A-E][1-5]|[1-3][A-E])$")


def grading_is_valid(grading: str) -> bool:
    return not grading or bool(GRADING.match(grading.strip().upper()))


def initials(name: str) -> str:
    """ "Jordan Lee Smith" -> "J. L. S."; nothing -> "?"."""
    letters = [w[0].upper() for w in name.split() if w[:1].isalpha()]
    return " ".join(f"{letter}." for letter in letters) or "?"


def may_see_full_names(user) -> bool:
    return getattr(user, "role", None) in FULL_NAME_ROLES


def entity_list(kind: str = "") -> QuerySet:
    """Entities with how many links name them, in one query."""
    ref = Concat(Value(ENTITY_PREFIX), "source_id", output_field=CharField())
    count = (
        Link.objects.filter(Q(from_ref=OuterRef("ref_text")) | Q(to_ref=OuterRef("ref_text")))
        .order_by()
        .annotate(n=Func("pk", function="COUNT", output_field=IntegerField()))
        .values("n")
    )
    entities = (
        Entity.objects.filter(merged_into__isnull=True)
        .annotate(ref_text=ref)
        .annotate(link_count=Subquery(count))
    )
    return entities.filter(kind=kind) if kind else entities


def entity_by_id(entity_id) -> Entity:
    """The entity, or Http404 (entities carry no child's data of their own)."""
    try:
        key = uuid.UUID(str(entity_id))
    except ValueError:
        raise Http404("No such entity") from None
    entity = Entity.objects.filter(pk=key).first()
    if entity is None:
        raise Http404("No such entity")
    return entity


def entity_by_reference(reference: str) -> Entity | None:
    """The entity with that id, or with it as an alias; a merged duplicate gives its survivor."""
    reference = reference.strip()
    entity = Entity.objects.filter(source_id=reference).first()
    if entity is None:
        entity = Entity.objects.filter(aliases__contains=reference).first()
        if entity is not None and reference not in entity.aliases:
            entity = None
    return survivor_of(entity) if entity is not None else None


def survivor_of(entity: Entity) -> Entity:
    """The entity a merged duplicate now lives on as (itself when not merged)."""
    seen = {entity.pk}
    while entity.merged_into_id is not None and entity.merged_into_id not in seen:
        seen.add(entity.merged_into_id)
        entity = entity.merged_into
    return entity


def links_of_ref(ref: str) -> list:
    return list(Link.objects.filter(Q(from_ref=ref) | Q(to_ref=ref)))


def disruptions_of_refs(refs: list[str]) -> list:
    """Disruptions naming any of these refs (`target_refs` is a `;` list: checked item by item)."""
    wanted = set(refs)
    if not wanted:
        return []
    q = Q()
    for ref in wanted:
        q |= Q(target_refs__contains=ref)
    return [d for d in Disruption.objects.filter(q) if wanted & set(d.target_refs)]


def intelligence_naming(ref: str) -> list:
    return [x for x in Intelligence.objects.filter(refs__contains=ref) if ref in x.refs]


@dataclass
class Node:
    """One end of a link as a person may see it."""

    ref: str
    kind: str  # "child" or an entity kind
    label: str  # initials or the full name, as allowed
    url: str = ""
    hidden: bool = False  # a child the user may not see: no name, no link
    district: str = ""

    @property
    def kind_label(self) -> str:
        if self.kind == "child":
            return "Child"
        return EntityKind(self.kind).label if self.kind in EntityKind.values else "Not known"


def nodes_for(refs, user, *, full_names: bool = False) -> dict[str, Node]:
    """Each ref as a Node, in two queries: children through the access rules (a child the
    user may not open is shown only as "a child"), entities by their ids. Names are
    initials unless `full_names` and the user's role allows them."""
    refs = set(refs)
    child_ids = [_plain(r) for r in refs if r.startswith(CHILD_PREFIX)]
    entity_ids = [_plain(r) for r in refs if r.startswith(ENTITY_PREFIX)]
    full = full_names and may_see_full_names(user)
    nodes: dict[str, Node] = {}
    if child_ids:
        visible = child_list_visible_to(user).filter(source_id__in=child_ids)
        for child in visible.only("pk", "source_id", "first_name", "last_name", "district"):
            name = child.full_name
            nodes[CHILD_PREFIX + child.source_id] = Node(
                ref=CHILD_PREFIX + child.source_id,
                kind="child",
                label=name if full else initials(name),
                url=reverse("children:detail", args=[child.pk]),
                district=child.district,
            )
    if entity_ids:
        for entity in Entity.objects.filter(source_id__in=entity_ids):
            label = entity.label or entity.source_id
            if entity.kind in PERSON_KINDS and not full:
                label = initials(label)
            nodes[entity.ref] = Node(
                ref=entity.ref,
                kind=entity.kind,
                label=label,
                url=reverse("mapping:entity_detail", args=[entity.pk]),
                district=entity.district,
            )
    for ref in refs - set(nodes):
        is_a_child = ref.startswith(CHILD_PREFIX)
        nodes[ref] = Node(
            ref=ref,
            kind="child" if is_a_child else "unknown",
            label="A child you cannot open" if is_a_child else _plain(ref),
            hidden=True,
        )
    return nodes


# --- The network around a child, an entity or an operation --------------------------------

MAX_DEPTH = 3


@dataclass
class NetworkFilter:
    """What the network view shows: links of one relation, graded as given, seen in dates."""

    relation: str = ""
    grade: str = ""
    seen_from: date | None = None
    seen_to: date | None = None

    def links(self) -> QuerySet:
        links = Link.objects.all()
        if self.relation:
            links = links.filter(relation=self.relation)
        if self.grade:
            links = links.filter(grading__iexact=self.grade)
        if self.seen_from:  # still seen on or after (no last-seen date: still current)
            links = links.filter(Q(last_seen__isnull=True) | Q(last_seen__gte=self.seen_from))
            links = links.filter(
                Q(first_seen__isnull=True) | Q(first_seen__lte=self.seen_to or date.max)
            )
        elif self.seen_to:
            links = links.filter(Q(first_seen__isnull=True) | Q(first_seen__lte=self.seen_to))
        return links


def network_around(refs: list[str], depth: int = 1, filters: NetworkFilter | None = None) -> list:
    """Links reachable from `refs` in up to `depth` steps (1 to 3): one query a step."""
    depth = max(1, min(MAX_DEPTH, depth))
    base = (filters or NetworkFilter()).links()
    seen_refs = set(refs)
    frontier = set(refs)
    found: dict = {}
    for _ in range(depth):
        if not frontier:
            break
        step = [
            link
            for link in base.filter(Q(from_ref__in=frontier) | Q(to_ref__in=frontier))
            if link.pk not in found
        ]
        for link in step:
            found[link.pk] = link
        reached = {r for link in step for r in (link.from_ref, link.to_ref)}
        frontier = reached - seen_refs
        seen_refs |= reached
    return sorted(found.values(), key=lambda link: link.source_id)


def network_graph_data(links: list, nodes: dict[str, "Node"], centre: set[str]) -> dict:
    """The network as the view's script reads it (cytoscape's elements), and as the plain
    list beside it shows it: the same nodes and links."""
    return {
        "nodes": [
            {
                "id": ref,
                "label": node.label,
                "kind": node.kind,
                "kind_label": node.kind_label,
                "url": node.url,
                "centre": ref in centre,
            }
            for ref, node in sorted(nodes.items())
        ],
        "edges": [
            {
                "id": link.source_id,
                "source": link.from_ref,
                "target": link.to_ref,
                "relation": link.get_relation_display(),
                "grade": link.grading,
            }
            for link in links
        ],
    }


@dataclass
class ChildNetwork:
    """The child page's network section: each link with the other end by name, and the
    disruption against the people and places the child is linked to."""

    rows: list
    disruptions: list


def child_network(child, links: list, user) -> ChildNetwork:
    """Three queries whatever the number of links: children, entities, disruptions. The
    child's page is already a full (audited) read of the child, so roles that may see names
    see them here; partners see initials, as on the network view."""
    ref = child_ref(child)
    others = [link.to_ref if link.from_ref == ref else link.from_ref for link in links]
    nodes = nodes_for(set(others), user, full_names=True)
    rows = [{"link": link, "other": nodes[o]} for link, o in zip(links, others, strict=True)]
    entities = sorted({o for o in others if o.startswith(ENTITY_PREFIX)})
    return ChildNetwork(rows=rows, disruptions=disruptions_of_refs(entities))


def children_linked_missing_with(children) -> set[frozenset]:
    """The pairs of these children already joined by a "missing with" link (either way
    round), as `frozenset({source_id, source_id})`, in one query."""
    refs = [child_ref(c) for c in children]
    if not refs:
        return set()
    rows = Link.objects.filter(
        relation=Relation.MISSING_WITH, from_ref__in=refs, to_ref__in=refs
    ).values_list("from_ref", "to_ref")
    return {frozenset((_plain(a), _plain(b))) for a, b in rows}


# --- Hotspots: the places that connect children ---------------------------------------------


@dataclass
class Hotspot:
    """A place, with the children linked to it and the episodes that ended there."""

    place: str
    entity: Entity | None
    children_linked: int
    episodes_found: int
    children: int  # distinct children, linked or found there

    @property
    def district(self) -> str:
        return self.entity.district if self.entity else ""


def _link_in_period(date_from: date, date_to: date) -> Q:
    """A link seen during the period: first seen by its end and last seen (or, with no last
    seen, first seen) since its start. An undated link is taken as always known, as in
    `links_known_on`."""
    return (Q(first_seen__isnull=True) | Q(first_seen__lte=date_to)) & (
        Q(last_seen__gte=date_from)
        | Q(last_seen__isnull=True, first_seen__isnull=True)
        | Q(last_seen__isnull=True, first_seen__gte=date_from)
    )


def hotspots(children: QuerySet, date_from: date, date_to: date) -> list[Hotspot]:
    """Locations ranked by distinct children, then by episodes found there, then by name.

    `children` are those the reader may see (and any district filter); only they count.
    A location is a location entity linked to one of them by any relation in the period,
    or a place where one of their episodes ended in the period ("where found", compared by
    `missing.place_key`). A found place that matches a location entity's name is that
    entity. Three queries whatever the size: the locations, the links, the episodes.
    """
    refs = dict(children.values_list("source_id", "pk").order_by())
    locations = {
        f"{ENTITY_PREFIX}{e.source_id}": e
        for e in Entity.objects.filter(kind=EntityKind.LOCATION, merged_into__isnull=True)
    }
    by_key = {missing.place_key(e.label): e for e in locations.values() if e.label}
    linked: dict[str, set] = {}
    links = Link.objects.filter(_link_in_period(date_from, date_to)).filter(
        Q(from_ref__startswith=CHILD_PREFIX, to_ref__startswith=ENTITY_PREFIX)
        | Q(from_ref__startswith=ENTITY_PREFIX, to_ref__startswith=CHILD_PREFIX)
    )
    for a, b in links.values_list("from_ref", "to_ref").order_by():
        child, place = (a, b) if a.startswith(CHILD_PREFIX) else (b, a)
        pk = refs.get(_plain(child))
        if pk is not None and place in locations:
            linked.setdefault(place, set()).add(pk)
    found: dict[str, list] = {}
    names: dict[str, str] = {}
    lo, hi = day_range(date_from, date_to)
    ended = Episode.objects.filter(child__in=children, ended_at__gte=lo, ended_at__lt=hi).exclude(
        found_location=""
    )
    for child_id, where in ended.values_list("child_id", "found_location").order_by():
        key = missing.place_key(where)
        if not key:
            continue
        entity = by_key.get(key)
        place = f"{ENTITY_PREFIX}{entity.source_id}" if entity else key
        names.setdefault(place, where.strip())
        found.setdefault(place, []).append(child_id)
    spots = []
    for place in set(linked) | set(found):
        entity = locations.get(place)
        kids = linked.get(place, set())
        spots.append(
            Hotspot(
                place=(entity.label or entity.source_id) if entity else names[place],
                entity=entity,
                children_linked=len(kids),
                episodes_found=len(found.get(place, [])),
                children=len(kids | set(found.get(place, []))),
            )
        )
    return sorted(spots, key=lambda s: (-s.children, -s.episodes_found, s.place.lower()))


# --- Disruption counted in the report -------------------------------------------------------


def _disrupted(date_from: date, date_to: date, district: str | None) -> tuple[list, set]:
    """The activities dated in the period, as (pk, tactic, targets), and the entities they
    targeted; with a district, only activities against an entity of that district."""
    activities = [
        (pk, tactic, {r for r in refs if r.startswith(ENTITY_PREFIX)})
        for pk, tactic, refs in Disruption.objects.filter(on__gte=date_from, on__lte=date_to)
        .values_list("pk", "tactic", "target_refs")
        .order_by()
    ]
    if district is not None:
        ours = {
            f"{ENTITY_PREFIX}{ref}"
            for ref in Entity.objects.filter(district=district).values_list("source_id", flat=True)
        }
        activities = [(pk, t, refs & ours) for pk, t, refs in activities if refs & ours]
    return activities, {ref for _, _, refs in activities for ref in refs}


def _children_linked(targets: set, date_to: date, district: str | None) -> QuerySet:
    refs = set()
    if targets:
        links = links_known_on(date_to).filter(Q(from_ref__in=targets) | Q(to_ref__in=targets))
        for a, b in links.values_list("from_ref", "to_ref").order_by():
            refs.update(_plain(r) for r in (a, b) if r.startswith(CHILD_PREFIX))
    children = Child.objects.filter(source_id__in=refs)
    return children if district is None else children.filter(district=district)


def disruption_figures(date_from: date, date_to: date, district: str | None = None) -> dict:
    """The report's `disruption` key (docs/counting-rules.md): activities dated in the
    period, by tactic; the distinct entities they targeted; and the distinct children linked
    to those entities by a link known by the period's end. With a district: only activities
    against an entity of that district, and only that district's children. Up to four
    queries, whatever the data."""
    activities, targets = _disrupted(date_from, date_to, district)
    by_tactic = dict.fromkeys(Tactic.values, 0)
    for _, tactic, _ in activities:
        by_tactic[tactic if tactic in by_tactic else Tactic.OTHER] += 1
    return {
        "activities": len(activities),
        "by_tactic": by_tactic,
        "entities_disrupted": len(targets),
        "children_linked": _children_linked(targets, date_to, district).count(),
    }


def disruption_records(
    figure: str, date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """The records behind a `disruption.*` figure of the report (its drill-down)."""
    activities, targets = _disrupted(date_from, date_to, district)
    if figure == "activities":
        return Disruption.objects.filter(pk__in=[pk for pk, _, _ in activities])
    if figure.startswith("by_tactic.") and figure[10:] in Tactic.values:
        return Disruption.objects.filter(pk__in=[pk for pk, _, _ in activities], tactic=figure[10:])
    if figure == "entities_disrupted":
        return Entity.objects.filter(source_id__in=[_plain(r) for r in targets])
    if figure == "children_linked":
        return _children_linked(targets, date_to, district)
    raise KeyError(figure)


# --- People and places named in a return interview (the composition page in pages/) -------

ENTITY_SEARCH_SHOWN = 20


def entity_search(text: str, limit: int = ENTITY_SEARCH_SHOWN) -> tuple[int, list[Entity]]:
    """Entities whose name or description holds every word typed (any case), or whose
    reference is the text: (how many match, the first `limit` by name). Entities carry no
    child's data of their own, so every role that may add links may find any of them."""
    words = text.split()
    if not words:
        return 0, []
    match = Q()
    for word in words:
        match &= Q(label__icontains=word)
    found = Entity.objects.filter(match | Q(source_id__iexact=text.strip()))
    return found.count(), list(found.order_by("label", "source_id")[:limit])


def links_from_return_interviews(child) -> list[tuple[Link, Entity]]:
    """The child's links to entities recorded from return interviews, newest first, each
    with its entity, in two queries."""
    ref = child_ref(child)
    links = list(
        Link.objects.filter(Q(from_ref=ref) | Q(to_ref=ref), source=LinkSource.RHI).order_by(
            F("last_seen").desc(nulls_last=True), "source_id"
        )
    )
    others = {link.to_ref if link.from_ref == ref else link.from_ref for link in links}
    ids = [_plain(r) for r in others if r.startswith(ENTITY_PREFIX)]
    entities = {e.ref: e for e in Entity.objects.filter(source_id__in=ids)}
    rows = []
    for link in links:
        other = link.to_ref if link.from_ref == ref else link.from_ref
        if other in entities:
            rows.append((link, entities[other]))
    return rows


def child_linked_to(child, entity: Entity, relation: str) -> bool:
    """Whether the child is already joined to the entity by that relation (either way round)."""
    ref = child_ref(child)
    return Link.objects.filter(
        Q(from_ref=ref, to_ref=entity.ref) | Q(from_ref=entity.ref, to_ref=ref), relation=relation
    ).exists()


# --- Police operations ------------------------------------------------------------------------


def operation_list() -> QuerySet:
    """Operations with how many entities, links and disruptions carry each, in one query."""
    return Operation.objects.annotate(
        entity_count=Count("entities", distinct=True),
        link_count=Count("links", distinct=True),
        disruption_count=Count("disruptions", distinct=True),
    ).order_by("name")


def operation_by_id(operation_id) -> Operation:
    operation = Operation.objects.filter(pk=operation_id).first()
    if operation is None:
        raise Http404("No such operation")
    return operation


@dataclass
class OperationRecords:
    entities: list
    links: list
    disruptions: list

    @property
    def entity_refs(self) -> list[str]:
        return [e.ref for e in self.entities]


def operation_records(operation: Operation) -> OperationRecords:
    """What is tagged with the operation (entities merged into another are left out)."""
    return OperationRecords(
        entities=list(operation.entities.order_by("source_id")),
        links=list(operation.links.order_by("source_id")),
        disruptions=list(operation.disruptions.order_by("-on", "source_id")),
    )


# --- Suggested matches: the same adult or place entered twice ------------------------------

TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord", "prof", "rev"}
)
POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b", re.IGNORECASE)
PHONE = re.compile(r"(?:\+|\b)[0-9][0-9 ()-]{8,}[0-9]")


def normalise_name(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces, common titles left out:
    "Mr. Jordan  SMITH" and "jordan smith" are the same."""
    words_ = re.sub(r"[^\w\s]|_", " ", text.casefold()).split()
    return " ".join(w for w in words_ if w not in TITLES)


def normalise_postcode(text: str) -> str:
    """Upper case, no spaces: "so23 8ug" is "SO238UG"."""
    return re.sub(r"\s+", "", text).upper()


def normalise_phone(text: str) -> str:
    """Digits only, the UK country code as a leading 0: "+44 (0)7700 900-123" and
    "07700900123" are the same."""
    digits = re.sub(r"\D", "", text)
    if text.strip().startswith("+44") or digits.startswith("0044"):
        digits = digits[4:] if digits.startswith("0044") else digits[2:]
        digits = digits if digits.startswith("0") else "0" + digits
    elif digits.startswith("44") and len(digits) == 12:
        digits = "0" + digits[2:]
    return digits


def match_keys(label: str) -> set[tuple[str, str]]:
    """What two entities of one kind share when they are likely the same: the normalised
    name, or a postcode or a phone number found in the label."""
    keys = set()
    name = normalise_name(label)
    if name:
        keys.add(("name", name))
    for outward, inward in POSTCODE.findall(label):
        keys.add(("postcode", normalise_postcode(outward + inward)))
    for number in PHONE.findall(label):
        phone = normalise_phone(number)
        if len(phone) >= 10:
            keys.add(("phone", phone))
    return keys


MATCH_REASONS = {
    "name": "the same name",
    "postcode": "the same postcode",
    "phone": "the same phone number",
}


@dataclass
class Match:
    entity: Entity
    reasons: list[str]


def suggested_matches(kind: str, label: str, *, exclude=None) -> list[Match]:
    """Entities of this kind (not merged away) sharing a name, postcode or phone number with
    the label, best first (most reasons, then reference). One query for the kind."""
    wanted = match_keys(label)
    if not wanted:
        return []
    candidates = Entity.objects.filter(kind=kind, merged_into__isnull=True)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = []
    for entity in candidates.only("pk", "source_id", "kind", "label", "district"):
        shared = wanted & match_keys(entity.label)
        if shared:
            kinds = sorted({k for k, _ in shared}, key=list(MATCH_REASONS).index)
            found.append(Match(entity, [MATCH_REASONS[k] for k in kinds]))
    return sorted(found, key=lambda m: (-len(m.reasons), m.entity.source_id))


def likely_duplicates(entity: Entity) -> list[Match]:
    return suggested_matches(entity.kind, entity.label, exclude=entity)


def entity_aliases() -> dict[str, str]:
    """Each merged entity's id (and each alias) to the id of the entity it now lives on."""
    merged = dict(
        Entity.objects.filter(merged_into__isnull=False).values_list("source_id", "merged_into")
    )
    by_pk = dict(Entity.objects.filter(pk__in=merged.values()).values_list("pk", "source_id"))
    aliases = {alias: by_pk[pk] for alias, pk in merged.items() if pk in by_pk}
    for source_id, names in Entity.objects.exclude(aliases="").values_list("source_id", "aliases"):
        for alias in names:
            aliases.setdefault(alias, source_id)
    resolved = {}
    for alias, target in aliases.items():  # a survivor merged away later: follow the chain
        seen = {alias}
        while target in aliases and target not in seen:
            seen.add(target)
            target = aliases[target]
        resolved[alias] = target
    return resolved


def last_merge_of(survivor: Entity) -> EntityMerge | None:
    """The survivor's most recent merge that has not been undone (the only one undoable)."""
    return (
        EntityMerge.objects.filter(survivor=survivor, undone_at__isnull=True)
        .select_related("duplicate")
        .first()
    )
