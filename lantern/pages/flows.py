"""Workflows that cross domains: each step is a service of the app that owns it."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import UniqueConstraint
from django.utils import timezone

from lantern.children.models import Child, ChildMerge
from lantern.children.services import (
    MergeRefused,
    child_merge_record,
    child_merge_undo_record,
    merge_refusal,
)
from lantern.core.ukdate import aware_to_local
from lantern.mapping.models import Entity, Link, LinkSource, Relation
from lantern.mapping.selectors import child_linked_to, child_ref, children_linked_missing_with
from lantern.mapping.services import (
    child_refs_move,
    child_refs_put_back,
    entity_create,
    link_create,
)
from lantern.missing.models import ReturnInterview
from lantern.missing.selectors import TogetherEvidence, overlapping_episodes_between


@transaction.atomic
def record_missing_with(*, by, evidence: TogetherEvidence, request=None) -> bool:
    """One click on the "missing together" list: a "missing with" link between the two
    children for mapping, dated by the episodes that were the evidence. False when the
    link is already there (a second click records nothing)."""
    first, second = evidence.first, evidence.second
    if frozenset((first.source_id, second.source_id)) in children_linked_missing_with(
        [first, second]
    ):
        return False
    days = evidence.moments
    link_create(
        by=by,
        from_ref=child_ref(first),
        to_ref=child_ref(second),
        relation=Relation.MISSING_WITH,
        source=LinkSource.OTHER,
        first_seen=aware_to_local(min(days)).date(),
        last_seen=aware_to_local(max(days)).date(),
        request=request,
    )
    return True


def interview_day(interview: ReturnInterview) -> date:
    """The UK day a link from this interview is dated by: when it was held, else when it
    was offered, else today (an interview recorded with neither)."""
    moment = interview.completed_at or interview.offered_at or timezone.now()
    return aware_to_local(moment).date()


@dataclass
class InterviewLink:
    entity: Entity
    link: Link | None  # None: the child was already linked to it that way
    entity_created: bool


@transaction.atomic
def link_interview_to_mapping(
    *,
    by,
    interview: ReturnInterview,
    relation: str,
    entity: Entity | None = None,
    new_entity: dict | None = None,
    grading: str = "",
    request=None,
) -> InterviewLink:
    """A person or place named in a return interview, put on the child's network: an
    existing entity, or a new one (`new_entity`: kind, label, district), linked to the
    child with `relation`, source "return home interview", first and last seen on the
    interview's day. One transaction; each write is audited by mapping's services. Nothing
    of the interview's text goes into the entity or the link. A link the child already
    has (same entity, same relation) is not made twice."""
    if (entity is None) == (new_entity is None):
        raise ValueError("Give an existing entity or a new one, not both.")
    created = entity is None
    if created:
        entity = entity_create(by=by, request=request, **new_entity)
    elif child_linked_to(interview.child, entity, relation):
        return InterviewLink(entity=entity, link=None, entity_created=False)
    day = interview_day(interview)
    link = link_create(
        by=by,
        from_ref=child_ref(interview.child),
        to_ref=entity.ref,
        relation=relation,
        source=LinkSource.RHI,
        grading=grading,
        first_seen=day,
        last_seen=day,
        request=request,
    )
    return InterviewLink(entity=entity, link=link, entity_created=created)


# --- Merging two records of one child ------------------------------------------------------

# Relations to Child whose rows do not move: the merge bookkeeping itself, and the
# allocation and cover views (they follow the cases).
MERGE_NOT_MOVED = {
    "children.Child",
    "children.ChildMerge",
    "children.Allocation",
    "children.CoverAllocation",
}


def child_relations() -> list[tuple]:
    """(model, field) of every record that points at a child and moves in a merge, found
    from the model registry so that a new model with a child is never forgotten."""
    found = []
    for rel in Child._meta.related_objects:
        if rel.many_to_many:  # moved through its own model's foreign key
            continue
        model = rel.related_model
        if model._meta.label in MERGE_NOT_MOVED or not model._meta.managed:
            continue
        found.append((model, rel.field.name))
    return found


def _label(model, name: str) -> str:
    return f"{model._meta.label}.{name}"


def _unique_sets(model, name: str) -> list[tuple]:
    """The unique rules that include the child field: (the other fields, condition)."""
    sets = []
    if model._meta.get_field(name).unique:
        sets.append(((), None))
    for fields in model._meta.unique_together:
        if name in fields:
            sets.append((tuple(f for f in fields if f != name), None))
    for constraint in model._meta.constraints:
        fields = getattr(constraint, "fields", ())
        if isinstance(constraint, UniqueConstraint) and name in fields:
            sets.append((tuple(f for f in fields if f != name), constraint.condition))
    return sets


def _clashing(model, name: str, survivor, duplicate) -> set:
    """Rows of the duplicate that the survivor already has the like of (a unique rule):
    they stay with the duplicate (kept for undo) rather than break the rule."""
    clash = set()
    for others, condition in _unique_sets(model, name):
        rows = model._base_manager.filter(**{name: duplicate})
        theirs = model._base_manager.filter(**{name: survivor})
        if condition is not None:
            rows, theirs = rows.filter(condition), theirs.filter(condition)
        if not others:
            if theirs.exists():
                clash.update(rows.values_list("pk", flat=True))
            continue
        taken = set(theirs.values_list(*others))
        clash.update(pk for pk, *key in rows.values_list("pk", *others) if tuple(key) in taken)
    return clash


def records_per_relation(child) -> dict:
    """How many records of each kind point at the child (for the comparison page)."""
    return {
        model._meta.verbose_name_plural.capitalize(): model._base_manager.filter(
            **{name: child}
        ).count()
        for model, name in child_relations()
    }


def merge_refusal_message(survivor, duplicate) -> str:
    """Why the two records cannot be merged ("" when they can)."""
    refusal = merge_refusal(survivor, duplicate)
    if refusal:
        return refusal
    pairs = overlapping_episodes_between(survivor, duplicate)
    if pairs:
        named = "; ".join(f"{a.source_id} overlaps {b.source_id}" for a, b in pairs[:5])
        return (
            f"The two records have missing episodes at the same time ({named}): episodes of "
            "one child must not overlap, so correct or remove one of them before merging"
        )
    return ""


@transaction.atomic
def merge_children(*, survivor, duplicate, by, request=None) -> ChildMerge:
    """Merge `duplicate` into `survivor`: every record pointing at the duplicate moves to the
    survivor, mapping's mentions name the survivor, and the duplicate is kept, marked merged,
    its id an alias of the survivor. Refused (MergeRefused) with a message saying why."""
    refusal = merge_refusal_message(survivor, duplicate)
    if refusal:
        raise MergeRefused(refusal)
    moved, kept = {}, {}
    for model, name in child_relations():
        clash = _clashing(model, name, survivor, duplicate)
        rows = model._base_manager.filter(**{name: duplicate}).exclude(pk__in=clash)
        pks = list(rows.values_list("pk", flat=True))
        model._base_manager.filter(pk__in=pks).update(**{name: survivor})
        moved[_label(model, name)] = [str(pk) for pk in pks]
        if clash:
            kept[_label(model, name)] = sorted(str(pk) for pk in clash)
    moved["refs"] = child_refs_move(
        old_ref=child_ref(duplicate),
        new_ref=child_ref(survivor),
        by=by,
        child=survivor,
        request=request,
    )
    return child_merge_record(
        survivor=survivor, duplicate=duplicate, by=by, moved=moved, kept=kept, request=request
    )


@transaction.atomic
def undo_child_merge(*, merge: ChildMerge, by, request=None) -> ChildMerge:
    """Put back exactly the rows the merge moved, and the duplicate stands alone again."""
    undone = child_merge_undo_record(merge=merge, by=by, request=request)
    survivor, duplicate = undone.survivor, undone.merged
    by_label = {_label(model, name): (model, name) for model, name in child_relations()}
    for label, pks in undone.moved.items():
        if label == "refs" or label not in by_label or not pks:
            continue
        model, name = by_label[label]
        model._base_manager.filter(pk__in=pks, **{name: survivor}).update(**{name: duplicate})
    child_refs_put_back(
        moved=undone.moved.get("refs", {}),
        old_ref=child_ref(duplicate),
        new_ref=child_ref(survivor),
        by=by,
        child=duplicate,
        request=request,
    )
    return undone
