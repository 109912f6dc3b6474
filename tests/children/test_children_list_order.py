"""The children list reads in natural order: Sample2 before Sample10, page after page."""

import pytest

from lantern.accounts.models import Role
from lantern.children.selectors import ChildSearch, child_search
from tests.children.test_search_children import names


@pytest.fixture
def maya(client_as):
    return client_as(Role.MANAGER)


def test_a_number_at_the_end_of_a_name_sorts_by_its_size(db, make_user, make_child):
    for n in (10, 2, 100, 1, 21):
        make_child(first_name="Alex", last_name=f"Sample{n}")
    make_child(first_name="Zoe", last_name="Adams")
    make_child(first_name="Al", last_name="Sample")
    user = make_user(Role.MANAGER)
    found = [c.full_name for c in child_search(user, ChildSearch())]
    assert found == [
        "Zoe Adams",
        "Al Sample",
        "Alex Sample1",
        "Alex Sample2",
        "Alex Sample10",
        "Alex Sample21",
        "Alex Sample100",
    ]


def test_the_second_page_carries_on_in_natural_order(maya, make_child):
    for n in range(1, 56):
        make_child(first_name="Alex", last_name=f"Sample{n}")
    first = names(maya.get("/children/"))
    second = names(maya.get("/children/?page=2"))
    assert first[:3] == ["Alex Sample1", "Alex Sample2", "Alex Sample3"]
    assert first[-1] == "Alex Sample50"
    assert second == [f"Alex Sample{n}" for n in range(51, 56)]
