"""The audit trail page: filters, pagination, names hidden from auditors, query count."""

from datetime import timedelta

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.audit.services import audit_record


@pytest.fixture
def child(db):
    from datetime import date

    from lantern.children.models import Child

    return Child.objects.create(
        source_id="AU001",
        first_name="Jordan",
        last_name="Whitfield",
        date_of_birth=date(2010, 1, 1),
        gender="male",
    )


def test_auditors_see_child_references_but_never_names(client_as, child):
    audit_record(action=AuditAction.VIEW, object_type="child", object_id=child.pk, child=child)
    page = client_as(Role.AUDITOR).get("/audit/").content.decode()
    assert "AU001" in page and "Whitfield" not in page


def test_managers_see_child_names(client_as, child):
    audit_record(action=AuditAction.VIEW, object_type="child", object_id=child.pk, child=child)
    assert "Whitfield" in client_as(Role.MANAGER).get("/audit/").content.decode()


def test_the_trail_filters_by_user_child_action_and_date(client_as, make_user, child):
    priya = make_user(Role.PRACTITIONER)
    audit_record(user=priya, action=AuditAction.VIEW, object_type="child", child=child)
    audit_record(user=priya, action=AuditAction.SEARCH, object_type="child_list")
    audit_record(action=AuditAction.LOGIN, object_type="user")
    audrey = client_as(Role.AUDITOR)

    def shown(**params):
        return {(e.username, e.action) for e in audrey.get("/audit/", params).context["entries"]}

    assert shown(username="priya") == {("priya", "view"), ("priya", "search")}
    assert shown(child_reference="AU001") == {("priya", "view")}
    assert shown(child_reference="NOPE") == set()
    assert ("priya", "search") in shown(action="search")
    today = child.created_at.date()
    assert ("priya", "view") in shown(
        first_day=today.strftime("%d/%m/%Y"), last_day=today.isoformat()
    )
    assert shown(first_day=(today + timedelta(days=2)).isoformat()) == set()


def test_an_impossible_date_filter_says_how_to_fix_it(client_as):
    page = client_as(Role.AUDITOR).get("/audit/", {"first_day": "31/2/2024"}).content.decode()
    assert "From date must be a real date, for example 3/6/2024" in page


def test_the_trail_is_paginated_and_runs_a_constant_number_of_queries(
    client_as, child, django_assert_max_num_queries
):
    AuditEntry.objects.bulk_create(
        AuditEntry(action=AuditAction.VIEW, object_type="child", child_id=child.pk, username="x")
        for _ in range(120)
    )
    maya = client_as(Role.MANAGER)
    with django_assert_max_num_queries(12):
        response = maya.get("/audit/")
    assert len(response.context["entries"]) == 50
    assert b"govuk-pagination" in response.content


@pytest.mark.parametrize(
    "role", [Role.PRACTITIONER, Role.COORDINATOR, Role.PARTNER, Role.ANALYST, Role.ADMIN]
)
def test_other_roles_cannot_read_the_trail(client_as, role):
    assert client_as(role).get("/audit/").status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"last_day": "9999-12-31"},
        {"first_day": "0001-01-01"},
        {"first_day": "1/1/1899"},
        {"last_day": "31 December 2101"},
    ],
)
def test_a_date_filter_outside_1900_to_2100_is_explained_not_a_server_error(client_as, params):
    response = client_as(Role.AUDITOR).get("/audit/", params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "must be between 1900 and 2100" in page
    assert "govuk-error-message" in page


def test_what_was_seen_reads_in_words_and_the_address_column_is_named_plainly(db, client_as):

    audit_record(action=AuditAction.VIEW, object_type="report_figure:exploitation.assessments")
    audit_record(action=AuditAction.EXPORT, object_type="performance_report")
    page = client_as(Role.MANAGER).get("/audit/").content.decode()
    assert "Records behind a figure: Risk assessments" in page
    assert "Performance report" in page
    assert "report_figure:" not in page and ">performance_report<" not in page
    assert ">IP address</th>" in page and ">From date</label>" in page
