"""The list of NRM decisions awaited: its total, its empty state, its query count."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import Child
from lantern.nrm.models import NrmReferral


def test_an_empty_list_says_no_decisions_are_awaited(client_as, db):
    page = client_as(Role.COORDINATOR).get(reverse("nrm:pending")).content.decode()
    assert "0 referrals waiting, 0 overdue" in page and "No NRM decisions are awaited" in page


def test_the_list_shows_overdue_referrals_in_constant_queries_and_audits_each_child(
    client_as, db, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    long_ago = timezone.localdate() - timedelta(days=40)
    for i in range(12):
        child = Child.objects.create(
            source_id=f"N{i}",
            first_name="Test",
            last_name=f"Child{i}",
            date_of_birth=date(2008, 1, 1),
            gender="male",
            district="Hart",
        )
        NrmReferral.objects.create(source_id=f"R{i}", child=child, referred_on=long_ago)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("nrm:pending")).content.decode()
    assert "12 referrals waiting, 12 overdue" in page and "Overdue" in page
    assert AuditEntry.objects.filter(object_type="nrm_pending").count() == 12
