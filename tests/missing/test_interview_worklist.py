"""The return interview worklist: outstanding interviews with their clock, overdue first,
filters, counts, and recording an interview covering one or several episodes."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.cases.models import Case
from lantern.children.models import Child, ChildShare
from lantern.missing.models import ReturnInterview
from lantern.missing.selectors import Clock, interview_clock
from tests.missing.conftest import at, moment_fields


def a_child(n: int, district: str = "Hart and Rushmoor") -> Child:
    return Child.objects.create(
        source_id=f"WL{n}", first_name=f"Child{n}", last_name="Test",
        date_of_birth=date(2008, 1, 1), gender="male", district=district,
    )  # fmt: skip


def test_the_clock_is_due_then_due_within_24_hours_then_overdue():
    back = at(2024, 6, 1, 12)
    assert interview_clock(back, back + timedelta(hours=47, minutes=59)) == Clock.DUE
    assert interview_clock(back, back + timedelta(hours=48)) == Clock.DUE_SOON
    assert interview_clock(back, back + timedelta(hours=72)) == Clock.DUE_SOON
    assert interview_clock(back, back + timedelta(hours=72, seconds=1)) == Clock.OVERDUE


def test_outstanding_interviews_are_listed_overdue_first_with_counts_and_the_worker(
    client_as, make_episode
):
    client = client_as(Role.COORDINATOR)
    now = timezone.now()
    fresh, late = a_child(1), a_child(2, district="Basingstoke and Deane")
    make_episode(fresh, now - timedelta(hours=12), now - timedelta(hours=10))
    make_episode(late, now - timedelta(hours=100), now - timedelta(hours=80))
    Case.objects.create(
        source_id="WC1", child=late, opened_on=date(2024, 1, 1), route="s17", worker="Sam Worker"
    )
    page = client.get(reverse("missing:interviews")).content.decode()
    assert "2</strong> interviews outstanding" in page
    assert "1 overdue" in page and "1 due</a>" in page and "0 due within 24 hours" in page
    assert page.index("Child2 Test") < page.index("Child1 Test")
    assert "8 hours overdue" in page and "62 hours left" in page
    assert "Sam Worker" in page
    by_district = client.get(reverse("missing:interviews"), {"district": "Hart and Rushmoor"})
    assert "Child2 Test" not in by_district.content.decode()
    overdue = client.get(reverse("missing:interviews"), {"status": "overdue"}).content.decode()
    assert "Child2 Test" in overdue and "Child1 Test" not in overdue
    by_worker = client.get(reverse("missing:interviews"), {"worker": "Sam Worker"})
    assert "Child1 Test" not in by_worker.content.decode()


def test_an_empty_worklist_and_bad_filters_say_so_without_an_error(client_as):
    client = client_as(Role.COORDINATOR)
    page = client.get(reverse("missing:interviews"), {"status": "nonsense", "page": "x"})
    assert page.status_code == 200
    assert "No return interviews are outstanding." in page.content.decode()


def test_the_worklist_takes_the_same_queries_whatever_its_length(
    client_as, make_episode, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    now = timezone.now()
    make_episode(a_child(0), now - timedelta(hours=30), now - timedelta(hours=20))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("missing:interviews"))
    for n in range(1, 12):
        child = a_child(n)
        make_episode(child, now - timedelta(hours=30), now - timedelta(hours=20))
        Case.objects.create(
            source_id=f"WC{n}", child=child, opened_on=date(2024, 1, 1), route="s17", worker="W"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("missing:interviews"))
    assert "12</strong> interviews outstanding" in page.content.decode()


def interview_form(episodes, **extra) -> dict:
    data = {
        "episodes": [str(e.pk) for e in episodes],
        "outcome": "completed",
        **moment_fields("offered_at", 2, 6, 2024, "09:00"),
        **moment_fields("completed_at", 3, 6, 2024, "16:00"),
        "conducted_by": "Return worker A",
        "independent": "yes",
        "push_factors": ["conflict_at_home"],
        "pull_factors": ["older_peers", "drugs"],
        "where_child_was": "A flat in town",
        "harm_disclosed": "no",
        "child_words": "I just wanted to be with my mates",
    }
    data.update(extra)
    return data


def test_one_interview_can_cover_two_of_the_childs_episodes(client_as, child, make_episode):
    client = client_as(Role.COORDINATOR)
    one = make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20))
    two = make_episode(child, at(2024, 6, 2, 9), at(2024, 6, 2, 20))
    url = reverse("missing:interview_new", args=[child.pk])
    form = client.get(url, {"episode": str(one.pk)}).content.decode()
    assert f'value="{one.pk}" checked' in form and f'value="{two.pk}"' in form
    response = client.post(url, interview_form([one, two]))
    assert response.status_code == 302
    interview = ReturnInterview.objects.get()
    assert interview.source_id.startswith("LAN-")
    assert set(interview.episodes.all()) == {one, two}
    assert interview.pull_factors == ["older_peers", "drugs"]
    page = client.get(reverse("missing:interviews")).content.decode()
    assert "No return interviews are outstanding." in page


def test_interview_mistakes_are_shown_beside_the_fields(client_as, child, make_episode):
    client = client_as(Role.COORDINATOR)
    one = make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20))
    url = reverse("missing:interview_new", args=[child.pk])
    page = client.post(url, interview_form([], outcome="exception", **{"completed_at-day": ""}))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="id_episodes-error"' in html
    assert "Give the reason the interview was not possible or not appropriate" in html
    other = a_child(9)
    theirs = make_episode(other, at(2024, 6, 1, 9), at(2024, 6, 1, 20))
    page = client.post(url, interview_form([one, theirs]))
    assert "Choose episodes of this child that await an interview" in page.content.decode()
    assert ReturnInterview.objects.count() == 0


def test_content_marked_not_shareable_never_reaches_partners(client_as, child, make_episode):
    one = make_episode(child, at(2024, 6, 1, 9), at(2024, 6, 1, 20))
    coordinator = client_as(Role.COORDINATOR)
    coordinator.post(
        reverse("missing:interview_new", args=[child.pk]),
        interview_form([one], not_shareable="on"),
    )
    page = coordinator.get(reverse("missing:episode", args=[one.pk])).content.decode()
    assert "I just wanted to be with my mates" in page
    ChildShare.objects.create(child=child, agency="police")
    partner = client_as(Role.PARTNER, username="pat", agency="police", district=child.district)
    page = partner.get(reverse("missing:episode", args=[one.pk])).content.decode()
    assert "Not shareable with partner agencies" in page
    assert "I just wanted to be with my mates" not in page
