"""Charts carry their numbers as text and survive hidden small numbers."""

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
