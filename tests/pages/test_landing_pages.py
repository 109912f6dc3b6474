""" "What needs me today": every list says its total, shows the first 25 with a link to all of
them (never a silent cap), and runs the same number of queries whatever its length."""

from datetime import date

import pytest

from lantern.accounts.models import Role
from lantern.cases.models import Case
from lantern.children.services import child_share
from tests.counting_helpers import a_child


def allocate(user, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        child = a_child(district="Hart and Rushmoor", last_name=f"Sample{i}")
        Case.objects.create(
            source_id=f"CASE{i}", child=child, opened_on=date(2024, 1, 1), route="s17",
            allocated_to=user,
        )  # fmt: skip


@pytest.fixture
def priya(client_as):
    return client_as(Role.PRACTITIONER)


def test_my_children_says_its_total_and_links_to_all_of_them(priya):
    allocate(priya.user, 30)
    page = priya.get("/")
    html = page.content.decode()
    assert "30 children allocated to you, showing the first 25" in html
    assert 'href="?show=all#my-children">Show all 30' in html
    assert len(page.context["my_children"].rows) == 25
    everything = priya.get("/?show=all")
    assert len(everything.context["my_children"].rows) == 30
    assert "Show all" not in everything.content.decode()


def test_a_short_list_shows_its_total_without_a_show_all_link(priya):
    allocate(priya.user, 1)
    html = priya.get("/").content.decode()
    assert "1 child allocated to you" in html and "Show all" not in html


def test_the_empty_list_says_so(priya):
    assert "No children are allocated to you." in priya.get("/").content.decode()


def test_the_practitioners_page_runs_the_same_queries_for_few_or_many(
    priya, django_assert_max_num_queries
):
    allocate(priya.user, 3)
    with django_assert_max_num_queries(14):
        priya.get("/?show=all")
    allocate(priya.user, 40, start=3)
    with django_assert_max_num_queries(14):
        priya.get("/?show=all")


def test_the_manager_sees_caseloads_by_worker_most_first(client_as, make_user):
    maya = client_as(Role.MANAGER)
    priya = make_user(Role.PRACTITIONER)
    allocate(priya, 3)
    Case.objects.create(
        source_id="NAMED", child=a_child(), opened_on=date(2024, 1, 1), route="s17",
        worker="SW Ahmed",
    )  # fmt: skip
    page = maya.get("/")
    assert page.context["caseloads"] == [(priya.get_full_name(), 3), ("SW Ahmed", 1)]
    assert "2 workers with open cases" in page.content.decode()


def test_the_partner_sees_how_many_children_are_shared(client_as):
    paul = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    for _ in range(3):
        child_share(
            child=a_child(district="Hart and Rushmoor"),
            agency="police",
            district="Hart and Rushmoor",
        )
    assert "3 children" in paul.get("/").content.decode()
