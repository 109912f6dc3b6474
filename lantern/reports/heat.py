"""Shading for a heat table: each cell's level by the quantile its number falls in, so the
colour follows the spread of the figures; the number itself is always printed beside it."""

from bisect import bisect_left

HEAT_LEVELS = 4


def quantile_levels(values: list[int], levels: int = HEAT_LEVELS) -> list[int]:
    """A level for each value: 0 for zero, otherwise 1..`levels` by the share of the other
    non-zero values below it (the busiest quarter of the hours is level 4). Equal values
    share a level."""
    ranked = sorted(v for v in values if v)
    result = []
    for value in values:
        if not value:
            result.append(0)
            continue
        below = bisect_left(ranked, value)
        result.append(1 + min(levels - 1, below * levels // len(ranked)))
    return result
