"""Charts carry their numbers as text and survive hidden small numbers."""

import re

from lantern.reports.charts import Chart, chart_png, chart_svg


def test_a_bar_chart_svg_contains_each_number():
    svg = chart_svg(
        Chart("t", "Assessments by level", ["Low", "High"], [("Assessments", [182, 1186])])
    )
    assert svg.startswith("<svg")
    assert ">182<" in svg and ">1,186<" in svg
    assert 'aria-label="Assessments by level"' in svg


def test_a_hidden_small_number_draws_no_bar_but_keeps_its_label():
    svg = chart_svg(Chart("t", "NRM", ["Referrals", "Pending"], [("Referrals", [15, "<5"])]))
    assert "&lt;5" in svg


def test_stacked_column_and_line_charts_render():
    stacked = Chart(
        "s",
        "Op MET",
        ["Havant", "Hart"],
        [("High", [4, 7]), ("Medium", [16, "<5"])],
        kind="stacked",
    )
    column = Chart(
        "c",
        "Cases",
        ["Apr 20", "May 20"],
        [("Opened", [7, 12]), ("Closed", [13, 16])],
        kind="column",
    )
    line = Chart(
        "l", "Rate", ["Apr 20", "May 20"], [("Rate", [0.57, 1.03])], kind="line", percent=True
    )
    assert ">16<" in chart_svg(stacked)
    assert ">13<" in chart_svg(column)
    assert ">103%<" in chart_svg(line)


def test_ids_are_unique_per_chart_so_several_can_sit_on_one_page():
    one = chart_svg(Chart("one", "A", ["x"], [("s", [1])]))
    two = chart_svg(Chart("two", "B", ["x"], [("s", [1])]))
    assert 'id="chart-one-' in one and 'id="chart-two-' in two


def test_the_png_is_a_png():
    assert chart_png(Chart("p", "P", ["x"], [("s", [3])])).startswith(b"\x89PNG")


def test_chart_text_is_large_enough_to_read_on_screen_and_paper():
    """Labels were about 7 px on the dashboard: now at least 9 pt at the chart's own size."""
    for kind in ("bar", "stacked", "column", "line"):
        svg = chart_svg(
            Chart(
                key=f"size-{kind}",
                title="T",
                categories=["a", "b"],
                series=[("x", [1, 2])],
                kind=kind,
            )
        )
        sizes = [float(s) for s in re.findall(r"font[^;\"]*?(\d+(?:\.\d+)?)px", svg)]
        assert sizes and min(sizes) >= 9, kind


def test_a_value_with_no_data_is_a_gap_in_the_line_not_a_zero():
    svg = chart_svg(
        Chart(
            key="gap",
            title="T",
            categories=["q1", "q2", "q3"],
            series=[("x", [None, 3, 4])],
            kind="line",
        )
    )
    assert "no data" in svg
