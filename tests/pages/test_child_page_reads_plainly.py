"""The child page in words a social worker uses: codes as words, the network by name,
interviews beside their episodes, sections as GOV.UK tabs, and an import said to be one."""

import re
from datetime import UTC, date, datetime

import pytest

from lantern.accounts.models import Role
from lantern.cases.models import DirectWork
from lantern.children.models import Child
from lantern.mapping.models import Entity, Link
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from lantern.risk.models import Assessment


@pytest.fixture
def maya(client_as):
    return client_as(Role.MANAGER)


def page_of(client, child) -> str:
    return client.get(f"/children/{child.pk}/").content.decode()


def test_dataset_codes_are_shown_as_their_words(maya, make_child):
    child = make_child(flags=["neet"])
    Assessment.objects.create(
        source_id="A1",
        child=child,
        completed_on=date(2024, 1, 10),
        tool="ceraf",
        risk_level="medium",
        exploitation_types=["cse", "county_lines"],
    )
    DirectWork.objects.create(
        source_id="D1",
        child=child,
        held_on=date(2024, 2, 7),
        with_whom="parent_carer",
        setting="face_to_face",
    )
    page = page_of(maya, child)
    assert "Not in education, employment or training" in page
    assert "Child sexual exploitation, county lines" in page
    assert "with a parent or carer, face to face" in page.lower()
    for code in ("county_lines", "parent_carer", "face_to_face", ">neet<"):
        assert code not in page


def test_the_network_names_people_and_places_and_links_to_children(maya, make_child):
    child = make_child(first_name="Jordan")
    friend = make_child(first_name="Riley", last_name="Stone")
    Entity.objects.create(source_id="EA001", kind="adult", label="Older male known as 'K'")
    Link.objects.create(
        source_id="L1",
        from_ref=f"child:{child.source_id}",
        to_ref="entity:EA001",
        relation="seen_with",
    )
    Link.objects.create(
        source_id="L2",
        from_ref=f"child:{friend.source_id}",
        to_ref=f"child:{child.source_id}",
        relation="associate",
    )
    page = page_of(maya, child)
    assert "entity:EA001" not in page and f"child:{friend.source_id}" not in page
    assert "Older male known as" in page and "Adult of concern" in page and "Seen with" in page
    assert f'href="/children/{friend.pk}/">Riley Stone</a>' in page


def test_a_linked_child_the_user_cannot_see_is_not_named(client_as, make_child):
    priya = client_as(Role.PRACTITIONER)
    child = make_child(district="Hart and Rushmoor")
    hidden = Child.objects.create(
        source_id="FAR1",
        first_name="Secret",
        last_name="Name",
        date_of_birth=date(2009, 1, 1),
        gender="male",
        district="Somewhere Else",
    )
    Link.objects.create(
        source_id="L1",
        from_ref=f"child:{child.source_id}",
        to_ref=f"child:{hidden.source_id}",
        relation="associate",
    )
    page = page_of(priya, child)
    assert "Secret" not in page and "FAR1" not in page
    assert "A child you cannot open" in page


def test_each_episode_shows_the_interview_that_covers_it(maya, make_child):
    child = make_child()
    covered = Episode.objects.create(
        source_id="E1",
        child=child,
        missing_from="home",
        started_at=datetime(2024, 2, 1, 20, tzinfo=UTC),
        ended_at=datetime(2024, 2, 2, 9, tzinfo=UTC),
    )
    Episode.objects.create(
        source_id="E2",
        child=child,
        missing_from="care",
        started_at=datetime(2024, 3, 1, 20, tzinfo=UTC),
        ended_at=datetime(2024, 3, 2, 9, tzinfo=UTC),
    )
    interview = ReturnInterview.objects.create(
        source_id="I1",
        child=child,
        outcome="completed",
        offered_at=datetime(2024, 2, 3, 9, tzinfo=UTC),
        completed_at=datetime(2024, 2, 4, 9, tzinfo=UTC),
    )
    InterviewEpisode.objects.create(interview=interview, episode=covered)
    page = page_of(maya, child)
    rows = re.findall(
        r"<tr class=\"govuk-table__row\">(.*?)</tr>", page.split('id="missing"')[1], re.S
    )
    march, february = rows[1], rows[2]  # after the header row
    assert "1 March 2024" in march and "None recorded" in march
    assert "1 February 2024" in february and "Offered 3 February 2024" in february


def test_the_sections_are_gov_uk_tabs_that_work_without_javascript(maya, make_child):
    page = page_of(maya, make_child())
    assert 'class="govuk-tabs lantern-sections" data-module="govuk-tabs"' in page
    for section in (
        "timeline",
        "risk-history",
        "missing",
        "meetings",
        "network",
        "nrm-uasc",
        "direct-work",
    ):
        assert f'<a class="govuk-tabs__tab" href="#{section}">' in page
        assert re.search(rf'<section class="govuk-tabs__panel[^"]*" id="{section}"', page)


def test_last_changed_says_when_it_was_an_import(maya, make_child):
    child = make_child()  # written straight to the database, as an import does
    assert "Last changed by an import on" in page_of(maya, child)


def test_last_changed_names_the_person_after_a_change_on_the_page(client_as, maya, make_child):
    child = make_child()
    page = maya.get(f"/children/{child.pk}/edit/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["district"] = "Hart and Rushmoor"
    data["first_name"] = "Changed"
    data["flags"] = ""
    for part, value in (("day", 3), ("month", 6), ("year", 2008)):
        data[f"date_of_birth-{part}"] = value
    data.pop("date_of_birth", None)
    data.pop("uasc_arrived_on", None)
    data["uasc"] = ""
    response = maya.post(
        f"/children/{child.pk}/edit/",
        {k: v for k, v in data.items() if v not in (False, "")} | {"version": data["version"]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = page_of(maya, child)
    assert "Last changed by an import" not in page
    assert re.search(r"Last changed \d+ \w+ \d{4} at \d\d:\d\d by", page)
