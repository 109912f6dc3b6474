"""Synthetic datasets in the v1 format (dataset.md), at any scale, for tests, demos and benchmarks.

Everything here is invented. The output is streamed: children are generated one peer group
at a time and written at once, so memory stays flat whatever the scale. Meetings are built
per "county" (a chunk of 1,500 children), so the only state kept is one county's meeting
items. The same seed always gives the same bytes: one `random.Random(seed)` drives every
choice, in a fixed order, and nothing reads the clock.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from lantern.core.ukdate import add_months, aware_to_local, local_to_aware
from lantern.interchange.schema import FILES as SCHEMA_FILES
from lantern.missing.selectors import reaches_missing_trigger

# Columns of every file: the importer's schema is the one source of truth for dataset.md.
COLUMNS: dict[str, list[str]] = {
    spec.name.removesuffix(".csv"): spec.header for spec in SCHEMA_FILES
}

COUNTY_CHILDREN = 1500  # children in one county-year (scale 1)
ENTITIES_PER_COUNTY = 2000
ENTITY_BLOCK = 20  # entities come in blocks of 20 sharing a district (see _entity_kind)

# Eight invented, Hampshire-like district names for the first county.
DISTRICTS = [
    "Ashdown and Marsh", "Brackenford", "Coldharbour Vale", "Dunmere and Hythe",
    "Elmstead", "Fernham Downs", "Greywell and Oakley", "Hollowbridge",
]  # fmt: skip
PLACING_AUTHORITIES = ["Northmoor", "Westholt", "Eastbury", "Southwold Vale", "Kingsmere"]

FIRST_NAMES = {
    "male": [
        "Alfie", "Ben", "Callum", "Dylan", "Ethan", "Finley", "George", "Harry", "Isaac",
        "Jayden", "Kai", "Leo", "Mason", "Noah", "Oscar", "Reece", "Riley", "Sam", "Tyler",
        "Zak", "Ahmed", "Kofi", "Tomasz", "Yusuf",
    ],
    "female": [
        "Amber", "Bella", "Chloe", "Demi", "Ella", "Freya", "Grace", "Holly", "Isla", "Jade",
        "Kayla", "Lily", "Maisie", "Nadia", "Olivia", "Poppy", "Ruby", "Sophie", "Tia",
        "Zara", "Amara", "Leila", "Maja", "Precious",
    ],
}  # fmt: skip
FIRST_NAMES["other"] = ["Alex", "Charlie", "Frankie", "Jordan", "Morgan", "Robin", "Sky"]
FIRST_NAMES["unknown"] = FIRST_NAMES["other"]
SURNAME_START = ["Ash", "Bram", "Cal", "Dun", "Elm", "Fen", "Gar", "Hol", "Kel", "Lang", "Mor", "Pen", "Rad", "Stan", "Thorn", "Wex"]  # fmt: skip
SURNAME_END = ["by", "combe", "dell", "field", "ford", "gate", "hurst", "ley", "mere", "more", "stead", "ton", "well", "wick"]  # fmt: skip

ETHNICITIES = [("WBRI", 70), ("WOTH", 5), ("MWBC", 5), ("MOTH", 2), ("BAFR", 4), ("BCRB", 2), ("AOTH", 3), ("APKN", 2), ("OOTH", 2), ("NOBT", 5)]  # fmt: skip
UASC_ETHNICITIES = [("OOTH", 3), ("AOTH", 3), ("BAFR", 3), ("BOTH", 1)]
FLAGS = ["substance_misuse", "neet", "exiting_gang", "self_harm", "excluded"]

# More episodes in summer: weight of each month, April first (a financial year).
MONTH_WEIGHTS = [1.0, 1.1, 1.3, 1.4, 1.4, 1.1, 1.0, 0.85, 0.75, 0.7, 0.75, 0.9]
MONTH_CUMULATIVE = [sum(MONTH_WEIGHTS[: i + 1]) for i in range(12)]
# Exploitation types of an assessment: CCE more common than CSE, both together common.
TYPE_MIX = [
    ("cce", 34), ("cse", 20), ("cse;cce", 16), ("cce;county_lines", 14), ("county_lines", 4),
    ("online;cse", 5), ("online", 3), ("cce;trafficking", 2), ("modern_slavery", 1),
    ("cce;county_lines;trafficking", 1),
]  # fmt: skip
FOUND = ["returned of own accord", "friend's address", "town centre", "railway station", "park", "fast food restaurant", "known adult's address", "another county"]  # fmt: skip
PUSH = ["conflict_at_home", "boundaries", "placement_unsettled", "bereavement", "school_problems"]  # fmt: skip
PULL = ["older_peers", "friends", "boyfriend", "girlfriend", "drugs", "money"]
WORKERS = ["SW Ashby", "SW Okafor", "CFSW Dunmore", "ATM Ferris", "SW Kowalczyk", "Nurse Hale", "SAS Ingram"]  # fmt: skip
RETURN_WORKERS = [f"Return worker {c}" for c in "ABCDEFGH"]
ASSESSORS = ["Social care", "Police", "Education", "Health", "Youth justice"]
LOCATION_LABELS = ["Flat above shop", "Bus station", "Retail park", "Takeaway", "Car park", "Stairwell", "Skate park", "Hostel"]  # fmt: skip


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    total = sum(w for _, w in weighted)
    r = rng.random() * total
    for value, w in weighted:
        r -= w
        if r < 0:
            return value
    return weighted[-1][0]


def _d(day: date | None) -> str:
    return day.isoformat() if day else ""


def _dt(moment: datetime | None) -> str:
    """UK wall-clock time as `lantern export` writes it: a time in the spring gap is written
    as the moment it stands for (01:50 GMT is 02:50 BST), so files round-trip exactly."""
    if not moment:
        return ""
    return aware_to_local(local_to_aware(moment)).strftime("%Y-%m-%dT%H:%M")


def _b(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _entity_kind(number: int) -> str:
    """An entity's kind follows from its number, so no list of entities is kept in memory."""
    r = number % ENTITY_BLOCK
    if r < 8:
        return "adult"
    if r < 14:
        return "location"
    if r < 16:
        return "vehicle"
    if r < 18:
        return "phone"
    if r == 18:
        return "online_account"
    return "business" if (number // ENTITY_BLOCK) % 2 else "group"


ENTITY_PREFIX = {"adult": "EA", "location": "EL", "vehicle": "EV", "phone": "EP", "online_account": "EO", "business": "EB", "group": "EG"}  # fmt: skip


def entity_id(number: int) -> str:
    return f"{ENTITY_PREFIX[_entity_kind(number)]}{number:07d}"


@dataclass
class Counters:
    """Running numbers for identifiers; the only thing kept across the whole run."""

    values: dict[str, int] = field(default_factory=dict)

    def next(self, prefix: str, width: int = 7) -> str:
        n = self.values.get(prefix, 0) + 1
        self.values[prefix] = n
        return f"{prefix}{n:0{width}d}"


@dataclass
class CountyItems:
    """One county's items for meetings: small, and dropped when the county is written."""

    triage: list[tuple[date, str]] = field(default_factory=list)  # assessment date, child
    panel: list[tuple[date, str, str]] = field(default_factory=list)  # date, child, district
    triggers: list[tuple[date, str, str]] = field(default_factory=list)
    groups: list[tuple[date, list[str], str]] = field(default_factory=list)


class Synth:
    """Writes one dataset. Call `run()`; `progress` is told of each child written."""

    def __init__(
        self,
        *,
        out: dict[str, csv.writer],
        scale: float,
        seed: int,
        start: date,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self.w = out
        self.rng = random.Random(seed)  # nosec B311
        self.start = start
        self.end = date(start.year + 1, start.month, start.day) - timedelta(days=1)
        self.days = (self.end - start).days + 1
        self.n_children = max(1, round(COUNTY_CHILDREN * scale))
        self.n_counties = max(1, math.ceil(self.n_children / COUNTY_CHILDREN))
        self.n_districts = 8 * self.n_counties
        n_entities = max(ENTITY_BLOCK, round(ENTITIES_PER_COUNTY * scale))
        self.n_blocks = max(1, n_entities // ENTITY_BLOCK)
        self.ids = Counters()
        self.progress = progress or (lambda n: None)
        self.yy = start.strftime("%y")

    # ---------- helpers
    def district(self, index: int) -> str:
        county, i = divmod(index, 8)
        return DISTRICTS[i] if county == 0 else f"{DISTRICTS[i]} {county + 1}"

    def day(self, first: date | None = None, last: date | None = None) -> date:
        first = first or self.start
        last = last or self.end
        span = (last - first).days
        return first + timedelta(days=self.rng.randint(0, max(0, span)))

    def seasonal_moment(self) -> datetime:
        """A start time in the year: summer months weigh more, evenings most of all."""
        month = self.rng.choices(range(12), cum_weights=MONTH_CUMULATIVE)[0]
        first = _add_months(self.start, month)
        last = _add_months(self.start, month + 1) - timedelta(days=1)
        day = self.day(first, min(last, self.end))
        hour = _pick(self.rng, [("16", 3), ("18", 5), ("20", 6), ("22", 4), ("13", 2), ("9", 1)])
        return datetime(day.year, day.month, day.day, int(hour), self.rng.randrange(0, 60, 10))

    def block_in(self, district_index: int) -> int:
        """A block of entities in the district, or any block when the district has none."""
        count = (self.n_blocks - district_index + self.n_districts - 1) // self.n_districts
        if district_index < self.n_blocks and count > 0:
            return district_index + self.n_districts * self.rng.randrange(count)
        return self.rng.randrange(self.n_blocks)

    def entity_of(self, block: int, low: int, high: int) -> str:
        return entity_id(block * ENTITY_BLOCK + self.rng.randrange(low, high))

    def link(
        self, from_ref: str, to_ref: str, relation: str, first: date | None, source: str
    ) -> None:
        last = None
        if first and self.rng.random() < 0.4:
            last = self.day(first, self.end)
        grading = f"{self.rng.choice('ABC')}{self.rng.choice('1234')}"
        self.w["links"].writerow(
            [
                self.ids.next("YL", 8),
                from_ref,
                to_ref,
                relation,
                _d(first),
                _d(last),
                source,
                grading,
            ]
        )

    # ---------- the run
    def run(self) -> None:
        self.write_entities()
        made = 0
        for county in range(self.n_counties):
            size = min(COUNTY_CHILDREN, self.n_children - made)
            items = CountyItems()
            done = 0
            while done < size:
                done += self.write_group(county, min(size - done, self.group_size()), items)
            made += size
            self.write_meetings(county, items)
            self.write_county_extras(county)

    def group_size(self) -> int:
        return 1 if self.rng.random() < 0.55 else self.rng.randint(3, 7)

    def write_entities(self) -> None:
        """Entities, and the links between them (an adult's address, phone and car)."""
        for block in range(self.n_blocks):
            district = self.district(block % self.n_districts)
            for r in range(ENTITY_BLOCK):
                number = block * ENTITY_BLOCK + r
                kind = _entity_kind(number)
                if kind == "adult":
                    label = f"Adult of concern {number}"
                elif kind == "location":
                    label = f"{self.rng.choice(LOCATION_LABELS)} {number}"
                else:
                    label = f"Identifier {number}"
                on_map = kind in ("adult", "location", "business", "group")
                self.w["entities"].writerow(
                    [entity_id(number), kind, label, district if on_map else "", ""]
                )
            base = block * ENTITY_BLOCK
            for r in range(8):
                adult = f"entity:{entity_id(base + r)}"
                if self.rng.random() < 0.8:
                    place = f"entity:{entity_id(base + 8 + self.rng.randrange(6))}"
                    self.link(adult, place, "lives_at", self.day(), "police")
                if self.rng.random() < 0.7:
                    thing = f"entity:{entity_id(base + 14 + self.rng.randrange(5))}"
                    self.link(adult, thing, "other", self.day(), "intelligence")
                if self.rng.random() < 0.6:
                    other = f"entity:{entity_id(base + self.rng.randrange(8))}"
                    if other != adult:
                        self.link(adult, other, "associate", None, "intelligence")

    def write_group(self, county: int, size: int, items: CountyItems) -> int:
        """A peer group: children of one district who share adults and places."""
        rng = self.rng
        district_index = county * 8 + rng.randrange(8)
        exploited_group = size > 1 and rng.random() < 0.25
        block = self.block_in(district_index)
        adults = [self.entity_of(block, 0, 8) for _ in range(rng.randint(1, 2))]
        places = [self.entity_of(block, 8, 14) for _ in range(rng.randint(1, 2))]
        members: list[tuple[str, bool]] = []  # child id, went missing
        first_dates: list[date] = []
        for _ in range(size):
            child_id, went_missing, first = self.write_child(district_index, exploited_group, items)
            members.append((child_id, went_missing))
            if first:
                first_dates.append(first)
            self.progress(1)
        if size == 1:
            child_id, went_missing = members[0]
            if went_missing and rng.random() < 0.3:
                self.link(f"child:{child_id}", f"entity:{places[0]}", "found_at", self.day(), "rhi")
            return 1
        seen = min(first_dates) if first_dates else self.day()
        refs = [f"child:{c}" for c, _ in members]
        for i, (_child_id, went_missing) in enumerate(members):
            ref = refs[i]
            if i + 1 < size:
                self.link(ref, refs[i + 1], "associate", seen, "meeting")
            if went_missing and rng.random() < 0.5:
                self.link(ref, f"entity:{rng.choice(places)}", "found_at", self.day(seen), "rhi")
            if went_missing:
                for other, other_missing in members[i + 1 :]:
                    if other_missing and rng.random() < 0.6:
                        self.link(ref, f"child:{other}", "missing_with", self.day(seen), "rhi")
            if rng.random() < 0.8 and i + 2 < size:
                self.link(ref, refs[i + 2], "seen_with", self.day(seen), "police")
            if not exploited_group and rng.random() < 0.4:
                self.link(ref, f"entity:{adults[0]}", "associate", self.day(seen), "meeting")
            if exploited_group:
                for adult in adults:
                    relation = "exploiter" if rng.random() < 0.5 else "associate"
                    self.link(ref, f"entity:{adult}", relation, self.day(seen), "intelligence")
            for place in places if exploited_group else places[:1]:
                if exploited_group or rng.random() < 0.5:
                    self.link(ref, f"entity:{place}", "frequents", self.day(seen), "rhi")
        if exploited_group:
            for _ in range(rng.randint(1, 3) * size // 2):
                chosen = rng.sample(refs, k=min(len(refs), rng.randint(1, 3)))
                chosen.append(f"entity:{rng.choice(adults + places)}")
                self.w["intelligence"].writerow(
                    [
                        self.ids.next("YX"),
                        _d(self.day(seen)),
                        rng.choice(["police", "school", "health", "youth service", "housing"]),
                        "cpi" if rng.random() < 0.85 else "other",
                        "Synthetic intelligence summary",
                        ";".join(chosen),
                    ]
                )
            if rng.random() < 0.4:
                self.w["disruptions"].writerow(
                    [
                        self.ids.next("YD", 6),
                        _d(self.day(seen)),
                        rng.choice(["cawn", "arrest", "warrant", "trespass_notice", "civil_order"]),
                        ";".join(f"entity:{e}" for e in adults[:1] + places[:1]),
                        rng.choice(["served", "charged", "no further action", "ongoing"]),
                    ]
                )
            items.groups.append(
                (self.day(seen), [c for c, _ in members], self.district(district_index))
            )
        return size

    def write_child(
        self, district_index: int, exploited_group: bool, items: CountyItems
    ) -> tuple[str, bool, date | None]:
        rng = self.rng
        child_id = self.ids.next("YC")
        gender = _pick(rng, [("male", 52), ("female", 45), ("other", 1), ("unknown", 2)])
        legal = _pick(rng, [("none", 30), ("cin", 25), ("cp", 20), ("cla", 23), ("care_leaver", 2)])
        age = rng.choices(range(8, 18), weights=[1, 2, 4, 6, 9, 12, 14, 15, 13, 10])[0]
        born = self.start - timedelta(days=age * 365 + rng.randint(0, 364))
        if legal == "care_leaver":
            born = self.start - timedelta(days=17 * 365 + rng.randint(60, 300))
        uasc = legal == "cla" and rng.random() < 0.07
        if uasc:
            gender = "male" if rng.random() < 0.9 else "female"
            born = self.start - timedelta(days=rng.randint(15, 17) * 365 + rng.randint(0, 300))
        ola = legal == "cla" and not uasc and rng.random() < 0.08
        ethnicity = _pick(rng, UASC_ETHNICITIES if uasc else ETHNICITIES)
        flags = [f for f in FLAGS if rng.random() < 0.06]
        first = rng.choice(FIRST_NAMES[gender])
        last = rng.choice(SURNAME_START) + rng.choice(SURNAME_END)
        self.w["children"].writerow(
            [
                child_id, first, last, _d(born), gender, ethnicity,
                self.district(district_index), legal,
                rng.choice(PLACING_AUTHORITIES) if ola else "", _b(uasc),
                _d(self.start - timedelta(days=rng.randint(30, 700))) if uasc else "",
                ";".join(flags),
            ]
        )  # fmt: skip
        care = legal == "cla"
        exploited = rng.random() < (0.35 if exploited_group else 0.04)
        p_missing = 0.38 * (1.7 if care else 1.0) * (1.8 if exploited else 1.0)
        went_missing = rng.random() < p_missing
        first_assessed = self.write_assessments(child_id, exploited, items, district_index)
        if went_missing:
            self.write_missing(child_id, care, exploited, items, district_index)
        if exploited or rng.random() < 0.3:
            self.write_casework(child_id, first_assessed)
        return child_id, went_missing, first_assessed

    # ---------- assessments
    def write_assessments(
        self, child_id: str, exploited: bool, items: CountyItems, district_index: int
    ) -> date | None:
        rng = self.rng
        if rng.random() < (0.4 if exploited else 0.05):
            tool = "screening" if rng.random() < 0.7 else "cserq4"
            on = self.day()
            level = _pick(rng, [("none", 3), ("low", 4), ("medium", 2)])
            self.w["assessments"].writerow(
                [self.ids.next("YS"), child_id, _d(on), "", tool, _pick(rng, TYPE_MIX),
                 rng.randint(0, 8), level, "", rng.choice(ASSESSORS)]
            )  # fmt: skip
        if not exploited:
            return None
        types = _pick(rng, TYPE_MIX)
        level = _pick(rng, [("low", 3), ("medium", 4), ("high", 3)])
        on = self.day(self.start, self.end - timedelta(days=30))
        first = on
        reason = "new"
        while on <= self.end:
            score = {"none": rng.randint(0, 4), "low": rng.randint(4, 9), "medium": rng.randint(9, 15), "high": rng.randint(15, 25)}[level]  # fmt: skip
            triaged = on + timedelta(days=rng.randint(0, 4))
            self.w["assessments"].writerow(
                [self.ids.next("YA"), child_id, _d(on), reason, "ceraf" if rng.random() < 0.95 else "other",
                 types, score, level, _d(triaged), rng.choice(ASSESSORS)]
            )  # fmt: skip
            items.triage.append((triaged, child_id))
            if level == "high":
                items.panel.append((on, child_id, self.district(district_index)))
            if rng.random() < 0.15 and "trafficking" not in types:
                types = _pick(rng, TYPE_MIX)
            if level == "none":
                # Off the list; some come back later as re-referrals.
                if rng.random() < 0.5:
                    break
                on = on + timedelta(days=rng.randint(30, 150))
                reason = "re_referral"
                level = _pick(rng, [("low", 3), ("medium", 3), ("high", 1)])
                continue
            on = on + timedelta(days=rng.randint(75, 105))
            reason = "review"
            step = rng.choices([-1, 0, 1], weights=[4, 4, 2])[0]
            order = ["none", "low", "medium", "high"]
            level = order[min(3, max(0, order.index(level) + step))]
        if (
            "trafficking" in types or "modern_slavery" in types or "county_lines" in types
        ) and rng.random() < 0.35:
            self.write_nrm(child_id, first, types)
        return first

    def write_nrm(self, child_id: str, first: date, types: str) -> None:
        rng = self.rng
        referred = first + timedelta(days=rng.randint(0, 40))
        rg = _pick(rng, [("positive", 7), ("negative", 2), ("pending", 1)])
        rg_on = referred + timedelta(days=rng.randint(3, 12)) if rg != "pending" else None
        cg = ""
        cg_on = None
        if rg == "positive":
            cg = _pick(rng, [("positive", 5), ("negative", 2), ("pending", 4), ("withdrawn", 1)])
            if cg != "pending":
                cg_on = rg_on + timedelta(days=rng.randint(30, 200))
        self.w["nrm_referrals"].writerow(
            [self.ids.next("YN", 6), child_id, _d(referred), types, rg, _d(rg_on), cg, _d(cg_on),
             "devolved_panel" if rng.random() < 0.4 else "home_office"]
        )  # fmt: skip

    # ---------- missing
    def write_missing(
        self, child_id: str, care: bool, exploited: bool, items: CountyItems, district_index: int
    ) -> None:
        rng = self.rng
        # Heavy tail: most children go missing once or twice, a few very often.
        if rng.random() < 0.1:
            count = min(150, 12 + int(rng.paretovariate(1.2) * 6))
        else:
            count = min(4, int(rng.paretovariate(2.5)))
        if care:
            count = round(count * 1.6) or 1
        if exploited:
            count += rng.randint(0, 2)
        starts = sorted(self.seasonal_moment() for _ in range(count))
        year_end = datetime(self.end.year, self.end.month, self.end.day, 23, 50)
        episodes: list[tuple[str, datetime, datetime | None]] = []
        free_from: datetime | None = None
        for started in starts:
            # Two hours' gap at least, so no overlap even across a clock change.
            if free_from and started < free_from:
                started = free_from + timedelta(minutes=rng.randrange(0, 2880, 10))
            if started > year_end:
                break
            hours = min(240.0, rng.lognormvariate(2.3, 0.9)) + 2
            ended = started + timedelta(minutes=int(hours * 6) * 10)
            still_missing = ended > year_end and rng.random() < 0.5
            if still_missing:
                ended_or_none = None
            else:
                ended_or_none = ended
            episode_id = self.ids.next("YM")
            risk = _pick(rng, [("high", 2), ("medium", 5), ("low", 3)])
            self.w["missing_episodes"].writerow(
                [episode_id, child_id, _dt(started), _dt(ended_or_none), "care" if care else "home",
                 "away" if rng.random() < 0.1 else "missing",
                 f"YP/{rng.randint(10000, 99999)}/{self.yy}", risk,
                 rng.choice(FOUND) if ended_or_none else ""]
            )  # fmt: skip
            episodes.append((episode_id, started, ended_or_none))
            if ended_or_none is None:
                break
            free_from = ended + timedelta(hours=2)
        # Missing trigger: three starts within 90 days.
        for i in range(2, len(episodes)):
            if reaches_missing_trigger(
                local_to_aware(episodes[i - 2][1]), local_to_aware(episodes[i][1])
            ):
                items.triggers.append(
                    (episodes[i][1].date(), child_id, self.district(district_index))
                )
                break
        self.write_interviews(child_id, episodes)

    def write_interviews(
        self, child_id: str, episodes: list[tuple[str, datetime, datetime | None]]
    ) -> None:
        rng = self.rng
        i = 0
        while i < len(episodes):
            episode_id, started, ended = episodes[i]
            i += 1
            if ended is None or rng.random() < 0.03:
                continue  # none offered yet: the episode is outstanding
            covered = [episode_id]
            if i < len(episodes) and rng.random() < 0.12:
                nxt = episodes[i]
                if nxt[2] is not None and nxt[1] - ended < timedelta(days=3):
                    covered.append(nxt[0])
                    ended = nxt[2]
                    i += 1
            outcome = _pick(
                rng,
                [("completed", 78), ("declined_child", 10), ("declined_parent", 4), ("exception", 3), ("outstanding", 5)],
            )  # fmt: skip
            offered = completed = None
            if outcome != "exception":
                offered = ended + timedelta(minutes=rng.randrange(60, 48 * 60, 10))
            if outcome == "completed":
                late = rng.random() < 0.12
                delay = (
                    rng.randrange(60, 24 * 60, 10)
                    if not late
                    else rng.randrange(1440, 8 * 1440, 10)
                )
                completed = offered + timedelta(minutes=delay)
            has_factors = outcome == "completed"
            self.w["return_interviews"].writerow(
                [
                    self.ids.next("YI"), child_id, ";".join(covered), _dt(offered), outcome,
                    _dt(completed), rng.choice(RETURN_WORKERS) if offered else "",
                    _b(rng.random() < 0.9) if offered else "",
                    ";".join(rng.sample(PUSH, rng.randint(0, 2))) if has_factors else "",
                    ";".join(rng.sample(PULL, rng.randint(0, 2))) if has_factors else "",
                    rng.choice(["child in hospital", "child in custody", "not appropriate"]) if outcome == "exception" else "",
                ]
            )  # fmt: skip

    # ---------- casework
    def write_casework(self, child_id: str, first_assessed: date | None) -> None:
        rng = self.rng
        received = (
            first_assessed - timedelta(days=rng.randint(0, 20)) if first_assessed else self.day()
        )
        route = _pick(rng, [("nomination", 5), ("s17", 3), ("s47", 1), ("consultation", 1)])
        source = "district_team" if route == "nomination" else _pick(rng, [("mash", 5), ("police", 2), ("school", 1), ("health", 1), ("yjs", 1)])  # fmt: skip
        decision = "advice" if route == "consultation" else _pick(rng, [("accepted", 7), ("declined", 1), ("advice", 1), ("pending", 1)])  # fmt: skip
        decided = received + timedelta(days=rng.randint(0, 10)) if decision != "pending" else None
        case_id = self.ids.next("YK") if decision == "accepted" else ""
        self.w["referrals"].writerow(
            [
                self.ids.next("YR"),
                child_id,
                _d(received),
                route,
                source,
                decision,
                _d(decided),
                case_id,
            ]
        )
        if not case_id or decided is None:
            return
        opened = decided
        closed = opened + timedelta(days=rng.randint(60, 300)) if rng.random() < 0.6 else None
        worker = rng.choice(WORKERS)
        self.w["cases"].writerow(
            [case_id, child_id, _d(opened), _d(closed), route, source, worker,
             rng.choice(["risk reduced", "no engagement", "moved area", "turned 18"]) if closed else ""]
        )  # fmt: skip
        until = closed or opened + timedelta(days=240)
        for _ in range(rng.randint(2, 9)):
            self.w["direct_work"].writerow(
                [
                    self.ids.next("YW"), child_id, case_id, _d(self.day(opened, until)), worker,
                    _pick(rng, [("child", 7), ("parent_carer", 2), ("professional", 1), ("group", 1)]),
                    _pick(rng, [("face_to_face", 7), ("virtual", 1), ("phone", 2)]),
                    ";".join(rng.sample(["healthy_relationships", "online_safety", "drugs_alcohol", "emotional_health", "keeping_safe"], rng.randint(1, 2))),
                    _b(rng.random() < 0.8),
                ]
            )  # fmt: skip
        for _ in range(rng.choices([0, 1, 2], weights=[4, 4, 2])[0]):
            need = self.day(opened, until)
            referred = need + timedelta(days=rng.randint(0, 30)) if rng.random() < 0.9 else None
            contact = (
                referred + timedelta(days=rng.randint(3, 90))
                if referred and rng.random() < 0.7
                else None
            )
            self.w["onward_referrals"].writerow(
                [
                    self.ids.next("YO"), child_id, case_id,
                    rng.choice(["camhs", "substance_misuse", "counselling", "mentoring", "parenting", "ictg", "education"]),
                    _d(need), _d(referred), _d(contact),
                    rng.choice(["engaged", "declined", "not_accepted"]) if contact else "",
                ]
            )  # fmt: skip
        if closed:
            for kind in rng.sample(["risk_reduced", "education_reengaged", "relationships_improved", "missing_reduced", "substance_use_reduced", "safe_accommodation"], rng.randint(1, 3)):  # fmt: skip
                self.w["outcomes"].writerow(
                    [
                        self.ids.next("YU"),
                        child_id,
                        case_id,
                        _d(closed),
                        kind,
                        _b(rng.random() < 0.7),
                    ]
                )

    # ---------- meetings, once per county
    def meeting(
        self, kind: str, held: date, district: str, title: str, children: list[str]
    ) -> None:
        rng = self.rng
        meeting_id = self.ids.next("YT", 6)
        self.w["meetings"].writerow([meeting_id, kind, _d(held), district, title])
        for agency in [
            "social_care",
            "police",
            "health",
            "education",
            "yjs",
            "voluntary",
            "housing",
        ]:
            if agency == "social_care" or rng.random() < 0.6:
                self.w["meeting_attendees"].writerow(
                    [meeting_id, agency, _b(agency == "social_care" or rng.random() < 0.8)]
                )
        for child_id in dict.fromkeys(children):
            self.w["meeting_children"].writerow([meeting_id, child_id])
            if rng.random() < 0.5:
                due = held + timedelta(days=rng.randint(7, 28))
                done = held + timedelta(days=rng.randint(1, 35)) if rng.random() < 0.7 else None
                self.w["actions"].writerow(
                    [
                        self.ids.next("YAC"), meeting_id, child_id,
                        rng.choice(["Complete CERAF review", "Refer to substance misuse service", "Arrange direct work sessions", "Share intelligence with police", "Update safety plan", "Offer return interview"]),
                        rng.choice(WORKERS), rng.choice(["social_care", "police", "education", "health"]),
                        _d(due), _d(done),
                    ]
                )  # fmt: skip

    def write_meetings(self, county: int, items: CountyItems) -> None:
        rng = self.rng
        # Triage twice a week: each assessment is considered at the next one.
        slots: dict[date, list[str]] = {}
        for triaged, child_id in sorted(items.triage):
            weekday = triaged.weekday()  # triage sits on Tuesdays and Fridays
            wait = 1 - weekday if weekday <= 1 else (4 - weekday if weekday <= 4 else 8 - weekday)
            slot = triaged + timedelta(days=wait)
            slots.setdefault(slot, []).append(child_id)
        for held in sorted(slots):
            self.meeting("triage", held, "", "Exploitation triage", slots[held])
        # The exploitation panel, monthly, discusses high-risk children.
        by_month: dict[tuple[int, int], list[tuple[str, str]]] = {}
        for on, child_id, district in sorted(items.panel):
            by_month.setdefault((on.year, on.month), []).append((child_id, district))
        for (year, month), rows in sorted(by_month.items()):
            held = date(year, month, 20)
            if held > self.end:
                held = self.end
            self.meeting("ce_panel", held, "", "Exploitation panel", [c for c, _ in rows])
        for on, child_id, district in sorted(items.triggers):
            if rng.random() < 0.2:
                held = min(self.end, on + timedelta(days=rng.randint(3, 14)))
                self.meeting(
                    "missing_intervention",
                    held,
                    district,
                    "Missing intervention meeting",
                    [child_id],
                )
        for on, children, district in sorted(items.groups):
            if rng.random() < 0.15:
                kind = rng.choice(["mapping", "mapping", "strategy", "hrsm"])
                self.meeting(
                    kind, on, district, f"{kind.replace('_', ' ').title()} meeting", children
                )

    def write_county_extras(self, county: int) -> None:
        rng = self.rng
        for _ in range(max(1, round(16 * min(1.0, self.n_children / COUNTY_CHILDREN)))):
            self.w["training"].writerow(
                [
                    self.ids.next("YG", 6), _d(self.day()),
                    rng.choice(["police", "foster carers", "children's homes", "schools", "health", "district teams"]),
                    rng.randint(8, 120), rng.choice(["CERAF", "missing", "NRM", "county lines", "online safety"]),
                ]
            )  # fmt: skip


def _add_months(day: date, months: int) -> date:
    """The first day of the month n months from day's month."""
    return add_months(day.replace(day=1), months)


# A fixed default, not "last year": the same command must give the same bytes next year too.
DEFAULT_START = date(2024, 4, 1)


def dataset_synthesise(
    *,
    output: Path,
    scale: float,
    seed: int,
    start: date,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Write every file of the v1 dataset into `output`; return rows written per file."""
    output.mkdir(parents=True, exist_ok=True)
    handles: dict[str, TextIO] = {}
    counted: dict[str, _CountingWriter] = {}
    try:
        for name, columns in COLUMNS.items():
            handle = open(output / f"{name}.csv", "w", encoding="utf-8", newline="")  # noqa: SIM115
            handles[name] = handle
            writer = csv.writer(handle, lineterminator="\r\n")  # as the sample and `lantern export`
            writer.writerow(columns)
            counted[name] = _CountingWriter(writer)
        Synth(out=counted, scale=scale, seed=seed, start=start, progress=progress).run()  # type: ignore[arg-type]
    finally:
        for handle in handles.values():
            handle.close()
    return {name: w.rows for name, w in counted.items()}


class _CountingWriter:
    def __init__(self, writer) -> None:
        self.writer = writer
        self.rows = 0

    def writerow(self, row: list) -> None:
        self.rows += 1
        self.writer.writerow(row)


def iter_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a written file, for checks and tests."""
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)
