"""The intake queue: the team records referrals and nominations and sees them waiting."""

from datetime import date, timedelta

from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.referrals.models import Referral
from lantern.referrals.services import referral_create


def test_a_practitioner_adds_a_nomination_for_a_child_by_reference(client_as, make_child):
    child = make_child(source_id="LAN-ABC12345")
    priya = client_as(Role.PRACTITIONER)
    response = priya.post(
        "/referrals/new/",
        {
            "child_reference": "lan-abc12345",
            "received_on-day": "3",
            "received_on-month": "6",
            "received_on-year": "2024",
            "route": "nomination",
            "source": "district_team",
            "concern": "Seen with older men",
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302 and response.url == f"/referrals/{referral.pk}/"
    assert referral.child == child and referral.decision == "pending"
    assert referral.source_id.startswith("LAN-REF-")
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="referral")
    assert entry.child_id == child.pk and "older men" not in str(entry.detail)


def test_an_unknown_reference_is_an_error_beside_the_field(client_as, make_child):
    priya = client_as(Role.PRACTITIONER)
    page = priya.post(
        "/referrals/new/",
        {
            "child_reference": "NOPE",
            "route": "nomination",
            "received_on-day": "1",
            "received_on-month": "6",
            "received_on-year": "2024",
        },
    ).content.decode()
    assert 'id="id_child_reference_error"' in page
    assert "No child you can open has this reference" in page
    assert Referral.objects.count() == 0


def test_a_missing_route_and_date_say_how_to_fix_them(client_as):
    page = (
        client_as(Role.COORDINATOR)
        .post("/referrals/new/", {"child_reference": "X"})
        .content.decode()
    )
    assert 'href="#id_route"' in page and "Select how the referral came in" in page
    assert "Enter date received, for example" in page


def test_the_queue_shows_nominations_apart_oldest_first_with_days_waiting(client_as, make_child):
    colin = client_as(Role.COORDINATOR)
    today = timezone.localdate()
    older = referral_create(
        child=make_child(last_name="Older"),
        by=colin.user,
        received_on=today - timedelta(days=9),
        route="nomination",
    )
    referral_create(
        child=make_child(last_name="Newer"),
        by=colin.user,
        received_on=today - timedelta(days=2),
        route="nomination",
    )
    referral_create(
        child=make_child(), by=colin.user, received_on=today, route="s17", source="mash"
    )
    page = colin.get("/referrals/").content.decode()
    assert "3 waiting for a decision" in page
    assert "Nominations for the weekly decision (2)" in page
    assert page.index("Older") < page.index("Newer")
    assert "9 days" in page
    assert older.source_id in page
    assert AuditEntry.objects.filter(object_type="referral_queue").count() == 3


def test_the_queue_reads_in_a_fixed_number_of_queries(
    client_as, make_child, django_assert_max_num_queries
):
    colin = client_as(Role.COORDINATOR)

    def add(n):
        for _ in range(n):
            referral_create(
                child=make_child(), by=colin.user, received_on=date(2024, 6, 3), route="nomination"
            )

    add(2)
    with django_assert_max_num_queries(12) as few:
        colin.get("/referrals/")
        first = len(few)
    add(20)
    with django_assert_max_num_queries(first):
        colin.get("/referrals/")


def test_an_empty_queue_says_so(client_as):
    page = client_as(Role.MANAGER).get("/referrals/").content.decode()
    assert "0 waiting for a decision" in page
    assert "No nominations are waiting for the weekly decision" in page
