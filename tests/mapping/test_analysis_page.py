"""The analysis page: the same analysis as the command, with its totals and the JSON."""

import json

from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry


def test_the_page_shows_key_entities_groups_and_the_totals(client_as, network):
    client = client_as(Role.MANAGER)
    a, b = network.child("C1"), network.child("C2", district="Hart")
    adult = network.entity("EA1", label="Jordan Smith")
    network.link(a, adult)
    network.link(b, adult)
    page = client.get(reverse("mapping:analysis")).content.decode()
    assert "Jordan Smith" in page and "C1, C2" in page
    assert 'id="cross-district">1<' in page
    assert AuditEntry.objects.filter(child_id=a.pk, object_type="network_analysis").exists()


def test_an_empty_network_says_there_is_nothing_to_rank(client_as, db):
    page = client_as(Role.COORDINATOR).get(reverse("mapping:analysis")).content.decode()
    assert "nothing to rank" in page and "No groups" in page


def test_the_download_is_the_commands_json(client_as, network):
    network.link(network.child("C1"), network.entity("EA1"))
    response = client_as(Role.MANAGER).get(reverse("mapping:analysis"), {"download": "json"})
    assert json.loads(response.content)["groups"] == [{"children": ["C1"], "entities": ["EA1"]}]


def test_a_bad_date_shows_an_error_beside_the_field(client_as, db):
    page = (
        client_as(Role.MANAGER)
        .get(
            reverse("mapping:analysis"),
            {"as_of-day": "31", "as_of-month": "2", "as_of-year": "2024"},
        )
        .content.decode()
    )
    assert 'id="id_as_of-error"' in page


def test_the_page_reads_in_the_same_number_of_queries_whatever_the_network(
    client_as, network, django_assert_max_num_queries
):
    client = client_as(Role.MANAGER)
    entities = [network.entity(f"E{i}") for i in range(4)]
    for i in range(20):
        network.link(network.child(f"C{i}"), entities[i % 4])
    with django_assert_max_num_queries(15):
        client.get(reverse("mapping:analysis"))
