"""National return formats: exact CSV for a few children, OLA children always left out."""

import io
from datetime import date, datetime

import pytest

from lantern.children.models import Child
from lantern.core.ukdate import local_to_aware
from lantern.interchange.national import FORMATS
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview

pytestmark = pytest.mark.django_db

YEAR = {"date_from": date(2024, 4, 1), "date_to": date(2025, 3, 31)}


def uk(text: str) -> datetime:
    return local_to_aware(datetime.fromisoformat(text))


def child(source_id, **fields):
    defaults = {"date_of_birth": date(2008, 5, 17), "gender": "female", "legal_status": "cla"}
    return Child.objects.create(source_id=source_id, **{**defaults, **fields})


def episode(source_id, who, started, ended=None, **fields):
    return Episode.objects.create(
        source_id=source_id,
        child=who,
        started_at=uk(started),
        ended_at=uk(ended) if ended else None,
        missing_from=fields.pop("missing_from", "care"),
        **fields,
    )


def interview(source_id, who, episodes, outcome, offered=None, completed=None):
    made = ReturnInterview.objects.create(
        source_id=source_id,
        child=who,
        outcome=outcome,
        offered_at=uk(offered) if offered else None,
        completed_at=uk(completed) if completed else None,
    )
    for position, e in enumerate(episodes):
        InterviewEpisode.objects.create(interview=made, episode=e, position=position)
    return made


@pytest.fixture
def records():
    amy = child("C001", ethnicity="WBRI")
    e1 = episode("E1", amy, "2024-07-01T22:00", "2024-07-02T01:30")  # crosses midnight
    e2 = episode("E2", amy, "2024-07-10T19:00", "2024-07-10T23:00", episode_type="away")
    e3 = episode("E3", amy, "2025-03-30T20:00")  # still missing
    interview("I1", amy, [e1, e2], "completed", "2024-07-11T10:00", "2024-07-12T10:00")
    ben = child("C002", gender="male", ethnicity="BAFR", date_of_birth=date(2009, 1, 2))
    e4 = episode("E4", ben, "2024-12-24T23:30", "2024-12-25T09:00")
    interview("I2", ben, [e4], "declined_child", "2024-12-26T10:00")
    cal = child("C003", legal_status="cin", ethnicity="XXXX")  # at home, not looked after
    e5 = episode("E5", cal, "2024-05-05T18:00", "2024-05-05T22:00", missing_from="home")
    interview("I3", cal, [e5], "exception")
    ola = child("C004", placing_authority="Northmoor")  # placed here by another authority
    episode("E6", ola, "2024-06-01T20:00", "2024-06-02T08:00")
    # Before the year: left out of everything.
    episode("E0", amy, "2024-02-01T20:00", "2024-02-02T08:00")
    return e3


def export(name: str) -> tuple[int, str]:
    stream = io.StringIO()
    count = FORMATS[name](stream, **YEAR)
    return count, stream.getvalue()


def test_ssda903_missing_lists_looked_after_childrens_episodes_in_903_dates(records):
    count, text = export("ssda903-missing")
    assert text == (
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
        "C001,17/05/2008,M,01/07/2024,02/07/2024\n"
        "C001,17/05/2008,A,10/07/2024,10/07/2024\n"
        "C001,17/05/2008,M,30/03/2025,\n"
        "C002,02/01/2009,M,24/12/2024,25/12/2024\n"
    )
    assert count == 4


def test_ssd_missing_lists_every_episode_with_return_interview_offered_and_accepted(records):
    count, text = export("ssd-missing")
    assert text == (
        "miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,"
        "miss_missing_episode_end_date,miss_missing_rhi_offered,miss_missing_rhi_accepted\n"
        "E1,C001,2024-07-01 22:00,M,2024-07-02 01:30,Y,Y\n"
        "E2,C001,2024-07-10 19:00,A,2024-07-10 23:00,Y,Y\n"
        "E3,C001,2025-03-30 20:00,M,,N,NA\n"
        "E4,C002,2024-12-24 23:30,M,2024-12-25 09:00,Y,N\n"
        "E5,C003,2024-05-05 18:00,M,2024-05-05 22:00,N,NA\n"
    )
    assert count == 5


def test_annex_a_list_8_with_d2i_headers_is_todays_extract(records):
    stream = io.StringIO()
    count = FORMATS["annex-a-list8"](stream, **YEAR, headers="d2i")
    assert stream.getvalue() == (
        "ChildUniqueID,Gender,Ethnicity,DateOfBirth,Age,EpisodesChildMissingFromPlacement,"
        "EpisodesChildAbsentFromPlacement,ChildOfferedReturnInterviewAfterLastMFH,"
        "ChildAcceptedReturnInterviewAfterLastMFH\n"
        "C001,b) Female,a) WBRI,17/05/2008,16,2,1,b) No,\n"
        "C002,a) Male,o) BAFR,02/01/2009,16,1,0,a) Yes,b) No\n"
    )
    assert count == 2


def test_an_episode_ended_after_the_period_is_still_missing_at_its_end(records):
    records.ended_at = uk("2025-04-02T08:00")
    records.save()
    _, text = export("ssda903-missing")
    assert "C001,17/05/2008,M,30/03/2025,\n" in text


def test_an_interview_completed_after_the_period_is_not_yet_accepted():
    dan = child("C005")
    e = episode("E7", dan, "2025-03-30T20:00", "2025-03-31T02:00")
    interview("I4", dan, [e], "completed", "2025-03-31T10:00", "2025-04-01T10:00")
    _, text = export("ssd-missing")
    assert text.splitlines()[1] == "E7,C005,2025-03-30 20:00,M,2025-03-31 02:00,Y,NA"


def test_the_default_period_is_the_twelve_months_to_today():
    stream = io.StringIO()
    assert FORMATS["ssda903-missing"](stream) == 0
    assert stream.getvalue() == "CHILD,DOB,MISSING,MIS_START,MIS_END\n"


def test_the_export_reads_in_a_fixed_number_of_queries(records, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        export("annex-a-list8")
    with django_assert_max_num_queries(3):
        export("ssd-missing")
