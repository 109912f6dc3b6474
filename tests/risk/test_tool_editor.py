"""Admins edit a risk tool in Lantern's own pages; a change makes a new version and every
assessment keeps the version it was made with."""

from datetime import date

from lantern.accounts.models import Role
from lantern.risk.models import RiskTool
from lantern.risk.services import assessment_record


def test_saving_a_change_makes_a_new_version_and_old_assessments_keep_theirs(
    client_as, make_user, make_child
):
    old = RiskTool.objects.get(code="ceraf", is_current=True)
    made = assessment_record(
        child=make_child(),
        by=make_user(Role.PRACTITIONER),
        tool=old,
        completed_on=date(2024, 6, 3),
        answers={},
        exploitation_types=["other"],
        risk_level="none",
    )
    adam = client_as(Role.ADMIN)
    page = adam.get("/risk/tools/ceraf/").content.decode()
    assert "significant | carrying | 4 |" in page
    response = adam.post(
        "/risk/tools/ceraf/",
        {
            "name": "Exploitation risk assessment",
            "indicators": "vulnerability | care_history | 1 | Has been looked after\n"
            "significant | carrying | 5 | Carries things for others",
            "bands": "none | 0\nlow | 1\nmedium | 10\nhigh | 20",
        },
    )
    assert response.status_code == 302
    new = RiskTool.objects.get(code="ceraf", is_current=True)
    assert new.version == old.version + 1 and new.indicators[1]["weight"] == 5
    old.refresh_from_db()
    assert not old.is_current
    made.refresh_from_db()
    assert made.tool_version == old


def test_a_badly_written_indicator_line_is_an_error_beside_the_field(client_as):
    page = (
        client_as(Role.ADMIN)
        .post(
            "/risk/tools/ceraf/",
            {"name": "X", "indicators": "serious | a | 1 | Text", "bands": "none | 0"},
        )
        .content.decode()
    )
    assert 'id="id_indicators_error"' in page
    assert "Line 1: the category is vulnerability, moderate or significant" in page
    assert RiskTool.objects.filter(code="ceraf").count() == 1


def test_bands_must_give_every_score_a_level(client_as):
    page = (
        client_as(Role.ADMIN)
        .post(
            "/risk/tools/ceraf/",
            {"name": "X", "indicators": "moderate | a | 1 | Text", "bands": "low | 1"},
        )
        .content.decode()
    )
    assert "One band must start at 0" in page


def test_practitioners_cannot_edit_tools(client_as):
    assert client_as(Role.PRACTITIONER).get("/risk/tools/").status_code == 403
