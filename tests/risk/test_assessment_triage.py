"""The level agreed at triage: it becomes the assessment's level and `triaged_on`, the level
before is kept, and it still counts from the completion date (domain.md, dataset.md)."""

from datetime import date

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.risk.models import Assessment, LevelDecision
from lantern.risk.selectors import op_met_children
from lantern.risk.services import assessment_triage
from tests.counting_helpers import a_child, an_assessment

TRIAGE_DAY = date(2020, 11, 10)


@pytest.mark.django_db
def test_the_agreed_level_sets_risk_level_and_triaged_on_and_keeps_the_level_before(make_user):
    colin = make_user(Role.COORDINATOR)
    assessment = an_assessment(a_child(), "2020-11-05", "medium")
    assessment_triage(assessment=assessment, level="high", on=TRIAGE_DAY, by=colin, notes="Seen")
    assessment.refresh_from_db()
    assert assessment.risk_level == "high"
    assert assessment.triaged_on == TRIAGE_DAY
    assert assessment.completed_on == date(2020, 11, 5)
    decision = LevelDecision.objects.get(assessment=assessment)
    assert (decision.level_before, decision.level_after) == ("medium", "high")
    assert decision.reason == "Agreed at triage: Seen" and decision.on == TRIAGE_DAY
    audit = AuditEntry.objects.get(object_type="assessment", object_id=assessment.pk)
    assert audit.detail["fields"] == ["risk_level", "triaged_on"]
    assert "high" not in str(audit.detail)  # the audit names fields, never values


@pytest.mark.django_db
def test_agreeing_the_same_level_is_kept_in_the_history_too(make_user):
    assessment = an_assessment(a_child(), "2020-11-05", "low")
    assessment_triage(assessment=assessment, level="low", on=TRIAGE_DAY, by=make_user(Role.MANAGER))
    decision = LevelDecision.objects.get(assessment=assessment)
    assert (decision.level_before, decision.level_after) == ("low", "low")
    assert Assessment.objects.get(pk=assessment.pk).triaged_on == TRIAGE_DAY


@pytest.mark.django_db
def test_the_agreed_level_counts_from_the_completion_date_on_the_op_met_list(make_user):
    child = a_child(date_of_birth=date(2008, 1, 1))
    assessment = an_assessment(child, "2020-11-05", "medium")
    assessment_triage(
        assessment=assessment, level="high", on=TRIAGE_DAY, by=make_user(Role.COORDINATOR)
    )
    as_at_completion = op_met_children(date(2020, 11, 5)).get(pk=child.pk)
    assert as_at_completion.current_level == "high"
    assert not op_met_children(date(2020, 11, 4)).filter(pk=child.pk).exists()


@pytest.mark.django_db
def test_a_level_agreed_as_none_takes_the_child_off_the_list(make_user):
    child = a_child(date_of_birth=date(2008, 1, 1))
    an_assessment(child, "2020-06-01", "medium")
    review = an_assessment(child, "2020-11-05", "medium")
    assert op_met_children(date(2020, 11, 30)).filter(pk=child.pk).exists()
    assessment_triage(
        assessment=review, level="none", on=TRIAGE_DAY, by=make_user(Role.COORDINATOR)
    )
    assert not op_met_children(date(2020, 11, 30)).filter(pk=child.pk).exists()
    assert not op_met_children(date(2020, 11, 5)).filter(pk=child.pk).exists()
    assert op_met_children(date(2020, 11, 4)).filter(pk=child.pk).exists()  # before: medium


@pytest.mark.django_db
def test_a_level_outside_the_four_and_a_screening_are_refused(make_user):
    colin = make_user(Role.COORDINATOR)
    assessment = an_assessment(a_child(), "2020-11-05", "medium")
    with pytest.raises(ValueError, match="none, low, medium or high"):
        assessment_triage(assessment=assessment, level="severe", on=TRIAGE_DAY, by=colin)
    screening = an_assessment(a_child(), "2020-11-05", "none", tool="screening")
    with pytest.raises(ValueError, match="screening"):
        assessment_triage(assessment=screening, level="low", on=TRIAGE_DAY, by=colin)
    assert not LevelDecision.objects.exists()
