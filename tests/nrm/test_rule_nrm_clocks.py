"""The NRM clocks: reasonable grounds within 5 working days (weekends and England's bank
holidays excluded), conclusive grounds at least 30 days after."""

from datetime import date

import pytest

from lantern.children.models import Child
from lantern.nrm.models import NrmReferral
from lantern.nrm.selectors import (
    conclusive_grounds_not_before,
    is_working_day,
    nrm_clocks,
    reasonable_grounds_due_on,
)


def test_a_monday_referral_is_due_the_next_monday():
    assert reasonable_grounds_due_on(date(2024, 6, 3)) == date(2024, 6, 10)


def test_a_friday_referral_skips_the_weekend():
    assert reasonable_grounds_due_on(date(2024, 6, 7)) == date(2024, 6, 14)


def test_easter_good_friday_and_easter_monday_do_not_count():
    # Referred Thursday 28 March 2024: Good Friday 29 March and Easter Monday 1 April are
    # bank holidays, so the working days are 2, 3, 4, 5 and 8 April.
    assert reasonable_grounds_due_on(date(2024, 3, 28)) == date(2024, 4, 8)


def test_christmas_and_boxing_day_and_new_year_do_not_count():
    # Referred Monday 23 December 2024: 24, 27, 30, 31 December, then 2 January (1st is New Year's Day).
    assert reasonable_grounds_due_on(date(2024, 12, 23)) == date(2025, 1, 2)


def test_a_bank_holiday_in_scotland_only_is_a_working_day_in_england():
    assert is_working_day(date(2024, 1, 2))  # 2 January: Scotland's holiday, not England's
    assert not is_working_day(date(2024, 5, 27))  # Spring bank holiday


def test_the_conclusive_grounds_decision_comes_at_least_30_days_after():
    assert conclusive_grounds_not_before(date(2024, 1, 31)) == date(2024, 3, 1)


@pytest.fixture
def referral(db):
    child = Child.objects.create(
        source_id="N1", date_of_birth=date(2008, 1, 1), gender="male", district="Hart"
    )

    def make(ref, referred_on, **decisions):
        return NrmReferral.objects.create(
            source_id=ref, child=child, referred_on=referred_on, **decisions
        )

    return make


def test_pending_decisions_are_overdue_the_day_after_the_fifth_working_day(referral):
    late = referral("R1", date(2024, 3, 28))
    on_time = referral("R2", date(2024, 4, 2))
    waiting_cg = referral("R3", date(2024, 1, 2), rg_decision="positive", rg_on=date(2024, 1, 8))
    referral("R4", date(2024, 1, 2), rg_decision="negative", rg_on=date(2024, 1, 8))
    clocks = nrm_clocks(NrmReferral.objects.all(), date(2024, 4, 9))
    assert [(c.referral, c.overdue) for c in clocks] == [
        (late, True),
        (waiting_cg, False),
        (on_time, False),
    ]
    assert clocks[1].not_before == date(2024, 2, 7)
    assert nrm_clocks([late], date(2024, 4, 8))[0].overdue is False  # due that day
