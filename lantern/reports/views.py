"""The managers' dashboard, the records behind each figure, and report downloads."""

from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.access import allow
from lantern.accounts.models import Role
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_many, audit_record
from lantern.children.models import Child
from lantern.children.pseudonyms import pseudonym
from lantern.core.daterange import date_in_range
from lantern.core.pagination import page_links
from lantern.core.ukdate import aware_to_local, uk_date
from lantern.missing.selectors import (
    DAYS_OF_WEEK,
    episodes_by_day_and_hour,
    episodes_by_district,
    episodes_by_placement_type,
)
from lantern.reports import documents
from lantern.reports.charts import Chart, chart_svg
from lantern.reports.documents.printable import section_view, svg_image
from lantern.reports.documents.sections import build_sections
from lantern.reports.forms import PeriodForm, default_period
from lantern.reports.heat import quantile_levels
from lantern.reports.labels import figure_label
from lantern.reports.narrative import comparison_text, period_text
from lantern.reports.periods import previous_period
from lantern.reports.selectors import figure_records, performance_report, suppress_small_numbers
from lantern.reports.trends import headline_trends
from lantern.risk.models import Assessment

REPORT_ROLES = (Role.MANAGER, Role.COORDINATOR, Role.ANALYST)
SEES_CHILDREN = {Role.MANAGER, Role.COORDINATOR}
PAGE_SIZE = 50
DATE_FIELDS = (
    "completed_on",
    "started_at",
    "opened_on",
    "received_on",
    "referred_on",
    "held_on",
    "on",
)


def _districts() -> list[str]:
    return list(
        Child.objects.exclude(district="").values_list("district", flat=True).distinct().order_by()
    )


def _period_from_query(request) -> tuple[date, date, str | None]:
    """from / to / district from the drill-down and download links, or 404."""
    try:
        first = date.fromisoformat(request.GET.get("from", ""))
        last = date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        raise Http404("Give the period as from=YYYY-MM-DD and to=YYYY-MM-DD.") from None
    if last < first:
        raise Http404("The period ends before it starts.")
    try:
        date_in_range(first), date_in_range(last)
    except ValidationError:
        raise Http404("The period must be between 1900 and 2100.") from None
    return first, last, request.GET.get("district") or None


def _trend_charts(trends: list[dict]) -> list[dict]:
    labels = [t["quarter"].replace("-", "\n") for t in trends]  # two lines: no overlap
    specs = [
        ("assessments", "Risk assessments", False),
        ("episodes", "Missing episodes", False),
        ("children", "Children who went missing", False),
        ("in_timescale_rate", "Return interviews completed within 72 hours (% of completed)", True),
    ]
    return [
        {
            "title": title,
            "svg": (
                svg_image(
                    chart_svg(
                        Chart(
                            key=f"trend-{key}",
                            title=title,
                            categories=labels,
                            series=[(title, [t[key] for t in trends])],
                            kind="line",
                            percent=percent,
                            description=f"Line chart: {title} in each of the last 8 quarters.",
                        )
                    ),
                    title,
                )
            ),
        }
        for key, title, percent in specs
    ]


def _missing_figures(first: date, last: date, district: str | None, query: dict) -> dict:
    """Missing episodes by district, by the day and hour they started (the heat table) and
    by placement type, each cell linked to the episodes behind it (three queries)."""
    records_url = reverse("reports:records")

    def url(group: str, value: str) -> str:
        figure = f"missing_figures.{group}.{value}"
        return f"{records_url}?{urlencode({'figure': figure, **query})}"

    by_district = [
        {"label": name, "n": n, "url": url("by_district", name)}
        for name, n in episodes_by_district(first, last, district)
    ]
    by_placement = [
        {"label": label, "n": n, "url": url("by_placement", key) if n else ""}
        for key, label, n in episodes_by_placement_type(first, last, district)
    ]
    matrix = episodes_by_day_and_hour(first, last, district)
    levels = quantile_levels([n for row in matrix for n in row])
    heat = []
    for d, (day, row) in enumerate(zip(DAYS_OF_WEEK, matrix, strict=True)):
        cells = [
            {
                "n": n,
                "level": levels[d * 24 + h],
                "hour": f"{h:02d}:00",
                "url": url("by_day_hour", f"{d + 1}-{h}") if n else "",
            }
            for h, n in enumerate(row)
        ]
        heat.append({"day": day, "cells": cells, "total": sum(row)})
    return {
        "by_district": by_district,
        "district_total": sum(r["n"] for r in by_district),
        "by_placement": by_placement,
        "placement_total": sum(r["n"] for r in by_placement),
        "heat": heat,
        "hours": [f"{h:02d}" for h in range(24)],
        "heat_total": sum(r["total"] for r in heat),
    }


@allow(*REPORT_ROLES)
def dashboard(request):
    """The performance report for a chosen period and district, on one page."""
    districts = _districts()
    data = request.GET if "period" in request.GET else None
    if data is None:
        latest = Assessment.objects.aggregate(day=Max("completed_on"))["day"]
        form = PeriodForm(default_period(latest or timezone.localdate()), districts=districts)
    else:
        form = PeriodForm(data, districts=districts)
    if not form.is_valid():
        return render(request, "reports/dashboard.html", {"form": form, "report": None})

    first, last = form.cleaned_data["first"], form.cleaned_data["last"]
    district = form.cleaned_data.get("district") or None
    report = performance_report(date_from=first, date_to=last, district=district)
    before_first, before_last = previous_period(first, last)
    previous = performance_report(date_from=before_first, date_to=before_last, district=district)
    trends = headline_trends(last_day=last, district=district)
    audit_record(
        request=request,
        action=AuditAction.REPORT,
        object_type="performance_report",
        detail={
            "from": first.isoformat(),
            "to": last.isoformat(),
            "district": district or "",
            "via": "dashboard",
        },
    )
    query = {"from": first.isoformat(), "to": last.isoformat()}
    if district:
        query["district"] = district
    sections = [section_view(s, inline=False) for s in build_sections(report, previous)]
    records_url = reverse("reports:records")
    for section in sections:
        section["summary"] = [
            {
                "label": label,
                "value": f"{value:,}" if isinstance(value, int) else value,
                "url": f"{records_url}?{urlencode({'figure': figure, **query})}" if figure else "",
            }
            for label, value, figure in section["summary"]
        ]
    downloads = [
        (label, f"{reverse('reports:download')}?{urlencode({'format': fmt, **query})}")
        for fmt, label in (
            ("pdf", "PDF (printable report)"),
            ("docx", "Word"),
            ("xlsx", "Excel spreadsheet"),
            ("csv", "CSV files (zip)"),
        )
    ]
    downloads.append(
        (
            "PDF for publishing (small numbers hidden)",
            f"{reverse('reports:download')}?{urlencode({'format': 'pdf', 'public': '1', **query})}",
        )
    )
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "report": report,
            "period": period_text(report["period"]),
            "district": district,
            "comparison": comparison_text(previous),
            "sections": sections,
            "trends": trends,
            "trend_charts": _trend_charts(trends),
            "downloads": downloads,
            "missing_figures": _missing_figures(first, last, district, query),
        },
    )


def _record_row(record, *, sees_children: bool) -> dict:
    """One line of the records list: its date and the child, named only for those who may."""
    when = None
    for field in DATE_FIELDS:
        value = getattr(record, field, None)
        if value is not None:
            when = value
            break
    if hasattr(when, "tzinfo"):
        when = aware_to_local(when).date()
    child = record if isinstance(record, Child) else getattr(record, "child", None)
    row = {"date": uk_date(when) if when else "", "child_id": child.pk if child else None}
    if child is None:
        row["child"] = ""
    elif sees_children:
        row["child"] = child.source_id
        row["child_url"] = reverse("children:detail", args=[child.pk])
    else:
        row["child"] = pseudonym(child.source_id)
    row["record"] = record.source_id if sees_children and not isinstance(record, Child) else ""
    if sees_children and child is not None:
        row["child"] = f"{child.full_name} ({child.source_id})"
        row["record_url"] = row["child_url"] + SECTION_OF.get(record._meta.model_name, "")
    return row


# Where a record shows on the child's page.
SECTION_OF = {
    "episode": "#missing",
    "returninterview": "#missing",
    "assessment": "#risk-history",
    "case": "#direct-work",
    "referral": "#timeline",
    "nrmreferral": "#nrm-uasc",
}


def _record_order(model) -> list[str]:
    """Newest first by the record's own date, then by reference: a stable order to page in."""
    names = {f.name for f in model._meta.get_fields()}
    when = next((f for f in DATE_FIELDS if f in names), None)
    return ([f"-{when}"] if when else []) + ["source_id"]


@allow(*REPORT_ROLES)
def figure_record_list(request):
    """The records counted in one figure: checking the count, or finding the children."""
    first, last, district = _period_from_query(request)
    figure = request.GET.get("figure", "")
    try:
        records = figure_records(figure, date_from=first, date_to=last, district=district)
    except KeyError:
        raise Http404("No such figure in the report.") from None
    if any(f.name == "child" for f in records.model._meta.get_fields()):
        records = records.select_related("child")
    records = records.order_by(*_record_order(records.model))
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    sees_children = request.user.role in SEES_CHILDREN
    rows = [_record_row(r, sees_children=sees_children) for r in page.object_list]
    audit_many(
        request=request,
        action=AuditAction.VIEW,
        object_type=f"report_figure:{figure}"[:50],
        children=[r["child_id"] for r in rows if r["child_id"]],
        detail={"figure": figure, "from": first.isoformat(), "to": last.isoformat()},
    )
    query = {"figure": figure, "from": first.isoformat(), "to": last.isoformat()}
    if district:
        query["district"] = district
    return render(
        request,
        "reports/records.html",
        {
            "figure": figure,
            "figure_label": figure_label(figure),
            "page_links": page_links(page),
            "period": period_text({"from": first.isoformat(), "to": last.isoformat()}),
            "district": district,
            "page": page,
            "rows": rows,
            "sees_children": sees_children,
            "query": urlencode(query),
            "back": f"{reverse('reports:dashboard')}?"
            + urlencode(
                {
                    "period": "dates",
                    "date_from": first.isoformat(),
                    "date_to": last.isoformat(),
                    "district": district or "",
                }
            ),
        },
    )


@allow(*REPORT_ROLES)
def download(request):
    """The report as a file; the previous period is worked out for the narrative."""
    first, last, district = _period_from_query(request)
    fmt = request.GET.get("format", "pdf")
    if fmt not in documents.FORMATS:
        raise Http404("No such format.")
    public = request.GET.get("public") == "1"
    report = performance_report(date_from=first, date_to=last, district=district)
    before_first, before_last = previous_period(first, last)
    previous = performance_report(date_from=before_first, date_to=before_last, district=district)
    if public:
        report, previous = suppress_small_numbers(report), suppress_small_numbers(previous)
    title = None
    if district:
        title = f"Missing, exploited and trafficked children in {district}: performance report"
    content = documents.render(report, fmt, previous=previous, title=title, public=public)
    audit_record(
        request=request,
        action=AuditAction.EXPORT,
        object_type="performance_report",
        detail={
            "from": first.isoformat(),
            "to": last.isoformat(),
            "district": district or "",
            "format": fmt,
            "public": public,
        },
    )
    content_type, _ = documents.FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    if fmt != "html":
        name = documents.filename(report, fmt)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
