"""Who sees which children (docs/access-rules.md)."""

from datetime import date

import pytest
from django.http import Http404

from lantern.accounts.models import Role
from lantern.cases.models import Case
from lantern.children.models import ChildShare
from lantern.children.selectors import (
    RestrictedRecord,
    access_child_by_id,
    child_list_visible_to,
)


def test_coordinators_and_managers_see_every_child_including_restricted(make_user, make_child):
    far = make_child(district="Elsewhere")
    sealed = make_child(restricted=True)
    for role in (Role.COORDINATOR, Role.MANAGER):
        user = make_user(role)
        assert set(child_list_visible_to(user)) == {far, sealed}
        assert access_child_by_id(user, sealed.pk) == sealed


def test_a_practitioner_sees_only_their_teams_districts(make_user, make_child):
    priya = make_user(Role.PRACTITIONER)
    mine = make_child(district="Hart and Rushmoor")
    other = make_child(district="New Forest")
    assert list(child_list_visible_to(priya)) == [mine]
    with pytest.raises(Http404):
        access_child_by_id(priya, other.pk)


def test_a_hidden_child_and_an_absent_child_get_the_same_answer(make_user, make_child):
    import uuid

    priya = make_user(Role.PRACTITIONER)
    other = make_child(district="New Forest")
    for key in (other.pk, uuid.uuid4(), "not-a-uuid"):
        with pytest.raises(Http404):
            access_child_by_id(priya, key)


def test_a_practitioner_sees_a_restricted_child_only_when_allocated(make_user, make_child):
    priya = make_user(Role.PRACTITIONER)
    sealed = make_child(restricted=True)
    assert list(child_list_visible_to(priya)) == []
    with pytest.raises(RestrictedRecord):
        access_child_by_id(priya, sealed.pk)
    Case.objects.create(
        source_id="CASE1", child=sealed, opened_on=date(2024, 1, 1), route="s17", allocated_to=priya
    )
    assert list(child_list_visible_to(priya)) == [sealed]
    assert access_child_by_id(priya, sealed.pk) == sealed


def test_an_allocation_by_recorded_worker_name_counts_and_a_closed_case_does_not(
    make_user, make_child
):
    priya = make_user(Role.PRACTITIONER)  # full name "Priya Test"
    sealed = make_child(restricted=True)
    Case.objects.create(
        source_id="CASE2",
        child=sealed,
        opened_on=date(2024, 1, 1),
        route="s17",
        worker="priya test",
    )
    assert list(child_list_visible_to(priya)) == [sealed]
    Case.objects.filter(source_id="CASE2").update(closed_on=date(2024, 2, 1))
    assert list(child_list_visible_to(priya)) == []


def test_a_partner_sees_only_children_shared_with_their_agency_in_their_district(
    make_user, make_child
):
    paul = make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    shared = make_child()
    shared_elsewhere = make_child(district="New Forest")
    other_agency = make_child()
    make_child()
    ChildShare.objects.create(child=shared, agency="police")
    ChildShare.objects.create(child=shared_elsewhere, agency="police")
    ChildShare.objects.create(child=other_agency, agency="health")
    assert list(child_list_visible_to(paul)) == [shared]
    with pytest.raises(Http404):
        access_child_by_id(paul, other_agency.pk)


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUDITOR, Role.ADMIN])
def test_analysts_auditors_and_admins_see_no_child(make_user, make_child, role):
    user = make_user(role)
    child = make_child()
    assert list(child_list_visible_to(user)) == []
    with pytest.raises(Http404):
        access_child_by_id(user, child.pk)
