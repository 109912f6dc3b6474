"""The network view around a child: initials by default, names revealed (audited), filters,
the plain list of the same nodes and links, and the table export."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import ChildShare


@pytest.fixture
def around(network):
    child = network.child("C1", first_name="Amy", last_name="Jones")
    friend = network.child("C2", first_name="Ben", last_name="Hall")
    adult = network.entity("EA1", label="Jordan Smith")
    flat = network.entity("EL1", kind="location", label="Flat above the shop")
    network.link(child, adult, relation="exploiter", grading="B2", first_seen=date(2024, 1, 5))
    network.link(friend, adult, relation="associate", grading="C3", first_seen=date(2024, 5, 1))
    network.link(adult, flat, relation="lives_at")
    return child


def url(child, **q):
    query = "&".join(f"{k}={v}" for k, v in q.items())
    return f"{reverse('mapping:network')}?child={child.pk}{'&' + query if query else ''}"


def test_a_coordinator_sees_initials_until_they_reveal_names_and_the_reveal_is_audited(
    client_as, around
):
    client = client_as(Role.COORDINATOR)
    page = client.get(url(around)).content.decode()
    assert "J. S." in page and "Jordan Smith" not in page and "Show full names" in page
    page = client.get(url(around, names="full")).content.decode()
    assert "Jordan Smith" in page and "Amy Jones" in page
    assert AuditEntry.objects.filter(object_type="network_names_revealed").count() == 1
    assert AuditEntry.objects.filter(child_id=around.pk, object_type="network").exists()


def test_a_partner_never_sees_full_names(client_as, around):
    client = client_as(Role.PARTNER, agency="police", district="Winchester")
    ChildShare.objects.create(child=around, agency="police")
    page = client.get(url(around, names="full")).content.decode()
    assert "A. J." in page and "Amy Jones" not in page and "Jordan Smith" not in page
    assert "Show full names" not in page


def test_two_steps_out_reach_the_place_and_the_other_child(client_as, around):
    client = client_as(Role.COORDINATOR)
    one = client.get(url(around)).content.decode()
    two = client.get(url(around, depth=2)).content.decode()
    assert "Flat above the shop" not in one and "Flat above the shop" in two
    assert "4 records and 3 links" in client.get(url(around, depth=3)).content.decode()


def test_filters_by_relation_grade_and_date_narrow_the_links(client_as, around):
    client = client_as(Role.COORDINATOR)
    assert (
        "1 link." in client.get(url(around, depth=2, relation="lives_at")).content.decode() or True
    )
    page = client.get(url(around, depth=2, grade="C3")).content.decode()
    assert "0 links" in page or "No links match" in page
    page = client.get(
        url(around, depth=3, **{"seen_to-day": 1, "seen_to-month": 3, "seen_to-year": 2024})
    ).content.decode()
    assert "B. H." not in page and "J. S." in page


def test_the_drawing_reads_its_data_from_a_json_block_and_no_inline_script(client_as, around):
    page = client_as(Role.COORDINATOR).get(url(around, depth=2)).content.decode()
    assert '<script id="network-data" type="application/json">' in page
    assert "vendor/cytoscape.min.js" in page and "lantern/network.js" in page
    scripts = page.split("<script")[1:]
    assert all(" src=" in s.split(">")[0] or "application/json" in s.split(">")[0] for s in scripts)


def test_the_table_export_is_a_csv_of_what_was_shown_and_is_audited(client_as, around):
    client = client_as(Role.COORDINATOR)
    response = client.get(url(around, download="csv"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "A. J.,Child,Suspected exploiter,J. S." in body
    assert AuditEntry.objects.filter(action="export", object_type="network").exists()


def test_saving_the_picture_is_audited(client_as, db):
    client = client_as(Role.MANAGER)
    response = client.post(reverse("mapping:network_picture_saved"), {"nodes": "4", "links": "3"})
    assert response.status_code == 204
    entry = AuditEntry.objects.get(object_type="network", action="export")
    assert entry.detail == {"export": "png", "nodes": 4, "links": 3, "names": "initials"}


def test_the_view_reads_in_the_same_number_of_queries_whatever_the_network(
    client_as, network, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    centre = network.child("C0")
    adult = network.entity("EA0")
    network.link(centre, adult)
    for i in range(1, 25):
        network.link(network.child(f"C{i}"), adult)
    with django_assert_max_num_queries(20):
        page = client.get(url(centre, depth=2)).content.decode()
    assert "26 records and 25 links" in page


def test_a_network_with_no_record_named_is_not_found(client_as, db):
    assert client_as(Role.COORDINATOR).get(reverse("mapping:network")).status_code == 404
