"""Opening a restricted record: reason required, recorded, audited, shown to managers."""

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.children.models import BreakGlass


@pytest.fixture
def sealed(make_child):
    return make_child(first_name="Jordan", last_name="Whitfield", restricted=True)


def test_a_restricted_record_shows_only_that_it_is_restricted(client_as, sealed):
    response = client_as(Role.PRACTITIONER).get(f"/children/{sealed.pk}/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "This record is restricted" in page
    assert "Whitfield" not in page and sealed.source_id not in page


def test_breaking_the_glass_needs_a_written_reason(client_as, sealed):
    priya = client_as(Role.PRACTITIONER)
    response = priya.post(f"/children/{sealed.pk}/break-glass/", {"reason": ""})
    assert response.status_code == 200  # the form to put right, not a refusal
    page = response.content.decode()
    assert "Enter why you need to open this restricted record" in page
    assert 'id="id_reason_error"' in page
    assert not BreakGlass.objects.exists()


def test_breaking_the_glass_is_recorded_audited_and_opens_the_record_for_the_session(
    client_as, sealed
):
    priya = client_as(Role.PRACTITIONER)
    reason = "Police called about a missing episode tonight"
    response = priya.post(f"/children/{sealed.pk}/break-glass/", {"reason": reason})
    assert response.status_code == 302
    event = BreakGlass.objects.get()
    assert event.user == priya.user and event.reason == reason
    assert AuditEntry.objects.filter(action=AuditAction.BREAK_GLASS, child_id=sealed.pk).exists()
    assert priya.get(f"/children/{sealed.pk}/").status_code == 200
    # a new session starts sealed again
    priya.logout()
    assert (
        client_as(Role.PRACTITIONER, username="pia").get(f"/children/{sealed.pk}/").status_code
        == 403
    )


def test_managers_see_break_glass_events_and_mark_them_reviewed(client_as, make_user, sealed):
    priya = make_user(Role.PRACTITIONER)
    event = BreakGlass.objects.create(child=sealed, user=priya, reason="Urgent safeguarding call")
    maya = client_as(Role.MANAGER)
    assert b"Urgent safeguarding call" in maya.get("/").content
    assert b"Urgent safeguarding call" in maya.get("/audit/").content
    maya.post(f"/children/break-glass/{event.pk}/reviewed/", {"next": "/"})
    event.refresh_from_db()
    assert event.acknowledged_by == maya.user
    assert b"No break-glass events are waiting for review" in maya.get("/").content


def test_only_managers_mark_break_glass_events_reviewed(client_as, make_user, sealed):
    event = BreakGlass.objects.create(
        child=sealed, user=make_user(Role.PRACTITIONER), reason="x" * 12
    )
    assert (
        client_as(Role.COORDINATOR).post(f"/children/break-glass/{event.pk}/reviewed/").status_code
        == 403
    )
