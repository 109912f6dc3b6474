import pytest

from lantern.core.views import _elapsed


@pytest.mark.parametrize(
    ("hours", "shown"),
    [(1, "1 hour"), (5, "5 hours"), (80, "80 hours"), (95, "95 hours"), (96, "4 days"),
     (58243, "2,426 days")],
)  # fmt: skip
def test_time_since_return_is_in_hours_while_the_72_hour_clock_matters_then_days(hours, shown):
    assert _elapsed(hours) == shown
