"""NRM: referrals made in the period, decisions as recorded, and the pending rule."""

from datetime import date

import pytest

from lantern.nrm.models import NrmReferral
from tests.counting_helpers import a_child, report

pytestmark = pytest.mark.django_db


def a_referral(on: str, rg: str = "", cg: str = "", **fields) -> NrmReferral:
    child = fields.pop("child", None) or a_child()
    return NrmReferral.objects.create(
        source_id=f"N{NrmReferral.objects.count() + 1}",
        child=child,
        referred_on=date.fromisoformat(on),
        rg_decision=rg,
        cg_decision=cg,
        **fields,
    )


def test_referrals_count_in_the_period_made_with_decisions_whatever_their_date():
    a_referral("2020-11-05", rg="positive", rg_on=date(2020, 12, 20), cg="negative")
    a_referral("2020-11-06", rg="negative")
    a_referral("2020-10-30", rg="positive", cg="positive")

    nrm = report("2020-11-01", "2020-11-30")["nrm"]

    assert nrm == {
        "referrals": 2,
        "rg_positive": 1,
        "rg_negative": 1,
        "cg_positive": 0,
        "cg_negative": 1,
        "pending": 0,
    }


def test_pending_means_no_reasonable_grounds_yet_or_positive_awaiting_conclusive_grounds():
    a_referral("2020-11-02")  # no decision yet
    a_referral("2020-11-03", rg="pending")
    a_referral("2020-11-04", rg="positive")  # waiting for conclusive grounds
    a_referral("2020-11-05", rg="positive", cg="pending")
    a_referral("2020-11-06", rg="positive", cg="positive")
    a_referral("2020-11-07", rg="negative")
    a_referral("2020-11-08", rg="withdrawn")
    a_referral("2020-11-09", rg="positive", cg="withdrawn")

    assert report("2020-11-01", "2020-11-30")["nrm"]["pending"] == 4
