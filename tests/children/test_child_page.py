"""The child page: key facts, the timeline of everything, sections, audit, query count."""

from datetime import UTC, date, datetime

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.cases.models import Case, DirectWork
from lantern.mapping.models import Intelligence, Link
from lantern.meetings.models import Action as MeetingAction
from lantern.meetings.models import Meeting, MeetingChild
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from lantern.nrm.models import NrmReferral
from lantern.referrals.models import Referral
from lantern.risk.models import Assessment


def add_history(child, n: int = 0) -> None:
    """One record of every kind for the child."""
    s = f"{child.source_id}-{n}"
    Referral.objects.create(
        source_id=f"R{s}", child=child, received_on=date(2024, 1, 2), route="s17"
    )
    Case.objects.create(
        source_id=f"C{s}",
        child=child,
        opened_on=date(2024, 1, 3),
        route="s17",
        worker="Wren Worker",
    )
    Assessment.objects.create(
        source_id=f"A{s}",
        child=child,
        completed_on=date(2024, 1, 10),
        tool="ceraf",
        risk_level="medium",
    )
    Assessment.objects.create(
        source_id=f"S{s}",
        child=child,
        completed_on=date(2024, 1, 5),
        tool="screening",
        risk_level="none",
    )
    episode = Episode.objects.create(
        source_id=f"E{s}",
        child=child,
        started_at=datetime(2024, 2, 1 + n, 20, tzinfo=UTC),  # a child's episodes never overlap
        ended_at=datetime(2024, 2, 2 + n, 9, tzinfo=UTC),
        missing_from="care",
    )
    interview = ReturnInterview.objects.create(
        source_id=f"I{s}",
        child=child,
        offered_at=datetime(2024, 2, 3, 9, tzinfo=UTC),
        outcome="completed",
        completed_at=datetime(2024, 2, 4, 9, tzinfo=UTC),
    )
    InterviewEpisode.objects.create(interview=interview, episode=episode)
    meeting = Meeting.objects.create(source_id=f"M{s}", type="triage", held_on=date(2024, 2, 5))
    MeetingChild.objects.create(meeting=meeting, child=child)
    MeetingAction.objects.create(
        source_id=f"X{s}",
        meeting=meeting,
        child=child,
        description="Visit school",
        due_on=date(2024, 2, 20),
    )
    NrmReferral.objects.create(source_id=f"N{s}", child=child, referred_on=date(2024, 2, 6))
    DirectWork.objects.create(
        source_id=f"D{s}", child=child, held_on=date(2024, 2, 7), with_whom="child"
    )
    Link.objects.create(
        source_id=f"L{s}",
        from_ref=f"child:{child.source_id}",
        to_ref="entity:EA1",
        relation="associate",
    )
    Intelligence.objects.create(
        source_id=f"Y{s}",
        received_on=date(2024, 2, 8),
        agency="police",
        refs=[f"child:{child.source_id}", "entity:EA1"],
    )


def test_the_header_shows_the_key_facts(client_as, make_child):
    maya = client_as(Role.MANAGER)
    child = make_child(
        first_name="Jordan", placing_authority="Surrey", uasc=True, flags=["not in education"]
    )
    add_history(child)
    Episode.objects.create(
        source_id="OPEN",
        child=child,
        started_at=datetime(2024, 3, 1, 8, tzinfo=UTC),
        missing_from="home",
    )
    page = maya.get(f"/children/{child.pk}/").content.decode()
    assert "Jordan" in page and child.source_id in page
    assert "OLA: Surrey" in page and "UASC" in page and "Not in education" in page
    # current level from the latest full assessment, not the later screening; review 3 months on
    assert "set 10 January 2024; review due 10 April 2024" in page
    assert 'id="missing-now"' in page
    assert "Wren Worker" in page


def test_the_timeline_holds_everything_newest_first_and_filters_by_kind(client_as, make_child):
    maya = client_as(Role.MANAGER)
    child = make_child()
    add_history(child)
    response = maya.get(f"/children/{child.pk}/")
    kinds = [item.kind for item in response.context["timeline"]]
    assert set(kinds) >= {
        "referral",
        "case",
        "assessment",
        "screening",
        "episode",
        "interview",
        "meeting",
        "action",
        "nrm",
        "direct_work",
        "link",
        "intelligence",
    }
    days = [item.sort_key for item in response.context["timeline"] if item.on]
    assert days == sorted(days, reverse=True)
    screenings = maya.get(f"/children/{child.pk}/", {"kind": "screening"}).context["timeline"]
    assert [i.title for i in screenings] == ["Screening tool"]
    page = response.content.decode()
    for anchor in (
        "timeline",
        "risk-history",
        "missing",
        "meetings",
        "network",
        "nrm-uasc",
        "direct-work",
    ):
        assert f'id="{anchor}"' in page


def test_intelligence_about_a_child_with_a_longer_reference_is_not_shown(client_as, make_child):
    maya = client_as(Role.MANAGER)
    child = make_child(source_id="HC001")
    Intelligence.objects.create(source_id="Y1", agency="police", refs=["child:HC0012"])
    assert maya.get(f"/children/{child.pk}/").context["story"].intelligence == []


def test_every_view_of_the_page_is_audited(client_as, make_child):
    maya = client_as(Role.MANAGER)
    child = make_child()
    maya.get(f"/children/{child.pk}/")
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="child")
    assert entry.child_id == child.pk and entry.user == maya.user


def test_the_page_runs_the_same_number_of_queries_however_much_is_recorded(client_as, make_child):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    maya = client_as(Role.MANAGER)
    small, large = make_child(), make_child()
    add_history(small)
    for n in range(6):
        add_history(large, n)
    with CaptureQueriesContext(connection) as few:
        maya.get(f"/children/{small.pk}/")
    with CaptureQueriesContext(connection) as many:
        maya.get(f"/children/{large.pk}/")
    # One query per kind of record (each domain supplies its own), constant in their number.
    assert len(few) == len(many) <= 30


def test_an_unknown_child_is_not_found(client_as):
    import uuid

    assert client_as(Role.MANAGER).get(f"/children/{uuid.uuid4()}/").status_code == 404


def test_a_partner_sees_the_shared_child_but_not_case_notes(client_as, make_child):
    from lantern.children.models import ChildShare

    paul = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    child = make_child()
    ChildShare.objects.create(child=child, agency="police")
    Case.objects.create(
        source_id="CN1",
        child=child,
        opened_on=date(2024, 1, 1),
        closed_on=date(2024, 3, 1),
        route="s17",
        closure_reason="Private note about the family",
    )
    page = paul.get(f"/children/{child.pk}/").content.decode()
    assert "Case closed" in page and "Private note about the family" not in page
    assert 'href="/children/' + str(child.pk) + '/edit/"' not in page


def test_a_child_whose_level_was_set_to_none_has_no_review_due(client_as, make_child):
    maya = client_as(Role.MANAGER)
    child = make_child()
    Assessment.objects.create(
        source_id="N1", child=child, completed_on=date(2020, 1, 10), tool="ceraf", risk_level="none"
    )
    page = maya.get(f"/children/{child.pk}/").content.decode()
    assert "off the Op MET list, no review due" in page
    assert "Review overdue" not in page


def test_a_partner_asking_for_a_child_outside_their_scope_is_audited_with_the_same_404(
    client_as, make_child
):
    import re
    import uuid

    paul = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    hidden = make_child()  # not shared with the police
    absent = uuid.uuid4()
    answers = []
    for child_id in (hidden.pk, absent):
        for path in ("", "edit/", "break-glass/"):
            response = paul.get(f"/children/{child_id}/{path}")
            answers.append((response.status_code, response.content))
    assert {status for status, _ in answers} <= {403, 404}

    def page(child_id) -> str:
        html = paul.get(f"/children/{child_id}/").content.decode().replace(str(child_id), "ID")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(hidden.pk) == page(absent)
    refused = AuditEntry.objects.filter(object_type="child_refused", username="paul")
    assert {e.object_id for e in refused} == {str(hidden.pk), str(absent)}
    entry = refused.filter(object_id=str(hidden.pk)).first()
    assert entry.at and entry.user == paul.user and entry.path == f"/children/{hidden.pk}/"
