"""The assessment form from a versioned tool: indicators with their recency, the score, the
band's suggested level, the level set; a level against the suggestion needs a reason and a
manager's approval (agree, or a new level with the history kept)."""

from datetime import date

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.risk.models import Assessment, LevelDecision, RiskTool
from lantern.risk.selectors import (
    current_assessment,
    live_score_rules,
    review_due_on,
    suggested_level,
    tool_score,
)
from lantern.risk.services import assessment_level_decide, assessment_record


def ceraf() -> RiskTool:
    return RiskTool.objects.get(code="ceraf", is_current=True)


def form(tool, **data):
    today = timezone.localdate()
    values = {
        "completed_on-day": today.day,
        "completed_on-month": today.month,
        "completed_on-year": today.year,
        "exploitation_types": ["cce", "county_lines"],
        "child_words": "I owe them",
        "risk_level": "medium",
        "action": "save",
    }
    values.update(data)
    return values


def test_the_shipped_tools_say_what_they_export_as(db):
    tools = {t.code: t for t in RiskTool.objects.filter(is_current=True)}
    assert set(tools) >= {"ceraf", "seraf", "screening", "cserq4"}
    assert tools["ceraf"].dataset_tool == "ceraf" and not tools["ceraf"].is_screening
    assert tools["screening"].is_screening and tools["cserq4"].is_screening
    categories = {i["category"] for i in tools["ceraf"].indicators}
    assert categories == {"vulnerability", "moderate", "significant"}


def test_current_indicators_score_more_than_previous_ones_and_bands_suggest_a_level(db):
    tool = ceraf()
    assert tool_score(tool, {"carrying": "current"}) == 8  # weight 4 x current 2
    assert tool_score(tool, {"carrying": "previous"}) == 4
    assert suggested_level(tool, 0) == "none"
    assert suggested_level(tool, 8) == "low"
    assert suggested_level(tool, 12) == "medium"
    assert suggested_level(tool, 40) == "high"


def test_a_level_as_suggested_is_saved_with_its_tool_version_and_needs_no_approval(
    client_as, make_child
):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    tool = ceraf()
    data = form(
        tool, indicator_carrying="current", indicator_missing="current", risk_level="medium"
    )
    response = priya.post(f"/risk/children/{child.pk}/new/ceraf/", data)
    assert response.status_code == 302
    a = Assessment.objects.get()
    assert a.score == 12 and a.suggested_level == "medium" and a.risk_level == "medium"
    assert a.tool == "ceraf" and a.tool_version == tool and a.approval == ""
    assert a.answers == {"carrying": "current", "missing": "current"}
    assert a.exploitation_types == ["cce", "county_lines"] and a.reason == ""
    assert a.source_id.startswith("LAN-RA-")


def test_working_out_the_score_shows_the_suggestion_without_saving(client_as, make_child):
    child = make_child()
    page = (
        client_as(Role.PRACTITIONER)
        .post(
            f"/risk/children/{child.pk}/new/ceraf/",
            {"indicator_carrying": "current", "action": "score"},
        )
        .content.decode()
    )
    assert "Score: <strong>8</strong>" in page and "govuk-tag--yellow" in page
    assert "There is a problem" not in page
    assert Assessment.objects.count() == 0


def test_a_level_against_the_suggestion_needs_a_reason_beside_the_field(client_as, make_child):
    child = make_child()
    page = (
        client_as(Role.PRACTITIONER)
        .post(f"/risk/children/{child.pk}/new/ceraf/", form(ceraf(), risk_level="high"))
        .content.decode()
    )
    assert 'id="id_override_reason_error"' in page
    assert Assessment.objects.count() == 0


def test_an_override_waits_for_a_manager_and_counts_from_its_completion_date(client_as, make_child):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    priya.post(
        f"/risk/children/{child.pk}/new/ceraf/",
        form(
            ceraf(), risk_level="high", override_reason="Police intelligence of a stabbing threat"
        ),
    )
    a = Assessment.objects.get()
    assert a.approval == "waiting" and a.risk_level == "high" and a.suggested_level == "none"
    assert current_assessment([a]) == a  # counts while approval is pending
    maya = client_as(Role.MANAGER)
    assert "Risk levels waiting for approval" in maya.get("/").content.decode()
    assert a.source_id in maya.get("/risk/approvals/").content.decode()


def test_a_manager_agrees_or_records_a_new_level_with_the_history_kept(make_user, make_child):
    priya, maya = make_user(Role.PRACTITIONER), make_user(Role.MANAGER)
    child = make_child()
    a = assessment_record(
        child=child,
        by=priya,
        tool=ceraf(),
        completed_on=date(2024, 6, 3),
        answers={},
        exploitation_types=["cse"],
        risk_level="high",
        override_reason="Disclosure",
    )
    assessment_level_decide(
        assessment=a, by=maya, on=date(2024, 6, 4), new_level="medium", reason="Safety plan works"
    )
    a.refresh_from_db()
    assert a.risk_level == "medium" and a.approval == "changed"
    decision = LevelDecision.objects.get()
    assert (decision.level_before, decision.level_after) == ("high", "medium")
    with pytest.raises(ValueError):
        assessment_level_decide(assessment=a, by=maya, on=date(2024, 6, 5))


def test_a_manager_approves_from_the_assessment_page(client_as, make_user, make_child):
    priya = make_user(Role.PRACTITIONER)
    a = assessment_record(
        child=make_child(),
        by=priya,
        tool=ceraf(),
        completed_on=date(2024, 6, 3),
        answers={},
        exploitation_types=["other"],
        risk_level="low",
        override_reason="Worried",
    )
    maya = client_as(Role.MANAGER)
    bad = maya.post(f"/risk/assessments/{a.pk}/decide/", {"decision": "change"})
    assert bad.status_code == 200 and "Choose the level you set" in bad.content.decode()
    ok = maya.post(
        f"/risk/assessments/{a.pk}/decide/",
        {"decision": "agree", "version": a.updated_at.isoformat()},
    )
    assert ok.status_code == 302
    a.refresh_from_db()
    assert a.approval == "approved" and a.risk_level == "low"


def test_the_reason_is_stored_only_when_someone_overrides_the_derived_one(make_user, make_child):
    priya = make_user(Role.PRACTITIONER)
    child = make_child()
    first = assessment_record(
        child=child,
        by=priya,
        tool=ceraf(),
        completed_on=date(2024, 1, 3),
        answers={},
        exploitation_types=["other"],
        risk_level="none",
        reason="new",
    )
    assert first.reason == ""  # new is what it would be derived as
    second = assessment_record(
        child=child,
        by=priya,
        tool=ceraf(),
        completed_on=date(2024, 3, 3),
        answers={},
        exploitation_types=["other"],
        risk_level="none",
        reason="review",
    )
    assert second.reason == "review"  # derived would be re-referral


def test_review_is_due_in_3_months_or_1_month_after_a_rise(settings):
    settings.RISK_REVIEW_AFTER_RISE_MONTHS = 1
    a = Assessment(completed_on=date(2024, 6, 3), risk_level="high")
    assert review_due_on(a, "high") == date(2024, 9, 3)
    assert review_due_on(a, "low") == date(2024, 7, 3)
    assert review_due_on(a, None) == date(2024, 9, 3)


def test_a_screening_records_the_screeners_view_and_sets_no_level(client_as, make_child):
    child = make_child()
    priya = client_as(Role.PRACTITIONER)
    response = priya.post(
        f"/risk/children/{child.pk}/new/screening/",
        form(None, risk_level="high", indicator_missing="current"),
    )
    assert response.status_code == 302
    s = Assessment.objects.get()
    assert s.is_screening and s.tool == "screening" and s.approval == ""
    assert current_assessment([s]) is None


def test_the_overrides_list_reads_in_a_fixed_number_of_queries(
    client_as, make_user, make_child, django_assert_max_num_queries
):
    priya = make_user(Role.PRACTITIONER)
    maya = client_as(Role.MANAGER)

    def add():
        assessment_record(
            child=make_child(),
            by=priya,
            tool=ceraf(),
            completed_on=date(2024, 6, 3),
            answers={},
            exploitation_types=["other"],
            risk_level="high",
            override_reason="x",
        )

    add()
    with django_assert_max_num_queries(12) as few:
        maya.get("/risk/approvals/")
        first = len(few)
    for _ in range(10):
        add()
    with django_assert_max_num_queries(first):
        maya.get("/risk/approvals/")


def test_an_assessment_needs_an_exploitation_type_as_the_dataset_does(client_as, make_child):
    child = make_child()
    page = (
        client_as(Role.PRACTITIONER)
        .post(
            f"/risk/children/{child.pk}/new/ceraf/",
            form(ceraf(), exploitation_types=[], risk_level="none"),
        )
        .content.decode()
    )
    assert 'id="id_exploitation_types-error"' in page
    assert "Select at least one exploitation type" in page
    assert Assessment.objects.count() == 0


def test_the_live_score_rules_give_the_servers_score_and_suggestion(client_as, make_child):
    tool = ceraf()
    rules = live_score_rules(tool)
    answers = {"carrying": "current", "missing": "previous"}
    score = sum(rules["points"][code][recency] for code, recency in answers.items())
    assert score == tool_score(tool, answers)
    reached = [b for b in rules["bands"] if score >= b["min"]]
    assert reached[-1]["level"] == suggested_level(tool, score)
    page = client_as(Role.PRACTITIONER).get(f"/risk/children/{make_child().pk}/new/ceraf/")
    assert b"data-live-score=" in page.content and b"lantern/live-score" in page.content
