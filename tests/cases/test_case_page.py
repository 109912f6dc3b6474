"""The case page: the case, its allocations, the work with the child and its closures, read
in a fixed number of queries; only the child's case roles open it."""

from datetime import date

from lantern.accounts.models import Role
from lantern.cases.models import CaseAllocation, DirectWork, OnwardReferral, Plan
from lantern.cases.services import case_closure_request


def test_the_case_page_reads_in_a_fixed_number_of_queries(
    client_as, make_user, make_case, django_assert_max_num_queries
):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)

    def add(n):
        for i in range(n):
            ref = f"CP{n}-{i}"
            CaseAllocation.objects.create(case=case, worker=priya.user, by=priya.user)
            DirectWork.objects.create(
                source_id=ref, child=case.child, case=case, held_on=date(2024, 6, 4)
            )
            OnwardReferral.objects.create(
                source_id=ref, child=case.child, case=case, need_identified_on=date(2024, 6, 4)
            )
            Plan.objects.create(
                source_id=ref,
                child=case.child,
                case=case,
                kind="safety",
                made_on=date(2024, 6, 4),
                review_on=date(2024, 9, 4),
                owner="Priya",
                summary="Plan",
            )

    add(1)
    case_closure_request(case=case, by=priya.user, reason="Done")
    with django_assert_max_num_queries(40) as few:
        priya.get(f"/cases/{case.pk}/")
        first = len(few)
    add(10)
    with django_assert_max_num_queries(first):
        priya.get(f"/cases/{case.pk}/")


def test_a_case_outside_the_workers_districts_is_not_found(client_as, make_child, make_case):
    child = make_child(district="Somewhere else")
    case = make_case(child=child)
    assert client_as(Role.PRACTITIONER).get(f"/cases/{case.pk}/").status_code == 404


def test_a_partner_never_opens_a_case(client_as, make_case):
    case = make_case()
    paul = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    assert paul.get(f"/cases/{case.pk}/").status_code == 403
