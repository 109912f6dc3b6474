"""The review-due worklist: children whose risk review is due within 14 days or overdue, by
district and worker."""

import itertools
from datetime import date, timedelta

from django.utils import timezone

from lantern.accounts.models import Role
from lantern.cases.models import Case
from lantern.core.ukdate import add_months
from lantern.risk.models import Assessment
from lantern.risk.selectors import reviews_due

_numbers = itertools.count(1)


def assess(child, on, level):
    return Assessment.objects.create(
        source_id=f"RD{next(_numbers):04d}", child=child, completed_on=on, risk_level=level
    )


def test_reviews_due_within_14_days_or_overdue_are_listed_soonest_first(make_child):
    today = date(2024, 9, 1)
    overdue = make_child(last_name="Overdue")
    assess(overdue, date(2024, 5, 1), "medium")
    soon = make_child(last_name="Soon")
    assess(soon, date(2024, 6, 10), "low")
    later = make_child(last_name="Later")
    assess(later, date(2024, 7, 1), "low")
    off = make_child(last_name="Off")
    assess(off, date(2024, 1, 1), "none")
    from lantern.children.models import Child

    due = reviews_due(Child.objects.all(), today)
    assert [c.last_name for c in due] == ["Overdue", "Soon"]
    assert due[0].review_overdue and due[1].review_due == date(2024, 9, 10)


def test_a_rise_brings_the_review_forward_to_a_month(make_child):
    from lantern.children.models import Child

    child = make_child()
    assess(child, date(2024, 3, 1), "low")
    assess(child, date(2024, 8, 10), "high")
    due = reviews_due(Child.objects.all(), date(2024, 9, 1))
    assert [c.review_due for c in due] == [date(2024, 9, 10)]


def test_the_page_shows_worker_and_district_and_narrows_to_a_district(
    client_as, make_child, make_user
):
    today = timezone.localdate()
    worker = make_user(Role.PRACTITIONER, username="wendy")
    a = make_child(last_name="Hart", district="Hart and Rushmoor")
    assess(a, add_months(today, -3), "high")
    Case.objects.create(
        source_id="RDC1",
        child=a,
        opened_on=today - timedelta(days=200),
        route="s17",
        allocated_to=worker,
    )
    b = make_child(last_name="Basing", district="Basingstoke and Deane")
    assess(b, add_months(today, -3) - timedelta(days=2), "low")
    colin = client_as(Role.COORDINATOR)
    page = colin.get("/children/reviews-due/").content.decode()
    assert "2 reviews due within 14 days or overdue, 1 overdue" in page
    assert "Wendy Test" in page and "Basing" in page
    narrowed = colin.get("/children/reviews-due/?district=Hart+and+Rushmoor").content.decode()
    assert (
        "Hart" in narrowed and "Child" in narrowed and "Basingstoke and Deane</td>" not in narrowed
    )


def test_the_worklist_reads_in_a_fixed_number_of_queries(
    client_as, make_child, django_assert_max_num_queries
):
    today = timezone.localdate()
    colin = client_as(Role.COORDINATOR)
    assess(make_child(), add_months(today, -3), "high")
    with django_assert_max_num_queries(15) as few:
        colin.get("/children/reviews-due/")
        first = len(few)
    for _ in range(10):
        c = make_child()
        assess(c, add_months(today, -3), "medium")
        Case.objects.create(
            source_id=f"RDQ{c.pk.hex[:6]}", child=c, opened_on=date(2024, 1, 1), route="s17"
        )
    with django_assert_max_num_queries(first):
        colin.get("/children/reviews-due/")


def test_no_reviews_due_says_so(client_as):
    page = client_as(Role.PRACTITIONER).get("/children/reviews-due/?mine=1").content.decode()
    assert "No risk reviews are due in the next 14 days" in page
