"""Every page that shows a child's data writes an audit entry naming that child."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Case
from lantern.children.models import BreakGlass, Child, ChildShare
from lantern.missing.models import Episode, OlaNotice
from lantern.referrals.models import Referral
from lantern.risk.models import Assessment

# (url name, needs the child's id, role that sees the child there)
CHILD_PAGES = [
    ("children:list", False, Role.MANAGER),
    ("children:detail", True, Role.MANAGER),
    ("children:edit", True, Role.PRACTITIONER),
    ("children:break_glass", True, Role.PRACTITIONER),  # restricted: the notice is audited too
    ("home", False, Role.PRACTITIONER),  # my children
    ("home", False, Role.COORDINATOR),  # returned episodes with no interview outcome
    ("home", False, Role.MANAGER),  # break-glass events to review
    ("opmet:list", False, Role.COORDINATOR),  # the child is on the Op MET list today
    ("missing:interviews", False, Role.COORDINATOR),
    ("missing:interview_new", True, Role.COORDINATOR),
    ("missing:episode_new", True, Role.COORDINATOR),
    ("missing:episode", "episode", Role.PARTNER),
    ("missing:episode_return", "episode", Role.COORDINATOR),
    ("missing:episode_edit", "episode", Role.COORDINATOR),
    ("missing:placing_authority_tasks", False, Role.COORDINATOR),
    ("missing:placing_authority_told", "notice", Role.COORDINATOR),
    ("missing:philomena", True, Role.PARTNER),
    ("missing:philomena_edit", True, Role.PRACTITIONER),
    ("missing:philomena_history", True, Role.COORDINATOR),
    ("cases:mine", False, Role.PRACTITIONER),
    ("cases:team", False, Role.MANAGER),  # cases not allocated / with no direct work
    ("cases:direct_work_new", True, Role.PRACTITIONER),
    ("cases:onward_new", True, Role.PRACTITIONER),
    ("cases:plan_new", True, Role.PRACTITIONER),
    ("referrals:queue", False, Role.COORDINATOR),
    ("children:shares", True, Role.COORDINATOR),
    ("children:shares_due", False, Role.COORDINATOR),
    ("risk:choose", True, Role.PRACTITIONER),
    ("children:reviews_due", False, Role.PRACTITIONER),
    ("nrm:uasc_record", True, Role.PRACTITIONER),
    ("nrm:uasc_edit", True, Role.COORDINATOR),
]

# Pages of one case or one referral: (url name, role, kind of id)
RECORD_PAGES = [
    ("cases:detail", Role.PRACTITIONER, "case"),
    ("cases:close", Role.PRACTITIONER, "case"),
    ("cases:approvals", Role.MANAGER, None),
    ("referrals:detail", Role.COORDINATOR, "referral"),
    ("referrals:decide", Role.COORDINATOR, "referral"),
    ("risk:detail", Role.MANAGER, "assessment"),
    ("risk:approvals", Role.MANAGER, None),
]


@pytest.fixture
def child(db):
    return Child.objects.create(
        source_id="AC001",
        first_name="Test",
        last_name="Child",
        date_of_birth=date(2010, 1, 1),
        gender="male",
        district="Hart and Rushmoor",
    )


@pytest.mark.parametrize("name, with_id, role", CHILD_PAGES)
def test_a_page_showing_a_child_writes_an_audit_entry_for_that_child(
    client_as, child, name, with_id, role
):
    partner = {"agency": "police", "district": "Hart and Rushmoor"}
    client = client_as(role, **(partner if role == Role.PARTNER else {}))
    Case.objects.create(
        source_id="ACC1",
        child=child,
        opened_on=date(2024, 1, 1),
        route="s17",
        allocated_to=client.user,
    )
    episode = Episode.objects.create(
        source_id="ACE1",
        child=child,
        started_at=datetime(2024, 1, 1, 9, tzinfo=UTC),
        ended_at=datetime(2024, 1, 2, 9, tzinfo=UTC),
        missing_from="home",
    )
    notice = OlaNotice.objects.create(episode=episode, authority_name="Kent County Council")
    BreakGlass.objects.create(child=child, user=client.user, reason="A test reason here")
    Assessment.objects.create(
        source_id="ACA1", child=child, completed_on=date(2024, 1, 1), risk_level="high",
        exploitation_types=["cce"],
    )  # fmt: skip
    Referral.objects.create(
        source_id="ACR1", child=child, received_on=date(2024, 1, 1), route="s17"
    )
    ChildShare.objects.create(child=child, agency="police", review_on=date(2024, 1, 1))
    if name == "cases:team":
        Case.objects.update(allocated_to=None)
    if name == "children:break_glass":
        Child.objects.filter(pk=child.pk).update(restricted=True)
        Case.objects.all().delete()
    if with_id == "episode":
        url = reverse(name, kwargs={"episode_id": episode.pk})
    elif with_id == "notice":
        url = reverse(name, kwargs={"notice_id": notice.pk})
    else:
        url = reverse(name, kwargs={"child_id": child.pk} if with_id else {})
    response = client.get(url)
    assert response.status_code in (200, 403)
    assert AuditEntry.objects.filter(child_id=child.pk, user=client.user).exists(), (
        f"{name} as {role} shows the child but wrote no audit entry"
    )


@pytest.mark.parametrize("role", [Role.MANAGER, Role.ANALYST])
def test_the_annex_a_download_writes_an_audit_entry_for_each_child_in_it(client_as, child, role):
    client = client_as(role)
    Child.objects.filter(pk=child.pk).update(legal_status="cla")
    Episode.objects.create(
        source_id="ACE2",
        child=child,
        started_at=datetime(2024, 6, 1, 20, tzinfo=UTC),
        ended_at=datetime(2024, 6, 2, 8, tzinfo=UTC),
        missing_from="care",
    )
    response = client.get(reverse("interchange:annex_a_list8"), {"to": "2025-03-31"})
    assert response.status_code == 200
    assert AuditEntry.objects.filter(
        child_id=child.pk, user=client.user, action="export"
    ).exists(), f"the Annex A download as {role} wrote no audit entry for the child"


@pytest.mark.parametrize("name, role, kind", RECORD_PAGES)
def test_a_case_or_referral_page_writes_an_audit_entry_for_its_child(
    client_as, child, name, role, kind
):
    from lantern.cases.services import case_closure_request

    client = client_as(role)
    case = Case.objects.create(
        source_id="ACC2",
        child=child,
        opened_on=date(2024, 1, 1),
        route="s17",
        allocated_to=client.user,
    )
    referral = Referral.objects.create(
        source_id="ACR2", child=child, received_on=date(2024, 1, 1), route="nomination"
    )
    if name == "cases:approvals":
        case_closure_request(case=case, by=client.user, reason="Done")
    assessment = Assessment.objects.create(
        source_id="ACA2",
        child=child,
        completed_on=date(2024, 1, 1),
        risk_level="high",
        suggested_level="low",
        approval="waiting",
    )
    ids = {
        "case": {"case_id": case.pk},
        "referral": {"referral_id": referral.pk},
        "assessment": {"assessment_id": assessment.pk},
        None: {},
    }
    response = client.get(reverse(name, kwargs=ids[kind]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(child_id=child.pk, user=client.user).exists(), (
        f"{name} as {role} shows the child but wrote no audit entry"
    )


def test_the_assessment_form_writes_an_audit_entry_for_its_child(client_as, child, shipped_lookups):
    client = client_as(Role.PRACTITIONER)
    response = client.get(reverse("risk:new", kwargs={"child_id": child.pk, "code": "ceraf"}))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="assessment_form").exists()


@pytest.mark.parametrize(
    "name, role",
    [
        ("meetings:detail", Role.PRACTITIONER),
        ("meetings:edit", Role.PRACTITIONER),
        ("meetings:action_new", Role.COORDINATOR),
        ("actions:list", Role.PARTNER),
        ("actions:edit", Role.COORDINATOR),
    ],
)
def test_a_meeting_or_action_page_writes_an_audit_entry_for_its_child(client_as, child, name, role):
    from lantern.meetings.models import Action, Meeting, MeetingChild

    partner = {"agency": "police", "district": "Hart and Rushmoor"}
    client = client_as(role, **(partner if role == Role.PARTNER else {}))
    ChildShare.objects.create(child=child, agency="police")
    meeting = Meeting.objects.create(source_id="ACM1", type="triage", held_on=date(2024, 1, 2))
    MeetingChild.objects.create(meeting=meeting, child=child)
    action = Action.objects.create(
        source_id="ACAC1", meeting=meeting, child=child, description="x", owner_user=client.user
    )
    kwargs = {"action_id": action.pk} if name.startswith("actions:edit") else {}
    if name.startswith("meetings:"):
        kwargs = {"meeting_id": meeting.pk}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(child_id=child.pk, user=client.user).exists(), (
        f"{name} as {role} shows the child but wrote no audit entry"
    )
