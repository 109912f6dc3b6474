"""UK local time (domain.md, Time): the day an event falls in is its Europe/London date."""

import calendar
import re
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


# --- Dates as people in the UK write them ---------------------------------------------

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9


def uk_date(day: date | datetime | str) -> str:
    """ "3 June 2024": the GOV.UK style, no leading zero (an ISO string is read first)."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return f"{day.day} {day:%B %Y}"


def uk_month(day: date | str) -> str:
    """ "June 2024" (an ISO month "2024-06" or a date)."""
    if isinstance(day, str):
        day = date.fromisoformat(day if len(day) > 7 else f"{day}-01")
    return f"{day:%B %Y}"


def parse_uk_date(text: str) -> date | None:
    """Read "3/6/2008", "3-6-2008", "3 June 2008", "3 Jun 2008" or "2008-06-03"; None if not a date."""
    text = text.strip().lower().replace(",", " ")
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return datetime.strptime(text, "%Y-%m-%d").date()
        m = re.fullmatch(r"(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4})", text)
        if m:
            return date(int(m[3]), int(m[2]), int(m[1]))
        m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\s+(\d{4})", text)
        if m and m[2] in MONTHS:
            return date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        return None
    return None


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes the 28th in a year without one."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return date(day.year - years, 2, 28)


def add_months(day: date, months: int) -> date:
    """The same day n months later, or the month's last day (31 May + 3 months = 31 August)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def uk_date_time(moment: datetime) -> str:
    """ "3 June 2024 at 14:05": a stored moment in UK local time."""
    local = aware_to_local(moment)
    return f"{uk_date(local)} at {local:%H:%M}"


def duration_words(length: timedelta) -> str:
    """ "2 days 5 hours", "3 hours 20 minutes", "45 minutes": a length of time as people
    say it, to the minute, the two largest parts only."""
    minutes = max(int(length.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words[:2]) or "less than a minute"
