"""The network analysis on small hand-built networks (docs/mapping.md)."""

from datetime import UTC, date, datetime

from lantern.mapping.selectors import network_analysis
from lantern.missing.models import Episode


def test_an_empty_network_has_no_groups_and_no_key_entities(db):
    assert network_analysis() == {
        "groups": [],
        "key_entities": [],
        "co_missing": [],
        "cross_district_groups": 0,
    }


def test_children_sharing_an_adult_form_one_group_and_a_separate_pair_another(network):
    a, b, c, d = (network.child(r) for r in ("C1", "C2", "C3", "C4"))
    adult = network.entity("E1")
    place = network.entity("E2", kind="location")
    network.link(a, adult)
    network.link(b, adult, relation="exploiter")
    network.link(c, place, relation="frequents")
    network.link(d, place, relation="frequents")
    network.link(c, d, relation="sibling")
    network.link(d, network.entity("E3", kind="phone"))
    result = network_analysis()
    assert result["groups"] == [  # the largest first
        {"children": ["C3", "C4"], "entities": ["E2", "E3"]},
        {"children": ["C1", "C2"], "entities": ["E1"]},
    ]


def test_a_child_with_no_links_is_in_no_group(network):
    network.child("ALONE")
    linked = network.child("C1")
    network.link(linked, network.entity("E1"))
    groups = network_analysis()["groups"]
    assert groups == [{"children": ["C1"], "entities": ["E1"]}]


def test_a_link_between_two_entities_joins_their_children_into_one_group(network):
    a, b = network.child("C1"), network.child("C2")
    adult, car = network.entity("E1"), network.entity("E2", kind="vehicle")
    network.link(a, adult)
    network.link(b, car, relation="seen_with")
    network.link(adult, car, relation="other")
    result = network_analysis()
    assert result["groups"] == [{"children": ["C1", "C2"], "entities": ["E1", "E2"]}]
    by_ref = {k["ref"]: k["children_linked"] for k in result["key_entities"]}
    assert by_ref == {"entity:E1": 1, "entity:E2": 1}


def test_key_entities_are_ranked_by_children_linked_then_by_centrality(network):
    children = [network.child(f"C{i}") for i in range(1, 6)]
    hub, minor, lone = network.entity("E1"), network.entity("E2"), network.entity("E3")
    for child in children[:3]:
        network.link(child, hub)
    network.link(children[3], minor)
    network.link(children[4], minor)
    network.link(minor, lone)
    key = network_analysis()["key_entities"]
    assert [(k["ref"], k["children_linked"]) for k in key] == [
        ("entity:E1", 3),
        ("entity:E2", 2),
        ("entity:E3", 0),
    ]
    assert key[0]["centrality"] > key[2]["centrality"] > 0
    assert abs(sum(k["centrality"] for k in key) - 1) < 0.5  # PageRank shares out 1


def test_duplicate_links_count_a_child_once_and_change_no_centrality(network):
    a, b = network.child("C1"), network.child("C2")
    adult = network.entity("E1")
    network.link(a, adult)
    network.link(b, adult)
    once = network_analysis()["key_entities"]
    network.link(a, adult, relation="exploiter")
    network.link(adult, a, relation="seen_with")
    twice = network_analysis()["key_entities"]
    assert twice == once
    assert once[0]["children_linked"] == 2


def test_a_group_with_children_of_two_districts_is_cross_district(network):
    a = network.child("C1", district="Winchester")
    b = network.child("C2", district="Fareham and Gosport")
    c = network.child("C3", district="Winchester")
    d = network.child("C4", district="Winchester")
    adult = network.entity("E1")
    network.link(a, adult)
    network.link(b, adult)
    network.link(c, d, relation="associate")
    assert network_analysis()["cross_district_groups"] == 1


def test_a_child_with_no_district_makes_no_group_cross_district(network):
    a = network.child("C1", district="Winchester")
    b = network.child("C2", district="")
    network.link(a, b)
    assert network_analysis()["cross_district_groups"] == 0


def test_as_of_a_date_leaves_out_links_first_seen_later(network):
    a, b = network.child("C1"), network.child("C2")
    adult = network.entity("E1")
    network.link(a, adult, first_seen=date(2024, 1, 10))
    network.link(b, adult, first_seen=date(2024, 3, 1))
    network.link(b, network.entity("E2"))  # no date: always known
    before = network_analysis(date(2024, 2, 1))
    assert before["groups"] == [
        {"children": ["C1"], "entities": ["E1"]},
        {"children": ["C2"], "entities": ["E2"]},
    ]
    after = network_analysis(date(2024, 3, 1))
    assert after["groups"] == [{"children": ["C1", "C2"], "entities": ["E1", "E2"]}]


def test_children_whose_episodes_overlap_are_a_co_missing_pair(network):
    a, b, c = network.child("C1"), network.child("C2"), network.child("C3")

    def episode(child, ref, start, end):
        Episode.objects.create(
            source_id=ref,
            child=child,
            started_at=datetime(2024, 5, *start, tzinfo=UTC),
            ended_at=datetime(2024, 5, *end, tzinfo=UTC) if end else None,
            missing_from="home",
        )

    episode(a, "M1", (1, 20), (2, 8))
    episode(b, "M2", (1, 22), (2, 1))
    episode(a, "M3", (10, 20), (11, 8))
    episode(b, "M4", (11, 7), None)  # still missing
    episode(c, "M5", (2, 8), (2, 9))  # starts as C1 returns: touching, not overlapping
    assert network_analysis()["co_missing"] == [
        {"children": ["C1", "C2"], "overlapping_episodes": 2}
    ]
    assert network_analysis(date(2024, 5, 5))["co_missing"] == [
        {"children": ["C1", "C2"], "overlapping_episodes": 1}
    ]


def test_the_network_is_read_in_a_fixed_number_of_queries(network, django_assert_max_num_queries):
    children = [network.child(f"C{i:03d}") for i in range(40)]
    entities = [network.entity(f"E{i:03d}") for i in range(10)]
    for i, child in enumerate(children):
        network.link(child, entities[i % 10])
    with django_assert_max_num_queries(3):
        result = network_analysis()
    assert len(result["groups"]) == 10
