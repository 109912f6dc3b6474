"""The performance report: every figure of reports.md, counted set-based.

The rules themselves (what an episode in a period is, the return interview status, the
current risk level, the Op MET list...) live in their domain apps' selectors, written once;
this module only counts them. Each figure is an aggregate query over those querysets; the
same querysets are the "records behind a figure" that the dashboard lists
(`figure_records`). The rules and the
choices made where the spec is silent are written up in docs/counting-rules.md.
"""

from datetime import date, timedelta

from django.db.models import Count, DateTimeField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from lantern.activity.models import TrainingSession
from lantern.cases.models import Case
from lantern.cases.selectors import cases_closed_in_period, cases_opened_in_period
from lantern.children.models import Child, Gender
from lantern.children.selectors import not_ola, uasc_arrivals_in_period
from lantern.core.queries import in_district
from lantern.core.ukdate import add_months, day_range
from lantern.mapping.selectors import disruption_figures, disruption_records
from lantern.missing.models import Episode, InterviewOutcome, MissingFrom, ReturnInterview
from lantern.missing.selectors import (
    AGE_BANDS,
    MISSING_TRIGGER_EPISODES,
    children_meeting_missing_trigger,
    children_missing_from,
    children_missing_from_home_and_care,
    children_missing_in_period,
    episodes_by_age_band,
    episodes_ended_in_period,
    episodes_in_age_band,
    episodes_in_group,
    episodes_in_period,
    episodes_in_trigger_window,
    ola_episodes_in_period,
    return_interview_status,
    return_offers_in_period,
)
from lantern.nrm.models import NrmDecision
from lantern.nrm.selectors import nrm_pending, nrm_referrals_in_period
from lantern.referrals.models import Referral, Route
from lantern.referrals.selectors import nominations_in_period
from lantern.reports.periods import months_touching
from lantern.reports.suppression import HIDDEN, SMALL
from lantern.risk.models import ExploitationType, Reason
from lantern.risk.selectors import (
    LEVELS,
    RANK,
    assessments_in_period,
    op_met_children,
    op_met_new_from,
    screenings_in_period,
    trafficked,
)

GENDERS = [g.value for g in Gender]
OP_MET_ROW = ("high", "medium", "low", "trafficked", "new")
TYPES = [t.value for t in ExploitationType]
CHANGES = [(a, b) for a in reversed(LEVELS) for b in reversed(LEVELS) if a != b]
REDUCED = [(a, b) for a, b in CHANGES if RANK[a] > RANK[b]]
INCREASED = sorted(
    ((a, b) for a, b in CHANGES if RANK[a] < RANK[b]), key=lambda c: (RANK[c[0]], RANK[c[1]])
)


# -- Building blocks ------------------------------------------------------------------------


# -- The report -----------------------------------------------------------------------------


def _exploitation(date_from: date, date_to: date, district: str | None) -> tuple[dict, dict]:
    qs = assessments_in_period(date_from, date_to, district)
    counts = {"assessments": Count("pk")}
    counts |= {f"reason_{r}": Count("pk", filter=Q(counted_reason=r)) for r in Reason.values}
    counts |= {f"gender_{g}": Count("pk", filter=Q(child__gender=g)) for g in GENDERS}
    counts |= {f"type_{t}": Count("pk", filter=Q(exploitation_types__contains=t)) for t in TYPES}
    counts["type_cse_and_cce"] = Count(
        "pk",
        filter=Q(exploitation_types__contains=ExploitationType.CSE)
        & Q(exploitation_types__contains=ExploitationType.CCE),
    )
    counts |= {f"level_{lv}": Count("pk", filter=Q(risk_level=lv)) for lv in LEVELS}
    counts |= {
        f"change_{a}_{b}": Count("pk", filter=Q(previous_level=a, risk_level=b)) for a, b in CHANGES
    }
    counts["children_reviewed"] = Count(
        "child", distinct=True, filter=Q(counted_reason=Reason.REVIEW)
    )
    totals = qs.aggregate(**counts)
    by_district = dict(
        qs.order_by()
        .values_list("child__district")
        .annotate(n=Count("pk"))
        .values_list("child__district", "n")
    )
    by_type = {t: totals[f"type_{t}"] for t in TYPES[:2]}
    by_type["cse_and_cce"] = totals["type_cse_and_cce"]
    by_type |= {t: totals[f"type_{t}"] for t in TYPES[2:]}
    exploitation = {
        "assessments": totals["assessments"],
        "by_reason": {r: totals[f"reason_{r}"] for r in sorted(Reason.values)},
        "by_gender": {g: totals[f"gender_{g}"] for g in GENDERS},
        "by_type": by_type,
        "by_level": {lv: totals[f"level_{lv}"] for lv in LEVELS},
        "by_district": {d: n for d, n in sorted(by_district.items()) if n},
        "screenings": screenings_in_period(date_from, date_to, district).count(),
    }
    risk_changes = {
        "children_reviewed": totals["children_reviewed"],
        "reduced": {f"{a}_to_{b}": totals[f"change_{a}_{b}"] for a, b in REDUCED},
        "increased": {f"{a}_to_{b}": totals[f"change_{a}_{b}"] for a, b in INCREASED},
    }
    return exploitation, risk_changes


def _missing(date_from: date, date_to: date, district: str | None) -> dict:
    counts = {
        "episodes": Count("pk"),
        "children": Count("child", distinct=True),
        "trigger": Count(
            "child", distinct=True, filter=Q(episodes_in_window__gte=MISSING_TRIGGER_EPISODES)
        ),
    }
    counts |= {
        f"gender_{g}": Count("child", distinct=True, filter=Q(child__gender=g)) for g in GENDERS
    }
    totals = (
        episodes_in_period(date_from, date_to, district)
        .annotate(episodes_in_window=episodes_in_trigger_window())
        .aggregate(**counts)
    )
    # Grouping by the status works it out once per episode (an aggregate with one filter per
    # figure would repeat the interview subqueries for every figure).
    statuses = (
        return_interview_status(date_from, date_to, district)
        .order_by()
        .values_list("missing_from", "rhi_status", "rhi_in_timescale")
        .annotate(n=Count("pk"))
    )
    return_interviews = {
        place: dict.fromkeys(
            (
                "episodes",
                "completed",
                "completed_in_timescale",
                "declined",
                "declined_by_parent",
                "exceptions",
                "outstanding",
            ),
            0,
        )
        for place in MissingFrom.values
    }
    figure = {
        InterviewOutcome.COMPLETED: "completed",
        InterviewOutcome.DECLINED_CHILD: "declined",
        InterviewOutcome.DECLINED_PARENT: "declined",
        InterviewOutcome.EXCEPTION: "exceptions",
        InterviewOutcome.OUTSTANDING: "outstanding",
    }
    for place, status, in_timescale, n in statuses:
        row = return_interviews[place]
        row["episodes"] += n
        row[figure[status]] += n
        row["declined_by_parent"] += n if status == InterviewOutcome.DECLINED_PARENT else 0
        row["completed_in_timescale"] += n if in_timescale else 0
    return {
        "episodes": totals["episodes"],
        "children": totals["children"],
        "children_by_gender": {g: totals[f"gender_{g}"] for g in GENDERS},
        "ola_episodes": ola_episodes_in_period(date_from, date_to, district).count(),
        "children_meeting_trigger": totals["trigger"],
        "return_interviews": return_interviews,
    }


def _per_month(qs: QuerySet, months: list, field: str, extra: Q | None = None, total=None):
    """One aggregate query: for each month, the rows whose `field` falls on its UK dates."""
    aggregates = {}
    for i, (first, last) in enumerate(months):
        if isinstance(qs.model._meta.get_field(field), DateTimeField):
            start, end = day_range(first, last)
            when = Q(**{f"{field}__gte": start, f"{field}__lt": end})
        else:
            when = Q(**{f"{field}__gte": first, f"{field}__lte": last})
        if extra is not None:
            when &= extra
        aggregates[f"m{i}"] = (
            Coalesce(Sum(total, filter=when), 0) if total else Count("pk", filter=when)
        )
    result = qs.aggregate(**aggregates) if aggregates else {}
    return [result[f"m{i}"] for i in range(len(months))]


def _activity(date_from: date, date_to: date, district: str | None) -> list[dict]:
    """One entry per calendar month touching the period, each clipped to the period's days."""
    months = months_touching(date_from, date_to)
    cases = in_district(Case.objects.all(), district)
    mash = Q(source="mash")
    columns = {
        "s17_from_mash": _per_month(cases, months, "opened_on", mash & Q(route=Route.S17)),
        "s47_from_mash": _per_month(cases, months, "opened_on", mash & Q(route=Route.S47)),
        "nominations": _per_month(
            in_district(Referral.objects.all(), district),
            months,
            "received_on",
            Q(route=Route.NOMINATION),
        ),
        "cases_opened": _per_month(cases, months, "opened_on"),
        "cases_closed": _per_month(cases, months, "closed_on"),
        # Training reaches professionals, not children: the same county figure in any district.
        "professionals_trained": _per_month(
            TrainingSession.objects.all(), months, "held_on", total="attendees"
        ),
        "uasc_arrivals": _per_month(
            in_district(Child.objects.all(), district, ""), months, "uasc_arrived_on"
        ),
        "return_offers": _per_month(
            in_district(ReturnInterview.objects.filter(not_ola()), district),
            months,
            "offered_at",
        ),
        "episodes_ended": _per_month(
            in_district(Episode.objects.filter(not_ola()), district), months, "ended_at"
        ),
    }
    activity = []
    for i, (first, _last) in enumerate(months):
        entry = {"month": f"{first:%Y-%m}"} | {name: col[i] for name, col in columns.items()}
        ended = entry["episodes_ended"]
        entry["return_offer_rate"] = round(entry["return_offers"] / ended, 2) if ended else 0.0
        activity.append(entry)
    return activity


def _op_met(as_of: date, district: str | None) -> dict:
    month_start = op_met_new_from(as_of)
    rows = (
        op_met_children(as_of, district)
        .order_by()
        .values("district", "current_level")
        .annotate(
            n=Count("pk"),
            trafficked=Count("pk", filter=trafficked()),
            new=Count("pk", filter=Q(first_assessed_on__gte=month_start)),
        )
    )
    op_met = {"as_of": as_of.isoformat(), "high": 0, "medium": 0, "low": 0}
    op_met |= {"trafficked": 0, "new": 0, "by_district": {}}
    for row in rows:
        level = row["current_level"]
        op_met[level] += row["n"]
        op_met["trafficked"] += row["trafficked"]
        op_met["new"] += row["new"]
        per = op_met["by_district"].setdefault(row["district"], {"high": 0, "medium": 0, "low": 0})
        per[level] += row["n"]
    op_met["by_district"] = dict(sorted(op_met["by_district"].items()))
    return op_met


def month_ends(date_from: date, date_to: date) -> list[date]:
    """The last days of the months that end inside the period, in order: a period ending
    mid-month leaves that month out; one starting mid-month keeps its first month's end."""
    ends = []
    for first, last in months_touching(date_from, date_to):
        end = add_months(first.replace(day=1), 1) - timedelta(days=1)
        if date_from <= end <= date_to and end == last:
            ends.append(end)
    return ends


def _op_met_month_ends(date_from: date, date_to: date, district: str | None) -> list[dict]:
    """The Op MET list at each month end of the period, each by the Op MET rule itself
    (`_op_met` for that date): one query per month end."""
    rows = []
    for end in month_ends(date_from, date_to):
        om = _op_met(end, district)
        rows.append({"month_end": end.isoformat()} | {k: om[k] for k in OP_MET_ROW})
    return rows


def _missing_breakdown(date_from: date, date_to: date, district: str | None) -> dict:
    return {
        "by_age_band": episodes_by_age_band(date_from, date_to, district),
        "children_missing_from": children_missing_from_home_and_care(date_from, date_to, district),
    }


def _nrm(date_from: date, date_to: date, district: str | None) -> dict:
    decision = {
        f"{stage}_{d}": Count("pk", filter=Q(**{f"{stage}_decision": d}))
        for stage in ("rg", "cg")
        for d in (NrmDecision.POSITIVE, NrmDecision.NEGATIVE)
    }
    return nrm_referrals_in_period(date_from, date_to, district).aggregate(
        referrals=Count("pk"), **decision, pending=Count("pk", filter=nrm_pending())
    )


def performance_report(*, date_from: date, date_to: date, district: str | None = None) -> dict:
    """Every figure of the performance report for UK calendar dates date_from..date_to
    inclusive, in the JSON shape of reports.md; `district` narrows it to that district's
    children. A fixed number of queries, whatever the amount of data."""
    exploitation, risk_changes = _exploitation(date_from, date_to, district)
    return {
        "period": {"from": date_from.isoformat(), "to": date_to.isoformat()},
        "exploitation": exploitation,
        "risk_changes": risk_changes,
        "missing": _missing(date_from, date_to, district),
        "activity": _activity(date_from, date_to, district),
        "op_met": _op_met(date_to, district),
        "nrm": _nrm(date_from, date_to, district),
        "disruption": disruption_figures(date_from, date_to, district),
        "op_met_month_ends": _op_met_month_ends(date_from, date_to, district),
        "missing_breakdown": _missing_breakdown(date_from, date_to, district),
    }


# -- The records behind a figure --------------------------------------------------------------


def op_met_records(as_of: date, figure: str, district: str | None = None) -> QuerySet:
    """The children behind one Op MET figure (high, medium, low, trafficked, new) on a date."""
    qs = op_met_children(as_of, district)
    if figure in ("high", "medium", "low"):
        return qs.filter(current_level=figure)
    if figure == "trafficked":
        return qs.filter(trafficked())
    if figure == "new":
        return qs.filter(first_assessed_on__gte=op_met_new_from(as_of))
    raise KeyError(figure)


def figure_records(
    figure: str, *, date_from: date, date_to: date, district: str | None = None
) -> QuerySet:
    """The records counted in a figure of the report, by its dotted name in the JSON, e.g.
    "exploitation.assessments", "exploitation.by_reason.new", "missing.episodes",
    "missing.return_interviews.home.outstanding", "op_met.high", "nrm.pending".
    Raises KeyError for a name that is not a countable figure."""
    parts = figure.split(".")
    period = (date_from, date_to, district)
    if parts[0] == "missing_figures" and len(parts) >= 3:
        # The dashboard's missing figures (not in the report's JSON): a district's name is
        # taken whole, dots and all.
        _, group, value = figure.split(".", 2)
        return episodes_in_group(date_from, date_to, group, value, district)
    section, rest = parts[0], parts[1:]
    key = ".".join(rest)
    if section == "exploitation":
        if key == "screenings":
            return screenings_in_period(*period)
        qs = assessments_in_period(*period)
        if key == "assessments":
            return qs
        if len(rest) == 2:
            group, value = rest
            if group == "by_reason" and value in Reason.values:
                return qs.filter(counted_reason=value)
            if group == "by_gender" and value in GENDERS:
                return qs.filter(child__gender=value)
            if group == "by_type" and value == "cse_and_cce":
                return qs.filter(exploitation_types__contains=ExploitationType.CSE).filter(
                    exploitation_types__contains=ExploitationType.CCE
                )
            if group == "by_type" and value in TYPES:
                return qs.filter(exploitation_types__contains=value)
            if group == "by_level" and value in LEVELS:
                return qs.filter(risk_level=value)
            if group == "by_district":
                return qs.filter(child__district=value)
    if section == "risk_changes":
        qs = assessments_in_period(*period)
        if key == "children_reviewed":
            return Child.objects.filter(
                pk__in=qs.filter(counted_reason=Reason.REVIEW).values("child")
            )
        if len(rest) == 2 and rest[0] in ("reduced", "increased"):
            before, _, after = rest[1].partition("_to_")
            if (before, after) in (REDUCED if rest[0] == "reduced" else INCREASED):
                return qs.filter(previous_level=before, risk_level=after)
    if section == "missing":
        if key == "episodes":
            return episodes_in_period(*period)
        if key == "children":
            return children_missing_in_period(*period)
        if len(rest) == 2 and rest[0] == "children_by_gender" and rest[1] in GENDERS:
            return children_missing_in_period(*period).filter(gender=rest[1])
        if key == "ola_episodes":
            return ola_episodes_in_period(*period)
        if key == "children_meeting_trigger":
            return children_meeting_missing_trigger(*period)
        if len(rest) == 3 and rest[0] == "return_interviews" and rest[1] in MissingFrom.values:
            qs = return_interview_status(*period).filter(missing_from=rest[1])
            status = {
                "episodes": Q(),
                "completed": Q(rhi_status=InterviewOutcome.COMPLETED),
                "completed_in_timescale": Q(rhi_in_timescale=1),
                "declined": Q(
                    rhi_status__in=[
                        InterviewOutcome.DECLINED_CHILD,
                        InterviewOutcome.DECLINED_PARENT,
                    ]
                ),
                "declined_by_parent": Q(rhi_status=InterviewOutcome.DECLINED_PARENT),
                "exceptions": Q(rhi_status=InterviewOutcome.EXCEPTION),
                "outstanding": Q(rhi_status=InterviewOutcome.OUTSTANDING),
            }
            if rest[2] in status:
                return qs.filter(status[rest[2]])
    if section == "activity" and len(rest) == 1:
        activity = {
            "s17_from_mash": lambda: cases_opened_in_period(*period).filter(
                route=Route.S17, source="mash"
            ),
            "s47_from_mash": lambda: cases_opened_in_period(*period).filter(
                route=Route.S47, source="mash"
            ),
            "nominations": lambda: nominations_in_period(*period),
            "cases_opened": lambda: cases_opened_in_period(*period),
            "cases_closed": lambda: cases_closed_in_period(*period),
            "professionals_trained": lambda: TrainingSession.objects.filter(
                held_on__gte=date_from, held_on__lte=date_to
            ),
            "uasc_arrivals": lambda: uasc_arrivals_in_period(*period),
            "return_offers": lambda: return_offers_in_period(*period),
            "episodes_ended": lambda: episodes_ended_in_period(*period),
        }
        if rest[0] in activity:
            return activity[rest[0]]()
    if section == "op_met":
        qs = op_met_children(date_to, district)
        if key in OP_MET_ROW:
            return op_met_records(date_to, key, district)
        if len(rest) == 3 and rest[0] == "by_district" and rest[2] in ("high", "medium", "low"):
            return qs.filter(district=rest[1], current_level=rest[2])
    if section == "nrm":
        qs = nrm_referrals_in_period(*period)
        nrm = {
            "referrals": Q(),
            "rg_positive": Q(rg_decision=NrmDecision.POSITIVE),
            "rg_negative": Q(rg_decision=NrmDecision.NEGATIVE),
            "cg_positive": Q(cg_decision=NrmDecision.POSITIVE),
            "cg_negative": Q(cg_decision=NrmDecision.NEGATIVE),
            "pending": nrm_pending(),
        }
        if key in nrm:
            return qs.filter(nrm[key])
    if section == "disruption":
        return disruption_records(key, *period)
    if section == "op_met_month_ends" and len(rest) == 2 and rest[1] in OP_MET_ROW:
        ends = {end.isoformat(): end for end in month_ends(date_from, date_to)}
        if rest[0] in ends:
            return op_met_records(ends[rest[0]], rest[1], district)
    if section == "missing_breakdown" and len(rest) == 2:
        if rest[0] == "by_age_band" and rest[1] in dict((b[0], b) for b in AGE_BANDS):
            return episodes_in_age_band(date_from, date_to, rest[1], district)
        if rest[0] == "children_missing_from" and rest[1] in MissingFrom.values:
            return children_missing_from(date_from, date_to, rest[1], district)
    raise KeyError(f"No figure called {figure!r} in the report.")


# -- Small-number suppression for reports published outside the team -------------------------


def _additive_groups(report: dict) -> list[tuple[tuple, list[tuple]]]:
    """(total, members) paths where the members add up to the total, so that one hidden
    member could be worked out from the others."""
    groups = []
    ex = ("exploitation",)
    for row in ("by_reason", "by_gender", "by_level", "by_district"):
        members = [(*ex, row, k) for k in report["exploitation"][row]]
        groups.append(((*ex, "assessments"), members))
    missing = ("missing",)
    groups.append(
        (
            (*missing, "children"),
            [(*missing, "children_by_gender", g) for g in report["missing"]["children_by_gender"]],
        )
    )
    rhi = (*missing, "return_interviews")
    groups.append(
        ((*missing, "episodes"), [(*rhi, place, "episodes") for place in MissingFrom.values])
    )
    for place in MissingFrom.values:
        statuses = ("completed", "declined", "exceptions", "outstanding")
        groups.append(((*rhi, place, "episodes"), [(*rhi, place, s) for s in statuses]))
    if "missing_breakdown" in report:
        bands = report["missing_breakdown"]["by_age_band"]
        groups.append(
            ((*missing, "episodes"), [("missing_breakdown", "by_age_band", b) for b in bands])
        )
    for level in ("high", "medium", "low"):
        districts = report["op_met"]["by_district"]
        groups.append((("op_met", level), [("op_met", "by_district", d, level) for d in districts]))
    return groups


def _get(report: dict, path: tuple):
    for key in path:
        report = report[key]
    return report


def _set(report: dict, path: tuple, value) -> None:
    for key in path[:-1]:
        report = report[key]
    report[path[-1]] = value


def _hide_small(value):
    if isinstance(value, dict):
        return {k: _hide_small(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_hide_small(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
        return SMALL
    return value


def suppress_small_numbers(report: dict) -> dict:
    """A copy for publishing outside the team: every count from 1 to 4 becomes "<5".

    Secondary suppression: where members of a row add up to a shown total (reasons, genders,
    levels and districts to the number of assessments; return interview outcomes to the
    episodes; home and care episodes, and the age bands, to all episodes; districts to each Op MET level) and only
    one member is hidden, the next smallest member is hidden too (as "[c]"), repeated until
    no hidden number can be worked out by subtraction. A return offer rate is hidden when
    either of its two counts is. Dates, months and zeros stay as they are.
    """
    published = _hide_small(report)
    groups = _additive_groups(report)
    changed = True
    while changed:
        changed = False
        for total, members in groups:
            if isinstance(_get(published, total), str):
                continue
            hidden = [m for m in members if isinstance(_get(published, m), str)]
            shown = [m for m in members if not isinstance(_get(published, m), str)]
            if len(hidden) == 1 and shown:
                smallest = min(shown, key=lambda m: _get(report, m))
                _set(published, smallest, HIDDEN)
                changed = True
    for month in published["activity"]:
        if isinstance(month["return_offers"], str) or isinstance(month["episodes_ended"], str):
            month["return_offer_rate"] = HIDDEN
    return published
