"""A nomination decided in Lantern's pages is counted by the report as an imported one is:
a nomination in the month it was received, and the case it opened in the month it opened."""

from datetime import date

from lantern.accounts.models import Role
from lantern.cases.flows import referral_accept
from lantern.cases.models import Case
from lantern.referrals.models import Referral
from lantern.referrals.services import referral_create
from lantern.reports.selectors import performance_report


def june(report):
    return next(m for m in report["activity"] if m["month"] == "2024-06")


def activity():
    report = performance_report(date_from=date(2024, 6, 1), date_to=date(2024, 6, 30))
    row = june(report)
    return row["nominations"], row["cases_opened"]


def test_a_nomination_decided_here_counts_as_an_imported_one(make_child, make_user):
    imported_child = make_child()
    case = Case.objects.create(
        source_id="IMP-C1",
        child=imported_child,
        opened_on=date(2024, 6, 10),
        route="nomination",
        source="district_team",
    )
    Referral.objects.create(
        source_id="IMP-R1",
        child=imported_child,
        received_on=date(2024, 6, 3),
        route="nomination",
        source="district_team",
        decision="accepted",
        decided_on=date(2024, 6, 10),
        case=case,
    )
    assert activity() == (1, 1)
    maya = make_user(Role.MANAGER)
    referral = referral_create(
        child=make_child(),
        by=maya,
        received_on=date(2024, 6, 3),
        route="nomination",
        source="district_team",
    )
    referral_accept(
        referral=referral, by=maya, decided_on=date(2024, 6, 10), reason="Threshold met"
    )
    assert activity() == (2, 2)
