"""Reads of the network: around a child (links, entities, intelligence) and as a whole
(groups, key entities, children missing together)."""

from datetime import date

import igraph
from django.db.models import Q, QuerySet

from lantern.children.models import Child
from lantern.core.timeline import TimelineItem, words
from lantern.mapping.models import Intelligence, Link
from lantern.missing import selectors as missing


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
