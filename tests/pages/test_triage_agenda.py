"""The triage agenda: what is on it (since the last triage held), recording the meeting from
it, the minutes, and what it costs."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.mapping.models import Intelligence
from lantern.meetings.models import Action, Meeting
from lantern.meetings.selectors import next_triage_on
from lantern.risk.models import Assessment
from tests.counting_helpers import a_child, an_assessment, an_episode

AGENDA = "/triage/"


def today() -> date:
    return timezone.localdate()


def days_ago(n: int) -> str:
    return (today() - timedelta(days=n)).isoformat()


def a_triage_held(days: int) -> Meeting:
    return Meeting.objects.create(
        source_id=f"TRI{days}", type="triage", held_on=today() - timedelta(days=days)
    )


def dated(prefix: str, day: date) -> dict:
    return {f"{prefix}-day": day.day, f"{prefix}-month": day.month, f"{prefix}-year": day.year}


@pytest.mark.django_db
def test_an_assessment_completed_since_the_last_triage_is_on_the_agenda(client_as):
    a_triage_held(3)
    child = a_child(first_name="Agenda", last_name="Newcomer", district="Hart and Rushmoor")
    an_assessment(child, days_ago(2), "medium")
    page = client_as(Role.COORDINATOR).get(AGENDA).content.decode()
    assert "Agenda Newcomer" in page
    assert "1 child on the agenda" in page
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="triage_agenda").exists()


@pytest.mark.django_db
def test_an_assessment_completed_on_or_before_the_last_triage_day_is_not(client_as):
    a_triage_held(3)
    on_the_day = a_child(first_name="Same", last_name="Day")
    an_assessment(on_the_day, days_ago(3), "medium")
    earlier = a_child(first_name="Long", last_name="Ago")
    an_assessment(earlier, days_ago(5), "low")
    page = client_as(Role.COORDINATOR).get(AGENDA).content.decode()
    assert "Same Day" not in page and "Long Ago" not in page
    assert "Nothing new for triage" in page


@pytest.mark.django_db
def test_intelligence_received_since_the_last_triage_puts_the_child_on_it(client_as):
    a_triage_held(4)
    child = a_child(first_name="Intel", last_name="Named")
    old = a_child(first_name="Old", last_name="Intel")
    Intelligence.objects.create(
        source_id="INT1", received_on=today() - timedelta(days=1), agency="police",
        refs=[f"child:{child.source_id}", "entity:X1"],
    )  # fmt: skip
    Intelligence.objects.create(
        source_id="INT2", received_on=today() - timedelta(days=9), refs=[f"child:{old.source_id}"]
    )
    page = client_as(Role.MANAGER).get(AGENDA).content.decode()
    assert "Intel Named" in page and "Intelligence" in page
    assert "Old Intel" not in page


@pytest.mark.django_db
def test_a_child_whose_review_is_overdue_is_on_it(client_as):
    a_triage_held(2)
    child = a_child(first_name="Review", last_name="Overdue", date_of_birth=date(2012, 1, 1))
    an_assessment(child, days_ago(130), "medium")
    page = client_as(Role.COORDINATOR).get(AGENDA).content.decode()
    assert "Review Overdue" in page and "Review overdue" in page


@pytest.mark.django_db
def test_with_no_triage_held_the_agenda_looks_back_a_week(client_as):
    recent = a_child(first_name="This", last_name="Week")
    an_assessment(recent, days_ago(6), "low")
    older = a_child(first_name="Last", last_name="Month")
    an_assessment(older, days_ago(8), "none")
    page = client_as(Role.COORDINATOR).get(AGENDA).content.decode()
    assert "This Week" in page and "Last Month" not in page
    assert "No triage has been held yet" in page


@pytest.mark.django_db
def test_each_item_shows_the_level_history_and_recent_episodes(client_as):
    a_triage_held(3)
    child = a_child(first_name="History", last_name="Shown")
    an_assessment(child, days_ago(200), "low")
    an_assessment(child, days_ago(1), "high")
    start = (timezone.localtime() - timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    an_episode(child, start)
    page = client_as(Role.COORDINATOR).get(AGENDA).content.decode()
    assert "Low</li>" in page and "High</li>" in page
    assert "1 episode, latest" in page and "Missing now" in page


def _agenda_children(first: int, last: int) -> None:
    for i in range(first, last):
        child = a_child(first_name="Many", last_name=f"Child{i}")
        an_assessment(child, days_ago(200), "low")
        an_assessment(child, days_ago(1), ("high", "medium", "low")[i % 3])
        an_episode(child, f"{days_ago(5)}T20:00", f"{days_ago(5)}T23:00")
        Intelligence.objects.create(
            source_id=f"INTQ{i}", received_on=today(), refs=[f"child:{child.source_id}"]
        )


@pytest.mark.django_db
def test_the_agenda_costs_the_same_queries_with_several_children(
    client_as, django_assert_max_num_queries
):
    a_triage_held(3)
    client = client_as(Role.COORDINATOR)
    _agenda_children(0, 1)
    client.get(AGENDA)  # the session and the user are read once on the first request
    with CaptureQueriesContext(connection) as one:
        client.get(AGENDA)
    _agenda_children(1, 8)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(AGENDA)
    assert "8 children on the agenda" in response.content.decode()
    assert len(one.captured_queries) <= 30


@pytest.mark.django_db
def test_practitioners_see_the_agenda_but_do_not_record_it(client_as):
    a_triage_held(3)
    an_assessment(a_child(district="Hart and Rushmoor"), days_ago(1), "low")
    page = client_as(Role.PRACTITIONER).get(AGENDA).content.decode()
    assert "1 child on the agenda" in page
    assert "Record the triage" not in page


@override_settings(TRIAGE_DAYS=["Monday", "3"])
def test_the_next_triage_is_on_or_after_today_on_a_configured_day():
    assert next_triage_on(date(2024, 6, 3)) == date(2024, 6, 3)  # a Monday
    assert next_triage_on(date(2024, 6, 4)) == date(2024, 6, 6)  # Tuesday: next is Thursday
    assert next_triage_on(date(2024, 6, 7)) == date(2024, 6, 10)  # Friday: next Monday


def test_by_default_triage_meets_on_tuesdays_and_fridays():
    assert next_triage_on(date(2024, 6, 5)) == date(2024, 6, 7)
    assert next_triage_on(date(2024, 6, 8)) == date(2024, 6, 11)


@pytest.mark.django_db
def test_recording_the_triage_agrees_levels_sets_actions_and_moves_the_agenda_on(client_as):
    a_triage_held(3)
    client = client_as(Role.COORDINATOR)
    child = a_child(first_name="Agreed", last_name="Level")
    assessment = an_assessment(child, days_ago(1), "medium")
    response = client.post(
        AGENDA,
        {
            **dated("held_on", today()),
            "attendees": ["police", "health"],
            f"level_{child.pk.hex}": "high",
            f"notes_{child.pk.hex}": "Police to grade",
            "action1_description": "Visit the child at school",
            "action1_owner": str(client.user.pk),
            **dated("action1_due_on", today() + timedelta(days=7)),
            "action1_child": child.pk.hex,
        },
    )
    meeting = Meeting.objects.exclude(source_id="TRI3").get()
    assert response.status_code == 302 and response.url == f"/triage/{meeting.pk}/minutes/"
    assert meeting.type == "triage" and meeting.held_on == today()
    assert sorted(meeting.attendees.values_list("agency", flat=True)) == ["health", "police"]
    assert list(meeting.children.all()) == [child]
    assert f"{child.source_id}: level agreed: high (assessed medium)" in meeting.decisions
    assessment.refresh_from_db()
    assert (assessment.risk_level, assessment.triaged_on) == ("high", today())
    action = Action.objects.get()
    assert action.owner_user == client.user and action.child == child
    assert action.meeting == meeting
    minutes = client.get(response.url).content.decode()
    assert "Agreed Level" in minutes and "Visit the child at school" in minutes
    assert "Nothing new for triage" in client.get(AGENDA).content.decode()


@pytest.mark.django_db
def test_an_action_row_half_filled_gets_errors_beside_its_fields(client_as):
    a_triage_held(3)
    client = client_as(Role.COORDINATOR)
    child = a_child()
    an_assessment(child, days_ago(1), "medium")
    response = client.post(
        AGENDA,
        {**dated("held_on", today()), "attendees": ["police"], "action2_description": "Do it"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose who owns action 2" in page and "Enter when action 2 is due" in page
    assert 'id="id_action2_owner_error"' in page
    assert Meeting.objects.count() == 1
    assert Assessment.objects.get().triaged_on is None


@pytest.mark.django_db
def test_the_minutes_download_as_word(client_as):
    a_triage_held(3)
    client = client_as(Role.COORDINATOR)
    child = a_child(first_name="Word", last_name="Minutes")
    an_assessment(child, days_ago(1), "low")
    client.post(
        AGENDA,
        {**dated("held_on", today()), "attendees": ["police"], f"level_{child.pk.hex}": "low"},
    )
    meeting = Meeting.objects.exclude(source_id="TRI3").get()
    response = client.get(f"/triage/{meeting.pk}/minutes.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response.content[:2] == b"PK"
    assert child.first_name not in response["Content-Disposition"]
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="triage_minutes").exists()


@pytest.mark.django_db
def test_the_minutes_leave_out_children_the_reader_may_not_see(client_as):
    seen = a_child(first_name="Seen", last_name="Child", district="Hart and Rushmoor")
    unseen = a_child(first_name="Unseen", last_name="Child", district="Havant")
    meeting = a_triage_held(1)
    meeting.discussed.create(child=seen, position=0)
    meeting.discussed.create(child=unseen, position=1)
    meeting.decisions = (
        f"{seen.source_id}: level agreed: low\n{unseen.source_id}: level agreed: high\n"
        "Next week: the police lead chairs"
    )
    meeting.save()
    page = client_as(Role.PRACTITIONER).get(f"/triage/{meeting.pk}/minutes/").content.decode()
    assert "Seen Child" in page and "level agreed: low" in page
    assert unseen.source_id not in page and "level agreed: high" not in page
    assert "1 other child discussed is not shown" in page
    assert "Next week: the police lead chairs" in page
