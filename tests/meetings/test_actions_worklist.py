"""The actions worklist: mine, my team's, everyone's; overdue from the UK day after the due
date; partners see and complete only their own; completing records who and when."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.accounts.models import Role, Team
from lantern.audit.models import AuditEntry
from lantern.children.models import ChildShare
from lantern.meetings import selectors
from lantern.meetings.models import Action
from lantern.meetings.services import ActionRefused, action_complete, action_reopen


@pytest.fixture
def people(make_user):
    other_team = Team.objects.create(name="South team", districts=["Winchester"])
    return {
        "priya": make_user(Role.PRACTITIONER),
        "pete": make_user(Role.PRACTITIONER, username="pete"),  # same team as priya
        "sam": make_user(Role.PRACTITIONER, username="sam", team=other_team),
        "colin": make_user(Role.COORDINATOR),
        "paul": make_user(Role.PARTNER, agency="police", district="Hart and Rushmoor"),
        "pam": make_user(
            Role.PARTNER, username="pam", agency="police", district="Hart and Rushmoor"
        ),
    }


def descriptions(actions) -> list[str]:
    return sorted(a.description for a in actions)


def test_mine_team_and_everyone(people, make_action):
    make_action(description="priya's", owner_user=people["priya"])
    make_action(description="pete's", owner_user=people["pete"])
    make_action(description="sam's", owner_user=people["sam"])
    make_action(description="imported, priya by name", owner="PRIYA TEST")
    make_action(description="done", owner_user=people["priya"], completed_on=date(2024, 1, 1))
    priya = people["priya"]
    assert descriptions(selectors.actions_for(priya, "mine")) == [
        "imported, priya by name",
        "priya's",
    ]
    assert descriptions(selectors.actions_for(priya, "team")) == [
        "imported, priya by name",
        "pete's",
        "priya's",
    ]
    # Everyone's is for co-ordinators and managers only: a practitioner asking gets nothing.
    assert descriptions(selectors.actions_for(priya, "all")) == []
    assert len(selectors.actions_for(people["colin"], "all")) == 4
    assert len(selectors.actions_for(people["colin"], "all", open_only=False)) == 5


def test_the_scopes_each_role_may_open(people):
    assert selectors.action_scopes(people["paul"]) == ["mine"]
    assert selectors.action_scopes(people["priya"]) == ["mine", "team"]
    assert selectors.action_scopes(people["colin"]) == ["mine", "team", "all"]


@pytest.mark.parametrize(
    "now, overdue",
    [
        (datetime(2024, 6, 10, 22, 59, tzinfo=UTC), False),  # 23:59 on the 10th in the UK
        (datetime(2024, 6, 10, 23, 0, tzinfo=UTC), True),  # midnight BST: the 11th begins
        (datetime(2024, 12, 10, 23, 59, tzinfo=UTC), False),  # winter: UK time is UTC
        (datetime(2024, 12, 11, 0, 0, tzinfo=UTC), True),
    ],
)
def test_an_action_goes_overdue_at_uk_midnight_after_its_due_date(
    people, make_action, now, overdue
):
    due = date(now.year, now.month, 10)
    make_action(owner_user=people["priya"], due_on=due)
    (action,) = selectors.actions_for(people["priya"], "mine", now=now)
    assert action.overdue is overdue
    assert selectors.overdue_actions_of(people["priya"], now).exists() is overdue


def test_a_done_action_is_never_overdue(people, make_action):
    make_action(owner_user=people["priya"], due_on=date(2024, 1, 1), completed_on=date(2024, 2, 1))
    (action,) = selectors.actions_for(people["priya"], "mine", open_only=False)
    assert action.overdue is False


def test_overdue_first_then_by_due_date(people, make_action):
    make_action(description="later", owner_user=people["priya"], due_on=date(2099, 3, 1))
    make_action(description="soon", owner_user=people["priya"], due_on=date(2099, 1, 1))
    make_action(description="overdue", owner_user=people["priya"], due_on=date(2024, 1, 1))
    page = [a.description for a in selectors.actions_for(people["priya"], "mine")]
    assert page == ["overdue", "soon", "later"]


def test_a_partner_sees_only_their_own_actions(client_as, people, make_action):
    make_action(description="for paul", owner_user=people["paul"], due_on=date(2024, 1, 1))
    make_action(description="for pam", owner_user=people["pam"])
    make_action(description="for priya", owner_user=people["priya"])
    client = client_as(
        Role.PARTNER, username="paul2", agency="police", district="Hart and Rushmoor"
    )
    Action.objects.filter(description="for paul").update(owner_user=client.user)
    response = client.get(reverse("actions:list"), {"scope": "all"})  # asks for more: gets own
    html = response.content.decode()
    assert response.context["scope"] == "mine"
    assert "for paul" in html and "for pam" not in html and "for priya" not in html
    assert "Overdue" in html
    assert (
        reverse("actions:edit", kwargs={"action_id": Action.objects.get(description="for paul").pk})
        not in html
    )


def test_a_partner_completes_their_own_action_and_not_anothers(client_as, people, make_action):
    client = client_as(
        Role.PARTNER, username="paul2", agency="police", district="Hart and Rushmoor"
    )
    own = make_action(owner_user=client.user)
    theirs = make_action(owner_user=people["pam"])
    response = client.post(reverse("actions:done", kwargs={"action_id": own.pk}))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.completed_by == client.user and own.completed_on is not None
    response = client.post(reverse("actions:done", kwargs={"action_id": theirs.pk}))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.completed_on is None
    with pytest.raises(ActionRefused):
        action_complete(action=theirs, by=client.user)


def test_completing_records_when_and_by_whom(people, make_action):
    action = make_action(owner_user=people["priya"], due_on=date(2024, 6, 10))
    moment = datetime(2024, 6, 10, 23, 30, tzinfo=UTC)  # 00:30 on the 11th in the UK
    assert action_complete(action=action, by=people["pete"], now=moment) is True
    action.refresh_from_db()
    assert action.completed_at == moment
    assert action.completed_on == date(2024, 6, 11)  # the UK day
    assert action.completed_by == people["pete"]  # a team-mate may complete it
    assert action_complete(action=action, by=people["pete"]) is False  # done already
    entry = AuditEntry.objects.get(object_type="action", action="update")
    assert entry.detail["fields"] == ["completed_at", "completed_by", "completed_on"]
    assert entry.user == people["pete"]


def test_reopening_clears_who_and_when(people, make_action):
    action = make_action(owner_user=people["priya"])
    action_complete(action=action, by=people["priya"])
    assert action_reopen(action=action, by=people["priya"]) is True
    action.refresh_from_db()
    assert (action.completed_on, action.completed_at, action.completed_by) == (None, None, None)


def test_a_practitioner_of_another_team_cannot_complete_it(people, make_action):
    action = make_action(owner_user=people["priya"])
    with pytest.raises(ActionRefused):
        action_complete(action=action, by=people["sam"])


def test_an_action_about_a_child_the_user_cannot_see_shows_without_the_child(
    client_as, make_child, make_action
):
    client = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    shared = make_child("MT100", first_name="Shared", last_name="Child")
    hidden = make_child("MT101", first_name="Secret", last_name="Child")
    ChildShare.objects.create(child=shared, agency="police")
    make_action(description="about shared", owner_user=client.user, child=shared)
    make_action(description="about hidden", owner_user=client.user, child=hidden)
    response = client.get(reverse("actions:list"))
    html = response.content.decode()
    assert "about shared" in html and "about hidden" in html
    assert "Shared Child" in html
    assert "Secret" not in html and "MT101" not in html
    assert AuditEntry.objects.filter(object_type="action_list", child_id=shared.pk).exists()
    assert not AuditEntry.objects.filter(child_id=hidden.pk).exists()


def test_the_worklist_shows_its_total_and_an_empty_state(client_as):
    client = client_as(Role.PRACTITIONER)
    response = client.get(reverse("actions:list"))
    html = response.content.decode()
    assert "<strong>0</strong> open actions" in html
    assert "No open actions here" in html


def test_the_worklist_runs_a_fixed_number_of_queries(
    client_as, make_child, make_action, meeting, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    for n in range(30):
        child = make_child(f"Q{n:03d}")
        make_action(owner_user=client.user, child=child, meeting=meeting, due_on=date(2024, 1, 1))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("actions:list"), {"scope": "all"})
    assert response.context["total"] == 30
    assert response.context["overdue"] == 30


def test_the_meeting_page_runs_a_fixed_number_of_queries(
    client_as, make_child, make_action, meeting, django_assert_max_num_queries
):
    from lantern.meetings.models import MeetingChild

    client = client_as(Role.COORDINATOR)
    for n in range(20):
        child = make_child(f"Q{n:03d}")
        MeetingChild.objects.create(meeting=meeting, child=child, position=n)
        make_action(owner_user=client.user, child=child, meeting=meeting)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("meetings:detail", kwargs={"meeting_id": meeting.pk}))
    assert len(response.context["children"]) == 20


def test_the_owners_landing_page_shows_their_overdue_actions(client_as, make_action):
    client = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    make_action(owner_user=client.user, due_on=date(2024, 1, 1))
    make_action(owner_user=client.user, due_on=date(2099, 1, 1))
    html = client.get(reverse("home")).content.decode()
    assert "Your overdue actions" in html
    assert "1 action you own is past its due date" in html


def test_editing_an_action_changes_owner_name_too(client_as, people, make_action):
    client = client_as(Role.COORDINATOR, username="colin2")
    action = make_action(owner_user=people["priya"], owner="Priya Test", due_on=date(2030, 1, 1))
    response = client.post(
        reverse("actions:edit", kwargs={"action_id": action.pk}),
        {
            "description": "Changed",
            "owner_user": str(people["paul"].pk),
            "agency": "police",
            "due_on-day": "2",
            "due_on-month": "1",
            "due_on-year": "2030",
            "child": "",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.owner_user, action.owner, action.due_on) == (
        "Changed",
        people["paul"],
        "Paul Test",
        date(2030, 1, 2),
    )


def test_a_practitioner_with_no_team_still_completes_their_own(make_user, make_action):
    loner = make_user(Role.PRACTITIONER, username="loner", team=None)
    action = make_action(owner_user=loner)
    assert selectors.action_may_complete(loner, action)
    assert list(selectors.actions_for(loner, "team")) == []
    assert action_complete(action=action, by=loner) is True
