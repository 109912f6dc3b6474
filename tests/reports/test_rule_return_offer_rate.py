"""Return offer rate: interviews offered in the month / episodes that ended in the month."""

import pytest

from tests.counting_helpers import a_child, an_episode, an_interview, report

pytestmark = pytest.mark.django_db


def test_offers_catching_up_on_last_months_episodes_can_pass_100_percent():
    child = a_child()
    october = an_episode(child, "2020-10-30T20:00", "2020-10-31T10:00")
    november = an_episode(child, "2020-11-10T20:00", "2020-11-11T10:00")
    an_interview(child, [october], "declined_child", offered="2020-11-02T10:00")
    an_interview(
        child, [november], "completed", offered="2020-11-12T10:00", completed="2020-11-12T12:00"
    )

    (month,) = report("2020-11-01", "2020-11-30")["activity"]

    assert month["return_offers"] == 2
    assert month["episodes_ended"] == 1
    assert month["return_offer_rate"] == 2.0


def test_the_rate_is_rounded_to_two_places_and_zero_when_no_episode_ended():
    child = a_child()
    episodes = [
        an_episode(child, f"2020-11-{d:02d}T20:00", f"2020-11-{d + 1:02d}T01:00") for d in (2, 5, 8)
    ]
    an_interview(child, episodes[:1], "declined_child", offered="2020-11-04T10:00")
    an_interview(child, [], "declined_child", offered="2020-12-04T10:00")

    november, december = report("2020-11-01", "2020-12-31")["activity"]

    assert november["return_offer_rate"] == 0.33
    assert december["return_offers"] == 1
    assert december["episodes_ended"] == 0
    assert december["return_offer_rate"] == 0.0


def test_offers_and_episodes_of_children_placed_by_another_authority_are_left_out():
    child = a_child(placing_authority="Dorset")
    episode = an_episode(child, "2020-11-02T20:00", "2020-11-03T01:00")
    an_interview(child, [episode], "declined_child", offered="2020-11-04T10:00")

    (month,) = report("2020-11-01", "2020-11-30")["activity"]

    assert (month["return_offers"], month["episodes_ended"]) == (0, 0)
