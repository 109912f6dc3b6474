"""The same adult or place entered twice: normalised names, postcodes and phone numbers
suggest the match; a merge keeps both histories; a re-import naming the merged id updates
the survivor instead of bringing the duplicate back."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.interchange.services import dataset_import
from lantern.mapping.models import Disruption, Entity, Intelligence, Link
from lantern.mapping.selectors import (
    entity_list,
    likely_duplicates,
    normalise_name,
    normalise_phone,
    normalise_postcode,
)
from lantern.mapping.services import MergeRefused, entity_merge


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("Mr. Jordan  SMITH", "jordan smith"),
        ("jordan-smith", "jordan smith"),
        ("Dr J O'Neil", "j o neil"),
    ],
)
def test_names_ignore_case_punctuation_spacing_and_titles(typed, normalised):
    assert normalise_name(typed) == normalised


def test_postcodes_are_upper_case_without_spaces():
    assert normalise_postcode("so23 8ug") == normalise_postcode("SO238UG") == "SO238UG"


@pytest.mark.parametrize(
    "typed", ["+44 7700 900123", "07700 900-123", "0044 7700 900123", "+44 (0)7700 900123"]
)
def test_phone_numbers_are_digits_with_the_country_code_as_0(typed):
    assert normalise_phone(typed) == "07700900123"


def test_likely_duplicates_share_a_name_postcode_or_phone_of_the_same_kind(network):
    jordan = network.entity("EA001", label="Jordan Smith")
    network.entity("EA002", label="MR JORDAN SMITH")
    network.entity("EA003", label="Jordan Smithson")
    network.entity("EV001", kind="vehicle", label="Jordan Smith")  # another kind
    flat = network.entity("EL001", kind="location", label="Flat 2, 12 High St, SO23 8UG")
    network.entity("EL002", kind="location", label="12 high street so238ug")
    phone = network.entity("EP001", kind="phone", label="+44 7700 900123")
    network.entity("EP002", kind="phone", label="07700 900123 (burner)")
    assert [m.entity.source_id for m in likely_duplicates(jordan)] == ["EA002"]
    assert [(m.entity.source_id, m.reasons) for m in likely_duplicates(flat)] == [
        ("EL002", ["the same postcode"])
    ]
    assert [(m.entity.source_id, m.reasons) for m in likely_duplicates(phone)] == [
        ("EP002", ["the same phone number"])
    ]


def test_adding_an_entity_suggests_the_match_before_creating_it(client_as, network):
    client = client_as(Role.PRACTITIONER)
    network.entity("EA001", label="Jordan Smith")
    page = client.post(reverse("mapping:entity_new"), {"kind": "adult", "label": "mr jordan smith"})
    text = page.content.decode()
    assert "This may already be recorded" in text and "EA001" in text and "Use this one" in text
    assert Entity.objects.count() == 1
    response = client.post(
        reverse("mapping:entity_new"),
        {"kind": "adult", "label": "mr jordan smith", "create_anyway": "1"},
    )
    assert response.status_code == 302 and Entity.objects.count() == 2


def test_the_matches_page_lists_likely_duplicates(client_as, network):
    client = client_as(Role.COORDINATOR)
    jordan = network.entity("EA001", label="Jordan Smith")
    network.entity("EA002", label="Jordan  Smith.")
    page = client.get(reverse("mapping:entity_matches", args=[jordan.pk])).content.decode()
    assert "1 possible duplicate" in page and "EA002" in page and "Merge EA002 into EA001" in page
    alone = network.entity("EA009", label="Nobody Else")
    page = client.get(reverse("mapping:entity_matches", args=[alone.pk])).content.decode()
    assert "0 possible duplicates" in page and "No other record looks like the same" in page


def _history(network):
    survivor = network.entity("EA001", label="Jordan Smith", district="Winchester")
    duplicate = network.entity("EA002", label="Mr Jordan Smith", aliases=["OLD7"])
    child = network.child("C1")
    network.link(child, duplicate, relation="exploiter", source_id="L1")
    network.link(duplicate, survivor, relation="associate", source_id="L2")
    Disruption.objects.create(
        source_id="D1", tactic="cawn", on=date(2024, 1, 2), target_refs=["entity:EA002"]
    )
    Intelligence.objects.create(source_id="X1", refs=["entity:EA002", "entity:EA001", "child:C1"])
    return survivor, duplicate, child


def test_a_merge_moves_the_history_to_the_survivor_and_keeps_the_duplicate(client_as, network):
    client = client_as(Role.COORDINATOR)
    survivor, duplicate, child = _history(network)
    response = client.post(
        reverse("mapping:entity_merge", args=[survivor.pk]), {"duplicate": duplicate.pk}
    )
    assert response.status_code == 302
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert survivor.source_id == "EA001" and survivor.aliases == ["EA002", "OLD7"]
    assert duplicate.merged_into == survivor
    assert Link.objects.get(source_id="L1").to_ref == "entity:EA001"
    assert Link.objects.get(source_id="L2").from_ref == "entity:EA001"
    assert Disruption.objects.get(source_id="D1").target_refs == ["entity:EA001"]
    assert Intelligence.objects.get(source_id="X1").refs == ["entity:EA001", "child:C1"]
    assert [e.source_id for e in entity_list()] == ["EA001"]
    entries = AuditEntry.objects.filter(object_type="entity", action="update")
    assert {e.object_id for e in entries} == {str(survivor.pk), str(duplicate.pk)}
    page = client.get(reverse("mapping:entity_detail", args=[duplicate.pk])).content.decode()
    assert "This record was merged into" in page
    page = client.get(reverse("mapping:entity_detail", args=[survivor.pk])).content.decode()
    assert "EA002, OLD7" in page and "Suspected exploiter" in page


def test_a_merge_is_refused_for_itself_another_kind_or_a_merged_entity(network, make_user):
    user = make_user(Role.MANAGER)
    survivor, duplicate, _ = _history(network)
    van = network.entity("EV1", kind="vehicle", label="Jordan Smith")
    with pytest.raises(MergeRefused):
        entity_merge(survivor=survivor, duplicate=survivor, by=user)
    with pytest.raises(MergeRefused):
        entity_merge(survivor=survivor, duplicate=van, by=user)
    entity_merge(survivor=survivor, duplicate=duplicate, by=user)
    with pytest.raises(MergeRefused):
        entity_merge(survivor=survivor, duplicate=duplicate, by=user)


def test_a_practitioner_may_not_merge(client_as, network):
    survivor, duplicate, _ = _history(network)
    response = client_as(Role.PRACTITIONER).post(
        reverse("mapping:entity_merge", args=[survivor.pk]), {"duplicate": duplicate.pk}
    )
    assert response.status_code == 403
    assert Entity.objects.get(pk=duplicate.pk).merged_into is None


CHILDREN = (
    "child_id,first_name,last_name,date_of_birth,gender\r\nC1,Test,Child,2008-01-01,female\r\n"
)


def _dataset(path, entities: str, links: str):
    path.mkdir()
    (path / "children.csv").write_text(CHILDREN, encoding="utf-8")
    (path / "entities.csv").write_text(
        "entity_id,kind,label,district,notes\r\n" + entities, encoding="utf-8"
    )
    (path / "links.csv").write_text(
        "link_id,from_ref,to_ref,relation,first_seen,last_seen,source,grading\r\n" + links,
        encoding="utf-8",
    )
    (path / "disruptions.csv").write_text(
        "disruption_id,on,tactic,target_refs,outcome\r\nD1,2024-01-02,cawn,entity:EA002,\r\n",
        encoding="utf-8",
    )
    return path


def test_a_reimport_naming_a_merged_id_updates_the_survivor_not_the_duplicate(tmp_path, make_user):
    first = _dataset(
        tmp_path / "first",
        "EA001,adult,Jordan Smith,,\r\nEA002,adult,Mr Jordan Smith,,\r\n",
        "L1,child:C1,entity:EA002,exploiter,,,,\r\n",
    )
    result = dataset_import(first)
    assert result.added > 0
    survivor, duplicate = (
        Entity.objects.get(source_id="EA001"),
        Entity.objects.get(source_id="EA002"),
    )
    entity_merge(survivor=survivor, duplicate=duplicate, by=make_user(Role.MANAGER))
    again = _dataset(
        tmp_path / "again",
        "EA001,adult,Jordan Smith,,\r\nEA002,adult,Mr Jordan Smith (changed),,\r\n",
        "L1,child:C1,entity:EA002,exploiter,,,,\r\nL2,entity:EA002,child:C1,associate,,,,\r\n",
    )
    dataset_import(again)
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == survivor.pk and duplicate.label == "Mr Jordan Smith"
    assert Link.objects.get(source_id="L1").to_ref == "entity:EA001"
    assert Link.objects.get(source_id="L2").from_ref == "entity:EA001"
    assert Disruption.objects.get(source_id="D1").target_refs == ["entity:EA001"]
    assert [e.source_id for e in entity_list()] == ["EA001"]
