"""The Op MET page: who sees it, what it lists beside each child, what it costs."""

from datetime import date

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Case
from tests.counting_helpers import a_child, an_assessment, an_episode

PAGE = "/opmet/?as_of=30/11/2020"


def on_the_list(n: int, district: str = "Hart and Rushmoor"):
    children = []
    for i in range(n):
        child = a_child(district=district, first_name="Listed", last_name=f"Child{i}")
        an_assessment(child, "2020-11-02", ("high", "medium", "low")[i % 3])
        an_episode(child, f"2020-11-{1 + i % 28:02d}T20:00", f"2020-11-{1 + i % 28:02d}T23:00")
        children.append(child)
    return children


@pytest.mark.django_db
def test_the_list_shows_each_child_with_level_recent_episodes_and_worker(client_as):
    client = client_as(Role.COORDINATOR)
    child = on_the_list(1)[0]
    Case.objects.create(
        source_id="CA1", child=child, opened_on=date(2020, 10, 1), route="s17", worker="Jo Worker"
    )
    page = client.get(PAGE).content.decode()
    assert "Op MET list on 30 November 2020" in page
    assert "Listed Child0" in page and "Jo Worker" in page
    assert "1, latest 1 November 2020" in page
    assert AuditEntry.objects.filter(child_id=child.pk, object_type="op_met_list").exists()


@pytest.mark.django_db
def test_a_practitioner_sees_only_the_children_of_their_teams_districts(client_as):
    on_the_list(1, district="Hart and Rushmoor")
    a_child_elsewhere = on_the_list(1, district="Havant")[0]
    page = client_as(Role.PRACTITIONER).get(PAGE).content.decode()
    assert "Hart and Rushmoor (1)" in page
    assert a_child_elsewhere.source_id not in page


@pytest.mark.django_db
def test_an_empty_list_says_so(client_as):
    page = client_as(Role.MANAGER).get(PAGE).content.decode()
    assert "No child is on the Op MET list on 30 November 2020." in page


@pytest.mark.django_db
def test_a_date_that_cannot_be_read_is_explained_beside_the_field(client_as):
    response = client_as(Role.MANAGER).get("/opmet/?as_of=31/13/2020")
    assert response.status_code == 400
    assert "must be a real date" in response.content.decode()


@pytest.mark.django_db
def test_the_page_costs_the_same_number_of_queries_for_3_or_30_children(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    on_the_list(3)
    with django_assert_max_num_queries(16) as few:
        client.get(PAGE)
    on_the_list(27, district="Havant")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PAGE)
