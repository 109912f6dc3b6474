"""The placing authorities' contacts: listed with how many children each placed here, added
and changed by co-ordinators and administrators, names kept unique."""

from datetime import date

from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import Child, PlacingAuthority
from lantern.children.selectors import placing_authority_named


def test_the_list_shows_its_total_and_an_empty_state(client_as):
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("children:placing_authorities")).content.decode()
    assert "0 placing authorities." in page and "No placing authorities are recorded yet" in page


def test_an_administrator_adds_and_changes_an_authority(client_as):
    client = client_as(Role.ADMIN)
    response = client.post(
        reverse("children:placing_authority_new"),
        {"name": "  Kent   County Council ", "email": "missing@kent.example"},
    )
    assert response.status_code == 302
    authority = PlacingAuthority.objects.get()
    assert (authority.name, authority.email) == ("Kent County Council", "missing@kent.example")
    response = client.post(
        reverse("children:placing_authority_edit", args=[authority.pk]),
        {"name": "Kent County Council", "email": ""},
    )
    authority.refresh_from_db()
    assert authority.email == ""
    entries = AuditEntry.objects.filter(object_type="placing_authority")
    assert [e.action for e in entries.order_by("at", "id")] == ["create", "update"]
    assert entries.order_by("at", "id").last().detail == {"fields": ["email"]}


def test_a_name_already_listed_or_a_bad_address_is_an_error_beside_the_field(client_as):
    PlacingAuthority.objects.create(name="Kent County Council")
    client = client_as(Role.COORDINATOR)
    page = client.post(
        reverse("children:placing_authority_new"),
        {"name": "kent county council", "email": "not an address"},
    ).content.decode()
    assert "There is a problem" in page
    assert "This authority is already on the list" in page
    assert "Enter an email address like name@example.gov.uk" in page
    assert PlacingAuthority.objects.count() == 1


def test_a_child_names_its_authority_as_typed_case_and_spacing_ignored(db):
    kent = PlacingAuthority.objects.create(name="Kent County Council", email="m@kent.example")
    assert placing_authority_named("kent  county council ") == kent
    assert placing_authority_named("Surrey") is None
    assert placing_authority_named("") is None


def test_the_list_counts_children_placed_in_a_fixed_number_of_queries(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    for n in range(3):
        PlacingAuthority.objects.create(name=f"Council {n}")
        Child.objects.create(
            source_id=f"PA{n}", first_name="A", last_name="B", date_of_birth=date(2010, 1, 1),
            gender="male", district="Hart and Rushmoor", placing_authority=f"council {n}",
        )  # fmt: skip
    with django_assert_max_num_queries(12):
        page = client.get(reverse("children:placing_authorities")).content.decode()
    assert "3 placing authorities." in page
    assert page.count('govuk-table__cell--numeric">1<') == 3
