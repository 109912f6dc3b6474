"""`lantern synth`: deterministic, valid under every rule of dataset.md, and looks like a real year."""

import csv
import filecmp
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command

from lantern.core.ukdate import local_to_aware
from lantern.interchange.synth import COLUMNS, dataset_synthesise

START = date(2024, 4, 1)


def synthesise(folder: Path, *, scale: float, seed: int) -> Path:
    dataset_synthesise(output=folder, scale=scale, seed=seed, start=START)
    return folder


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> Path:
    """A scale-0.2 county-year (300 children), shared by the distribution checks."""
    return synthesise(tmp_path_factory.mktemp("synth-year"), scale=0.2, seed=7)


def test_the_same_seed_writes_the_same_bytes(tmp_path):
    first = synthesise(tmp_path / "a", scale=0.02, seed=11)
    second = synthesise(tmp_path / "b", scale=0.02, seed=11)
    names = [f"{name}.csv" for name in COLUMNS]
    match, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert mismatch == [] and errors == []
    assert len(match) == len(COLUMNS)


def test_a_different_seed_writes_different_data(tmp_path):
    first = synthesise(tmp_path / "a", scale=0.02, seed=11)
    second = synthesise(tmp_path / "b", scale=0.02, seed=12)
    assert (first / "children.csv").read_bytes() != (second / "children.csv").read_bytes()
    assert (first / "missing_episodes.csv").read_bytes() != (
        second / "missing_episodes.csv"
    ).read_bytes()


def test_every_file_has_the_spec_columns_in_the_spec_order(year):
    for name, columns in COLUMNS.items():
        with open(year / f"{name}.csv", encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == columns, name


def test_scale_one_has_roughly_a_county_year_of_records(tmp_path):
    counts = dataset_synthesise(output=tmp_path, scale=1, seed=1, start=START)
    assert counts["children"] == 1500
    assert 2500 < counts["missing_episodes"] < 6000
    assert 250 < counts["cases"] < 600
    assert 1500 <= counts["entities"] <= 2500
    assert 4000 < counts["links"] < 9000
    assert 100 < counts["meetings"] < 250
    districts = {row["district"] for row in rows(tmp_path, "children")}
    assert len(districts) == 8


def test_identifiers_are_unique_and_every_reference_exists(year):
    keys = {
        "children": "child_id", "referrals": "referral_id", "cases": "case_id",
        "assessments": "assessment_id", "missing_episodes": "episode_id",
        "return_interviews": "interview_id", "meetings": "meeting_id", "actions": "action_id",
        "direct_work": "session_id", "onward_referrals": "onward_id", "outcomes": "outcome_id",
        "entities": "entity_id", "links": "link_id", "intelligence": "intel_id",
        "nrm_referrals": "nrm_id", "disruptions": "disruption_id", "training": "session_id",
    }  # fmt: skip
    ids = {}
    for name, key in keys.items():
        values = [row[key] for row in rows(year, name)]
        assert len(values) == len(set(values)), f"duplicate {key} in {name}"
        ids[name] = set(values)
    children, cases = ids["children"], ids["cases"]
    for name in ["referrals", "cases", "assessments", "missing_episodes", "return_interviews",
                 "direct_work", "onward_referrals", "outcomes", "nrm_referrals"]:  # fmt: skip
        assert {row["child_id"] for row in rows(year, name)} <= children, name
    for name in ["referrals", "direct_work", "onward_referrals", "outcomes"]:
        assert {row["case_id"] for row in rows(year, name)} - {""} <= cases, name
    for name in ["meeting_children", "actions", "meeting_attendees"]:
        assert {row["meeting_id"] for row in rows(year, name)} <= ids["meetings"], name
    assert {row["child_id"] for row in rows(year, "meeting_children")} <= children
    refs = {f"child:{c}" for c in children} | {f"entity:{e}" for e in ids["entities"]}
    for link in rows(year, "links"):
        assert link["from_ref"] in refs and link["to_ref"] in refs
    for intel in rows(year, "intelligence"):
        assert set(intel["refs"].split(";")) <= refs
    for disruption in rows(year, "disruptions"):
        assert set(disruption["target_refs"].split(";")) <= refs


def moment(text: str) -> datetime:
    return local_to_aware(datetime.strptime(text, "%Y-%m-%dT%H:%M"))


def test_episodes_of_one_child_never_overlap_and_never_end_before_they_start(year):
    by_child = defaultdict(list)
    for row in rows(year, "missing_episodes"):
        started = moment(row["started_at"])
        ended = moment(row["ended_at"]) if row["ended_at"] else None
        assert ended is None or ended >= started
        by_child[row["child_id"]].append((started, ended))
    for episodes in by_child.values():
        episodes.sort()
        for (_, ended), (next_start, _) in zip(episodes, episodes[1:], strict=False):
            assert ended is not None and next_start > ended


def test_interviews_cover_episodes_of_their_own_child_and_completed_ones_say_when(year):
    child_of = {row["episode_id"]: row["child_id"] for row in rows(year, "missing_episodes")}
    for row in rows(year, "return_interviews"):
        for episode_id in row["episode_ids"].split(";"):
            assert child_of[episode_id] == row["child_id"]
        if row["outcome"] == "completed":
            assert row["completed_at"] >= row["offered_at"] != ""
    covering_two = [r for r in rows(year, "return_interviews") if ";" in r["episode_ids"]]
    assert covering_two, "some interviews cover two episodes"


def test_dates_run_in_order(year):
    for row in rows(year, "onward_referrals"):
        dates = [row[k] for k in ("need_identified_on", "referred_on", "first_contact_on")]
        present = [d for d in dates if d]
        assert present == sorted(present)
    for row in rows(year, "cases"):
        assert not row["closed_on"] or row["closed_on"] >= row["opened_on"]
    for row in rows(year, "referrals"):
        assert not row["decided_on"] or row["decided_on"] >= row["received_on"]


def test_more_episodes_start_in_summer_than_in_winter(year):
    months = Counter(int(row["started_at"][5:7]) for row in rows(year, "missing_episodes"))
    summer = months[6] + months[7] + months[8]
    winter = months[12] + months[1] + months[2]
    assert summer > 1.3 * winter


def test_children_in_care_have_more_than_their_share_of_episodes(year):
    children = rows(year, "children")
    care_share_of_children = sum(c["legal_status"] == "cla" for c in children) / len(children)
    episodes = rows(year, "missing_episodes")
    care_share_of_episodes = sum(e["missing_from"] == "care" for e in episodes) / len(episodes)
    assert care_share_of_episodes > care_share_of_children


def test_repeat_missing_is_concentrated_in_a_few_children(year):
    per_child = sorted(
        Counter(e["child_id"] for e in rows(year, "missing_episodes")).values(), reverse=True
    )
    top_tenth = per_child[: max(1, len(per_child) // 10)]
    assert sum(top_tenth) > sum(per_child) / 2


def test_cce_is_more_common_than_cse_and_both_together_is_common(year):
    types = [
        set(a["exploitation_types"].split(";"))
        for a in rows(year, "assessments")
        if a["tool"] not in ("screening", "cserq4")
    ]
    cce = sum("cce" in t for t in types)
    cse = sum("cse" in t for t in types)
    both = sum({"cse", "cce"} <= t for t in types)
    assert cce > cse > 0
    assert both >= len(types) / 20


def test_assessments_read_like_a_year_of_triage(year):
    assessments = rows(year, "assessments")
    tools = Counter(a["tool"] for a in assessments)
    assert tools["screening"] + tools["cserq4"] > 0
    full = sorted(
        (a for a in assessments if a["tool"] not in ("screening", "cserq4")),
        key=lambda a: (a["child_id"], a["completed_on"], a["assessment_id"]),
    )
    seen = set()
    for a in full:
        assert (a["reason"] == "new") == (a["child_id"] not in seen)
        seen.add(a["child_id"])
    assert Counter(a["reason"] for a in full)["review"] > 0


def test_some_children_are_placed_here_by_other_authorities_or_unaccompanied(tmp_path):
    folder = synthesise(tmp_path, scale=1, seed=2)
    children = rows(folder, "children")
    assert any(c["placing_authority"] for c in children)
    uasc = [c for c in children if c["uasc"] == "true"]
    assert uasc and all(c["uasc_arrived_on"] for c in uasc)


def test_interviews_are_mostly_within_72_hours_with_some_declined_and_outstanding(year):
    ended = {e["episode_id"]: e["ended_at"] for e in rows(year, "missing_episodes")}
    interviews = rows(year, "return_interviews")
    outcomes = Counter(i["outcome"] for i in interviews)
    assert outcomes["declined_child"] and outcomes["outstanding"] and outcomes["exception"]
    completed = [i for i in interviews if i["outcome"] == "completed"]
    in_time = sum(
        moment(i["completed_at"]) - moment(ended[i["episode_ids"].split(";")[-1]])
        <= timedelta(hours=72)
        for i in completed
    )
    assert in_time > 0.7 * len(completed)


def test_peer_groups_share_adults_and_places(year):
    relations = Counter(link["relation"] for link in rows(year, "links"))
    for relation in ("missing_with", "seen_with", "exploiter", "frequents"):
        assert relations[relation] > 0, relation
    children_per_adult = defaultdict(set)
    for link in rows(year, "links"):
        if link["relation"] == "exploiter":
            children_per_adult[link["to_ref"]].add(link["from_ref"])
    assert max(len(c) for c in children_per_adult.values()) >= 2


def test_the_command_writes_the_dataset(tmp_path, capsys):
    call_command("synth", scale=0.01, seed=5, output=str(tmp_path), start="2023-04-01")
    assert "children.csv" in capsys.readouterr().out
    assert all((tmp_path / f"{name}.csv").exists() for name in COLUMNS)
    started = [row["started_at"] for row in rows(tmp_path, "missing_episodes")]
    assert all("2023-04-01" <= s[:10] <= "2024-04-30" for s in started)
