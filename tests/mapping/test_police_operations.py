"""Police operation tags: adding an operation, tagging entities, links and disruptions in
their forms, the list with its counts, one operation's page and its network."""

from datetime import date

from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.mapping.models import Disruption, Entity, Link, Operation


def test_the_list_shows_its_total_and_a_helpful_empty_state(client_as, db):
    page = client_as(Role.COORDINATOR).get(reverse("mapping:operation_list")).content.decode()
    assert "0 operations" in page and "No police operations are recorded yet" in page


def test_a_coordinator_adds_an_operation_and_names_are_unique(client_as, db):
    client = client_as(Role.COORDINATOR)
    response = client.post(
        reverse("mapping:operation_new"),
        {
            "name": "  Operation   Flint ",
            "started_on-day": "1",
            "started_on-month": "2",
            "started_on-year": "2024",
        },
    )
    operation = Operation.objects.get()
    assert response.status_code == 302 and operation.name == "Operation Flint"
    assert operation.started_on == date(2024, 2, 1)
    assert AuditEntry.objects.filter(object_type="operation", object_id=operation.pk).exists()
    again = client.post(reverse("mapping:operation_new"), {"name": "operation flint"})
    assert "An operation has this name already" in again.content.decode()
    assert Operation.objects.count() == 1


def test_a_practitioner_may_not_add_an_operation(client_as, db):
    assert client_as(Role.PRACTITIONER).get(reverse("mapping:operation_new")).status_code == 403


def test_entities_links_and_disruptions_are_tagged_in_their_forms(client_as, network):
    client = client_as(Role.COORDINATOR)
    flint = Operation.objects.create(name="Operation Flint")
    form_page = client.get(reverse("mapping:entity_new")).content.decode()
    assert "Operation Flint" in form_page
    client.post(
        reverse("mapping:entity_new"),
        {"kind": "adult", "label": "Jordan Smith", "operations": [flint.pk]},
    )
    adult = Entity.objects.get(label="Jordan Smith")
    assert list(adult.operations.all()) == [flint]
    child = network.child("C1")
    client.post(
        reverse("mapping:link_new"),
        {
            "from_ref": "C1",
            "to_ref": adult.source_id,
            "relation": "exploiter",
            "source": "police",
            "operations": [flint.pk],
        },
    )
    assert list(Link.objects.get().operations.all()) == [flint]
    client.post(
        reverse("mapping:disruption_new"),
        {
            "tactic": "cawn",
            "on-day": "3",
            "on-month": "3",
            "on-year": "2024",
            "targets": adult.source_id,
            "operations": [flint.pk],
        },
    )
    assert list(Disruption.objects.get().operations.all()) == [flint]
    page = client.get(reverse("mapping:operation_detail", args=[flint.pk])).content.decode()
    assert "Jordan Smith" in page and "Suspected exploiter" in page
    assert "Child abduction warning notice" in page
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="operation").exists()
    network_page = client.get(reverse("mapping:network"), {"operation": flint.pk})
    assert network_page.status_code == 200
    assert "Network around Operation Flint" in network_page.content.decode()


def test_the_form_leaves_out_operations_while_none_is_recorded(client_as, db):
    page = client_as(Role.COORDINATOR).get(reverse("mapping:entity_new")).content.decode()
    assert "Police operations" not in page


def test_the_list_counts_in_constant_queries(client_as, network, django_assert_max_num_queries):
    client = client_as(Role.PRACTITIONER)
    for i in range(8):
        operation = Operation.objects.create(name=f"Operation {i}")
        for j in range(3):
            network.entity(f"E{i}{j}").operations.add(operation)
        network.link(network.entity(f"F{i}"), network.entity(f"G{i}")).operations.add(operation)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("mapping:operation_list")).content.decode()
    assert "8 operations" in page
    row = page.split("Operation 3</a>")[1].split("</tr>")[0]
    assert [c.split("<")[0] for c in row.split('numeric">')[1:]] == ["3", "1", "0"]
