"""The report's `disruption` key (docs/counting-rules.md): activities in the period by
tactic, the entities they targeted, and the children linked to those entities."""

from datetime import date

from lantern.mapping.models import Disruption
from lantern.mapping.selectors import disruption_figures, disruption_records
from lantern.reports.selectors import figure_records, performance_report

PERIOD = (date(2024, 4, 1), date(2024, 6, 30))


def _disruption(ref, on, tactic, *targets):
    return Disruption.objects.create(source_id=ref, on=on, tactic=tactic, target_refs=list(targets))


def test_disruption_counts_activities_by_tactic_on_their_date(network):
    _disruption("D1", date(2024, 4, 1), "cawn", "entity:EA1")  # first day
    _disruption("D2", date(2024, 6, 30), "arrest", "entity:EA1", "entity:EA2")  # last day
    _disruption("D3", date(2024, 7, 1), "arrest", "entity:EA3")  # after
    _disruption("D4", None, "warrant", "entity:EA3")  # no date: never in a period
    figures = disruption_figures(*PERIOD)
    assert figures["activities"] == 2
    assert figures["by_tactic"]["cawn"] == 1 and figures["by_tactic"]["arrest"] == 1
    assert sum(figures["by_tactic"].values()) == figures["activities"]
    assert figures["entities_disrupted"] == 2  # EA1 once, though disrupted twice


def test_disruption_children_linked_are_distinct_and_known_by_the_periods_end(network):
    a, b, c = network.child("C1"), network.child("C2"), network.child("C3")
    adult, other = network.entity("EA1"), network.entity("EA2")
    network.link(a, adult, first_seen=date(2024, 1, 1))
    network.link(adult, a, relation="exploiter")  # the same child again
    network.link(b, adult, first_seen=date(2024, 8, 1))  # known only after the period
    network.link(c, other)  # linked to an entity nobody disrupted
    _disruption("D1", date(2024, 5, 1), "cawn", "entity:EA1")
    assert disruption_figures(*PERIOD)["children_linked"] == 1


def test_disruption_in_a_district_report_is_against_that_districts_entities(network):
    here = network.child("C1", district="Hart")
    there = network.child("C2", district="Rushmoor")
    adult = network.entity("EA1", district="Hart")
    network.entity("EA2", district="Rushmoor")
    network.link(here, adult)
    network.link(there, adult)
    _disruption("D1", date(2024, 5, 1), "cawn", "entity:EA1")
    _disruption("D2", date(2024, 5, 2), "arrest", "entity:EA2")
    hart = disruption_figures(*PERIOD, district="Hart")
    assert (hart["activities"], hart["entities_disrupted"], hart["children_linked"]) == (1, 1, 1)
    assert disruption_figures(*PERIOD)["children_linked"] == 2


def test_every_disruption_figure_names_its_records_in_the_report(network):
    kid = network.child("C1")
    network.link(kid, network.entity("EA1"))
    _disruption("D1", date(2024, 5, 1), "cawn", "entity:EA1")
    _disruption("D2", date(2024, 5, 2), "cawn", "entity:EA1")
    figures = performance_report(date_from=PERIOD[0], date_to=PERIOD[1])["disruption"]
    period = {"date_from": PERIOD[0], "date_to": PERIOD[1]}
    for name in ("activities", "entities_disrupted", "children_linked", "by_tactic.cawn"):
        value = figures
        for part in name.split("."):
            value = value[part]
        assert figure_records(f"disruption.{name}", **period).count() == value, name
    assert list(disruption_records("children_linked", *PERIOD)) == [kid]
