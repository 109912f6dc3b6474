"""A report figure's dotted name ("missing.return_interviews.home.outstanding") in words
("Return interviews for episodes missing from home: outstanding"), for page titles."""

from lantern.children.models import Gender
from lantern.core.ukdate import uk_date
from lantern.mapping.models import Tactic
from lantern.missing.models import MissingFrom
from lantern.missing.selectors import AGE_BANDS, DAYS_OF_WEEK, placement_groups
from lantern.risk.models import ExploitationType, Level, Reason

FIGURES = {
    "exploitation.assessments": "Risk assessments",
    "exploitation.screenings": "Screenings",
    "risk_changes.children_reviewed": "Children reviewed",
    "missing.episodes": "Missing episodes",
    "missing.children": "Children who went missing",
    "missing.ola_episodes": "Episodes of children placed by another authority",
    "missing.children_meeting_trigger": "Children meeting the missing trigger",
    "op_met.high": "Op MET list: high risk",
    "op_met.medium": "Op MET list: medium risk",
    "op_met.low": "Op MET list: low risk",
    "op_met.trafficked": "Op MET list: trafficked or in modern slavery",
    "op_met.new": "Op MET list: new this month",
    "nrm.referrals": "NRM referrals",
    "nrm.rg_positive": "NRM referrals: positive reasonable grounds",
    "nrm.rg_negative": "NRM referrals: negative reasonable grounds",
    "nrm.cg_positive": "NRM referrals: positive conclusive grounds",
    "nrm.cg_negative": "NRM referrals: negative conclusive grounds",
    "nrm.pending": "NRM referrals: decision pending",
    "disruption.activities": "Disruption activities",
    "disruption.entities_disrupted": "People, places and things disrupted",
    "disruption.children_linked": "Children linked to people, places and things disrupted",
    "activity.s17_from_mash": "Section 17 cases from the MASH",
    "activity.s47_from_mash": "Section 47 cases from the MASH",
    "activity.nominations": "Nominations",
    "activity.cases_opened": "Cases opened",
    "activity.cases_closed": "Cases closed",
    "activity.professionals_trained": "Training sessions",
    "activity.uasc_arrivals": "Unaccompanied asylum seeking children who arrived",
    "activity.return_offers": "Return interviews offered",
    "activity.episodes_ended": "Missing episodes that ended",
}
GROUPS = {
    "by_reason": dict(Reason.choices),
    "by_gender": dict(Gender.choices),
    "by_type": dict(ExploitationType.choices) | {"cse_and_cce": "Both CSE and CCE"},
    "by_level": dict(Level.choices),
}
STATUSES = {
    "episodes": "all episodes",
    "completed": "completed",
    "completed_in_timescale": "completed within 72 hours",
    "declined": "declined",
    "declined_by_parent": "declined by the parent",
    "exceptions": "exceptions",
    "outstanding": "outstanding",
}
LEVELS = dict(Level.choices)
OP_MET_WORDS = {
    "high": "high risk",
    "medium": "medium risk",
    "low": "low risk",
    "trafficked": "trafficked or in modern slavery",
    "new": "new that month",
}


def figure_label(figure: str) -> str:
    """Plain words for a figure's name; an unknown name is shown as it is."""
    if figure in FIGURES:
        return FIGURES[figure]
    parts = figure.split(".")
    if len(parts) >= 3 and parts[0] == "missing_figures":
        return _missing_figure_label(*figure.split(".", 2)[1:])
    if len(parts) == 3 and parts[0] == "exploitation":
        _, group, value = parts
        if group == "by_district":
            return f"Risk assessments of children in {value}"
        if value in GROUPS.get(group, {}):
            return f"Risk assessments {group.replace('_', ' ')}: {GROUPS[group][value].lower()}"
    if len(parts) == 3 and parts[0] == "risk_changes":
        before, _, after = parts[2].partition("_to_")
        if before in LEVELS and after in LEVELS:
            return f"Risk levels {parts[1]}: {LEVELS[before].lower()} to {LEVELS[after].lower()}"
    if len(parts) == 3 and parts[:2] == ["missing", "children_by_gender"]:
        return f"Children who went missing: {dict(Gender.choices).get(parts[2], parts[2]).lower()}"
    if len(parts) == 4 and parts[:2] == ["missing", "return_interviews"]:
        place = dict(MissingFrom.choices).get(parts[2], parts[2]).lower()
        return (
            f"Return interviews, episodes missing from {place}: {STATUSES.get(parts[3], parts[3])}"
        )
    if len(parts) == 3 and parts[:2] == ["disruption", "by_tactic"]:
        return f"Disruption activities: {dict(Tactic.choices).get(parts[2], parts[2]).lower()}"
    if len(parts) == 3 and parts[0] == "op_met_month_ends" and parts[2] in OP_MET_WORDS:
        try:
            return f"Op MET list on {uk_date(parts[1])}: {OP_MET_WORDS[parts[2]]}"
        except ValueError:
            return figure
    if len(parts) == 3 and parts[:2] == ["missing_breakdown", "by_age_band"]:
        bands = {key: label for key, label, *_ in AGE_BANDS}
        if parts[2] in bands:
            return f"Missing episodes of children aged {bands[parts[2]].lower()} at the start"
    if len(parts) == 3 and parts[:2] == ["missing_breakdown", "children_missing_from"]:
        place = dict(MissingFrom.choices).get(parts[2], parts[2]).lower()
        return f"Children who went missing from {place}"
    if len(parts) == 4 and parts[:2] == ["op_met", "by_district"]:
        return f"Op MET list in {parts[2]}: {LEVELS.get(parts[3], parts[3]).lower()} risk"
    return figure


def _missing_figure_label(group: str, value: str) -> str:
    if group == "by_district":
        return f"Missing episodes of children in {value}"
    if group == "by_placement":
        label = dict(placement_groups()).get(value, value)
        return f"Missing episodes from {label[:1].lower()}{label[1:]}"
    day, _, hour = value.partition("-")
    if group == "by_day_hour" and day.isdigit() and hour.isdigit() and 1 <= int(day) <= 7:
        name = DAYS_OF_WEEK[int(day) - 1]
        return f"Missing episodes starting on a {name} between {int(hour):02d}:00 and {int(hour):02d}:59"
    return f"missing_figures.{group}.{value}"
