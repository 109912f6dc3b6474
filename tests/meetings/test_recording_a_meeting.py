"""Any kind of meeting is recorded with agencies, children discussed and decisions; its page
shows them with its actions; the child's page links to it."""

from datetime import date

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.meetings.models import Action, Meeting, MeetingChild, MeetingType
from lantern.meetings.services import action_create, meeting_create, meeting_update
from tests.meetings.conftest import date_fields


def meeting_post(**extra) -> dict:
    data = {
        "type": "strategy",
        **date_fields("held_on", date(2024, 6, 3)),
        "district": "Hart and Rushmoor",
        "title": "North strategy",
        "attendees": ["social_care", "police"],
        "children": "",
        "decisions": "Refer to NRM",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("kind", [k for k in MeetingType.values if k != "other"])
def test_every_kind_of_meeting_in_the_domain_can_be_recorded(client_as, child, kind):
    client = client_as(Role.COORDINATOR)
    response = client.post(
        reverse("meetings:new"), meeting_post(type=kind, children=child.source_id)
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("meetings:detail", kwargs={"meeting_id": meeting.pk})
    assert meeting.type == kind
    assert meeting.held_on == date(2024, 6, 3)
    assert meeting.decisions == "Refer to NRM"
    assert meeting.source_id.startswith("LAN-")
    assert sorted(meeting.attendees.values_list("agency", flat=True)) == ["police", "social_care"]
    assert list(meeting.children.all()) == [child]


def test_recording_a_meeting_is_audited_by_field_names_not_values(client_as, child):
    client = client_as(Role.COORDINATOR)
    client.post(reverse("meetings:new"), meeting_post(children=child.source_id))
    entry = AuditEntry.objects.get(object_type="meeting", action="create")
    assert "decisions" in entry.detail["fields"]
    assert "children" in entry.detail["fields"]
    assert "Refer to NRM" not in str(entry.detail)


def test_bad_input_gets_errors_beside_the_field(client_as):
    client = client_as(Role.COORDINATOR)
    response = client.post(
        reverse("meetings:new"),
        meeting_post(
            type="", attendees=[], children="NOPE1", **{"held_on-day": "31", "held_on-month": "2"}
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["type"] == ["Choose the kind of meeting"]
    assert form.errors["attendees"] == ["Choose the agencies that attended"]
    assert "No child you can see has the reference NOPE1" in form.errors["children"][0]
    assert "real date" in form.errors["held_on"][0]
    html = response.content.decode()
    assert 'id="id_children_error"' in html
    assert "There is a problem" in html
    assert not Meeting.objects.exists()


def test_a_child_the_user_cannot_see_cannot_be_named_as_discussed(client_as, far_child):
    client = client_as(Role.PRACTITIONER)
    response = client.post(reverse("meetings:new"), meeting_post(children=far_child.source_id))
    assert response.status_code == 200
    assert (
        "No child you can see has the reference MT900"
        in response.context["form"].errors["children"][0]
    )


def test_the_meeting_page_shows_attendees_children_decisions_and_actions(
    client_as, make_user, child, far_child
):
    client = client_as(Role.PRACTITIONER)
    owner = make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    meeting = meeting_create(
        by=client.user,
        type="mapping",
        held_on=date(2024, 6, 3),
        attendees=["police", "health"],
        children=[child, far_child],
        decisions="Map the peer group",
    )
    action_create(
        by=client.user,
        meeting=meeting,
        child=far_child,
        description="Visit the school",
        owner_user=owner,
        due_on=date(2024, 6, 10),
    )
    response = client.get(reverse("meetings:detail", kwargs={"meeting_id": meeting.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Map the peer group" in html
    assert "Robin Fairweather" in html
    assert "Faraway" not in html  # out of the practitioner's districts: not shown
    assert "1 other child discussed is not shown" in html
    assert "Visit the school" in html
    assert "Paul Test (Police)" in html
    assert "Overdue" in html
    assert AuditEntry.objects.filter(object_type="meeting", child_id=child.pk).exists()
    assert not AuditEntry.objects.filter(child_id=far_child.pk, action="view").exists()


def test_editing_keeps_the_children_the_editor_cannot_see(client_as, child, far_child):
    client = client_as(Role.PRACTITIONER)
    meeting = meeting_create(
        by=client.user, type="triage", held_on=date(2024, 6, 3), children=[child, far_child]
    )
    response = client.post(
        reverse("meetings:edit", kwargs={"meeting_id": meeting.pk}),
        meeting_post(type="triage", children="", decisions="Changed"),
    )
    assert response.status_code == 302
    assert list(meeting.children.all()) == [far_child]
    meeting.refresh_from_db()
    assert meeting.decisions == "Changed"


def test_meeting_update_names_what_changed_in_the_audit(coordinator_user, child):
    meeting = meeting_create(by=coordinator_user, type="triage", held_on=date(2024, 6, 3))
    changed = meeting_update(
        meeting=meeting,
        by=coordinator_user,
        changes={"title": "Tuesday triage", "children": [child], "attendees": []},
    )
    assert changed == ["title", "children"]
    entry = AuditEntry.objects.get(object_type="meeting", action="update")
    assert entry.detail["fields"] == ["children", "title"]
    assert (
        meeting_update(meeting=meeting, by=coordinator_user, changes={"title": "Tuesday triage"})
        == []
    )


def test_an_action_is_set_on_the_meeting_with_owner_agency_and_due_date(
    client_as, make_user, child, meeting
):
    client = client_as(Role.COORDINATOR)
    MeetingChild.objects.create(meeting=meeting, child=child)
    partner = make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    response = client.post(
        reverse("meetings:action_new", kwargs={"meeting_id": meeting.pk}),
        {
            "description": "Return home interview",
            "owner_user": str(partner.pk),
            "agency": "",
            **date_fields("due_on", date(2030, 1, 31)),
            "child": str(child.pk),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner_user == partner
    assert action.owner == "Paul Test"  # the text owner is filled too, as imported rows have it
    assert action.agency == "police"  # the owner's agency when none is chosen
    assert action.due_on == date(2030, 1, 31)
    assert action.child == child and action.meeting == meeting
    assert action.created_by == client.user


def test_the_action_form_refuses_a_missing_owner_and_due_date(client_as, meeting):
    client = client_as(Role.COORDINATOR)
    response = client.post(
        reverse("meetings:action_new", kwargs={"meeting_id": meeting.pk}),
        {"description": "", "owner_user": "", "child": ""},
    )
    errors = response.context["form"].errors
    assert errors["description"] == ["Enter what is to be done"]
    assert errors["owner_user"] == ["Choose who owns the action"]
    assert errors["due_on"][0].startswith("Enter due by")
    assert not Action.objects.exists()


def test_the_child_page_links_each_meeting_of_the_child(client_as, child, meeting):
    client = client_as(Role.MANAGER)
    MeetingChild.objects.create(meeting=meeting, child=child)
    response = client.get(reverse("children:detail", kwargs={"child_id": child.pk}))
    html = response.content.decode()
    assert reverse("meetings:detail", kwargs={"meeting_id": meeting.pk}) in html
    assert "Triage meeting, 3 June 2024" in html
    assert f"{reverse('meetings:new')}?child={child.pk}" in html


def test_starting_from_the_child_page_names_the_child(client_as, child):
    client = client_as(Role.COORDINATOR)
    response = client.get(reverse("meetings:new"), {"child": str(child.pk)})
    assert response.context["form"].initial["children"] == child.source_id


def test_the_meeting_list_filters_by_kind_and_date_and_counts(
    client_as, child, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    for n in range(12):
        m = Meeting.objects.create(
            source_id=f"L{n}", type="triage" if n % 2 else "ce_panel", held_on=date(2024, 6, 1 + n)
        )
        MeetingChild.objects.create(meeting=m, child=child)
        Action.objects.create(source_id=f"LA{n}", meeting=m, description="x")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("meetings:list"))
    assert response.context["total"] == 12
    assert "<strong>12</strong> meetings" in response.content.decode()
    response = client.get(reverse("meetings:list"), {"type": "triage", "from": "5/6/2024"})
    assert response.context["total"] == 4  # the 6th, 8th, 10th and 12th June
    assert all(m.children_count == 1 and m.open_actions == 1 for m in response.context["meetings"])


def test_the_meeting_list_says_when_a_typed_date_is_not_a_date(client_as):
    client = client_as(Role.COORDINATOR)
    response = client.get(reverse("meetings:list"), {"from": "someday"})
    assert 'id="from-error"' in response.content.decode()
    assert "No meetings are recorded yet" in response.content.decode()


def test_editing_attendees_keeps_an_imported_invited_but_absent_agency(coordinator_user, meeting):
    from lantern.meetings.models import MeetingAttendee

    MeetingAttendee.objects.create(meeting=meeting, agency="health", attended=False, position=0)
    MeetingAttendee.objects.create(meeting=meeting, agency="police", attended=True, position=1)
    meeting_update(meeting=meeting, by=coordinator_user, changes={"attendees": ["education"]})
    rows = list(meeting.attendees.order_by("position").values_list("agency", "attended"))
    assert rows == [("education", True), ("health", False)]


def test_children_discussed_are_found_by_name_and_added(client_as, make_child, child, meeting):
    client = client_as(Role.PRACTITIONER)
    MeetingChild.objects.create(meeting=meeting, child=child, position=0)
    jordan = make_child("MT002", first_name="Jordan", last_name="Whitfield")
    make_child("MT901", district="Winchester", first_name="Jordan", last_name="Whitmore")
    url = reverse("meetings:children_add", kwargs={"meeting_id": meeting.pk})
    response = client.post(url, {"q": "jor whit"})
    found = response.context["found"]
    assert found == [jordan]  # the Winchester child is out of the practitioner's districts
    entry = AuditEntry.objects.get(object_type="meeting_child_find")
    assert "jor" not in str(entry.detail)  # the search text is never logged
    response = client.post(url, {"add": "1", "child": [str(jordan.pk)]})
    assert response.status_code == 302
    assert [mc.child for mc in meeting.discussed.order_by("position")] == [child, jordan]


def test_adding_with_no_child_ticked_says_so(client_as, meeting):
    client = client_as(Role.PRACTITIONER)
    url = reverse("meetings:children_add", kwargs={"meeting_id": meeting.pk})
    response = client.post(url, {"add": "1"})
    assert "Choose the children discussed" in response.content.decode()
    response = client.post(url, {"q": ""})
    assert response.context["form"].errors["q"] == ["Enter a name or reference to search for"]
