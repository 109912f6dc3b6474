"""Importing the Willow sample loads every file into the records, with UK times and lists."""

from datetime import UTC, date, datetime

import pytest

from lantern.children.models import Child
from lantern.interchange.services import dataset_import
from lantern.meetings.models import Meeting, MeetingAttendee, MeetingChild
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from lantern.risk.models import Assessment
from tests.conftest import SAMPLE_DIR

pytestmark = pytest.mark.django_db

SAMPLE_ROWS = {
    "children.csv": 767,
    "cases.csv": 313,
    "referrals.csv": 217,
    "assessments.csv": 1699,
    "missing_episodes.csv": 1156,
    "return_interviews.csv": 885,
    "meetings.csv": 110,
    "meeting_children.csv": 455,
    "meeting_attendees.csv": 431,
    "actions.csv": 183,
    "direct_work.csv": 1380,
    "onward_referrals.csv": 127,
    "outcomes.csv": 185,
    "entities.csv": 21,
    "links.csv": 70,
    "intelligence.csv": 454,
    "nrm_referrals.csv": 15,
    "disruptions.csv": 20,
    "training.csv": 16,
}


def test_the_sample_imports_every_row_of_every_file():
    result = dataset_import(SAMPLE_DIR)
    assert {name: c.added for name, c in result.files.items()} == SAMPLE_ROWS
    assert result.updated == 0 and result.unchanged == 0
    assert Child.objects.count() == 767
    assert Episode.objects.count() == 1156


def test_episode_times_are_read_as_uk_local_time():
    dataset_import(SAMPLE_DIR)
    episode = Episode.objects.get(source_id="WM00010")
    # 8 April 2020 16:00 in London is British Summer Time, so 15:00 UTC.
    assert episode.started_at == datetime(2020, 4, 8, 15, 0, tzinfo=UTC)
    assert episode.ended_at == datetime(2020, 4, 9, 21, 0, tzinfo=UTC)
    assert episode.child.source_id == "HC00671"


def test_interviews_keep_the_episodes_they_cover_in_order():
    dataset_import(SAMPLE_DIR)
    interview = ReturnInterview.objects.get(source_id="WI00001")
    covers = InterviewEpisode.objects.filter(interview=interview).order_by("position")
    assert [c.episode.source_id for c in covers] == ["WM00010", "WM00018"]
    assert [c.position for c in covers] == [0, 1]
    assert interview.outcome == "completed"
    assert interview.independent is True
    assert interview.push_factors == ["boundaries"]


def test_meetings_keep_the_children_discussed_and_agencies_attending():
    dataset_import(SAMPLE_DIR)
    meeting = Meeting.objects.get(source_id="WT0001")
    assert meeting.held_on == date(2020, 4, 3)
    discussed = MeetingChild.objects.filter(meeting=meeting).order_by("position")
    assert [d.child.source_id for d in discussed] == ["HC00385", "HC00484", "HC00394", "HC00494"]
    attendees = MeetingAttendee.objects.filter(meeting=meeting).order_by("position")
    assert [(a.agency, a.attended) for a in attendees][:3] == [
        ("housing", True),
        ("education", True),
        ("health", False),
    ]


def test_lists_are_python_lists_and_a_blank_reason_stays_blank():
    dataset_import(SAMPLE_DIR)
    assessment = Assessment.objects.get(source_id="CA00002")
    assert assessment.exploitation_types == ["cce", "county_lines"]
    screening = Assessment.objects.get(source_id="CS00001")
    assert screening.reason == ""
    assert screening.tool == "screening"
    assert screening.is_screening is True
    assert Assessment.objects.filter(source_id="CA00002", is_screening=False).exists()
