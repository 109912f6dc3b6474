"""Intelligence submitted by a partner, and disruption recorded against an entity."""

from django.urls import reverse

from lantern.accounts.models import Role
from lantern.children.models import ChildShare
from lantern.mapping.models import Disruption, Intelligence


def test_a_partner_submits_intelligence_about_a_shared_child_and_an_adult(client_as, network):
    client = client_as(Role.PARTNER, agency="police", district="Winchester")
    child = network.child("C1")
    ChildShare.objects.create(child=child, agency="police")
    network.entity("EA1")
    response = client.post(
        reverse("mapping:intelligence_new"),
        {
            "received_on-day": "3",
            "received_on-month": "6",
            "received_on-year": "2024",
            "agency": "police",
            "summary": "Seen getting into a car near the station",
            "children": "C1",
            "entities": "EA1",
            "grading": "B2",
            "handling_code": "P",
        },
    )
    assert response.status_code == 302
    x = Intelligence.objects.get()
    assert x.refs == ["child:C1", "entity:EA1"] and x.handling_code == "P" and x.form == "cpi"
    assert x.source_id.startswith("LAN-X-") and x.created_by == client.user


def test_intelligence_about_a_child_the_partner_cannot_see_is_refused_beside_the_field(
    client_as, network
):
    client = client_as(Role.PARTNER, agency="police", district="Winchester")
    network.child("C1")  # not shared with the police
    page = client.post(
        reverse("mapping:intelligence_new"),
        {"agency": "police", "summary": "x", "children": "C1", "handling_code": "P"},
    ).content.decode()
    assert 'id="id_children_error"' in page and "No child you can see" in page
    assert 'id="id_received_on-error"' in page
    assert Intelligence.objects.count() == 0


def test_a_disruption_shows_on_the_entity_page_and_the_linked_childs_page(client_as, network):
    client = client_as(Role.COORDINATOR)
    adult = network.entity("EA1", label="Jordan Smith")
    child = network.child("C1")
    network.link(child, adult, relation="exploiter")
    response = client.post(
        reverse("mapping:disruption_new"),
        {
            "tactic": "cawn",
            "on-day": "3",
            "on-month": "6",
            "on-year": "2024",
            "targets": "EA1",
            "outcome": "Served",
        },
    )
    assert response.status_code == 302
    assert Disruption.objects.get().target_refs == ["entity:EA1"]
    entity_page = client.get(reverse("mapping:entity_detail", args=[adult.pk])).content.decode()
    child_page = client.get(reverse("children:detail", args=[child.pk])).content.decode()
    for page in (entity_page, child_page):
        assert "Child abduction warning notice" in page and "3 June 2024" in page
