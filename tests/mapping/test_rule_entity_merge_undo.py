"""Undoing an entity merge: the survivor's most recent merge only; the duplicate is its own
record again and exactly what the merge moved goes back to it; what was recorded against the
survivor since stays."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.mapping.models import Disruption, Entity, EntityMerge, Intelligence, Link, Operation
from lantern.mapping.services import MergeRefused, entity_merge, entity_merge_undo


def _history(network):
    survivor = network.entity("EA001", label="Jordan Smith")
    duplicate = network.entity(
        "EA002", label="Mr Jordan Smith", aliases=["OLD7"], district="Eastleigh"
    )
    op = Operation.objects.create(name="Operation Test")
    duplicate.operations.add(op)
    child = network.child("C1")
    network.link(child, duplicate, relation="exploiter", source_id="L1")
    network.link(duplicate, survivor, relation="associate", source_id="L2")
    network.link(child, survivor, relation="associate", source_id="L3")
    Disruption.objects.create(
        source_id="D1", tactic="cawn", on=date(2024, 1, 2), target_refs=["entity:EA002"]
    )
    Intelligence.objects.create(source_id="X1", refs=["entity:EA002", "entity:EA001", "child:C1"])
    return survivor, duplicate, child


def test_undo_puts_back_exactly_what_the_merge_moved(client_as, network):
    client = client_as(Role.COORDINATOR)
    survivor, duplicate, child = _history(network)
    client.post(reverse("mapping:entity_merge", args=[survivor.pk]), {"duplicate": duplicate.pk})
    assert EntityMerge.objects.filter(survivor=survivor, duplicate=duplicate).count() == 1
    page = client.get(reverse("mapping:entity_detail", args=[survivor.pk])).content.decode()
    assert "Undo merge of EA002" in page
    network.link(child, survivor, relation="seen_with", source_id="L4")  # after the merge
    response = client.post(reverse("mapping:entity_merge_undo", args=[survivor.pk]))
    assert response.status_code == 302
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert survivor.aliases == [] and survivor.district == ""
    assert list(survivor.operations.all()) == [] and duplicate.operations.count() == 1
    assert Link.objects.get(source_id="L1").to_ref == "entity:EA002"
    assert Link.objects.get(source_id="L2").from_ref == "entity:EA002"
    assert Link.objects.get(source_id="L3").to_ref == "entity:EA001"
    assert Link.objects.get(source_id="L4").to_ref == "entity:EA001"
    assert Disruption.objects.get(source_id="D1").target_refs == ["entity:EA002"]
    assert Intelligence.objects.get(source_id="X1").refs == [
        "entity:EA002",
        "entity:EA001",
        "child:C1",
    ]
    assert EntityMerge.objects.get().undone_at is not None
    undone = AuditEntry.objects.filter(object_type="entity", detail__has_key="merge_undone")
    assert {e.object_id for e in undone} == {str(survivor.pk), str(duplicate.pk)}
    page = client.get(reverse("mapping:entity_detail", args=[survivor.pk])).content.decode()
    assert "Undo merge" not in page


def test_only_the_most_recent_merge_is_undone_and_earlier_merged_records_go_back(
    network, make_user
):
    user = make_user(Role.MANAGER)
    survivor, duplicate, _ = _history(network)
    older = network.entity("EA003", label="J Smith")
    entity_merge(survivor=duplicate, duplicate=older, by=user)  # EA003 into EA002
    entity_merge(survivor=survivor, duplicate=duplicate, by=user)  # EA002 into EA001
    third = network.entity("EA004", label="Jordan S")
    entity_merge(survivor=survivor, duplicate=third, by=user)
    assert entity_merge_undo(survivor=survivor, by=user).source_id == "EA004"
    assert entity_merge_undo(survivor=survivor, by=user).source_id == "EA002"
    assert Entity.objects.get(source_id="EA003").merged_into.source_id == "EA002"
    assert Entity.objects.get(source_id="EA002").aliases == ["OLD7", "EA003"]
    with pytest.raises(MergeRefused):
        entity_merge_undo(survivor=survivor, by=user)


def test_a_survivor_merged_since_must_have_that_undone_first(network, make_user):
    user = make_user(Role.MANAGER)
    survivor, duplicate, _ = _history(network)
    entity_merge(survivor=survivor, duplicate=duplicate, by=user)
    other = network.entity("EA009", label="Jordan Smith")
    entity_merge(survivor=other, duplicate=survivor, by=user)
    with pytest.raises(MergeRefused):
        entity_merge_undo(survivor=survivor, by=user)


def test_a_practitioner_may_not_undo_a_merge(client_as, network, make_user):
    survivor, duplicate, _ = _history(network)
    entity_merge(survivor=survivor, duplicate=duplicate, by=make_user(Role.MANAGER))
    client = client_as(Role.PRACTITIONER)
    page = client.get(reverse("mapping:entity_detail", args=[survivor.pk])).content.decode()
    assert "Undo merge" not in page
    response = client.post(reverse("mapping:entity_merge_undo", args=[survivor.pk]))
    assert response.status_code == 403
    assert Entity.objects.get(pk=duplicate.pk).merged_into_id == survivor.pk
