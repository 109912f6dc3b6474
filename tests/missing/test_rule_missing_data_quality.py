"""The missing data quality checks and their page (thresholds are settings)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.missing.models import InterviewEpisode, ReturnInterview
from lantern.missing.selectors import quality_checks


def _by_key(children, now):
    return {c.key: c for c in quality_checks(children, now)}


def test_each_check_and_its_threshold(child, make_episode, settings):
    from lantern.children.models import Child

    now = timezone.now()
    other = Child.objects.create(
        source_id="MC002",
        first_name="Ash",
        last_name="Testchild",
        date_of_birth=child.date_of_birth,
        gender="male",
        district=child.district,
    )
    late = make_episode(child, now - timedelta(days=5), now - timedelta(hours=73))
    make_episode(child, now - timedelta(hours=72), now - timedelta(hours=71), police_reference="P1")
    long_open = make_episode(other, now - timedelta(days=8), police_reference="P2")
    make_episode(
        child, now - timedelta(days=6, hours=23), now - timedelta(days=6), police_reference="P3"
    )
    done = make_episode(
        child, now - timedelta(days=30), now - timedelta(days=29), police_reference="P4"
    )
    empty = ReturnInterview.objects.create(
        source_id="RI1", child=child, outcome="completed", completed_at=now - timedelta(days=28)
    )
    InterviewEpisode.objects.create(interview=empty, episode=done)
    checks = _by_key(Child.objects.all(), now)
    late_ids = {e.source_id for e in checks["no_interview"].rows}
    assert late.source_id in late_ids and "P1" not in {
        e.police_reference for e in checks["no_interview"].rows
    }
    assert done.source_id not in late_ids
    assert [e.pk for e in checks["open_long"].rows] == [long_open.pk]
    assert checks["no_police_reference"].total == 1
    assert [i.pk for i in checks["empty_interview"].rows] == [empty.pk]
    empty.child_words = "I was at a friend's"
    empty.save()
    assert _by_key(Child.objects.all(), now)["empty_interview"].total == 0
    settings.MISSING_QUALITY_OPEN_DAYS = 9
    assert _by_key(Child.objects.all(), now)["open_long"].total == 0


def test_the_page_counts_and_links(client_as, child, make_episode, django_assert_max_num_queries):
    now = timezone.now()
    for n in range(3):
        make_episode(child, now - timedelta(days=20 + n), now - timedelta(days=19 + n))
    client = client_as(Role.COORDINATOR)
    client.get(reverse("missing:quality"))
    with django_assert_max_num_queries(16):
        page = client.get(reverse("missing:quality")).content.decode()
    assert "Back more than 72 hours with no interview record: 3" in page
    assert "No police reference: 3" in page and "Nothing to put right" in page
    assert reverse("missing:episode", args=[child.episodes.first().pk]) in page
