"""The one range of dates Lantern accepts anywhere a person or a file types one.

Years 1900 to 2100: wide enough for any date of birth, record or report period, and narrow
enough that every sum on a date (a day after, 18 years before, the previous quarter) stays a
real date. Forms show the reason beside the field; links with a date outside it are not found.
"""

from datetime import date

from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def date_in_range(day: date, label: str = "The date") -> date:
    """`day` itself, or ValidationError saying, in plain English, which years are accepted."""
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            f"{label} must be between {EARLIEST.year} and {LATEST.year}", code="out_of_range"
        )
    return day


def year_in_range(year: int, label: str = "The date") -> int:
    """A year typed on its own (date boxes) checked before a date is built from it."""
    if not EARLIEST.year <= year <= LATEST.year:
        raise ValidationError(
            f"{label} must be between {EARLIEST.year} and {LATEST.year}", code="out_of_range"
        )
    return year
