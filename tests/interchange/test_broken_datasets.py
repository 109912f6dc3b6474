"""A corpus of broken datasets: each is rejected with a plain-English problem saying where,
and the database is left exactly as it was."""

import pytest
from django.apps import apps

from lantern.interchange.problems import ImportRejected
from lantern.interchange.services import dataset_import

pytestmark = pytest.mark.django_db

CHILDREN_HEADER = (
    "child_id,first_name,last_name,date_of_birth,gender,ethnicity,district,legal_status,"
    "placing_authority,uasc,uasc_arrived_on,flags"
)
BASE = {
    "children.csv": [
        CHILDREN_HEADER,
        "C1,Alex,Test,2008-01-02,male,WBRI,Havant,none,,false,,neet",
        "C2,Sam,Test,2007-05-06,female,,Havant,cla,,true,2020-01-01,",
    ],
    "cases.csv": [
        "case_id,child_id,opened_on,closed_on,route,source,worker,closure_reason",
        "K1,C1,2020-01-01,2020-02-01,s17,mash,Worker A,closed",
    ],
    "assessments.csv": [
        "assessment_id,child_id,completed_on,reason,tool,exploitation_types,score,risk_level,"
        "triaged_on,assessor",
        "A1,C1,2020-01-03,new,ceraf,cse;cce,12,medium,2020-01-04,Police",
    ],
    "missing_episodes.csv": [
        "episode_id,child_id,started_at,ended_at,missing_from,episode_type,police_reference,"
        "police_risk,found_location",
        "M1,C1,2020-03-01T10:00,2020-03-02T10:00,home,missing,,,",
        "M2,C2,2020-03-01T10:00,,care,away,,,",
    ],
    "return_interviews.csv": [
        "interview_id,child_id,episode_ids,offered_at,outcome,completed_at,conducted_by,"
        "independent,push_factors,pull_factors,exception_reason",
        "I1,C1,M1,2020-03-03T10:00,completed,2020-03-03T12:00,Worker B,true,,,",
    ],
    "meetings.csv": ["meeting_id,type,held_on,district,title", "T1,triage,2020-03-05,,Triage"],
    "meeting_children.csv": ["meeting_id,child_id", "T1,C1"],
    "meeting_attendees.csv": ["meeting_id,agency,attended", "T1,police,true"],
    "onward_referrals.csv": [
        "onward_id,child_id,case_id,service,need_identified_on,referred_on,first_contact_on,"
        "outcome",
        "O1,C1,K1,camhs,2020-01-05,2020-01-06,2020-01-10,engaged",
    ],
    "entities.csv": ["entity_id,kind,label,district,notes", "E1,adult,Adult 1,,"],
    "links.csv": [
        "link_id,from_ref,to_ref,relation,first_seen,last_seen,source,grading",
        "L1,child:C1,entity:E1,associate,2020-01-01,,police,B2",
    ],
    "training.csv": ["session_id,held_on,audience,attendees,topic", "S1,2020-01-01,schools,10,CE"],
}


def write(folder, files: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text("\r\n".join(content) + "\r\n", encoding="utf-8")


def changed(file: str, row: int, old: str, new: str) -> dict:
    """The base dataset with one line (header = 1) edited."""
    files = {name: list(lines) for name, lines in BASE.items()}
    assert old in files[file][row - 1]
    files[file][row - 1] = files[file][row - 1].replace(old, new, 1)
    return files


def added(file: str, line: str) -> dict:
    files = {name: list(lines) for name, lines in BASE.items()}
    files[file].append(line)
    return files


def without(file: str) -> dict:
    return {name: lines for name, lines in BASE.items() if name != file}


def snapshot() -> dict:
    """Every row of every table, to prove a rejected import changed nothing."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
    }


OVERLAP = "M3,C1,2020-03-02T09:00,2020-03-04T10:00,home,missing,,,"
# (name, files, file, row, column, words expected in the message)
CASES = [
    (
        "unknown column",
        changed("children.csv", 1, "flags", "flagz"),
        "children.csv",
        1,
        "flagz",
        "Unknown column",
    ),
    (
        "missing required column",
        changed("cases.csv", 1, "opened_on", "opened"),
        "cases.csv",
        1,
        "opened_on",
        "required column 'opened_on' is missing",
    ),
    (
        "missing required value",
        changed("children.csv", 2, ",male,", ",,"),
        "children.csv",
        2,
        "gender",
        "A value is needed",
    ),
    (
        "bad date",
        changed("children.csv", 2, "2008-01-02", "02/01/2008"),
        "children.csv",
        2,
        "date_of_birth",
        "is not a date",
    ),
    (
        "impossible date",
        changed("children.csv", 3, "2007-05-06", "2007-02-30"),
        "children.csv",
        3,
        "date_of_birth",
        "is not a date",
    ),
    (
        "bad datetime",
        changed("missing_episodes.csv", 2, "2020-03-01T10:00", "2020-03-01 25:00"),
        "missing_episodes.csv",
        2,
        "started_at",
        "is not a date and time",
    ),
    (
        "bad bool",
        changed("children.csv", 2, ",false,", ",maybe,"),
        "children.csv",
        2,
        "uasc",
        "is not yes or no",
    ),
    (
        "bad integer",
        changed("training.csv", 2, ",10,", ",ten,"),
        "training.csv",
        2,
        "attendees",
        "not a whole number",
    ),
    (
        "negative attendees",
        changed("training.csv", 2, ",10,", ",-3,"),
        "training.csv",
        2,
        "attendees",
        "cannot be negative",
    ),
    (
        "unknown word",
        changed("children.csv", 2, ",male,", ",mail,"),
        "children.csv",
        2,
        "gender",
        "not an allowed value of gender",
    ),
    (
        "unknown word in a list",
        changed("assessments.csv", 2, "cse;cce", "cse;xyz"),
        "assessments.csv",
        2,
        "exploitation_types",
        "'xyz' not allowed",
    ),
    (
        "duplicate id",
        added("children.csv", "C1,Alex,Again,2008-01-02,male,,,,,,,"),
        "children.csv",
        4,
        "child_id",
        "used twice",
    ),
    (
        "unknown child",
        changed("cases.csv", 2, "K1,C1", "K1,C9"),
        "cases.csv",
        2,
        "child_id",
        "no child with id 'C9'",
    ),
    (
        "unknown case",
        changed("onward_referrals.csv", 2, ",K1,", ",K9,"),
        "onward_referrals.csv",
        2,
        "case_id",
        "no case with id 'K9'",
    ),
    (
        "unknown episode",
        changed("return_interviews.csv", 2, ",M1,", ",M9,"),
        "return_interviews.csv",
        2,
        "episode_ids",
        "no missing episode with id 'M9'",
    ),
    (
        "unknown meeting",
        changed("meeting_children.csv", 2, "T1", "T9"),
        "meeting_children.csv",
        2,
        "meeting_id",
        "no meeting with id 'T9'",
    ),
    (
        "unknown entity",
        changed("links.csv", 2, "entity:E1", "entity:E9"),
        "links.csv",
        2,
        "to_ref",
        "no entity with id 'E9'",
    ),
    (
        "not a reference",
        changed("links.csv", 2, "child:C1", "person:C1"),
        "links.csv",
        2,
        "from_ref",
        "is not a reference",
    ),
    (
        "another child's episode",
        changed("return_interviews.csv", 2, ",M1,", ",M2,"),
        "return_interviews.csv",
        2,
        "episode_ids",
        "another child's episode",
    ),
    (
        "end before start",
        changed("missing_episodes.csv", 2, "2020-03-02T10:00", "2020-02-28T10:00"),
        "missing_episodes.csv",
        2,
        "ended_at",
        "ends before it starts",
    ),
    (
        "overlapping episodes",
        added("missing_episodes.csv", OVERLAP),
        "missing_episodes.csv",
        4,
        "started_at",
        "overlaps episode 'M1'",
    ),
    (
        "completed without completed_at",
        changed("return_interviews.csv", 2, "2020-03-03T12:00", ""),
        "return_interviews.csv",
        2,
        "completed_at",
        "completed_at needs",
    ),
    (
        "onward referral before need",
        changed("onward_referrals.csv", 2, "2020-01-06", "2020-01-04"),
        "onward_referrals.csv",
        2,
        "referred_on",
        "before the need",
    ),
    (
        "first contact before referral",
        changed("onward_referrals.csv", 2, "2020-01-10", "2020-01-05"),
        "onward_referrals.csv",
        2,
        "first_contact_on",
        "before the referral",
    ),
    (
        "case closed before opened",
        changed("cases.csv", 2, "2020-02-01", "2019-12-01"),
        "cases.csv",
        2,
        "closed_on",
        "closes before it opens",
    ),
    (
        "missing children.csv",
        without("children.csv"),
        "children.csv",
        0,
        "",
        "children.csv is missing",
    ),
    (
        "unknown file",
        {**BASE, "kids.csv": ["x", "1"]},
        "kids.csv",
        0,
        "",
        "not a file of the Lantern dataset",
    ),
    (
        "hidden null character",
        changed("children.csv", 2, ",WBRI,", ",WB\x00RI,"),
        "children.csv",
        2,
        "ethnicity",
        "hidden null character",
    ),
    (
        "not UTF-8",
        {
            **BASE,
            "children.csv": (
                CHILDREN_HEADER + "\r\nC1,Zo\xeb,Test,2008-01-02,male,,,,,,,\r\n"
            ).encode("latin-1"),
        },
        "children.csv",
        2,
        "",
        "not in UTF-8",
    ),
    (
        "too many cells",
        changed("meetings.csv", 2, ",Triage", ",Triage,extra"),
        "meetings.csv",
        2,
        "",
        "has 6 cells but the header has 5",
    ),
    (
        "repeated meeting child",
        added("meeting_children.csv", "T1,C1"),
        "meeting_children.csv",
        3,
        "child_id",
        "repeats row 2",
    ),
    (
        "repeated agency",
        added("meeting_attendees.csv", "T1,police,false"),
        "meeting_attendees.csv",
        3,
        "agency",
        "repeats row 2",
    ),
    ("empty file", {**BASE, "training.csv": b""}, "training.csv", 0, "", "The file is empty"),
    (
        "column twice",
        changed("meetings.csv", 1, ",title", ",district"),
        "meetings.csv",
        1,
        "district",
        "appears twice",
    ),
    (
        "text too long",
        changed("children.csv", 2, "WBRI", "WBRIWBRIWBRI"),
        "children.csv",
        2,
        "ethnicity",
        "longer than 10",
    ),
    (
        "unclosed quote",
        {
            **BASE,
            "meetings.csv": b'meeting_id,type,held_on,district,title\r\nT1,triage,2020-03-05,,"Triage\r\n',
        },
        "meetings.csv",
        2,
        "",
        "cannot be read as CSV",
    ),
]


@pytest.mark.parametrize(
    "files,file,row,column,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_a_broken_dataset_is_rejected_with_a_clear_problem_and_changes_nothing(
    tmp_path, files, file, row, column, words
):
    write(tmp_path / "base", BASE)
    dataset_import(tmp_path / "base")
    before = snapshot()
    write(tmp_path / "broken", files)
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "broken")
    found = [
        p for p in rejected.value.problems if p.file == file and p.row == row and words in p.message
    ]
    assert found, [str(p) for p in rejected.value.problems]
    assert found[0].column == column
    assert snapshot() == before


def test_the_corpus_has_at_least_25_kinds_of_problem():
    assert len(CASES) >= 25


def test_an_episode_overlapping_one_already_in_lantern_is_rejected(tmp_path):
    write(tmp_path / "base", BASE)
    dataset_import(tmp_path / "base")
    before = snapshot()
    later = {
        "children.csv": BASE["children.csv"],
        "missing_episodes.csv": [BASE["missing_episodes.csv"][0], OVERLAP.replace("M3", "M4")],
    }
    write(tmp_path / "later", later)
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "later")
    (problem,) = rejected.value.problems
    assert problem.row == 2 and "overlaps episode 'M1'" in problem.message
    assert "already in Lantern" in problem.message
    assert snapshot() == before


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    files = changed("children.csv", 2, ",male,", ",mail,")
    files["children.csv"][2] = files["children.csv"][2].replace("2007-05-06", "yesterday")
    files["training.csv"][1] = files["training.csv"][1].replace(",10,", ",ten,")
    write(tmp_path / "broken", files)
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "broken")
    where = {(p.file, p.row, p.column) for p in rejected.value.problems}
    assert where == {
        ("children.csv", 2, "gender"),
        ("children.csv", 3, "date_of_birth"),
        ("training.csv", 2, "attendees"),
    }


def test_a_damaged_zip_is_rejected(tmp_path):
    (tmp_path / "data.zip").write_bytes(b"not a zip at all")
    with pytest.raises(ImportRejected) as rejected:
        dataset_import(tmp_path / "data.zip")
    assert "not a readable zip" in rejected.value.problems[0].message


def test_the_base_dataset_itself_imports(tmp_path):
    write(tmp_path / "base", BASE)
    result = dataset_import(tmp_path / "base")
    assert result.files["children.csv"].added == 2
