"""Writes to the network: entities, links, intelligence, disruptions. Each runs in a
transaction and writes its audit entry in it; the entry names fields, never their values."""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone

from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record
from lantern.children.models import Child
from lantern.mapping import selectors
from lantern.mapping.models import (
    Disruption,
    Entity,
    EntityMerge,
    Intelligence,
    Link,
    Operation,
)


def _new_reference(kind: str) -> str:
    """Records made in Lantern: a prefix no source system uses (as children get `LAN-`)."""
    return f"LAN-{kind}-{uuid.uuid4().hex[:8].upper()}"


def _children_of(refs: list[str]) -> list:
    ids = [r.split(":", 1)[1] for r in refs if r.startswith("child:")]
    return list(Child.objects.filter(source_id__in=ids).values_list("pk", flat=True))


@transaction.atomic
def entity_create(
    *,
    by,
    kind: str,
    label: str,
    district: str = "",
    notes: str = "",
    operations=(),
    request=None,
) -> Entity:
    entity = Entity(
        source_id=_new_reference("E"),
        kind=kind,
        label=label.strip(),
        district=district.strip(),
        notes=notes.strip(),
        created_by=by,
        modified_by=by,
    )
    entity.full_clean()
    entity.save()
    entity.operations.set(operations)
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="entity",
        object_id=entity.pk,
        detail={
            "kind": kind,
            "fields": [k for k in ("district", "notes") if getattr(entity, k)],
            "operations": len(operations),
        },
    )
    return entity


@transaction.atomic
def link_create(
    *,
    by,
    from_ref: str,
    to_ref: str,
    relation: str,
    source: str = "",
    grading: str = "",
    first_seen: date | None = None,
    last_seen: date | None = None,
    operations=(),
    request=None,
) -> Link:
    """Join two records (refs `child:<id>` / `entity:<id>`, checked by the caller's form)."""
    link = Link(
        source_id=_new_reference("L"),
        from_ref=from_ref,
        to_ref=to_ref,
        relation=relation,
        source=source,
        grading=grading.strip().upper(),
        first_seen=first_seen,
        last_seen=last_seen,
        created_by=by,
        modified_by=by,
    )
    link.full_clean()
    link.save()
    link.operations.set(operations)
    children = _children_of([from_ref, to_ref])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="link",
        object_id=link.pk,
        child=children[0] if children else None,
        detail={"relation": relation, "source": source, "operations": len(operations)},
    )
    return link


@transaction.atomic
def intelligence_submit(
    *,
    by,
    agency: str,
    summary: str,
    refs: list[str],
    grading: str = "",
    handling_code: str = "",
    received_on: date,
    request=None,
) -> Intelligence:
    """A partner's intelligence submission (community partnership information form)."""
    intelligence = Intelligence(
        source_id=_new_reference("X"),
        received_on=received_on,
        agency=agency,
        form="cpi",
        summary=summary.strip(),
        refs=refs,
        grading=grading.strip().upper(),
        handling_code=handling_code,
        created_by=by,
        modified_by=by,
    )
    intelligence.full_clean()
    intelligence.save()
    for child in _children_of(refs) or [None]:
        audit_record(
            request=request,
            user=by,
            action=AuditAction.CREATE,
            object_type="intelligence",
            object_id=intelligence.pk,
            child=child,
            detail={"refs": len(refs), "handling_code": handling_code},
        )
    return intelligence


@transaction.atomic
def disruption_record(
    *,
    by,
    tactic: str,
    on: date,
    target_refs: list[str],
    outcome: str = "",
    operations=(),
    request=None,
) -> Disruption:
    """Action taken against an exploiter or a place: a CAWN, an arrest, an order..."""
    disruption = Disruption(
        source_id=_new_reference("D"),
        on=on,
        tactic=tactic,
        target_refs=target_refs,
        outcome=outcome.strip(),
        created_by=by,
        modified_by=by,
    )
    disruption.full_clean()
    disruption.save()
    disruption.operations.set(operations)
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="disruption",
        object_id=disruption.pk,
        detail={
            "tactic": tactic,
            "targets": len(target_refs),
            "operations": len(operations),
        },
    )
    return disruption


@transaction.atomic
def operation_create(
    *, by, name: str, started_on: date | None = None, notes: str = "", request=None
):
    """A police operation to tag entities, links and disruptions with (names are unique)."""
    operation = Operation(name=" ".join(name.split()), started_on=started_on, notes=notes.strip())
    operation.created_by = by
    operation.full_clean()
    operation.save()
    audit_record(
        request=request,
        user=by,
        action=AuditAction.CREATE,
        object_type="operation",
        object_id=operation.pk,
        detail={"fields": [k for k in ("started_on", "notes") if getattr(operation, k)]},
    )
    return operation


class MergeRefused(ValueError):
    """The two entities cannot be merged; the message says why, in plain words."""


def _swap(refs: list[str], old: str, new: str) -> list[str]:
    out = []
    for ref in refs:
        ref = new if ref == old else ref
        if ref not in out:
            out.append(ref)
    return out


@transaction.atomic
def entity_merge(*, survivor: Entity, duplicate: Entity, by, request=None) -> dict:
    """Merge a duplicate into the survivor, keeping both histories: the survivor keeps its
    id; every link, disruption target and intelligence ref naming the duplicate names the
    survivor instead; the duplicate's id (and its own aliases) become the survivor's aliases,
    so a re-import of them updates the survivor; the duplicate row stays, marked merged, and
    leaves the lists. Returns how many records were rewritten."""
    survivor = Entity.objects.select_for_update().get(pk=survivor.pk)
    duplicate = Entity.objects.select_for_update().get(pk=duplicate.pk)
    if survivor.pk == duplicate.pk:
        raise MergeRefused("An entity cannot be merged with itself")
    if survivor.merged_into_id or duplicate.merged_into_id:
        raise MergeRefused("One of these entities has been merged already")
    if survivor.kind != duplicate.kind:
        raise MergeRefused("Only entities of the same kind can be merged")
    old, new = duplicate.ref, survivor.ref
    moved = {
        "from_ref": [
            str(pk) for pk in Link.objects.filter(from_ref=old).values_list("pk", flat=True)
        ],
        "to_ref": [str(pk) for pk in Link.objects.filter(to_ref=old).values_list("pk", flat=True)],
        "aliases_before": list(survivor.aliases),
        "district_before": survivor.district,
        "operations_added": [
            o.pk for o in duplicate.operations.exclude(pk__in=survivor.operations.all())
        ],
        "merged_entities": [
            str(pk)
            for pk in Entity.objects.filter(merged_into=duplicate).values_list("pk", flat=True)
        ],
        "disruptions": {},
        "intelligence": {},
    }
    links = Link.objects.filter(from_ref=old).update(from_ref=new, modified_by=by)
    links += Link.objects.filter(to_ref=old).update(to_ref=new, modified_by=by)
    disruptions = [
        d for d in Disruption.objects.filter(target_refs__contains=old) if old in d.target_refs
    ]
    for d in disruptions:
        before = list(d.target_refs)
        d.target_refs = _swap(d.target_refs, old, new)
        moved["disruptions"][str(d.pk)] = [before, list(d.target_refs)]
        d.modified_by = by
    Disruption.objects.bulk_update(disruptions, ["target_refs", "modified_by"])
    intelligence = [x for x in Intelligence.objects.filter(refs__contains=old) if old in x.refs]
    for x in intelligence:
        before = list(x.refs)
        x.refs = _swap(x.refs, old, new)
        moved["intelligence"][str(x.pk)] = [before, list(x.refs)]
        x.modified_by = by
    Intelligence.objects.bulk_update(intelligence, ["refs", "modified_by"])
    aliases = list(survivor.aliases)
    for alias in [duplicate.source_id, *duplicate.aliases]:
        if alias not in aliases and alias != survivor.source_id:
            aliases.append(alias)
    survivor.aliases = aliases
    if not survivor.district:
        survivor.district = duplicate.district
    survivor.modified_by = by
    survivor.save()
    survivor.operations.add(*duplicate.operations.all())
    Entity.objects.filter(merged_into=duplicate).update(merged_into=survivor)
    duplicate.merged_into = survivor
    duplicate.modified_by = by
    duplicate.save()
    EntityMerge.objects.create(survivor=survivor, duplicate=duplicate, moved=moved, merged_by=by)
    counts = {"links": links, "disruptions": len(disruptions), "intelligence": len(intelligence)}
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="entity",
        object_id=survivor.pk,
        detail={"merged": str(duplicate.pk), "fields": ["aliases"], **counts},
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="entity",
        object_id=duplicate.pk,
        detail={"merged_into": str(survivor.pk), "fields": ["merged_into"]},
    )
    return counts


def _put_back(current: list[str], before: list[str], after: list[str]) -> list[str]:
    """A ref list as it was before the merge, keeping what was added to or taken from it
    since (other than by the merge)."""
    added = [r for r in current if r not in after and r not in before]
    taken = [r for r in after if r not in current]
    return [r for r in before if r not in taken] + added


@transaction.atomic
def entity_merge_undo(*, survivor: Entity, by, request=None) -> Entity:
    """Undo the survivor's most recent merge: the duplicate is its own record again, and the
    links, disruption targets, intelligence refs, aliases, district, operations and earlier
    merged records that the merge moved go back to it. Anything recorded against the
    survivor since the merge stays with the survivor. Returns the restored duplicate."""
    survivor = Entity.objects.select_for_update().get(pk=survivor.pk)
    if survivor.merged_into_id:
        raise MergeRefused("This record has itself been merged since: undo that merge first")
    merge = selectors.last_merge_of(survivor)
    if merge is None:
        raise MergeRefused("There is no merge of this record to undo")
    duplicate = Entity.objects.select_for_update().get(pk=merge.duplicate_id)
    moved = merge.moved
    old, new = duplicate.ref, survivor.ref
    links = Link.objects.filter(pk__in=moved.get("from_ref", []), from_ref=new).update(
        from_ref=old, modified_by=by
    )
    links += Link.objects.filter(pk__in=moved.get("to_ref", []), to_ref=new).update(
        to_ref=old, modified_by=by
    )
    counts = {"links": links}
    for model, key, field in (
        (Disruption, "disruptions", "target_refs"),
        (Intelligence, "intelligence", "refs"),
    ):
        changed = moved.get(key, {})
        rows = list(model.objects.filter(pk__in=list(changed)))
        for obj in rows:
            before, after = changed[str(obj.pk)]
            setattr(obj, field, _put_back(getattr(obj, field), before, after))
            obj.modified_by = by
        model.objects.bulk_update(rows, [field, "modified_by"])
        counts[key] = len(rows)
    taken = {duplicate.source_id, *duplicate.aliases}
    before = moved.get("aliases_before", [])
    survivor.aliases = [a for a in survivor.aliases if a in before or a not in taken]
    if not moved.get("district_before") and survivor.district == duplicate.district:
        survivor.district = ""
    survivor.modified_by = by
    survivor.save()
    survivor.operations.remove(*moved.get("operations_added", []))
    Entity.objects.filter(pk__in=moved.get("merged_entities", []), merged_into=survivor).update(
        merged_into=duplicate
    )
    duplicate.merged_into = None
    duplicate.modified_by = by
    duplicate.save()
    merge.undone_at = timezone.now()
    merge.undone_by = by
    merge.save(update_fields=["undone_at", "undone_by"])
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="entity",
        object_id=survivor.pk,
        detail={"merge_undone": str(duplicate.pk), "fields": ["aliases"], **counts},
    )
    audit_record(
        request=request,
        user=by,
        action=AuditAction.UPDATE,
        object_type="entity",
        object_id=duplicate.pk,
        detail={"merge_undone": str(survivor.pk), "fields": ["merged_into"]},
    )
    return duplicate


# --- A child's records merged: links, intelligence and disruptions name the survivor -------

# Models and their fields that name children by text (`child:<id>`).
_REF_FIELDS = ((Link, "from_ref"), (Link, "to_ref"))
_REF_LISTS = ((Intelligence, "refs"), (Disruption, "target_refs"))


def _label(model, name: str) -> str:
    return f"{model._meta.label}.{name}"


@transaction.atomic
def child_refs_move(*, old_ref: str, new_ref: str, by=None, child=None, request=None) -> dict:
    """Every mention of `old_ref` rewritten to `new_ref`; returns what changed
    ({"mapping.Link.from_ref": [pk, ...], "mapping.Intelligence.refs": {pk: [index, ...]}})
    so `child_refs_put_back` can undo exactly that."""
    moved: dict = {}
    for model, name in _REF_FIELDS:
        rows = model.objects.filter(**{name: old_ref})
        moved[_label(model, name)] = [str(pk) for pk in rows.values_list("pk", flat=True)]
        rows.update(**{name: new_ref})
    for model, name in _REF_LISTS:
        changed = {}
        for obj in model.objects.filter(**{f"{name}__contains": old_ref}):
            values = getattr(obj, name)
            where = [i for i, v in enumerate(values) if v == old_ref]
            if not where:
                continue
            setattr(obj, name, [new_ref if v == old_ref else v for v in values])
            obj.save(update_fields=[name])
            changed[str(obj.pk)] = where
        moved[_label(model, name)] = changed
    if any(moved.values()):
        audit_record(
            request=request,
            user=by,
            action=AuditAction.UPDATE,
            object_type="child_refs",
            child=child,
            detail={"fields": [k for k, v in moved.items() if v], "outcome": "merged"},
        )
    return moved


@transaction.atomic
def child_refs_put_back(
    *, moved: dict, old_ref: str, new_ref: str, by=None, child=None, request=None
) -> None:
    """Undo `child_refs_move`: exactly the mentions it rewrote name `old_ref` again."""
    for model, name in _REF_FIELDS:
        pks = moved.get(_label(model, name), [])
        model.objects.filter(pk__in=pks, **{name: new_ref}).update(**{name: old_ref})
    for model, name in _REF_LISTS:
        changed = moved.get(_label(model, name), {})
        for obj in model.objects.filter(pk__in=list(changed)):
            values = list(getattr(obj, name))
            for i in changed[str(obj.pk)]:
                if i < len(values) and values[i] == new_ref:
                    values[i] = old_ref
            setattr(obj, name, values)
            obj.save(update_fields=[name])
    if any(moved.values()):
        audit_record(
            request=request,
            user=by,
            action=AuditAction.UPDATE,
            object_type="child_refs",
            child=child,
            detail={"outcome": "merge undone"},
        )
