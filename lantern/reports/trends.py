"""Headline figures over the last 8 financial quarters, for the dashboard's trend charts.

Eight full reports would cost eight times the report's queries; these four figures need
one query for assessments and one per quarter for the missing figures (whose return
interview status depends on each quarter's end).
"""

from datetime import date

from django.db.models import Count, Min, Q

from lantern.core.ukdate import aware_to_local
from lantern.missing.models import Episode, InterviewOutcome
from lantern.missing.selectors import return_interview_status
from lantern.reports.periods import parse_period
from lantern.risk.selectors import full_assessments


def quarter_of(day: date) -> str:
    """The financial quarter holding a day: 2020/21-Q3 for 5 November 2020."""
    start = day.year if day.month >= 4 else day.year - 1
    number = (day.month - 4) % 12 // 3 + 1
    return f"{start}/{(start + 1) % 100:02d}-Q{number}"


def last_quarters(day: date, count: int = 8) -> list[tuple[str, date, date]]:
    """The `count` quarters ending with the one holding `day`, oldest first."""
    quarters = []
    for _ in range(count):
        name = quarter_of(day)
        first, last = parse_period(quarter=name)
        quarters.append((name, first, last))
        day = date.fromordinal(first.toordinal() - 1)
    return list(reversed(quarters))


def headline_trends(*, last_day: date, district: str | None = None) -> list[dict]:
    """For each of the 8 quarters up to `last_day`: assessments, episodes, children missing,
    return interviews completed and completed within 72 hours. A figure is None ("no data")
    for a quarter that ends before the first record of its kind, and the rate is None when no
    interview was completed: nothing to divide by."""
    quarters = last_quarters(last_day)
    assessments = full_assessments(district).aggregate(
        first=Min("completed_on"),
        **{
            f"q{i}": Count("pk", filter=Q(completed_on__gte=first, completed_on__lte=last))
            for i, (_, first, last) in enumerate(quarters)
        },
    )
    first_episode = Episode.objects.aggregate(first=Min("started_at"))["first"]
    first_episode_day = aware_to_local(first_episode).date() if first_episode else None
    rows = []
    for i, (name, first, last) in enumerate(quarters):
        missing = return_interview_status(first, last, district).aggregate(
            episodes=Count("pk"),
            children=Count("child", distinct=True),
            completed=Count("pk", filter=Q(rhi_status=InterviewOutcome.COMPLETED)),
            in_timescale=Count("pk", filter=Q(rhi_in_timescale=1)),
        )
        if _before(last, first_episode_day):
            missing["episodes"] = missing["children"] = None
        rows.append(
            {
                "quarter": name,
                "from": first,
                "to": last,
                "assessments": None
                if _before(last, assessments["first"])
                else assessments[f"q{i}"],
                **missing,
                "in_timescale_rate": (
                    missing["in_timescale"] / missing["completed"] if missing["completed"] else None
                ),
            }
        )
    return rows


def _before(last: date, first_record: date | None) -> bool:
    """A quarter that ends before the first record of its kind has no data (not a zero)."""
    return first_record is None or last < first_record
