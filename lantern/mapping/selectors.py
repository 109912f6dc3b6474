"""Reads of the network around a child: links, entities, intelligence."""

from django.db.models import Q

from lantern.core.timeline import TimelineItem, words
from lantern.mapping.models import Entity, Intelligence, Link


def child_ref(child) -> str:
    """How the dataset names a child in links and intelligence: `child:<reference>`."""
    return f"child:{child.source_id}"


def links_of(child) -> list:
    ref = child_ref(child)
    return list(Link.objects.filter(Q(from_ref=ref) | Q(to_ref=ref)))


def split_ref(ref: str) -> tuple[str, str]:
    """`entity:EA001` -> ("entity", "EA001"); `child:HC00381` -> ("child", "HC00381")."""
    kind, _, reference = (ref or "").partition(":")
    return kind, reference


def entities_by_reference(references) -> dict:
    """The entities named by these references, by reference, in one query."""
    wanted = {r for r in references if r}
    if not wanted:
        return {}
    return {e.source_id: e for e in Entity.objects.filter(source_id__in=wanted)}


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
