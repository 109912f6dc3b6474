"""The "children missing together" list: the evidence, groups, access, and the one click
that records a "missing with" link for mapping."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.mapping.models import Link
from lantern.missing.selectors import missing_together, place_key, together_groups


def _child(ref, first, **extra):
    return Child.objects.create(
        source_id=ref,
        first_name=first,
        last_name="Testchild",
        date_of_birth=date(2010, 1, 1),
        gender="female",
        district="Hart and Rushmoor",
        **extra,
    )


def test_overlaps_and_the_same_place_on_the_same_day_are_the_evidence(child, make_episode):
    now = timezone.now()
    other, third, apart = _child("T2", "Ash"), _child("T3", "Briar"), _child("T4", "Cedar")
    start = now - timedelta(days=10)
    make_episode(child, start, start + timedelta(hours=5))
    make_episode(other, start + timedelta(hours=2), start + timedelta(hours=9))
    # Found at the same place on the same day, not overlapping.
    make_episode(
        child, now - timedelta(days=4), now - timedelta(days=3), found_location="12 High St."
    )
    make_episode(
        third,
        now - timedelta(days=3, hours=1),
        now - timedelta(days=3),
        found_location="12 high st",
    )
    make_episode(apart, now - timedelta(days=2), now - timedelta(days=1))
    pairs = missing_together(Child.objects.all(), since=now - timedelta(days=30), now=now)
    found = {frozenset((p.first.source_id, p.second.source_id)): p for p in pairs}
    assert set(found) == {frozenset(("MC001", "T2")), frozenset(("MC001", "T3"))}
    overlap = found[frozenset(("MC001", "T2"))]
    assert overlap.overlapping_time == timedelta(hours=3) and not overlap.same_place
    assert len(found[frozenset(("MC001", "T3"))].same_place) == 1
    assert pairs[0] is found[frozenset(("MC001", "T3"))]  # most recent first
    assert together_groups(pairs)[0] == sorted([child, other, third], key=lambda c: c.full_name)
    assert place_key(" 12  High St. ") == "12 high st"


def test_episodes_before_the_period_and_touching_episodes_are_not_evidence(child, make_episode):
    now = timezone.now()
    other = _child("T2", "Ash")
    old = now - timedelta(days=400)
    make_episode(child, old, old + timedelta(hours=5))
    make_episode(other, old + timedelta(hours=1), old + timedelta(hours=2))
    start = now - timedelta(days=5)
    make_episode(child, start, start + timedelta(hours=5))
    make_episode(other, start + timedelta(hours=5), start + timedelta(hours=6))  # touching
    assert missing_together(Child.objects.all(), since=now - timedelta(days=180), now=now) == []


def test_an_open_episode_runs_on_to_now(child, make_episode):
    now = timezone.now()
    other = _child("T2", "Ash")
    make_episode(child, now - timedelta(hours=10))
    make_episode(other, now - timedelta(hours=4))
    (pair,) = missing_together(Child.objects.all(), since=now - timedelta(days=30), now=now)
    assert timedelta(hours=3, minutes=59) < pair.overlapping_time <= timedelta(hours=4)


def test_the_list_shows_the_evidence_and_one_click_links_the_pair(
    client_as, child, make_episode, django_assert_max_num_queries
):
    now = timezone.now()
    other = _child("T2", "Ash")
    start = now - timedelta(days=10)
    make_episode(child, start, start + timedelta(hours=5))
    make_episode(other, start + timedelta(hours=2), start + timedelta(hours=9))
    client = client_as(Role.COORDINATOR)
    url = reverse("together:list")
    client.get(url)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert "1 pair of children" in page and "Ash Testchild" in page
    assert "Overlapped for" in page and "3 hours" in page
    response = client.post(
        reverse("together:link"), {"first": str(child.pk), "second": str(other.pk), "period": "6"}
    )
    assert response.status_code == 302 and response["Location"].endswith("?period=6")
    link = Link.objects.get()
    assert link.relation == "missing_with"
    assert {link.from_ref, link.to_ref} == {"child:MC001", "child:T2"}
    assert link.first_seen == timezone.localtime(start + timedelta(hours=2)).date()
    page = client.get(url).content.decode()
    assert "Linked as missing together" in page
    client.post(reverse("together:link"), {"first": str(child.pk), "second": str(other.pk)})
    assert Link.objects.count() == 1  # a second click records nothing


def test_query_count_does_not_grow_with_the_pairs(
    client_as, child, make_episode, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(6):
        other = _child(f"T{n}", f"Child{n}")
        start = now - timedelta(days=10 + n)
        make_episode(child, start, start + timedelta(hours=5))
        make_episode(other, start + timedelta(hours=1), start + timedelta(hours=3))
    client = client_as(Role.COORDINATOR)
    client.get(reverse("together:list"))
    with django_assert_max_num_queries(14):
        page = client.get(reverse("together:list")).content.decode()
    assert "6 pairs of children" in page


def test_a_pair_the_user_cannot_see_is_not_listed_and_cannot_be_linked(
    client_as, child, make_episode
):
    now = timezone.now()
    hidden = _child("T9", "Hidden", restricted=True)
    start = now - timedelta(days=3)
    make_episode(child, start, start + timedelta(hours=5))
    make_episode(hidden, start + timedelta(hours=1), start + timedelta(hours=3))
    client = client_as(Role.PRACTITIONER)
    page = client.get(reverse("together:list")).content.decode()
    assert "Hidden" not in page and "0 pairs" in page
    response = client.post(
        reverse("together:link"), {"first": str(child.pk), "second": str(hidden.pk)}
    )
    assert response.status_code == 404 and not Link.objects.exists()


def test_the_pairs_come_in_pages_and_a_large_group_names_its_first_children(
    client_as, child, make_episode, settings
):
    """27 children missing at once make 351 pairs: 25 a page, and the group lists its first
    twelve names with the rest behind "more"."""
    now = timezone.now()
    start = now - timedelta(days=5)
    make_episode(child, start, start + timedelta(hours=6))
    for n in range(26):
        other = _child(f"G{n:02d}", f"Grp{n:02d}")
        make_episode(other, start + timedelta(minutes=n + 1), start + timedelta(hours=5))
    client = client_as(Role.COORDINATOR)
    first = client.get(reverse("together:list")).content.decode()
    assert "351 pairs of children, in 1 group of three or more" in first
    assert "Showing pairs 1 to 25." in first
    assert first.count('class="govuk-summary-card"') == 25
    assert "and 15 more in this group" in first
    last = client.get(reverse("together:list"), {"period": "6", "page": "15"}).content.decode()
    assert "Showing pairs 351 to 351." in last and 'id="pair-351"' in last
    response = client.post(
        reverse("together:link"),
        {
            "first": str(child.pk),
            "second": str(Child.objects.get(source_id="G00").pk),
            "period": "6",
            "page": "3",
        },
    )
    assert response["Location"].endswith("?period=6&page=3")
