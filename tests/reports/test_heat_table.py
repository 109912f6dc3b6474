"""The heat table's shading: a level by quantile, zero kept apart, equal numbers alike."""

from lantern.reports.heat import quantile_levels


def test_zero_is_level_zero_and_the_rest_are_shaded_by_quarter():
    assert quantile_levels([0, 1, 2, 3, 4]) == [0, 1, 2, 3, 4]


def test_equal_numbers_share_a_level():
    assert quantile_levels([5, 5, 5, 5, 0]) == [1, 1, 1, 1, 0]


def test_the_levels_follow_the_spread_not_the_size_of_the_numbers():
    values = [1, 1, 1, 1, 1, 1, 100, 200]
    assert quantile_levels(values) == [1, 1, 1, 1, 1, 1, 4, 4]


def test_nothing_to_shade():
    assert quantile_levels([]) == [] and quantile_levels([0, 0]) == [0, 0]
