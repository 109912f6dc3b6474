"""Direct work sessions, onward referrals (waiting time shown, long waits flagged) and plans,
on the child's page and in the case; practitioners add and edit their own."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.cases.models import DirectWork, OnwardReferral, Plan
from lantern.cases.services import ChangedSinceOpened, direct_work_update


def session_form(**changes):
    data = {
        "held_on-day": "4",
        "held_on-month": "6",
        "held_on-year": "2024",
        "with_whom": "child",
        "setting": "face_to_face",
        "engaged": "yes",
        "what_was_done": "Talked about healthy relationships",
        "child_voice": "I want to stay at school",
    }
    data.update(changes)
    return data


def test_a_practitioner_records_a_session_from_the_case_and_it_joins_the_case(client_as, make_case):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    url = f"/cases/children/{case.child.pk}/direct-work/new/?case={case.pk}"
    response = priya.post(url, {**session_form(), "case": str(case.pk)})
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    session = DirectWork.objects.get()
    assert session.case == case and session.engaged is True
    assert session.worker == "Priya Test" and session.source_id.startswith("LAN-DW-")
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="direct_work").exists()
    page = priya.get(f"/cases/{case.pk}/").content.decode()
    assert "Talked about healthy relationships" in page and "I want to stay at school" in page


def test_the_session_shows_on_the_childs_page(client_as, make_case):
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    priya.post(f"/cases/children/{case.child.pk}/direct-work/new/", session_form())
    page = priya.get(f"/children/{case.child.pk}/").content.decode()
    assert "Direct work sessions (1)" in page and "With the child, face to face, engaged" in page


def test_a_session_form_with_gaps_shows_errors_beside_the_fields(client_as, make_child):
    child = make_child()
    page = (
        client_as(Role.PRACTITIONER)
        .post(
            f"/cases/children/{child.pk}/direct-work/new/",
            session_form(setting="", what_was_done=""),
        )
        .content.decode()
    )
    assert 'id="id_setting-error"' in page and "Enter what was done in the session" in page
    assert DirectWork.objects.count() == 0


def test_a_practitioner_edits_their_own_session_but_not_a_colleagues(
    client_as, make_user, make_child
):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    priya.post(f"/cases/children/{child.pk}/direct-work/new/", session_form())
    session = DirectWork.objects.get()
    data = {
        **session_form(what_was_done="Online safety"),
        "version": session.updated_at.isoformat(),
    }
    assert priya.post(f"/cases/direct-work/{session.pk}/", data).status_code == 302
    session.refresh_from_db()
    assert session.what_was_done == "Online safety"
    colleague = client_as(Role.PRACTITIONER, username="pete")
    assert colleague.get(f"/cases/direct-work/{session.pk}/").status_code == 403


def test_a_conflicting_edit_of_a_session_is_caught_and_the_typed_text_kept(
    client_as, make_user, make_child
):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    priya.post(f"/cases/children/{child.pk}/direct-work/new/", session_form())
    session = DirectWork.objects.get()
    opened = session.updated_at.isoformat()
    direct_work_update(session=session, by=priya.user, changes={"what_was_done": "First save"})
    page = priya.post(
        f"/cases/direct-work/{session.pk}/",
        {**session_form(what_was_done="My version"), "version": opened},
    ).content.decode()
    assert "Someone else changed this record" in page and "My version" in page
    session.refresh_from_db()
    assert session.what_was_done == "First save"
    with pytest.raises(ChangedSinceOpened):
        direct_work_update(
            session=session,
            by=priya.user,
            changes={"what_was_done": "x"},
            opened_version=session.updated_at - timedelta(seconds=1),
        )


def test_an_onward_referral_shows_its_wait_and_a_long_wait_is_flagged(
    client_as, make_child, settings
):
    settings.ONWARD_LONG_WAIT_DAYS = 30
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    today = timezone.localdate()
    seen = today - timedelta(days=45)
    response = priya.post(
        f"/cases/children/{child.pk}/onward-referrals/new/",
        {
            "service": "camhs",
            "need": "Low mood",
            "need_identified_on-day": seen.day,
            "need_identified_on-month": seen.month,
            "need_identified_on-year": seen.year,
        },
    )
    assert response.status_code == 302
    assert OnwardReferral.objects.get().service == "camhs"
    page = priya.get(f"/children/{child.pk}/").content.decode()
    assert "45 days so far" in page and "Long wait" in page


def test_onward_dates_out_of_order_are_errors_beside_the_field(client_as, make_child):
    child = make_child()
    page = (
        client_as(Role.PRACTITIONER)
        .post(
            f"/cases/children/{child.pk}/onward-referrals/new/",
            {
                "service": "camhs",
                "need_identified_on-day": "10",
                "need_identified_on-month": "6",
                "need_identified_on-year": "2024",
                "referred_on-day": "1",
                "referred_on-month": "6",
                "referred_on-year": "2024",
            },
        )
        .content.decode()
    )
    assert 'id="id_referred_on-error"' in page
    assert OnwardReferral.objects.count() == 0


def test_a_plan_has_an_owner_and_review_date_and_an_overdue_review_is_flagged(
    client_as, make_child
):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    made = date(2024, 1, 10)
    response = priya.post(
        f"/cases/children/{child.pk}/plans/new/",
        {
            "kind": "safety",
            "made_on-day": made.day,
            "made_on-month": made.month,
            "made_on-year": made.year,
            "owner": "Priya Test",
            "review_on-day": "10",
            "review_on-month": "3",
            "review_on-year": "2024",
            "summary": "Safe adults to call",
            "child_voice": "I'll call my nan",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.owner == "Priya Test" and plan.source_id.startswith("LAN-PLAN-")
    page = priya.get(f"/children/{child.pk}/").content.decode()
    assert "Safety plan" in page and "Review overdue" in page


def test_a_partner_sees_the_work_but_no_case_notes(client_as, make_child, make_user):
    from lantern.children.models import ChildShare

    child = make_child()
    ChildShare.objects.create(child=child, agency="police", district="Hart and Rushmoor")
    DirectWork.objects.create(
        source_id="DWP", child=child, held_on=date(2024, 6, 1), what_was_done="Private notes here"
    )
    paul = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    page = paul.get(f"/children/{child.pk}/").content.decode()
    assert "Direct work sessions (1)" in page and "Private notes here" not in page
    assert "Record a direct work session" not in page


def test_the_child_page_reads_the_work_in_a_fixed_number_of_queries(
    client_as, make_child, django_assert_max_num_queries
):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)

    def add(n):
        for i in range(n):
            DirectWork.objects.create(source_id=f"Q{n}-{i}", child=child, held_on=date(2024, 6, 1))
            OnwardReferral.objects.create(
                source_id=f"Q{n}-{i}", child=child, need_identified_on=date(2024, 6, 1)
            )
            Plan.objects.create(
                source_id=f"Q{n}-{i}",
                child=child,
                kind="support",
                made_on=date(2024, 6, 1),
                review_on=date(2024, 9, 1),
                owner="A",
                summary="B",
            )

    add(1)
    with django_assert_max_num_queries(40) as few:
        priya.get(f"/children/{child.pk}/")
        first = len(few)
    add(10)
    with django_assert_max_num_queries(first):
        priya.get(f"/children/{child.pk}/")
