"""UK local time (domain.md, Time): the day an event falls in is its Europe/London date."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def local_to_aware(naive: datetime) -> datetime:
    """Read a wall-clock UK time. A repeated hour means its first occurrence; a missing
    hour (spring change) is read with the offset in force before the change."""
    # PEP 495: fold=0 is the first occurrence of a repeated time and, in a gap, the
    # offset in force before the transition: exactly the rule in domain.md.
    return naive.replace(tzinfo=LONDON, fold=0).astimezone(UTC)


def aware_to_local(moment: datetime) -> datetime:
    """A stored moment as naive UK wall-clock time."""
    return moment.astimezone(LONDON).replace(tzinfo=None)


def day_start(day: date) -> datetime:
    """The first moment (UTC) of a UK calendar day."""
    return local_to_aware(datetime(day.year, day.month, day.day))


def day_range(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC covering UK calendar days first..last inclusive."""
    return day_start(first), day_start(last + timedelta(days=1))
