"""Entity pages: the list with its total, an entity with its links by name, adding one."""

from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.mapping.models import Entity, Link


def test_the_list_shows_its_total_and_a_helpful_empty_state(client_as, db):
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("mapping:entity_list")).content.decode()
    assert "0 records" in page and "No people, places or things are recorded yet" in page


def test_the_list_reads_in_the_same_number_of_queries_whatever_its_length(
    client_as, network, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    for i in range(30):
        e = network.entity(f"E{i:02d}", label=f"Adult {i}")
        network.link(network.child(f"C{i:02d}"), e)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("mapping:entity_list")).content.decode()
    assert "30 records" in page


def test_an_entity_page_names_the_linked_children_and_audits_them(client_as, network):
    client = client_as(Role.COORDINATOR)
    adult = network.entity("EA1", label="Jordan Smith")
    child = network.child("C1", first_name="Amy", last_name="Jones")
    network.link(child, adult, relation="exploiter", grading="B2")
    page = client.get(reverse("mapping:entity_detail", args=[adult.pk])).content.decode()
    assert "Amy Jones" in page and "Suspected exploiter" in page and "B2" in page
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="entity").exists()


def test_a_partner_sees_initials_and_no_child_outside_their_share(client_as, network):
    client = client_as(Role.PARTNER, agency="police", district="Winchester")
    adult = network.entity("EA1", label="Jordan Smith")
    network.link(network.child("C1", first_name="Amy", last_name="Jones"), adult)
    page = client.get(reverse("mapping:entity_detail", args=[adult.pk])).content.decode()
    assert "J. S." in page and "Jordan Smith" not in page
    assert "A child you cannot open" in page and "Jones" not in page


def test_adding_an_entity_gives_it_a_lantern_reference(client_as, db):
    client = client_as(Role.PRACTITIONER)
    response = client.post(
        reverse("mapping:entity_new"), {"kind": "bank_account", "label": "Account 12345678"}
    )
    entity = Entity.objects.get()
    assert response.status_code == 302 and entity.source_id.startswith("LAN-E-")
    assert entity.get_kind_display() == "Bank account"


def test_an_entity_form_with_nothing_typed_shows_errors_beside_the_fields(client_as, db):
    page = client_as(Role.PRACTITIONER).post(reverse("mapping:entity_new"), {}).content.decode()
    assert 'id="id_kind_error"' in page and "Select what kind" in page
    assert 'id="id_label_error"' in page


def test_a_link_between_a_child_and_an_entity_is_made_by_reference(client_as, network):
    client = client_as(Role.COORDINATOR)
    child, adult = network.child("C1"), network.entity("EA1")
    response = client.post(
        reverse("mapping:link_new"),
        {
            "from_ref": "C1",
            "to_ref": "EA1",
            "relation": "seen_with",
            "source": "police",
            "grading": "b2",
            "first_seen-day": "3",
            "first_seen-month": "6",
            "first_seen-year": "2024",
        },
    )
    link = Link.objects.get()
    assert response.status_code == 302
    assert (link.from_ref, link.to_ref, link.grading) == ("child:C1", "entity:EA1", "B2")
    assert link.source_id.startswith("LAN-L-")
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="link").exists()
    assert adult.pk


def test_a_link_form_refuses_unknown_references_bad_grades_and_dates_out_of_order(
    client_as, network
):
    network.child("C1")
    page = (
        client_as(Role.COORDINATOR)
        .post(
            reverse("mapping:link_new"),
            {
                "from_ref": "C1",
                "to_ref": "NOPE",
                "relation": "associate",
                "source": "meeting",
                "grading": "Z9",
                "first_seen-day": "3",
                "first_seen-month": "6",
                "first_seen-year": "2024",
                "last_seen-day": "1",
                "last_seen-month": "6",
                "last_seen-year": "2024",
            },
        )
        .content.decode()
    )
    assert 'id="id_to_ref_error"' in page and "No child or entity has that reference" in page
    assert 'id="id_grading_error"' in page
    assert Link.objects.count() == 0
