"""Plain-English sentences about what changed since the previous period.

A committee paper opens each section with a few lines a councillor can read aloud
("Assessments rose 4.6% on the previous period, from 368 to 385"); the tables follow.
"""

from collections.abc import Callable

from lantern.core.ukdate import uk_date
from lantern.reports.suppression import SMALL

COMPARED_WITH = "on the previous period"


def period_text(period: dict) -> str:
    """'1 April 2020 to 28 February 2021' from a report's period."""
    return f"{uk_date(period['from'])} to {uk_date(period['to'])}"


def _percent(change: float) -> str:
    if change >= 100:
        return f"{change:,.0f}%"
    text = f"{change:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


def _number(value: int) -> str:
    return f"{value:,}"


def change_sentence(
    label: str, current: int | str, previous: int | str, *, compared_with: str = COMPARED_WITH
) -> str:
    """One sentence for one figure. `label` is plural and capitalised ("Assessments").

    Rise and fall carry a percentage; from zero there is none to give, and a figure
    hidden as "<5" (or "[c]", hidden so a total cannot reveal one) is never compared.
    """
    if isinstance(current, str) or isinstance(previous, str):  # "<5" or "[c]"
        return (
            f"{label}: fewer than 5 in this period or the previous one, so the change is not shown."
        )
    current, previous = int(current), int(previous)
    if current == previous:
        return f"{label} stayed the same {compared_with}, at {_number(current)}."
    direction = "rose" if current > previous else "fell"
    if previous == 0:
        return f"{label} {direction} from none {compared_with} to {_number(current)}."
    if current == 0:
        return f"{label} {direction} {compared_with}, from {_number(previous)} to none."
    change = abs(current - previous) / previous * 100
    return (
        f"{label} {direction} {_percent(change)} {compared_with}, "
        f"from {_number(previous)} to {_number(current)}."
    )


def _sum(*values) -> int | str:
    if any(isinstance(v, str) for v in values):
        return SMALL
    return sum(int(v) for v in values)


def _rhi_completed(report: dict) -> int | str:
    ri = report["missing"]["return_interviews"]
    return _sum(ri["home"]["completed"], ri["care"]["completed"])


def _op_met_total(report: dict) -> int | str:
    m = report["op_met"]
    return _sum(m["high"], m["medium"], m["low"])


def _cases_opened(report: dict) -> int | str:
    return _sum(*(month["cases_opened"] for month in report["activity"]))


def _trained(report: dict) -> int | str:
    return _sum(*(m["professionals_trained"] for m in report["activity"]))


# section key -> [(label, how to read the figure from a report)]
HEADLINES: dict[str, list[tuple[str, Callable[[dict], int | str]]]] = {
    "exploitation": [
        ("Risk assessments", lambda r: r["exploitation"]["assessments"]),
        ("New assessments", lambda r: r["exploitation"]["by_reason"]["new"]),
        ("Assessments at high risk", lambda r: r["exploitation"]["by_level"]["high"]),
        ("Screenings", lambda r: r["exploitation"]["screenings"]),
    ],
    "missing": [
        ("Missing episodes", lambda r: r["missing"]["episodes"]),
        ("Children who went missing", lambda r: r["missing"]["children"]),
        ("Return interviews completed", _rhi_completed),
        (
            "Children meeting the missing trigger",
            lambda r: r["missing"]["children_meeting_trigger"],
        ),
    ],
    "activity": [
        ("Cases opened", _cases_opened),
        ("Professionals trained", _trained),
    ],
    "op_met": [
        ("Children on the Op MET list", _op_met_total),
        ("Children at high risk on the list", lambda r: r["op_met"]["high"]),
    ],
    "nrm": [
        ("NRM referrals", lambda r: r["nrm"]["referrals"]),
    ],
}


def section_narrative(section: str, report: dict, previous: dict | None) -> list[str]:
    """The sentences for one section; empty when there is no previous period to compare."""
    if previous is None:
        return []
    return [
        change_sentence(label, read(report), read(previous))
        for label, read in HEADLINES.get(section, [])
    ]


def report_narrative(report: dict, previous: dict | None) -> dict[str, list[str]]:
    """Every section's sentences, keyed like the report."""
    return {key: section_narrative(key, report, previous) for key in HEADLINES}


def comparison_text(previous: dict | None) -> str:
    """The line that says what 'the previous period' means."""
    if previous is None:
        return "There is no previous period to compare with."
    return f"Changes are against the previous period, {period_text(previous['period'])}."
