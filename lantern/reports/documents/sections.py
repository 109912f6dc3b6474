"""The report dict (reports.md) laid out as sections of tables and charts.

Every format (PDF, Word, spreadsheets, CSV, the dashboard) draws from this one layout,
so a figure has the same label, order and percentage wherever it is read.
"""

from dataclasses import dataclass, field
from datetime import date

from lantern.core.ukdate import uk_date, uk_month
from lantern.reports.charts import Chart
from lantern.reports.narrative import report_narrative
from lantern.reports.suppression import SMALL

NOT_SHOWN = "–"  # a percentage or total that cannot be worked out from hidden figures

REASONS = {"new": "New", "re_referral": "Re-referral", "review": "Review"}
GENDERS = {"male": "Male", "female": "Female", "other": "Other", "unknown": "Not known"}
TYPES = {
    "cse": "Child sexual exploitation (CSE)",
    "cce": "Child criminal exploitation (CCE)",
    "cse_and_cce": "Both CSE and CCE",
    "county_lines": "County lines",
    "trafficking": "Trafficking",
    "modern_slavery": "Modern slavery",
    "online": "Online",
    "radicalisation": "Radicalisation",
    "other": "Other",
}
LEVELS = {"none": "None", "low": "Low", "medium": "Medium", "high": "High"}
REDUCED = {
    "high_to_medium": "High to medium",
    "high_to_low": "High to low",
    "high_to_none": "High to none",
    "medium_to_low": "Medium to low",
    "medium_to_none": "Medium to none",
    "low_to_none": "Low to none",
}
INCREASED = {
    "none_to_low": "None to low",
    "none_to_medium": "None to medium",
    "none_to_high": "None to high",
    "low_to_medium": "Low to medium",
    "low_to_high": "Low to high",
    "medium_to_high": "Medium to high",
}
RHI_ROWS = [
    ("episodes", "Episodes"),
    ("completed", "Interviews completed"),
    ("completed_in_timescale", "of which within 72 hours"),
    ("declined", "Declined"),
    ("declined_by_parent", "of which declined by the parent"),
    ("exceptions", "Exceptions (not possible or not appropriate)"),
    ("outstanding", "Outstanding"),
]
ACTIVITY_COLUMNS = [
    ("s17_from_mash", "S17 from MASH", "count"),
    ("s47_from_mash", "S47 from MASH", "count"),
    ("nominations", "Nominations", "count"),
    ("cases_opened", "Cases opened", "count"),
    ("cases_closed", "Cases closed", "count"),
    ("professionals_trained", "Professionals trained", "count"),
    ("uasc_arrivals", "UASC arrivals", "count"),
    ("return_offers", "Return interviews offered", "count"),
    ("episodes_ended", "Episodes ended", "count"),
    ("return_offer_rate", "Return offer rate", "percent"),
]
TACTICS = {
    "cawn": "Child abduction warning notices",
    "arrest": "Arrests",
    "warrant": "Warrants",
    "gang_injunction": "Gang injunctions",
    "civil_order": "Civil orders",
    "licensing": "Licensing action",
    "trespass_notice": "Trespass notices",
    "other": "Other",
}
NRM_ROWS = [
    ("referrals", "Referrals made"),
    ("rg_positive", "Reasonable grounds: positive"),
    ("rg_negative", "Reasonable grounds: negative"),
    ("cg_positive", "Conclusive grounds: positive"),
    ("cg_negative", "Conclusive grounds: negative"),
    ("pending", "Awaiting a decision"),
]


@dataclass
class Column:
    heading: str
    kind: str = "count"  # text, count, percent (a fraction: 0.57 is 57%)


@dataclass
class Table:
    key: str  # short, unique in the report: file and sheet names
    caption: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None  # the total row, drawn apart
    notes: list[str] = field(default_factory=list)
    figure: str = ""  # the headline figure behind the table, for drill-down links
    percent_rows: list[int] = field(default_factory=list)  # rows of shares, not counts

    def kinds(self, row: int | None = None) -> list[str]:
        """How to show each cell of a row (None: the total row)."""
        kinds = [c.kind for c in self.columns]
        if row is not None and row in self.percent_rows:
            return [kinds[0]] + ["percent"] * (len(kinds) - 1)
        return kinds


@dataclass
class Section:
    key: str
    title: str
    summary: list[tuple[str, object, str]]  # (label, value, figure name for drill-down)
    narrative: list[str]
    tables: list[Table]
    charts: list[Chart]


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def total(values) -> int | str:
    """The sum, or "–" when a hidden figure ("<5" or "[c]") is part of it."""
    values = list(values)
    if any(isinstance(v, str) for v in values):
        return NOT_SHOWN
    return sum(values)


def share(part, whole) -> float | str:
    """part / whole as a fraction, "–" when either is hidden, 0 when whole is 0."""
    if not is_number(part) or not is_number(whole):
        return NOT_SHOWN
    return part / whole if whole else 0.0


def month_name(month: str) -> str:
    """'2020-04' -> 'April 2020'."""
    return uk_month(month)


def month_short(month: str) -> str:
    return f"{date.fromisoformat(month + '-01'):%b %y}"


def _breakdown(
    key: str, caption: str, heading: str, labels: dict, counts: dict, whole, figure: str = ""
) -> Table:
    rows = [[labels.get(k, k), counts.get(k, 0), share(counts.get(k, 0), whole)] for k in labels]
    return Table(
        key=key,
        caption=caption,
        columns=[Column(heading, "text"), Column("Assessments"), Column("Share", "percent")],
        rows=rows,
        figure=figure,
    )


def _districts(counts: dict) -> dict:
    return {name: counts[name] for name in sorted(counts)}


def exploitation_section(report: dict, narrative: list[str]) -> Section:
    ex, rc = report["exploitation"], report["risk_changes"]
    whole = ex["assessments"]
    reason = _breakdown(
        "assessments_by_reason",
        "Risk assessments by reason",
        "Reason",
        REASONS,
        ex["by_reason"],
        whole,
        "exploitation.assessments",
    )
    reason.total = ["All assessments", whole, 1.0 if is_number(whole) and whole else 0.0]
    types = _breakdown(
        "assessments_by_type",
        "Risk assessments by type of exploitation",
        "Type of exploitation",
        TYPES,
        ex["by_type"],
        whole,
    )
    types.notes = [
        "An assessment can record more than one type, so the shares add up to more than 100%. "
        "'Both CSE and CCE' counts those recording both."
    ]
    gender = _breakdown(
        "assessments_by_gender",
        "Risk assessments by the child's gender",
        "Gender",
        GENDERS,
        ex["by_gender"],
        whole,
    )
    gender.total = ["All assessments", whole, share(whole, whole)]
    level = _breakdown(
        "assessments_by_level",
        "Risk assessments by level of risk agreed",
        "Level of risk",
        LEVELS,
        ex["by_level"],
        whole,
    )
    level.total = ["All assessments", whole, share(whole, whole)]
    districts = _districts(ex["by_district"])
    district = _breakdown(
        "assessments_by_district",
        "Risk assessments by district",
        "District",
        {d: d for d in districts},
        districts,
        whole,
    )
    district.total = ["All districts", total(districts.values()), NOT_SHOWN]
    if is_number(district.total[1]):
        district.total[2] = share(district.total[1], whole)
    changes = Table(
        key="risk_changes",
        caption="Changes in the level of risk at review",
        columns=[Column("Change", "text"), Column("Direction", "text"), Column("Assessments")],
        rows=[[label, "Reduced", rc["reduced"][k]] for k, label in REDUCED.items()]
        + [[label, "Increased", rc["increased"][k]] for k, label in INCREASED.items()],
        notes=[f"Children reviewed in the period: {_text(rc['children_reviewed'])}."],
    )
    changes.total = [
        "All changes",
        "",
        total([*rc["reduced"].values(), *rc["increased"].values()]),
    ]
    charts = [
        Chart(
            key="assessments_by_type",
            title="Risk assessments by type of exploitation",
            categories=list(TYPES.values()),
            series=[("Assessments", [ex["by_type"].get(k, 0) for k in TYPES])],
            description="Bar chart of risk assessments by type of exploitation; "
            "the table below gives the figures.",
        ),
        Chart(
            key="assessments_by_level",
            title="Risk assessments by level of risk",
            categories=list(LEVELS.values()),
            series=[("Assessments", [ex["by_level"].get(k, 0) for k in LEVELS])],
            description="Bar chart of risk assessments by level of risk.",
        ),
        Chart(
            key="assessments_by_district",
            title="Risk assessments by district",
            categories=list(districts),
            series=[("Assessments", list(districts.values()))],
            description="Bar chart of risk assessments by district.",
        ),
        Chart(
            key="risk_changes",
            title="Changes in the level of risk at review",
            categories=[
                "High to lower",
                "Medium to lower",
                "Low to none",
                "None to higher",
                "Low to higher",
                "Medium to high",
            ],
            series=[
                (
                    "Assessments",
                    [
                        total(
                            [
                                rc["reduced"][k]
                                for k in ("high_to_medium", "high_to_low", "high_to_none")
                            ]
                        ),
                        total([rc["reduced"][k] for k in ("medium_to_low", "medium_to_none")]),
                        rc["reduced"]["low_to_none"],
                        total(
                            [
                                rc["increased"][k]
                                for k in ("none_to_low", "none_to_medium", "none_to_high")
                            ]
                        ),
                        total([rc["increased"][k] for k in ("low_to_medium", "low_to_high")]),
                        rc["increased"]["medium_to_high"],
                    ],
                )
            ],
            description="Bar chart of risk levels reduced and increased at review.",
        ),
    ]
    for chart in charts:  # a total that hides a small figure draws no bar
        chart.series = [
            (n, [SMALL if v == NOT_SHOWN else v for v in vals]) for n, vals in chart.series
        ]
    return Section(
        key="exploitation",
        title="Exploitation",
        summary=[
            ("Risk assessments", whole, "exploitation.assessments"),
            ("New assessments", ex["by_reason"]["new"], "exploitation.by_reason.new"),
            ("Screenings", ex["screenings"], "exploitation.screenings"),
            ("Children reviewed", rc["children_reviewed"], "risk_changes.children_reviewed"),
        ],
        narrative=narrative,
        tables=[reason, types, gender, level, district, changes],
        charts=charts,
    )


def missing_section(report: dict, narrative: list[str]) -> Section:
    mi = report["missing"]
    home, care = mi["return_interviews"]["home"], mi["return_interviews"]["care"]
    headline = Table(
        key="missing_headline",
        caption="Missing episodes and children",
        columns=[Column("Measure", "text"), Column("Number")],
        rows=[
            ["Missing episodes", mi["episodes"]],
            ["Children who went missing", mi["children"]],
            ["Children meeting the missing trigger", mi["children_meeting_trigger"]],
            ["Episodes of children placed here by other authorities (OLA)", mi["ola_episodes"]],
        ],
        notes=[
            "Children placed here by other authorities (OLA) are left out of every missing "
            "figure and their episodes are counted apart.",
            "The missing trigger is 3 or more episodes starting within 90 days.",
        ],
        figure="missing.episodes",
    )
    gender = Table(
        key="missing_by_gender",
        caption="Children who went missing, by gender",
        columns=[Column("Gender", "text"), Column("Children"), Column("Share", "percent")],
        rows=[
            [
                label,
                mi["children_by_gender"].get(k, 0),
                share(mi["children_by_gender"].get(k, 0), mi["children"]),
            ]
            for k, label in GENDERS.items()
        ],
        total=["All children", mi["children"], share(mi["children"], mi["children"])],
        figure="missing.children",
    )
    rhi_rows = []
    for key, label in RHI_ROWS:
        rhi_rows.append([label, home[key], care[key], total([home[key], care[key]])])
    rhi_rows.append(
        [
            "Completed within 72 hours (% of completed)",
            share(home["completed_in_timescale"], home["completed"]),
            share(care["completed_in_timescale"], care["completed"]),
            share(
                total([home["completed_in_timescale"], care["completed_in_timescale"]]),
                total([home["completed"], care["completed"]]),
            ),
        ]
    )
    rhi = Table(
        key="return_interviews",
        caption="Return home interviews, by episode",
        columns=[
            Column("Outcome", "text"),
            Column("Missing from home"),
            Column("Missing from care"),
            Column("All episodes"),
        ],
        rows=rhi_rows,
        notes=[
            "Each episode has one outcome. 'Outstanding' includes interviews completed after "
            "the end of the period. Within 72 hours is measured from the child's return."
        ],
        figure="",
        percent_rows=[len(rhi_rows) - 1],
    )
    charts = [
        Chart(
            key="return_interviews",
            title="Return home interviews by outcome",
            categories=["Completed", "within 72 hours", "Declined", "Exceptions", "Outstanding"],
            series=[
                (
                    "Missing from home",
                    [
                        home[k]
                        for k in (
                            "completed",
                            "completed_in_timescale",
                            "declined",
                            "exceptions",
                            "outstanding",
                        )
                    ],
                ),
                (
                    "Missing from care",
                    [
                        care[k]
                        for k in (
                            "completed",
                            "completed_in_timescale",
                            "declined",
                            "exceptions",
                            "outstanding",
                        )
                    ],
                ),
            ],
            description="Bar chart of return home interview outcomes, home and care.",
        ),
        Chart(
            key="missing_by_gender",
            title="Children who went missing, by gender",
            categories=list(GENDERS.values()),
            series=[("Children", [mi["children_by_gender"].get(k, 0) for k in GENDERS])],
            description="Bar chart of children who went missing by gender.",
        ),
    ]
    return Section(
        key="missing",
        title="Missing",
        summary=[
            ("Missing episodes", mi["episodes"], "missing.episodes"),
            ("Children who went missing", mi["children"], "missing.children"),
            (
                "Children meeting the missing trigger",
                mi["children_meeting_trigger"],
                "missing.children_meeting_trigger",
            ),
            ("Episodes of OLA children", mi["ola_episodes"], "missing.ola_episodes"),
        ],
        narrative=narrative,
        tables=[headline, gender, rhi],
        charts=charts,
    )


def activity_section(report: dict, narrative: list[str]) -> Section:
    months = report["activity"]
    rows = [[month_name(m["month"])] + [m[k] for k, _, _ in ACTIVITY_COLUMNS] for m in months]
    totals = [total(m[k] for m in months) for k, _, _ in ACTIVITY_COLUMNS[:-1]]
    offers, ended = totals[-2], totals[-1]
    table = Table(
        key="activity",
        caption="Activity by month",
        columns=[Column("Month", "text")] + [Column(h, kind) for _, h, kind in ACTIVITY_COLUMNS],
        rows=rows,
        total=["Whole period", *totals, share(offers, ended)],
        notes=[
            "The return offer rate is interviews offered in the month divided by episodes that "
            "ended in it; it can pass 100% when offers catch up on earlier episodes. OLA "
            "children are left out of both."
        ],
    )
    labels = [month_short(m["month"]) for m in months]
    charts = [
        Chart(
            key="cases_by_month",
            title="Cases opened and closed by month",
            categories=labels,
            series=[
                ("Opened", [m["cases_opened"] for m in months]),
                ("Closed", [m["cases_closed"] for m in months]),
            ],
            kind="column",
            description="Column chart of cases opened and closed each month.",
        ),
        Chart(
            key="return_offer_rate",
            title="Return offer rate by month",
            categories=labels,
            series=[("Return offer rate", [m["return_offer_rate"] for m in months])],
            kind="line",
            percent=True,
            description="Line chart of the return offer rate each month.",
        ),
    ]
    return Section(
        key="activity",
        title="Activity by month",
        summary=[
            ("Cases opened", totals[3], "activity.cases_opened"),
            ("Cases closed", totals[4], "activity.cases_closed"),
            ("Nominations", totals[2], "activity.nominations"),
            ("Professionals trained", totals[5], ""),
        ],
        narrative=narrative,
        tables=[table],
        charts=charts,
    )


def op_met_section(report: dict, narrative: list[str]) -> Section:
    om = report["op_met"]
    districts = {name: om["by_district"][name] for name in sorted(om["by_district"])}
    rows = [
        [
            name,
            c.get("high", 0),
            c.get("medium", 0),
            c.get("low", 0),
            total([c.get(k, 0) for k in ("high", "medium", "low")]),
        ]
        for name, c in districts.items()
    ]
    on_list = total([om["high"], om["medium"], om["low"]])
    by_district = Table(
        key="op_met_by_district",
        caption=f"The Op MET list on {uk_date(om['as_of'])}, by district and level of risk",
        columns=[
            Column("District", "text"),
            Column("High"),
            Column("Medium"),
            Column("Low"),
            Column("Children"),
        ],
        rows=rows,
        total=["All districts", om["high"], om["medium"], om["low"], on_list],
        figure="",
    )
    summary = Table(
        key="op_met_summary",
        caption=f"Children on the Op MET list on {uk_date(om['as_of'])}",
        columns=[Column("Measure", "text"), Column("Children")],
        rows=[
            ["On the list (low, medium or high risk)", on_list],
            ["High risk", om["high"]],
            ["Medium risk", om["medium"]],
            ["Low risk", om["low"]],
            ["Trafficked or in modern slavery", om["trafficked"]],
            [f"New to the list in {uk_month(om['as_of'])}", om["new"]],
        ],
        figure="",
    )
    chart = Chart(
        key="op_met_by_district",
        title="The Op MET list by district and level of risk",
        categories=list(districts),
        series=[
            (label, [c.get(k, 0) for c in districts.values()])
            for k, label in (("high", "High"), ("medium", "Medium"), ("low", "Low"))
        ],
        kind="stacked",
        description="Stacked bar chart of children on the Op MET list by district and level.",
    )
    return Section(
        key="op_met",
        title="Op MET snapshot",
        summary=[
            ("Children on the list", on_list, ""),
            ("High risk", om["high"], "op_met.high"),
            ("Trafficked", om["trafficked"], "op_met.trafficked"),
            (f"New in {uk_month(om['as_of'])}", om["new"], "op_met.new"),
        ],
        narrative=narrative,
        tables=[summary, by_district],
        charts=[chart],
    )


def nrm_section(report: dict, narrative: list[str]) -> Section:
    nrm = report["nrm"]
    table = Table(
        key="nrm",
        caption="National Referral Mechanism referrals made in the period",
        columns=[Column("Measure", "text"), Column("Referrals")],
        rows=[[label, nrm[k]] for k, label in NRM_ROWS],
        notes=[
            "Decisions are counted as recorded, whatever their date. Awaiting a decision: no "
            "reasonable grounds decision yet, or a positive one and no conclusive grounds "
            "decision yet."
        ],
        figure="nrm.referrals",
    )
    chart = Chart(
        key="nrm",
        title="NRM referrals and decisions",
        categories=[label for _, label in NRM_ROWS],
        series=[("Referrals", [nrm[k] for k, _ in NRM_ROWS])],
        description="Bar chart of NRM referrals and decisions.",
    )
    return Section(
        key="nrm",
        title="National Referral Mechanism (NRM)",
        summary=[
            ("Referrals", nrm["referrals"], "nrm.referrals"),
            ("Awaiting a decision", nrm["pending"], "nrm.pending"),
        ],
        narrative=narrative,
        tables=[table],
        charts=[chart],
    )


def disruption_section(report: dict, narrative: list[str]) -> Section:
    d = report["disruption"]
    table = Table(
        key="disruption",
        caption="Disruption activity against people, places and things, by tactic",
        columns=[Column("Tactic", "text"), Column("Activities")],
        rows=[[label, d["by_tactic"][k]] for k, label in TACTICS.items()],
        total=["Total", d["activities"]],
        notes=[
            "Each activity is counted on the date it happened. Children linked: children "
            "linked in mapping to a person, place or thing disrupted, by a link known by the "
            "end of the period."
        ],
        figure="disruption.activities",
    )
    chart = Chart(
        key="disruption",
        title="Disruption activity by tactic",
        categories=list(TACTICS.values()),
        series=[("Activities", [d["by_tactic"][k] for k in TACTICS])],
        description="Bar chart of disruption activity by tactic.",
    )
    return Section(
        key="disruption",
        title="Disruption",
        summary=[
            ("Disruption activities", d["activities"], "disruption.activities"),
            (
                "People, places and things disrupted",
                d["entities_disrupted"],
                "disruption.entities_disrupted",
            ),
            ("Children linked to them", d["children_linked"], "disruption.children_linked"),
        ],
        narrative=narrative,
        tables=[table],
        charts=[chart],
    )


AGE_BANDS = {
    "under_12": "Under 12",
    "12_to_13": "12 to 13",
    "14_to_15": "14 to 15",
    "16_to_17": "16 to 17",
    "18_or_over": "18 or over",
}
PLACES = {"home": "From home", "care": "From care"}


def op_met_month_ends_section(report: dict, narrative: list[str]) -> Section:
    rows_in = report["op_met_month_ends"]
    rows = [
        [
            uk_date(r["month_end"]),
            r["high"],
            r["medium"],
            r["low"],
            total([r["high"], r["medium"], r["low"]]),
            r["trafficked"],
            r["new"],
        ]
        for r in rows_in
    ]
    table = Table(
        key="op_met_month_ends",
        caption="The Op MET list at the end of each month of the period",
        columns=[
            Column("Month end", "text"),
            Column("High"),
            Column("Medium"),
            Column("Low"),
            Column("Children"),
            Column("Trafficked"),
            Column("New that month"),
        ],
        rows=rows,
        notes=[
            "Each row is the Op MET list on the last day of the month, by the same rule as the "
            "snapshot. Only months that end inside the period have a row."
            if rows
            else "No month ends inside this period, so there are no month-end rows."
        ],
        figure="",
    )
    chart = Chart(
        key="op_met_month_ends",
        title="The Op MET list at each month end, by level of risk",
        categories=[uk_date(r["month_end"]) for r in rows_in],
        series=[
            (label, [r[k] for r in rows_in])
            for k, label in (("high", "High"), ("medium", "Medium"), ("low", "Low"))
        ],
        kind="stacked",
        description="Stacked bar chart of children on the Op MET list at each month end.",
    )
    summary = []
    if rows_in:
        last = rows_in[-1]
        name = f"op_met_month_ends.{last['month_end']}"
        summary = [
            (f"High risk on {uk_date(last['month_end'])}", last["high"], f"{name}.high"),
            (f"New in {uk_month(last['month_end'])}", last["new"], f"{name}.new"),
        ]
    return Section(
        key="op_met_month_ends",
        title="Op MET at each month end",
        summary=summary,
        narrative=narrative,
        tables=[table],
        charts=[chart] if rows_in else [],
    )


def missing_breakdown_section(report: dict, narrative: list[str]) -> Section:
    mb = report["missing_breakdown"]
    bands = mb["by_age_band"]
    by_age = Table(
        key="missing_by_age_band",
        caption="Missing episodes by the child's age when the episode started",
        columns=[Column("Age", "text"), Column("Episodes")],
        rows=[[label, bands[k]] for k, label in AGE_BANDS.items()],
        total=["All ages", total(bands.values())],
        notes=[
            "The age is the child's age in whole years on the UK date the episode started. "
            "Episodes of children placed by another authority are left out."
        ],
        figure="missing.episodes",
    )
    places = mb["children_missing_from"]
    by_place = Table(
        key="missing_children_from",
        caption="Children who went missing, from home and from care",
        columns=[Column("Missing", "text"), Column("Children")],
        rows=[[label, places[k]] for k, label in PLACES.items()],
        notes=[
            "Each child is counted once in a row. A child who went missing from home and from "
            "care is in both rows, so the rows can add up to more than the children who went "
            "missing."
        ],
        figure="missing.children",
    )
    chart = Chart(
        key="missing_by_age_band",
        title="Missing episodes by age",
        categories=list(AGE_BANDS.values()),
        series=[("Episodes", [bands[k] for k in AGE_BANDS])],
        description="Bar chart of missing episodes by the child's age at the start.",
    )
    return Section(
        key="missing_breakdown",
        title="Missing by age, and from home and care",
        summary=[
            (
                "Children missing from home",
                places["home"],
                "missing_breakdown.children_missing_from.home",
            ),
            (
                "Children missing from care",
                places["care"],
                "missing_breakdown.children_missing_from.care",
            ),
            (
                "Episodes of children under 12",
                bands["under_12"],
                "missing_breakdown.by_age_band.under_12",
            ),
        ],
        narrative=narrative,
        tables=[by_age, by_place],
        charts=[chart],
    )


def _text(value) -> str:
    return f"{value:,}" if is_number(value) else str(value)


BUILDERS = {
    "exploitation": exploitation_section,
    "missing": missing_section,
    "activity": activity_section,
    "op_met": op_met_section,
    "nrm": nrm_section,
    "disruption": disruption_section,
    "op_met_month_ends": op_met_month_ends_section,
    "missing_breakdown": missing_breakdown_section,
}


def build_sections(report: dict, previous: dict | None = None) -> list[Section]:
    """The report as sections in committee-paper order. A section added to the contract
    later (docs/counting-rules.md) is left out of a report made before it."""
    narrative = report_narrative(report, previous)
    return [
        build(report, narrative.get(key, [])) for key, build in BUILDERS.items() if key in report
    ]


def cell_text(value, kind: str) -> str:
    """How a figure reads on the page: 1,150 · 57.0% · <5 · –."""
    if value is None or value == "":
        return ""
    if kind == "text" or not is_number(value):
        return str(value)
    if kind == "percent":
        return f"{value * 100:.1f}%"
    return f"{value:,}"


def table_text(table: Table) -> dict:
    """A table with every cell as display text, for templates."""

    def row(values, r):
        return [
            {"text": cell_text(v, k), "numeric": k != "text", "first": i == 0}
            for i, (v, k) in enumerate(zip(values, table.kinds(r), strict=True))
        ]

    return {
        "key": table.key,
        "caption": table.caption,
        "columns": table.columns,
        "rows": [row(values, r) for r, values in enumerate(table.rows)],
        "total": row(table.total, None) if table.total else None,
        "notes": table.notes,
        "figure": table.figure,
    }
