"""Small builders of synthetic records for the counting-rule tests (ORM objects, real database)."""

from datetime import date, datetime
from itertools import count

from lantern.children.models import Child
from lantern.core.ukdate import local_to_aware
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from lantern.reports.selectors import performance_report
from lantern.risk.models import Assessment

_ids = count(1)


def _next(prefix: str) -> str:
    return f"{prefix}{next(_ids):05d}"


def uk(text: str) -> datetime:
    """A UK wall-clock time, as the dataset writes it, made aware."""
    return local_to_aware(datetime.fromisoformat(text))


def a_child(**fields) -> Child:
    values = {
        "source_id": _next("TC"),
        "date_of_birth": date(2006, 5, 1),
        "gender": "female",
        "district": "Havant",
    }
    return Child.objects.create(**(values | fields))


def an_assessment(child: Child, on: str, level: str, *, types=("cce",), **fields) -> Assessment:
    values = {
        "source_id": _next("TA"),
        "tool": "ceraf",
        "exploitation_types": list(types),
        "reason": "",
    }
    return Assessment.objects.create(
        child=child, completed_on=date.fromisoformat(on), risk_level=level, **(values | fields)
    )


def an_episode(child: Child, start: str, end: str | None = None, **fields) -> Episode:
    values = {"source_id": _next("TM"), "missing_from": "home"}
    return Episode.objects.create(
        child=child,
        started_at=uk(start),
        ended_at=uk(end) if end else None,
        **(values | fields),
    )


def an_interview(
    child: Child,
    episodes: list[Episode],
    outcome: str,
    *,
    offered: str | None = None,
    completed: str | None = None,
    **fields,
) -> ReturnInterview:
    values = {"source_id": _next("TI")}
    interview = ReturnInterview.objects.create(
        child=child,
        outcome=outcome,
        offered_at=uk(offered) if offered else None,
        completed_at=uk(completed) if completed else None,
        **(values | fields),
    )
    for position, episode in enumerate(episodes):
        InterviewEpisode.objects.create(interview=interview, episode=episode, position=position)
    return interview


def report(first: str, last: str, **kwargs) -> dict:
    return performance_report(
        date_from=date.fromisoformat(first), date_to=date.fromisoformat(last), **kwargs
    )
