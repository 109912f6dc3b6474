"""National return formats: the missing parts of SSDA903, the D2I safeguarding dataset and Annex A.

Each format is a function that writes CSV to a text stream and returns the number of rows
written, reading the records set-based. Episodes of children placed here by another authority
(OLA) are left out of all of them: they belong in the placing authority's returns. The rules
and codes are written up in docs/national-returns.md.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import TextIO

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from lantern.children.models import LegalStatus
from lantern.core.ukdate import aware_to_local, day_range
from lantern.missing.models import Episode, EpisodeType, InterviewOutcome, ReturnInterview
from lantern.missing.selectors import return_interview_status

ANSWERED = (
    InterviewOutcome.COMPLETED,
    InterviewOutcome.DECLINED_CHILD,
    InterviewOutcome.DECLINED_PARENT,
)


def _period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """Default: the 12 months to today (UK calendar days, inclusive)."""
    last = date_to or aware_to_local(timezone.now()).date()
    if date_from is None:
        try:
            date_from = last.replace(year=last.year - 1) + timedelta(days=1)
        except ValueError:  # 29 February
            date_from = last.replace(year=last.year - 1, day=28) + timedelta(days=1)
    return date_from, last


def _episodes(first: date, last: date, *, looked_after: bool, overlapping: bool = False):
    """Episodes of this authority's children (never OLA), in child then start order."""
    start, end = day_range(first, last)
    episodes = Episode.objects.filter(child__placing_authority="")
    if looked_after:
        episodes = episodes.filter(child__legal_status=LegalStatus.CLA)
    if overlapping:
        episodes = episodes.filter(started_at__lt=end).exclude(ended_at__lt=start)
    else:
        episodes = episodes.filter(started_at__gte=start, started_at__lt=end)
    return episodes.select_related("child").order_by("child__source_id", "started_at", "source_id")


def _with_interview_answer(episodes: QuerySet, first: date, last: date) -> QuerySet:
    """Episodes with the deciding interview's answer, by the one rule the report uses
    (`missing.selectors.return_interview_status`), plus whether any interview was offered."""
    offers = ReturnInterview.objects.filter(
        covers__episode=OuterRef("pk"), offered_at__isnull=False
    )
    statuses = return_interview_status(first, last).filter(pk=OuterRef("pk")).values("rhi_status")
    return episodes.annotate(rhi_status=Subquery(statuses[:1]), rhi_has_offer=Exists(offers))


def _offered(episode) -> bool:
    """Offered: an offer date, or an answer that could only follow an offer."""
    return episode.rhi_has_offer or episode.rhi_status in ANSWERED


def _accepted(episode) -> bool | None:
    """True completed by the period's end, False declined, None no answer (yet)."""
    if episode.rhi_status == InterviewOutcome.COMPLETED:
        return True
    if episode.rhi_status in (InterviewOutcome.DECLINED_CHILD, InterviewOutcome.DECLINED_PARENT):
        return False
    return None


def _ended_by(episode: Episode, end: datetime) -> datetime | None:
    """The end as known at the end of the period: blank while still missing then."""
    return episode.ended_at if episode.ended_at and episode.ended_at < end else None


def _uk(moment: datetime | None, fmt: str) -> str:
    return aware_to_local(moment).strftime(fmt) if moment else ""


def _write(stream: TextIO, header: list[str], rows: Iterable[list]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


MISSING_CODE = {EpisodeType.MISSING: "M", EpisodeType.AWAY: "A"}


def ssda903_missing(
    stream: TextIO, *, date_from: date | None = None, date_to: date | None = None
) -> int:
    """SSDA903 `Missing`: every episode of a looked-after child open at any time in the year."""
    first, last = _period(date_from, date_to)
    _, end = day_range(first, last)
    episodes = _episodes(first, last, looked_after=True, overlapping=True)
    rows = (
        [
            e.child.source_id,
            e.child.date_of_birth.strftime("%d/%m/%Y"),
            MISSING_CODE.get(e.episode_type, "M"),
            _uk(e.started_at, "%d/%m/%Y"),
            _uk(_ended_by(e, end), "%d/%m/%Y"),
        ]
        for e in episodes.iterator()
    )
    return _write(stream, ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"], rows)


SSD_MISSING_COLUMNS = [
    "miss_table_id",
    "miss_person_id",
    "miss_missing_episode_start_date",
    "miss_missing_episode_type",
    "miss_missing_episode_end_date",
    "miss_missing_rhi_offered",
    "miss_missing_rhi_accepted",
]


def ssd_missing(
    stream: TextIO, *, date_from: date | None = None, date_to: date | None = None
) -> int:
    """D2I standard safeguarding dataset `ssd_missing`: every episode starting in the period,
    from home or care, with whether a return interview was offered and accepted."""
    first, last = _period(date_from, date_to)
    _, end = day_range(first, last)
    episodes = _with_interview_answer(_episodes(first, last, looked_after=False), first, last)

    def rows():
        for e in episodes.iterator():
            accepted = _accepted(e)
            yield [
                e.source_id,
                e.child.source_id,
                _uk(e.started_at, "%Y-%m-%d %H:%M"),
                MISSING_CODE.get(e.episode_type, "M"),
                _uk(_ended_by(e, end), "%Y-%m-%d %H:%M"),
                "Y" if _offered(e) else "N",
                "NA" if accepted is None else ("Y" if accepted else "N"),
            ]

    return _write(stream, SSD_MISSING_COLUMNS, rows())


ANNEX_A_LIST_8_COLUMNS = [
    "ChildUniqueID",
    "Gender",
    "Ethnicity",
    "DateOfBirth",
    "Age",
    "EpisodesChildMissingFromPlacement",
    "EpisodesChildAbsentFromPlacement",
    "ChildOfferedReturnInterviewAfterLastMFH",
    "ChildAcceptedReturnInterviewAfterLastMFH",
]
ANNEX_A_GENDER = {
    "male": "a) Male",
    "female": "b) Female",
    "unknown": "c) Not stated/recorded",
    "other": "d) Neither",
}
ANNEX_A_ETHNICITIES = [
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
    "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
]  # fmt: skip
ANNEX_A_ETHNICITY = {
    code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(ANNEX_A_ETHNICITIES)
}
ANNEX_A_UNKNOWN_ETHNICITY = "u) UNKNOWN"


def annex_a_list8(
    stream: TextIO, *, date_from: date | None = None, date_to: date | None = None
) -> int:
    """Ofsted Annex A list 8 (missing columns): one row per looked-after child with an episode
    starting in the 12 months, counting missing and away episodes, and whether a return
    interview was offered, and accepted, after the last one."""
    first, last = _period(date_from, date_to)
    episodes = _with_interview_answer(_episodes(first, last, looked_after=True), first, last)

    def rows():
        for child, its in groupby(episodes.iterator(), key=lambda e: e.child):
            its = list(its)
            offered = _offered(its[-1])
            accepted = _accepted(its[-1]) if offered else None
            yield [
                child.source_id,
                ANNEX_A_GENDER.get(child.gender, "c) Not stated/recorded"),
                ANNEX_A_ETHNICITY.get(child.ethnicity.upper(), ANNEX_A_UNKNOWN_ETHNICITY),
                child.date_of_birth.strftime("%d/%m/%Y"),
                child.age_on(last),
                sum(e.episode_type == EpisodeType.MISSING for e in its),
                sum(e.episode_type == EpisodeType.AWAY for e in its),
                "a) Yes" if offered else "b) No",
                "" if accepted is None else ("a) Yes" if accepted else "b) No"),
            ]

    return _write(stream, ANNEX_A_LIST_8_COLUMNS, rows())


FORMATS: dict[str, Callable[..., int]] = {
    "ssda903-missing": ssda903_missing,
    "ssd-missing": ssd_missing,
    "annex-a-list8": annex_a_list8,
}
