"""The child page's risk history chart: full assessments only, as an image with words."""

import base64
import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.accounts.models import Role
from lantern.pages.risk_chart import risk_history_chart, risk_history_points
from lantern.risk.models import Assessment


def assess(child, on: date, level: str, tool: str = "ceraf") -> Assessment:
    return Assessment.objects.create(
        source_id=f"A-{child.source_id}-{on:%Y%m%d}-{tool}",
        child=child,
        completed_on=on,
        tool=tool,
        risk_level=level,
    )


def chart_svg(html: str) -> str:
    data = re.search(r'id="risk-chart">\s*<img [^>]*src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert data, "no chart image on the page"
    return base64.b64decode(data.group(1)).decode()


def test_the_chart_sits_above_the_table_as_an_image_with_the_changes_in_words(
    client_as, make_child
):
    child = make_child()
    assess(child, date(2024, 1, 10), "medium")
    assess(child, date(2024, 4, 9), "high")
    assess(child, date(2024, 7, 8), "high")
    assess(child, date(2024, 10, 7), "low")
    html = client_as(Role.MANAGER).get(f"/children/{child.pk}/").content.decode()
    section = html[html.index('id="risk-history"') : html.index('id="missing"')]
    assert section.index('id="risk-chart"') < section.index("<table")
    alt = re.search(r'<img [^>]*alt="([^"]+)"', section).group(1)
    assert alt == (
        "Risk level over time from 4 full assessments: Medium from 10 January 2024, "
        "then High from 9 April 2024, then Low from 7 October 2024."
    )
    svg = chart_svg(section)
    assert svg.startswith("<svg")
    for label in ("None", "Low", "Medium", "High"):
        assert f">{label}<" in svg  # the y axis reads as levels, text kept as text


def test_screenings_set_no_level_so_they_are_left_out_of_the_chart(make_child):
    child = make_child()
    screening = assess(child, date(2024, 1, 5), "none", tool="screening")
    full = assess(child, date(2024, 1, 10), "medium")
    assert screening.is_screening
    assert risk_history_points([screening, full]) == [(date(2024, 1, 10), "medium")]
    assert "1 full assessment:" in risk_history_chart([screening, full])["description"]


def test_a_child_with_only_screenings_or_nothing_has_no_chart(client_as, make_child):
    maya = client_as(Role.MANAGER)
    nothing, screened = make_child(), make_child()
    assess(screened, date(2024, 1, 5), "none", tool="screening")
    for child in (nothing, screened):
        html = maya.get(f"/children/{child.pk}/").content.decode()
        assert 'id="risk-chart"' not in html
    assert risk_history_chart([]) is None


def test_the_chart_adds_no_queries_however_many_assessments(client_as, make_child):
    maya = client_as(Role.MANAGER)
    one, many = make_child(), make_child()
    assess(one, date(2024, 1, 10), "low")
    for month in range(1, 13):
        assess(many, date(2023, month, 1), ["none", "low", "medium", "high"][month % 4])
    with CaptureQueriesContext(connection) as few:
        maya.get(f"/children/{one.pk}/")
    with CaptureQueriesContext(connection) as more:
        html = maya.get(f"/children/{many.pk}/").content.decode()
    assert len(few) == len(more)
    assert 'id="risk-chart"' in html


def test_the_same_history_draws_the_same_picture(make_child):
    child = make_child()
    rows = [assess(child, date(2024, 1, 10), "medium"), assess(child, date(2024, 2, 1), "high")]
    assert risk_history_chart(rows) == risk_history_chart(list(rows))
