"""Police grading (docs/police-grading.md): a child assessed high is sent to the police,
which shares the child; police partners record the grade and the allocation; the worklist
shows each stage with the days each step took."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from lantern.accounts.models import Role
from lantern.children.models import ChildShare
from lantern.children.selectors import child_list_visible_to
from lantern.risk.models import PoliceGrade, PoliceGrading
from lantern.risk.selectors import police_grading_candidates
from lantern.risk.services import (
    GradingRefused,
    police_grading_allocate,
    police_grading_grade,
    police_grading_send,
)
from tests.counting_helpers import a_child, an_assessment

DISTRICT = "Hart and Rushmoor"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
    session.save()
    return client


@pytest.fixture
def people(make_user):
    return {
        "coordinator": make_user(Role.COORDINATOR),
        "police": make_user(Role.PARTNER, agency="police", district=DISTRICT),
        "health": make_user(Role.PARTNER, username="hattie", agency="health", district=DISTRICT),
    }


def _high_child(on: date, **extra):
    child = a_child(district=DISTRICT, first_name="Sky", last_name="Larkfield", **extra)
    an_assessment(child, on.isoformat(), "high")
    return child


def _send(child, by, today):
    return police_grading_send(
        child=child, by=by, reason="High risk", ends_on=today + timedelta(days=90),
        review_on=today + timedelta(days=30), today=today,
    )  # fmt: skip


def test_sending_shares_the_child_with_the_police_who_then_see_it(people):
    today = timezone.localdate()
    child = _high_child(today - timedelta(days=3))
    assert not child_list_visible_to(people["police"]).filter(pk=child.pk).exists()
    grading = _send(child, people["coordinator"], today)
    share = ChildShare.objects.get(child=child, agency="police")
    assert grading.share == share and share.ends_on == today + timedelta(days=90)
    assert child_list_visible_to(people["police"]).filter(pk=child.pk).exists()
    assert not child_list_visible_to(people["health"]).filter(pk=child.pk).exists()


def test_a_police_share_already_in_force_is_used(people):
    today = timezone.localdate()
    child = _high_child(today)
    ChildShare.objects.create(child=child, agency="police", ends_on=today + timedelta(days=5))
    _send(child, people["coordinator"], today)
    assert ChildShare.objects.filter(child=child, agency="police").count() == 1


def test_only_a_child_whose_current_assessment_is_high_is_sent_and_only_once(people):
    today = timezone.localdate()
    child = _high_child(today - timedelta(days=40))
    an_assessment(child, (today - timedelta(days=2)).isoformat(), "medium")  # now medium
    with pytest.raises(GradingRefused, match="current assessment is high"):
        _send(child, people["coordinator"], today)
    an_assessment(child, today.isoformat(), "high")
    _send(child, people["coordinator"], today)
    with pytest.raises(GradingRefused, match="already waiting"):
        _send(child, people["coordinator"], today)
    assert PoliceGrading.objects.count() == 1


def test_candidates_are_children_assessed_high_not_sent_since_that_assessment(people):
    today = timezone.localdate()
    sent = _high_child(today - timedelta(days=10))
    waiting = _high_child(today - timedelta(days=5))
    _high_child(today).assessments.update(risk_level="low")
    _send(sent, people["coordinator"], today - timedelta(days=9))
    candidates = police_grading_candidates(child_list_visible_to(people["coordinator"]))
    assert list(candidates) == [waiting]
    an_assessment(sent, today.isoformat(), "high")  # a new assessment: to be sent again
    candidates = police_grading_candidates(child_list_visible_to(people["coordinator"]))
    assert set(candidates) == {waiting, sent}


def test_grading_and_allocation_dates_keep_their_order_and_the_days_are_kept(people):
    today = timezone.localdate()
    child = _high_child(today - timedelta(days=20))
    grading = _send(child, people["coordinator"], today - timedelta(days=10))
    with pytest.raises(GradingRefused, match="on or after the day it was sent"):
        police_grading_grade(grading=grading, by=people["police"], grade="high",
                             graded_on=today - timedelta(days=11), today=today)  # fmt: skip
    with pytest.raises(GradingRefused, match="today or in the past"):
        police_grading_grade(grading=grading, by=people["police"], grade="high",
                             graded_on=today + timedelta(days=1), today=today)  # fmt: skip
    with pytest.raises(GradingRefused, match="Only a child graded"):
        police_grading_allocate(grading=grading, by=people["police"], allocated_to="DC Ash",
                                allocated_on=today, today=today)  # fmt: skip
    police_grading_grade(grading=grading, by=people["police"], grade="high",
                         graded_on=today - timedelta(days=6), today=today)  # fmt: skip
    police_grading_allocate(grading=grading, by=people["police"], allocated_to="DC Ash",
                            allocated_on=today - timedelta(days=1), today=today)  # fmt: skip
    grading.refresh_from_db()
    assert (grading.stage, grading.days_to_grade, grading.days_to_allocate) == ("done", 4, 5)


def test_no_further_police_action_ends_the_grading_without_allocation(people):
    today = timezone.localdate()
    grading = _send(_high_child(today), people["coordinator"], today)
    police_grading_grade(grading=grading, by=people["police"],
                         grade=PoliceGrade.NO_FURTHER_ACTION, graded_on=today, today=today)  # fmt: skip
    assert grading.stage == "done" and grading.days_to_allocate is None


def test_the_worklist_shows_each_stage_to_the_team_and_the_police_with_fixed_queries(
    people, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(4):
        child = _high_child(today - timedelta(days=30))
        grading = _send(child, people["coordinator"], today - timedelta(days=20))
        if n:
            police_grading_grade(grading=grading, by=people["police"], grade="medium",
                                 graded_on=today - timedelta(days=15), today=today)  # fmt: skip
        if n > 1:
            police_grading_allocate(grading=grading, by=people["police"], allocated_to="Team B",
                                    allocated_on=today - timedelta(days=12), today=today)  # fmt: skip
    _high_child(today)  # to send
    team = signed_in(people["coordinator"])
    url = reverse("risk:police_grading")
    team.get(url)
    with django_assert_max_num_queries(14):
        page = team.get(url).content.decode()
    assert "Assessed high, not yet sent (1)" in page
    assert "Sent, waiting for the police grade (1)" in page
    assert "Graded, waiting for allocation (1)" in page
    assert "Allocated or no further police action (2)" in page
    police = signed_in(people["police"]).get(url).content.decode()
    assert "Sent, waiting for the police grade (1)" in police
    assert "Assessed high, not yet sent" not in police  # the team's list, not the police's
    assert signed_in(people["health"]).get(url).status_code == 403


def test_a_police_partner_records_the_grade_in_the_page_with_errors_beside_the_fields(people):
    today = timezone.localdate()
    grading = _send(_high_child(today - timedelta(days=2)), people["coordinator"], today)
    police = signed_in(people["police"])
    url = reverse("risk:police_grading_grade", args=[grading.pk])
    page = police.post(url, {}).content.decode()
    assert 'id="id_grade-error"' in page and "Select the police grade" in page
    response = police.post(
        url,
        {"grade": "high", "graded_on-day": today.day, "graded_on-month": today.month,
         "graded_on-year": today.year},
    )  # fmt: skip
    assert response.status_code == 302
    grading.refresh_from_db()
    assert grading.grade == "high" and grading.graded_by == people["police"]
    assert signed_in(people["health"]).get(url).status_code == 403


def test_sending_in_the_page_records_the_grading_and_out_of_scope_is_404(people, make_user):
    today = timezone.localdate()
    child = _high_child(today)
    team = signed_in(people["coordinator"])
    url = reverse("risk:police_grading_send", args=[child.pk])
    assert "Assessed as high risk" in team.get(url).content.decode()
    data = {"reason": "High risk of CCE"}
    for name, day in (
        ("review_on", today + timedelta(days=10)),
        ("ends_on", today + timedelta(days=60)),
    ):
        data |= {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}
    assert team.post(url, data).status_code == 302
    assert PoliceGrading.objects.get().reason == "High risk of CCE"
    other = PoliceGrading.objects.create(
        child=a_child(district="Winchester"), sent_on=today, reason="x"
    )
    police = signed_in(people["police"])
    assert police.get(reverse("risk:police_grading_grade", args=[other.pk])).status_code == 404
