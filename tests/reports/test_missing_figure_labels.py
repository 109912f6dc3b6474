"""The records page's title for a cell of the dashboard's missing figures, in plain words."""

from lantern.reports.labels import figure_label


def test_each_missing_figure_cell_is_named_in_words():
    assert figure_label("missing_figures.by_district.Test Valley") == (
        "Missing episodes of children in Test Valley"
    )
    assert figure_label("missing_figures.by_placement.foster") == (
        "Missing episodes from care: foster care"
    )
    assert figure_label("missing_figures.by_placement.home") == "Missing episodes from home"
    assert figure_label("missing_figures.by_day_hour.1-0") == (
        "Missing episodes starting on a Monday between 00:00 and 00:59"
    )


def test_a_name_that_is_not_a_cell_is_shown_as_it_is():
    assert figure_label("missing_figures.by_placement.") == "Missing episodes from "
    assert figure_label("missing_figures.by_day_hour.9-x") == "missing_figures.by_day_hour.9-x"
