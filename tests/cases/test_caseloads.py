"""Each worker's open cases, and the manager's team view: caseload sizes, cases not
allocated, cases with no direct work for the configured number of weeks."""

from datetime import date, timedelta

from django.utils import timezone

from lantern.accounts.models import Role
from lantern.cases.models import Case, DirectWork
from lantern.cases.selectors import cases_without_direct_work


def test_my_cases_lists_only_the_workers_open_cases(client_as, make_user, make_case):
    priya = client_as(Role.PRACTITIONER)
    mine = make_case(allocated_to=priya.user)
    make_case(allocated_to=priya.user, closed_on=date(2024, 7, 1))
    make_case(allocated_to=make_user(Role.PRACTITIONER, username="other"))
    page = priya.get("/cases/mine/").content.decode()
    assert "1 open case." in page and mine.source_id in page


def test_my_cases_flags_a_case_with_no_direct_work_for_the_set_weeks(
    client_as, make_case, settings
):
    settings.NO_DIRECT_WORK_WEEKS = 2
    priya = client_as(Role.PRACTITIONER)
    today = timezone.localdate()
    case = make_case(allocated_to=priya.user, opened_on=today - timedelta(days=40))
    DirectWork.objects.create(source_id="DW1", child=case.child, held_on=today - timedelta(days=20))
    page = priya.get("/cases/mine/").content.decode()
    assert "No direct work for 2 weeks" in page


def test_no_direct_work_counts_from_the_last_session_or_the_opening(make_case):
    today = date(2024, 9, 1)
    quiet = make_case(opened_on=date(2024, 6, 1))
    busy = make_case(opened_on=date(2024, 6, 1))
    new = make_case(opened_on=date(2024, 8, 25))
    DirectWork.objects.create(source_id="DW2", child=busy.child, held_on=date(2024, 8, 20))
    DirectWork.objects.create(source_id="DW3", child=quiet.child, held_on=date(2024, 5, 1))
    flagged = set(cases_without_direct_work(Case.objects.all(), today, weeks=4))
    assert flagged == {quiet}
    assert new not in flagged


def test_the_team_view_shows_caseload_sizes_and_unallocated_cases(client_as, make_user, make_case):
    maya = client_as(Role.MANAGER)
    priya = make_user(Role.PRACTITIONER)
    make_case(allocated_to=priya)
    make_case(allocated_to=priya)
    waiting = make_case()
    page = maya.get("/cases/team/").content.decode()
    assert "2 open cases held by" in page
    assert "Open cases not allocated (1)" in page and waiting.source_id in page


def test_the_team_view_reads_in_a_fixed_number_of_queries(
    client_as, make_user, make_case, django_assert_max_num_queries
):
    maya = client_as(Role.MANAGER)
    priya = make_user(Role.PRACTITIONER)
    make_case(allocated_to=priya, opened_on=date(2024, 1, 1))
    with django_assert_max_num_queries(15) as few:
        maya.get("/cases/team/")
        first = len(few)
    for n in range(10):
        make_case(
            allocated_to=make_user(Role.PRACTITIONER, username=f"w{n}"), opened_on=date(2024, 1, 1)
        )
        make_case(opened_on=date(2024, 1, 1))
    with django_assert_max_num_queries(first):
        maya.get("/cases/team/")


def test_my_cases_reads_in_a_fixed_number_of_queries(
    client_as, make_case, django_assert_max_num_queries
):
    priya = client_as(Role.PRACTITIONER)
    make_case(allocated_to=priya.user)
    with django_assert_max_num_queries(15) as few:
        priya.get("/cases/mine/")
        first = len(few)
    for _ in range(10):
        make_case(allocated_to=priya.user)
    with django_assert_max_num_queries(first):
        priya.get("/cases/mine/")


def test_empty_caseloads_say_so(client_as):
    assert (
        "You hold no open cases"
        in client_as(Role.PRACTITIONER).get("/cases/mine/").content.decode()
    )
    page = client_as(Role.MANAGER).get("/cases/team/").content.decode()
    assert "Every open case has a worker" in page
