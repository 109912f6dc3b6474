"""Sharing a child with a partner agency and district: reason, end date, review date, ended
early; shares due for review listed."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import ChildShare
from lantern.children.selectors import child_list_visible_to, shares_due_for_review
from lantern.children.services import ShareRefused, child_share_create, child_share_end

PARTNER = {"agency": "police", "district": "Hart and Rushmoor"}


def typed(day: date, name: str) -> dict:
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def share_form(**changes):
    today = timezone.localdate()
    data = {
        "agency": "police",
        "district": "Hart and Rushmoor",
        "reason": "Joint disruption work",
        **typed(today + timedelta(days=30), "review_on"),
        **typed(today + timedelta(days=90), "ends_on"),
    }
    data.update(changes)
    return data


def test_a_coordinator_shares_a_child_and_the_partner_then_sees_them(
    client_as, make_child, make_user
):
    child = make_child()
    partner = make_user(Role.PARTNER, **PARTNER)
    assert child not in child_list_visible_to(partner)
    colin = client_as(Role.COORDINATOR)
    response = colin.post(f"/children/{child.pk}/shares/", share_form())
    assert response.status_code == 302
    share = ChildShare.objects.get()
    assert share.reason == "Joint disruption work" and share.shared_by == colin.user
    assert child in child_list_visible_to(partner)
    assert AuditEntry.objects.filter(object_type="child_share", child_id=child.pk).exists()
    page = colin.get(f"/children/{child.pk}/shares/").content.decode()
    assert "Police, Hart and Rushmoor" in page and "In force" in page


def test_ending_a_share_early_hides_the_child_from_the_partner(client_as, make_child, make_user):
    child = make_child()
    partner = make_user(Role.PARTNER, **PARTNER)
    colin = client_as(Role.COORDINATOR)
    colin.post(f"/children/{child.pk}/shares/", share_form())
    share = ChildShare.objects.get()
    colin.post(f"/children/shares/{share.pk}/end/")
    share.refresh_from_db()
    assert share.ended_on == timezone.localdate() and share.ended_by == colin.user
    assert child not in child_list_visible_to(partner)
    assert "Ended early on" in colin.get(f"/children/{child.pk}/shares/").content.decode()


def test_a_share_past_its_end_date_no_longer_shows_the_child(make_child, make_user):
    child = make_child()
    partner = make_user(Role.PARTNER, **PARTNER)
    ChildShare.objects.create(
        child=child, agency="police", ends_on=timezone.localdate() - timedelta(days=1)
    )
    assert child not in child_list_visible_to(partner)


def test_an_agency_is_not_shared_twice_until_the_first_share_ends(make_child, make_user):
    child = make_child()
    colin = make_user(Role.COORDINATOR)
    today = date(2024, 6, 1)
    first = child_share_create(
        child=child,
        by=colin,
        agency="police",
        district="",
        reason="r",
        ends_on=date(2024, 9, 1),
        review_on=date(2024, 7, 1),
        today=today,
    )
    with pytest.raises(ShareRefused):
        child_share_create(
            child=child,
            by=colin,
            agency="police",
            district="",
            reason="r",
            ends_on=date(2024, 9, 1),
            review_on=date(2024, 7, 1),
            today=today,
        )
    child_share_end(share=first, by=colin, on=today)
    child_share_create(
        child=child,
        by=colin,
        agency="police",
        district="",
        reason="again",
        ends_on=date(2024, 9, 1),
        review_on=date(2024, 7, 1),
        today=today,
    )
    assert ChildShare.objects.count() == 2


def test_share_dates_out_of_order_are_errors_beside_the_field(client_as, make_child):
    child = make_child()
    today = timezone.localdate()
    page = (
        client_as(Role.MANAGER)
        .post(
            f"/children/{child.pk}/shares/",
            share_form(reason="", **typed(today + timedelta(days=100), "review_on")),
        )
        .content.decode()
    )
    assert 'id="id_review_on-error"' in page and "on or before the end date" in page
    assert "Enter why you are sharing this child" in page
    assert ChildShare.objects.count() == 0


def test_shares_due_for_review_within_14_days_or_overdue_are_listed(client_as, make_child):
    today = timezone.localdate()
    due = ChildShare.objects.create(
        child=make_child(last_name="Soon"), agency="police", review_on=today + timedelta(days=14)
    )
    ChildShare.objects.create(
        child=make_child(last_name="Later"), agency="police", review_on=today + timedelta(days=15)
    )
    overdue = ChildShare.objects.create(
        child=make_child(last_name="Late"), agency="health", review_on=today - timedelta(days=1)
    )
    ChildShare.objects.create(
        child=make_child(last_name="Ended"), agency="health", review_on=today, ended_on=today
    )
    assert list(shares_due_for_review(today)) == [overdue, due]
    page = client_as(Role.COORDINATOR).get("/children/shares/review/").content.decode()
    assert "2 shares with a review due" in page and "Overdue" in page and "Later" not in page


def test_reviewing_a_share_keeps_it_with_the_next_review_date(client_as, make_child):
    today = timezone.localdate()
    share = ChildShare.objects.create(
        child=make_child(), agency="police", review_on=today, ends_on=today + timedelta(days=60)
    )
    colin = client_as(Role.COORDINATOR)
    nxt = today + timedelta(days=30)
    response = colin.post(
        f"/children/shares/{share.pk}/reviewed/",
        {
            f"s{share.pk}-next_review_on-{k}": v
            for k, v in {"day": nxt.day, "month": nxt.month, "year": nxt.year}.items()
        },
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.review_on == nxt and share.reviewed_on == today
    bad = colin.post(f"/children/shares/{share.pk}/reviewed/", {})
    assert bad.status_code == 200 and "Enter next review date" in bad.content.decode()


def test_the_due_list_reads_in_a_fixed_number_of_queries(
    client_as, make_child, django_assert_max_num_queries
):
    today = timezone.localdate()
    colin = client_as(Role.COORDINATOR)
    ChildShare.objects.create(child=make_child(), agency="police", review_on=today)
    with django_assert_max_num_queries(12) as few:
        colin.get("/children/shares/review/")
        first = len(few)
    for _ in range(10):
        ChildShare.objects.create(child=make_child(), agency="police", review_on=today)
    with django_assert_max_num_queries(first):
        colin.get("/children/shares/review/")
