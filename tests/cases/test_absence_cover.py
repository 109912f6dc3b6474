"""Absence cover: a manager hands an absent worker's cases to a colleague for a period."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Cover
from lantern.cases.selectors import open_cases_of_worker
from lantern.cases.services import cover_end, cover_set
from lantern.children.selectors import access_child_by_id, child_list_visible_to
from lantern.missing.models import Episode

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return (
        make_user(Role.PRACTITIONER, username="away"),
        make_user(Role.PRACTITIONER, username="colleague"),
        make_user(Role.MANAGER),
    )


def cover_for(people, start: int, end: int) -> Cover:
    away, colleague, manager = people
    today = timezone.localdate()
    return cover_set(
        absent=away,
        covering=colleague,
        from_on=today + timedelta(days=start),
        to_on=today + timedelta(days=end),
        by=manager,
    )


@pytest.mark.parametrize(("start", "end"), [(0, 3), (-3, 0), (-1, 1)])
def test_cover_is_in_force_from_its_first_to_its_last_day(people, make_case, start, end):
    away, colleague, _ = people
    case = make_case(allocated_to=away)
    cover_for(people, start, end)

    assert list(open_cases_of_worker(colleague)) == [case]


@pytest.mark.parametrize(("start", "end"), [(-5, -1), (1, 4)])
def test_cover_is_not_in_force_before_or_after_its_days(people, make_case, start, end):
    away, colleague, _ = people
    make_case(allocated_to=away)
    cover_for(people, start, end)

    assert list(open_cases_of_worker(colleague)) == []


def test_a_restricted_child_is_open_to_the_colleague_only_during_cover(
    people, make_case, make_child
):
    away, colleague, manager = people
    child = make_child(restricted=True)
    make_case(allocated_to=away, child=child)
    assert child not in child_list_visible_to(colleague)

    cover = cover_for(people, -1, 1)
    assert child in child_list_visible_to(colleague)
    assert access_child_by_id(colleague, child.pk) == child

    cover_end(cover=cover, by=manager)
    assert child not in child_list_visible_to(colleague)


def test_only_managers_set_and_end_cover(people, client_as):
    away, colleague, _ = people
    practitioner = client_as(Role.PRACTITIONER, username="someone")
    assert practitioner.get(reverse("cases:cover")).status_code == 403
    assert practitioner.post(reverse("cases:cover"), {}).status_code == 403

    manager = client_as(Role.MANAGER, username="boss")
    today = timezone.localdate()
    response = manager.post(
        reverse("cases:cover"),
        {
            "absent": away.pk,
            "covering": colleague.pk,
            "from_on-day": today.day,
            "from_on-month": today.month,
            "from_on-year": today.year,
            "to_on-day": today.day,
            "to_on-month": today.month,
            "to_on-year": today.year,
        },
    )
    assert response.status_code == 302
    cover = Cover.objects.get()
    assert cover.set_by == manager.user
    assert AuditEntry.objects.filter(object_type="cover", action="create").exists()
    assert "In force" in manager.get(reverse("cases:cover")).content.decode()

    assert manager.post(reverse("cases:cover_end", args=[cover.pk])).status_code == 302
    cover.refresh_from_db()
    assert cover.ended_at is not None


def test_the_cover_list_counts_its_rows_in_few_queries(
    people, client_as, django_assert_max_num_queries
):
    for start in range(5):
        cover_for(people, start, start + 1)
    manager = client_as(Role.MANAGER, username="boss")
    with django_assert_max_num_queries(12):
        page = manager.get(reverse("cases:cover")).content.decode()
    assert "5 covers" in page


def test_the_colleagues_pages_show_they_are_covering(people, make_case, sign_in):
    away, colleague, _ = people
    make_case(allocated_to=away)
    cover_for(people, 0, 2)
    client = sign_in(colleague)

    assert "You are covering for" in client.get(reverse("home")).content.decode()
    mine = client.get(reverse("cases:mine")).content.decode()
    assert "Covering for" in mine and "1 open case" in mine


def test_the_interview_worklist_filtered_by_me_includes_the_work_i_cover(
    people, make_case, make_child, sign_in
):
    away, colleague, _ = people
    child = make_child()
    make_case(allocated_to=away, child=child)
    ended = timezone.now() - timedelta(hours=30)
    Episode.objects.create(
        source_id="WMC1", child=child, started_at=ended - timedelta(hours=5), ended_at=ended,
        missing_from="home",
    )  # fmt: skip
    client = sign_in(colleague)
    url = reverse("missing:interviews") + f"?worker={colleague}"
    assert child.full_name not in client.get(url).content.decode()

    cover_for(people, 0, 1)

    assert child.full_name in client.get(url).content.decode()
