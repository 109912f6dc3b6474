"""Allocation and reallocation, recorded with who and when; it gives access to restricted
children (access.md) through the children_allocation view."""

import pytest

from lantern.accounts.models import Role
from lantern.cases.models import CaseAllocation
from lantern.cases.services import ChangedSinceOpened, case_allocate
from lantern.children.selectors import child_list_visible_to


def test_a_manager_reallocates_and_both_allocations_are_kept(client_as, make_user, make_case):
    maya = client_as(Role.MANAGER)
    first = make_user(Role.PRACTITIONER, username="first")
    second = make_user(Role.PRACTITIONER, username="second")
    case = make_case()
    for worker in (first, second):
        case.refresh_from_db()
        response = maya.post(
            f"/cases/{case.pk}/allocate/",
            {"worker": worker.pk, "version": case.updated_at.isoformat()},
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.allocated_to == second and case.worker == str(second)
    history = list(CaseAllocation.objects.filter(case=case))
    assert [a.worker for a in history] == [first, second]
    assert all(a.by == maya.user for a in history)
    page = maya.get(f"/cases/{case.pk}/").content.decode()
    assert "First Test, allocated by Maya Test" in page


def test_allocating_a_restricted_child_lets_the_worker_open_it(make_user, make_child, make_case):
    maya = make_user(Role.MANAGER)
    priya = make_user(Role.PRACTITIONER)
    child = make_child(restricted=True)
    case = make_case(child=child)
    assert child not in child_list_visible_to(priya)
    case_allocate(case=case, worker=priya, by=maya)
    assert child in child_list_visible_to(priya)


def test_allocating_from_a_stale_page_is_caught(make_user, make_case):
    maya = make_user(Role.MANAGER)
    case = make_case()
    opened = case.updated_at
    case_allocate(case=case, worker=make_user(Role.PRACTITIONER, username="a"), by=maya)
    with pytest.raises(ChangedSinceOpened):
        case_allocate(
            case=case,
            worker=make_user(Role.PRACTITIONER, username="b"),
            by=maya,
            opened_version=opened,
        )


def test_allocating_without_choosing_a_worker_is_an_error_beside_the_field(client_as, make_case):
    case = make_case()
    response = client_as(Role.MANAGER).post(f"/cases/{case.pk}/allocate/", {"worker": ""})
    assert response.status_code == 200
    assert "Choose the worker to allocate the case to" in response.content.decode()
