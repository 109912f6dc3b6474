"""The trigger list page, recording the meeting from it, and `triggers_as_of` (the command)."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.meetings.models import Meeting, MeetingChild
from lantern.missing.models import TriggerMeeting
from lantern.missing.selectors import triggers_as_of
from tests.missing.conftest import at


def repeat(make_episode, child, starts):
    for s in starts:
        make_episode(child, s, s + timedelta(hours=3))


def test_an_open_trigger_is_listed_and_a_meeting_from_the_page_clears_it(
    client_as, child, make_episode
):
    repeat(make_episode, child, [at(2023, 1, 1, 10), at(2023, 2, 1, 10), at(2023, 3, 1, 10)])
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("missing:triggers")).content.decode()
    assert "1 open trigger" in page and "Robin Fairweather" in page and "1 March 2023" in page
    url = reverse("missing:trigger_meeting_new", args=[child.pk])
    bad = client.post(url, {"held_on-day": "1", "held_on-month": "2", "held_on-year": "2023"})
    html = bad.content.decode()
    assert "The meeting must be held on or after the day the trigger opened, 1 March 2023" in html
    assert 'id="id_attendees-error"' in html
    response = client.post(
        url,
        {
            "held_on-day": "10",
            "held_on-month": "3",
            "held_on-year": "2023",
            "attendees": ["social_care", "police"],
            "next_time": "Call the aunt first",
        },
    )
    assert response.status_code == 302
    assert TriggerMeeting.objects.get().attendees == ["social_care", "police"]
    page = client.get(reverse("missing:triggers")).content.decode()
    assert "0 open triggers" in page and "No child you can see has an open missing trigger" in page


def test_an_imported_missing_intervention_meeting_also_clears_a_trigger(child, make_episode):
    repeat(make_episode, child, [at(2024, 1, 1, 10), at(2024, 2, 1, 10), at(2024, 3, 1, 10)])
    meeting = Meeting.objects.create(
        source_id="MM1", type="missing_intervention", held_on=date(2024, 3, 5)
    )
    MeetingChild.objects.create(meeting=meeting, child=child)
    (row,) = triggers_as_of(date(2024, 3, 20))
    assert (row.episodes_in_90_days, row.first_start, row.meeting_held) == (
        3,
        at(2024, 1, 1, 10),
        True,
    )
    (row,) = triggers_as_of(date(2024, 3, 4))
    assert row.meeting_held is False  # held after the as-of date


def test_triggers_as_of_counts_the_90_days_to_the_end_of_the_day_and_leaves_out_ola(
    child, make_episode
):
    repeat(make_episode, child, [at(2024, 1, 1, 19), at(2024, 2, 1, 10), at(2024, 3, 31, 22)])
    # 31 March 2024 ends at 23:00 UTC (BST began that day); 90 x 24 hours earlier is
    # 1 January 23:00 UTC, so the first start is outside and only 2 are in the window.
    assert triggers_as_of(date(2024, 3, 31)) == []
    make_episode(child, at(2024, 1, 1, 23), at(2024, 1, 1, 23, 30))  # the window's start
    (row,) = triggers_as_of(date(2024, 3, 31))
    assert (row.episodes_in_90_days, row.first_start) == (3, at(2024, 1, 1, 23))
    Child.objects.filter(pk=child.pk).update(placing_authority="Northmoor")
    assert triggers_as_of(date(2024, 3, 31)) == []


def test_the_trigger_list_takes_the_same_queries_whatever_its_length(
    client_as, make_episode, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    now = timezone.now()

    def a_repeat_child(n):
        c = Child.objects.create(
            source_id=f"TR{n}", date_of_birth=date(2008, 1, 1), gender="male", first_name="T"
        )
        repeat(make_episode, c, [now - timedelta(days=d) for d in (30, 20, 10)])

    a_repeat_child(0)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("missing:triggers"))
    for n in range(1, 8):
        a_repeat_child(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("missing:triggers"))
    assert "8 open triggers" in page.content.decode()
