"""The weekly nominations decision: accept (opens a case), decline or advice, with the
reason and date; the days from receipt to decision shown and kept; reopening."""

from datetime import date

import pytest

from lantern.accounts.models import Role
from lantern.cases.models import Case, CaseAllocation
from lantern.children.models import Allocation
from lantern.referrals.models import Referral, ReferralDecision
from lantern.referrals.services import (
    ReferralChangedSinceOpened,
    ReferralNotWaiting,
    referral_create,
    referral_decide,
)


@pytest.fixture
def nomination(make_child, make_user):
    colin = make_user(Role.COORDINATOR, username="colin2")
    return referral_create(
        child=make_child(),
        by=colin,
        received_on=date(2024, 6, 3),
        route="nomination",
        source="district_team",
    )


def decide(client, referral, **data):
    form = {
        "version": referral.updated_at.isoformat(),
        "decided_on-day": "10",
        "decided_on-month": "6",
        "decided_on-year": "2024",
        "reason": "Meets the threshold",
    }
    form.update(data)
    return client.post(f"/referrals/{referral.pk}/decide/", form)


def test_accepting_opens_a_case_allocated_to_the_worker_named(client_as, make_user, nomination):
    worker = make_user(Role.PRACTITIONER, username="wendy")
    maya = client_as(Role.MANAGER)
    response = decide(maya, nomination, decision="accepted", worker=str(worker.pk))
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    nomination.refresh_from_db()
    assert nomination.decision == "accepted" and nomination.case == case
    assert nomination.decided_on == date(2024, 6, 10) and nomination.days_to_decision == 7
    assert case.opened_on == date(2024, 6, 10) and case.route == "nomination"
    assert case.allocated_to == worker and case.source_id.startswith("LAN-CASE-")
    assert CaseAllocation.objects.get(case=case).by == maya.user
    assert Allocation.objects.get(child=nomination.child).user_id == worker.pk
    page = maya.get(f"/referrals/{nomination.pk}/").content.decode()
    assert "7 days from receipt" in page


def test_declining_keeps_the_reason_and_opens_no_case(client_as, nomination):
    colin = client_as(Role.COORDINATOR)
    decide(colin, nomination, decision="declined", reason="Needs are met by the district team")
    nomination.refresh_from_db()
    assert nomination.decision == "declined" and Case.objects.count() == 0
    assert nomination.decision_reason == "Needs are met by the district team"
    assert ReferralDecision.objects.get().days_to_decision == 7


def test_a_decision_before_receipt_is_an_error_beside_the_date(client_as, nomination):
    page = decide(
        client_as(Role.MANAGER), nomination, decision="advice", **{"decided_on-day": "1"}
    ).content.decode()
    assert 'id="id_decided_on-error"' in page
    assert "on or after the date it was received" in page
    assert Referral.objects.get().decision == "pending"


def test_no_decision_chosen_says_how_to_fix_it(client_as, nomination):
    page = decide(client_as(Role.MANAGER), nomination, reason="").content.decode()
    assert "Select accept, decline or give advice" in page
    assert "Enter the reason for the decision" in page


def test_a_second_person_deciding_the_same_referral_is_told(client_as, make_user, nomination):
    opened = nomination.updated_at
    referral_decide(
        referral=nomination,
        by=make_user(Role.MANAGER, username="mo"),
        decision="advice",
        decided_on=date(2024, 6, 5),
        reason="Advice given",
    )
    with pytest.raises((ReferralChangedSinceOpened, ReferralNotWaiting)):
        referral_decide(
            referral=nomination,
            by=None,
            decision="declined",
            decided_on=date(2024, 6, 6),
            reason="x",
            opened_version=opened,
        )


def test_a_declined_referral_is_reopened_with_a_reason_and_the_old_decision_kept(
    client_as, nomination
):
    colin = client_as(Role.COORDINATOR)
    decide(colin, nomination, decision="declined")
    response = colin.post(
        f"/referrals/{nomination.pk}/reopen/", {"reason": "New police intelligence"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (
        nomination.decision == "pending" and nomination.reopened_reason == "New police intelligence"
    )
    old = ReferralDecision.objects.get()
    assert old.decision == "declined" and old.reopened_reason == "New police intelligence"
    assert "Reopened" in colin.get("/referrals/").content.decode()


def test_reopening_needs_a_reason(client_as, nomination):
    colin = client_as(Role.COORDINATOR)
    decide(colin, nomination, decision="declined")
    response = colin.post(f"/referrals/{nomination.pk}/reopen/", {"reason": ""})
    assert response.status_code == 200
    assert "Enter why you are reopening the referral" in response.content.decode()


def test_an_accepted_referral_is_not_reopened_its_case_is_closed_instead(client_as, nomination):
    maya = client_as(Role.MANAGER)
    decide(maya, nomination, decision="accepted")
    response = maya.post(f"/referrals/{nomination.pk}/reopen/", {"reason": "Changed our minds"})
    assert response.status_code == 200
    assert "close the case instead" in response.content.decode()
