"""Report periods: calendar dates, inclusive; financial years run April to March (domain.md)."""

import calendar
import re
from datetime import date, timedelta

from lantern.core.ukdate import add_months

_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})/(\d{2})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _financial_year_start(text: str) -> int:
    """'2024/25' -> 2024; the second part must be the following year."""
    match = _YEAR.match(text)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise ValueError(
            f"The year must be a financial year like 2024/25 (April to March), not {text!r}."
        )
    return int(match[1])


def _parse_date(text: str | date, label: str) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(
            f"The {label} date must be a real date written YYYY-MM-DD, like 2024-04-01, "
            f"not {text!r}."
        ) from None


def parse_period(
    *,
    from_: str | date | None = None,
    to: str | date | None = None,
    quarter: str | None = None,
    year: str | None = None,
    month: str | None = None,
) -> tuple[date, date]:
    """The first and last day (inclusive) of the period asked for in exactly one way."""
    ways = [
        name
        for name, given in (
            ("--from/--to", from_ is not None or to is not None),
            ("--quarter", quarter is not None),
            ("--year", year is not None),
            ("--month", month is not None),
        )
        if given
    ]
    if not ways:
        raise ValueError("Give a period: --from and --to, --quarter, --year or --month.")
    if len(ways) > 1:
        raise ValueError(f"Give the period one way only, not {' and '.join(ways)}.")

    if quarter is not None:
        match = _QUARTER.match(quarter.strip())
        if not match:
            raise ValueError(
                f"The quarter must look like 2024/25-Q1 (Q1 April to June), not {quarter!r}."
            )
        start_year = _financial_year_start(f"{match[1]}/{match[2]}")
        first_month = 4 + 3 * (int(match[3]) - 1)  # Q1 Apr, Q2 Jul, Q3 Oct, Q4 Jan
        first_year = start_year + (first_month - 1) // 12
        first_month = (first_month - 1) % 12 + 1
        return date(first_year, first_month, 1), _month_end(first_year, first_month + 2)
    if year is not None:
        start_year = _financial_year_start(year.strip())
        return date(start_year, 4, 1), date(start_year + 1, 3, 31)
    if month is not None:
        match = _MONTH.match(month.strip())
        if not match or not 1 <= int(match[2]) <= 12:
            raise ValueError(f"The month must look like 2020-11, not {month!r}.")
        y, m = int(match[1]), int(match[2])
        return date(y, m, 1), _month_end(y, m)

    if from_ is None or to is None:
        raise ValueError("Give both --from and --to.")
    first, last = _parse_date(from_, "from"), _parse_date(to, "to")
    if last < first:
        raise ValueError(f"The period ends ({last}) before it starts ({first}).")
    return first, last


def _is_whole_months(first: date, last: date) -> bool:
    return first.day == 1 and last == _month_end(last.year, last.month)


def _add_months(day: date, months: int) -> date:
    """The first day of the month n months from day's month."""
    return add_months(day.replace(day=1), months)


def previous_period(date_from: date, date_to: date) -> tuple[date, date]:
    """The period just before, of the same length, to compare against.

    A run of whole calendar months (a month, a quarter, a year) steps back by the same
    number of months, so February follows January and Q4 follows Q3 whatever their days;
    any other period steps back by its own number of days.
    """
    if _is_whole_months(date_from, date_to):
        months = (date_to.year * 12 + date_to.month) - (date_from.year * 12 + date_from.month) + 1
        start = _add_months(date_from, -months)
        end_month = _add_months(date_from, -1)
        return start, _month_end(end_month.year, end_month.month)
    days = (date_to - date_from).days + 1
    return date_from - timedelta(days=days), date_from - timedelta(days=1)


def months_touching(date_from: date, date_to: date) -> list[tuple[date, date]]:
    """Each calendar month touching the period, clipped to the period's own days."""
    months = []
    start = date(date_from.year, date_from.month, 1)
    while start <= date_to:
        end = _month_end(start.year, start.month)
        months.append((max(start, date_from), min(end, date_to)))
        start = end + timedelta(days=1)
    return months
