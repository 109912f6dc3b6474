"""National return formats: the missing parts of SSDA903, the D2I safeguarding dataset and Annex A.

Each format is a function that writes CSV to a text stream and returns the number of rows
written, reading the records set-based. Episodes of children placed here by another authority
(OLA) are left out of all of them: they belong in the placing authority's returns. The rules
and codes are written up in docs/national-returns.md.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import BinaryIO, TextIO

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from lantern.children.models import Child, LegalStatus
from lantern.children.pseudonyms import age_band, pseudonym
from lantern.core.ukdate import aware_to_local, day_range, years_before
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
        date_from = years_before(last, 1) + timedelta(days=1)
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


L8_UASC = "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)"
L8_MISSING = (
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months"
)
L8_ABSENT = (
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months"
)
L8_OFFERED = "Was the child offered a Return Interview after their last missing episode (Y/N)?"
L8_ACCEPTED = "Did the child accept a Return Interview after their last missing episode (Y/N)?"
ANNEX_A_LIST_8_HEADERS = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    L8_UASC,
    "Does the Child have a Disability",
    "Date Started to be Looked After",
    "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 "
    "months (Y/N)",
    "Start date of current legal status",
    "Child's Legal Status",
    "Date of Latest Statutory Review",
    "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After",
    "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement",
    "Placement Type",
    "Placement Provider",
    "Placement postcode",
    "URN of Placement",
    "Placement Location",
    "LA of Placement",
    L8_MISSING,
    L8_ABSENT,
    L8_OFFERED,
    L8_ACCEPTED,
    "Allocated Team",
    "Allocated Worker",
]
"""Ofsted's List 8 headers in the template's order, as liiatools reads them (its
`annex-a-merge.yml`, checked in tests/interchange/data/). Lantern fills the child's identity,
UASC and the missing columns; the rest stay blank for the analyst to fill from the case
system."""

ANNEX_A_D2I_NAMES = {
    "Child Unique ID": "ChildUniqueID",
    "Gender": "Gender",
    "Ethnicity": "Ethnicity",
    "Date of Birth": "DateOfBirth",
    "Age of Child (Years)": "Age",
    L8_MISSING: "EpisodesChildMissingFromPlacement",
    L8_ABSENT: "EpisodesChildAbsentFromPlacement",
    L8_OFFERED: "ChildOfferedReturnInterviewAfterLastMFH",
    L8_ACCEPTED: "ChildAcceptedReturnInterviewAfterLastMFH",
}
"""`--headers d2i`: D2I's extract names (`AnnexA_sqlserver_*.sql`), the missing columns only."""
ANNEX_A_LIST_8_COLUMNS = list(ANNEX_A_D2I_NAMES.values())
ANNEX_A_HEADERS = ("ofsted", "d2i")

ANNEX_A_YES, ANNEX_A_NO, ANNEX_A_UNKNOWN = "a) Yes", "b) No", "c) Unknown"
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


def annex_a_period(date_from: date | None, date_to: date | None) -> tuple[date, date]:
    """List 8 is run for a date (default today) and covers the 12 months ending on it."""
    first, last = _period(None, date_to)
    if date_from is not None and date_from != first:
        raise ValueError(
            "Annex A list 8 always covers the 12 months ending on the date it is run for "
            f"({first:%d/%m/%Y} to {last:%d/%m/%Y}): give only the date to run it for."
        )
    return first, last


def annex_a_answers(episode) -> tuple[str, str]:
    """Offered and accepted, in the template's codes, for the child's last episode.

    Offered: `a) Yes` with an offer date or an answer that could only follow an offer
    (completed, declined by the child or the parent), otherwise `b) No`.
    Accepted: `a) Yes` completed by the end of the period, `b) No` declined by the child or
    the parent, `c) Unknown` offered with no answer yet (outstanding, an exception, or
    completed only after the period), blank when not offered.
    """
    if not _offered(episode):
        return ANNEX_A_NO, ""
    accepted = _accepted(episode)
    if accepted is None:
        return ANNEX_A_YES, ANNEX_A_UNKNOWN
    return ANNEX_A_YES, ANNEX_A_YES if accepted else ANNEX_A_NO


def annex_a_rows(
    *, date_from: date | None = None, date_to: date | None = None, pseudonymise: bool = False
) -> Iterator[tuple[Child, dict]]:
    """(child, row) for each looked-after child with an episode starting in the 12 months,
    the row keyed by Ofsted's headers: dates as dates, counts as numbers, blanks left out.

    Pseudonymised (analysts): the child's pseudonym, an age band and no date of birth."""
    first, last = annex_a_period(date_from, date_to)
    episodes = _with_interview_answer(_episodes(first, last, looked_after=True), first, last)
    for child, its in groupby(episodes.iterator(), key=lambda e: e.child):
        its = list(its)
        offered, accepted = annex_a_answers(its[-1])
        row = {
            "Child Unique ID": child.source_id,
            "Gender": ANNEX_A_GENDER.get(child.gender, "c) Not stated/recorded"),
            "Ethnicity": ANNEX_A_ETHNICITY.get(child.ethnicity.upper(), ANNEX_A_UNKNOWN_ETHNICITY),
            "Date of Birth": child.date_of_birth,
            "Age of Child (Years)": child.age_on(last),
            L8_UASC: ANNEX_A_YES if child.uasc else ANNEX_A_NO,
            L8_MISSING: sum(e.episode_type == EpisodeType.MISSING for e in its),
            L8_ABSENT: sum(e.episode_type == EpisodeType.AWAY for e in its),
            L8_OFFERED: offered,
            L8_ACCEPTED: accepted,
        }
        if pseudonymise:
            row["Child Unique ID"] = pseudonym(child.source_id)
            row["Date of Birth"] = None
            row["Age of Child (Years)"] = age_band(child.date_of_birth, last)
        yield child, row


def _annex_a_header(headers: str) -> list[str]:
    if headers not in ANNEX_A_HEADERS:
        raise ValueError(f"Unknown headers '{headers}': use " + " or ".join(ANNEX_A_HEADERS))
    return ANNEX_A_LIST_8_HEADERS if headers == "ofsted" else list(ANNEX_A_D2I_NAMES)


def annex_a_check(*, date_from: date | None, date_to: date | None, headers: str) -> None:
    """Refuse a period other than the 12 months to the date, or unknown headers, before
    anything is written."""
    annex_a_period(date_from, date_to)
    _annex_a_header(headers)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def annex_a_list8(
    stream: TextIO,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    headers: str = "ofsted",
    pseudonymise: bool = False,
) -> int:
    """Ofsted Annex A list 8: one row per looked-after child with an episode starting in the
    12 months to `date_to`, counting missing and away episodes, and whether a return
    interview was offered, and accepted, after the last one. `headers="d2i"`: D2I's names,
    the missing columns only."""
    annex_a_check(date_from=date_from, date_to=date_to, headers=headers)
    columns = _annex_a_header(headers)
    names = [ANNEX_A_D2I_NAMES[c] for c in columns] if headers == "d2i" else columns
    rows = (
        [_text(row.get(c)) for c in columns]
        for _, row in annex_a_rows(date_from=date_from, date_to=date_to, pseudonymise=pseudonymise)
    )
    return _write(stream, names, rows)


ANNEX_A_SHEET = "List 8"


def annex_a_list8_workbook(
    stream: BinaryIO,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    pseudonymise: bool = False,
) -> list[int]:
    """List 8 as an .xlsx with one sheet, "List 8", Ofsted's headers; returns the ids of the
    children written (for the audit trail)."""
    annex_a_period(date_from, date_to)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(ANNEX_A_SHEET)
    sheet.append(ANNEX_A_LIST_8_HEADERS)
    children = []
    for child, row in annex_a_rows(date_from=date_from, date_to=date_to, pseudonymise=pseudonymise):
        cells = []
        for column in ANNEX_A_LIST_8_HEADERS:
            value = row.get(column)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, date):
                cell.number_format = "DD/MM/YYYY"
            cells.append(cell)
        sheet.append(cells)
        children.append(child.pk)
    workbook.save(stream)
    return children


FORMATS: dict[str, Callable[..., int]] = {
    "ssda903-missing": ssda903_missing,
    "ssd-missing": ssd_missing,
    "annex-a-list8": annex_a_list8,
}
