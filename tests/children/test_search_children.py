"""Finding a child: partial names, typos, references, UK dates, filters, audit."""

from datetime import UTC, date, datetime

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.core.ukdate import parse_uk_date
from lantern.missing.models import Episode
from lantern.risk.models import Assessment


@pytest.fixture
def maya(client_as):
    return client_as(Role.MANAGER)


def names(response) -> list[str]:
    return [c.full_name for c in response.context["children"]]


@pytest.mark.parametrize(
    "text, day",
    [
        ("3/6/2008", date(2008, 6, 3)),
        ("03/06/2008", date(2008, 6, 3)),
        ("3 June 2008", date(2008, 6, 3)),
        ("3 jun 2008", date(2008, 6, 3)),
        ("2008-06-03", date(2008, 6, 3)),
        ("31/2/2008", None),
        ("Jordan", None),
    ],
)
def test_uk_dates_are_read_in_the_usual_ways(text, day):
    assert parse_uk_date(text) == day


def test_part_of_a_name_finds_the_child(maya, make_child):
    make_child(first_name="Jordan", last_name="Whitfield")
    make_child(first_name="Alex", last_name="Brown")
    assert names(maya.post("/children/", {"q": "whitf"}, follow=True)) == ["Jordan Whitfield"]
    assert names(maya.post("/children/", {"q": "jor whit"}, follow=True)) == ["Jordan Whitfield"]


def test_a_misspelt_name_still_finds_the_child(maya, make_child):
    make_child(first_name="Jordan", last_name="Whitfield")
    make_child(first_name="Alex", last_name="Brown")
    assert names(maya.post("/children/", {"q": "Jordon Witfield"}, follow=True)) == [
        "Jordan Whitfield"
    ]
    assert names(maya.post("/children/", {"q": "whitfeild"}, follow=True)) == ["Jordan Whitfield"]


def test_a_reference_or_a_date_of_birth_finds_the_child(maya, make_child):
    child = make_child(first_name="Sam", date_of_birth=date(2009, 1, 14))
    make_child(first_name="Kit", date_of_birth=date(2010, 2, 1))
    assert names(maya.post("/children/", {"q": child.source_id}, follow=True)) == [child.full_name]
    assert names(maya.post("/children/", {"q": "14 January 2009"}, follow=True)) == [
        child.full_name
    ]
    assert names(maya.post("/children/", {"q": "14/1/2009"}, follow=True)) == [child.full_name]


def test_filters_narrow_the_list(maya, make_child):
    ola = make_child(first_name="Ola", placing_authority="Surrey", uasc=True)
    high = make_child(first_name="High", legal_status="cp")
    missing = make_child(first_name="Gone", district="New Forest")
    Assessment.objects.create(
        source_id="A1", child=high, completed_on=date(2024, 1, 1), tool="ceraf", risk_level="high"
    )
    Assessment.objects.create(
        source_id="A2",
        child=high,
        completed_on=date(2024, 2, 1),
        tool="screening",
        risk_level="none",
    )
    Episode.objects.create(
        source_id="E1",
        child=missing,
        started_at=datetime(2024, 3, 1, 12, tzinfo=UTC),
        missing_from="home",
    )
    assert names(maya.post("/children/", {"ola": "yes"}, follow=True)) == [ola.full_name]
    assert names(maya.post("/children/", {"uasc": "yes"}, follow=True)) == [ola.full_name]
    assert names(maya.post("/children/", {"risk_level": "high"}, follow=True)) == [high.full_name]
    assert names(maya.post("/children/", {"legal_status": "cp"}, follow=True)) == [high.full_name]
    assert names(maya.post("/children/", {"open_missing": "yes"}, follow=True)) == [
        missing.full_name
    ]
    assert names(maya.post("/children/", {"district": "New Forest"}, follow=True)) == [
        missing.full_name
    ]


def test_no_match_shows_a_helpful_empty_state(maya, make_child):
    make_child()
    response = maya.post("/children/", {"q": "zzqqxx"}, follow=True)
    assert b"No children match your search" in response.content
    assert b'id="search"' in response.content


def test_a_search_is_audited_with_its_kind_and_count_but_not_its_text(maya, make_child):
    child = make_child(first_name="Jordan", last_name="Whitfield")
    maya.post("/children/", {"q": "Whitfield", "district": "Hart and Rushmoor"}, follow=True)
    summary = AuditEntry.objects.get(action=AuditAction.SEARCH, object_type="child_list")
    assert summary.detail["results"] == 1
    assert "name" in summary.detail["kinds"]
    assert summary.detail["filters"] == {"district": "Hart and Rushmoor"}
    assert "Whitfield" not in str(summary.detail) and "Whitfield" not in summary.path
    assert AuditEntry.objects.filter(action=AuditAction.SEARCH, child_id=child.pk).exists()


def test_the_list_is_paginated_fifty_to_a_page(maya, make_child):
    for _ in range(51):
        make_child()
    first = maya.get("/children/")
    assert len(first.context["children"]) == 50
    assert b"govuk-pagination" in first.content
    assert len(maya.get("/children/", {"page": 2}).context["children"]) == 1


def test_the_list_runs_a_constant_number_of_queries(
    maya, make_child, django_assert_max_num_queries
):
    for i in range(30):
        child = make_child()
        Assessment.objects.create(
            source_id=f"Q{i}",
            child=child,
            completed_on=date(2024, 1, 1),
            tool="ceraf",
            risk_level="low",
        )
    results = maya.post("/children/", {"q": "child"}).url
    with django_assert_max_num_queries(12):
        maya.get(results)


def test_the_search_words_never_go_in_the_address(maya, make_child):
    """Addresses end up in server logs and browser history: the words stay in the session."""
    make_child(first_name="Jordan", last_name="Whitfield")
    response = maya.post("/children/", {"q": "Whitfield", "district": "Hart and Rushmoor"})
    assert response.status_code == 302
    assert "Whitfield" not in response.url and "?s=" in response.url
    assert names(maya.get(response.url)) == ["Jordan Whitfield"]
    assert names(maya.get("/children/", {"q": "Nobody at all"})) == ["Jordan Whitfield"]
