"""Missing now: every open episode, longest first, escalation marked."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import Child
from lantern.missing.selectors import episodes_missing_now, escalation_reasons


def a_child(n: int, born: date = date(2008, 1, 1)) -> Child:
    return Child.objects.create(
        source_id=f"NOW{n}", first_name=f"Child{n}", last_name="Test",
        date_of_birth=born, gender="male", district="Hart and Rushmoor",
    )  # fmt: skip


def test_open_episodes_are_listed_longest_first_with_their_escalation(client_as, make_episode):
    now = timezone.now()
    recent = a_child(1)
    make_episode(recent, now - timedelta(hours=2))
    long_gone = a_child(2)
    make_episode(long_gone, now - timedelta(hours=30))
    back = a_child(3)
    make_episode(back, now - timedelta(hours=50), now - timedelta(hours=40))
    page = client_as(Role.COORDINATOR).get(reverse("missing:now")).content.decode()
    assert "2 children are missing now, 1 to escalate" in page
    assert page.index("Child2 Test") < page.index("Child1 Test")
    assert "Child3 Test" not in page
    assert "Missing over 24 hours" in page
    assert AuditEntry.objects.filter(object_type="missing_now", child_id=long_gone.pk).exists()


def test_each_reason_to_escalate_is_named(make_episode):
    now = timezone.now()
    young = a_child(1, born=now.date().replace(year=now.year - 12))
    for days in (60, 30):
        make_episode(young, now - timedelta(days=days), now - timedelta(days=days, hours=-2))
    make_episode(young, now - timedelta(hours=1), police_risk="high")
    (episode,) = episodes_missing_now(Child.objects.all())
    assert escalation_reasons(episode, now) == [
        "Police risk high",
        "Under 13",
        "Third episode in 90 days",
    ]


def test_nobody_missing_says_so(client_as):
    page = client_as(Role.MANAGER).get(reverse("missing:now")).content.decode()
    assert "0 children are missing now" in page
    assert "No child you can see is missing now." in page


def test_missing_now_takes_the_same_queries_whatever_the_number_of_episodes(
    client_as, make_episode, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    now = timezone.now()
    make_episode(a_child(0), now - timedelta(hours=3))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("missing:now"))
    for n in range(1, 15):
        make_episode(a_child(n), now - timedelta(hours=n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("missing:now"))
    assert "15 children are missing now" in page.content.decode()
