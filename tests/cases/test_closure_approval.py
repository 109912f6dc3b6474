"""Closure: reason, outcomes, the child's and family's feedback, then a manager's approval.
A case closes only when approved, on the day it is approved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.cases.models import CaseClosure, CaseOutcome, OutcomeKind
from lantern.cases.services import case_closure_approve, case_closure_request


def ask(client, case, **data):
    form = {
        "version": case.updated_at.isoformat(),
        "reason": "Risk has reduced and she is back at school",
        "outcomes": [OutcomeKind.objects.get(dataset_kind="risk_reduced").pk],
        "child_rating": "5",
        "child_words": "It helped me",
        "family_rating": "4",
        "family_words": "",
    }
    form.update(data)
    return client.post(f"/cases/{case.pk}/close/", form)


def test_the_allocated_worker_asks_and_the_case_stays_open_until_approved(client_as, make_case):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    assert ask(priya, case).status_code == 302
    case.refresh_from_db()
    closure = CaseClosure.objects.get()
    assert case.closed_on is None and closure.status == "waiting"
    assert closure.child_rating == 5 and closure.child_words == "It helped me"


def test_a_manager_approves_and_the_case_closes_that_day_with_its_outcomes(client_as, make_case):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    ask(priya, case)
    maya = client_as(Role.MANAGER)
    assert "Closures waiting for approval" in maya.get("/").content.decode()
    assert case.source_id in maya.get("/cases/approvals/").content.decode()
    response = maya.post(f"/cases/{case.pk}/closure/", {"decision": "approve"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.closed_on == timezone.localdate()
    assert case.closure_reason == "Risk has reduced and she is back at school"
    outcome = CaseOutcome.objects.get()
    assert outcome.kind == "risk_reduced" and outcome.achieved and outcome.case == case
    assert outcome.source_id.startswith("LAN-OUT-")


def test_a_manager_sends_a_closure_back_with_a_note(client_as, make_case):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    ask(priya, case)
    maya = client_as(Role.MANAGER)
    page = maya.post(f"/cases/{case.pk}/closure/", {"decision": "return", "note": ""})
    assert (
        page.status_code == 200
        and "Enter why you are sending the closure back" in page.content.decode()
    )
    maya.post(
        f"/cases/{case.pk}/closure/",
        {"decision": "return", "note": "Record the CAMHS outcome first"},
    )
    case.refresh_from_db()
    assert case.closed_on is None and CaseClosure.objects.get().status == "returned"


def test_only_a_manager_approves_a_closure(make_user, make_case):
    priya = make_user(Role.PRACTITIONER)
    case = make_case(allocated_to=priya)
    closure = case_closure_request(case=case, by=priya, reason="Done")
    with pytest.raises(PermissionDenied):
        case_closure_approve(closure=closure, by=priya, on=date(2024, 7, 1))


def test_a_worker_not_holding_the_case_cannot_ask_to_close_it(client_as, make_case):
    case = make_case()
    assert ask(client_as(Role.PRACTITIONER), case).status_code == 403


def test_a_closure_with_no_reason_says_so_beside_the_field(client_as, make_case):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    page = ask(priya, case, reason="").content.decode()
    assert 'id="id_reason_error"' in page and "Enter why the case is closing" in page


def test_the_approvals_list_reads_in_a_fixed_number_of_queries(
    client_as, make_user, make_case, django_assert_max_num_queries
):
    maya = client_as(Role.MANAGER)
    priya = make_user(Role.PRACTITIONER)
    case_closure_request(case=make_case(allocated_to=priya), by=priya, reason="Done")
    with django_assert_max_num_queries(12) as few:
        maya.get("/cases/approvals/")
        first = len(few)
    for _ in range(10):
        case_closure_request(case=make_case(allocated_to=priya), by=priya, reason="Done")
    with django_assert_max_num_queries(first):
        maya.get("/cases/approvals/")
