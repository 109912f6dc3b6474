"""Hotspots: places ranked by the children they connect (docs/mapping.md)."""

from datetime import UTC, date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.mapping.selectors import hotspots
from lantern.missing.models import Episode

PERIOD = (date(2024, 4, 1), date(2024, 9, 30))


def _found(child, where: str, ended: datetime, n: list = [0]):  # noqa: B006
    n[0] += 1
    return Episode.objects.create(
        source_id=f"HE{n[0]:04d}",
        child=child,
        missing_from="home",
        started_at=ended - timedelta(hours=6),
        ended_at=ended,
        found_location=where,
    )


def test_hotspots_count_children_linked_and_found_there_once_each(network):
    a, b, c = network.child("C1"), network.child("C2"), network.child("C3")
    park = network.entity("EL1", kind="location", label="Station Park", district="Hart")
    cafe = network.entity("EL2", kind="location", label="Corner Café")
    adult = network.entity("EA1", kind="adult", label="Someone")
    network.link(a, park, relation="frequents", first_seen=date(2024, 5, 1))
    network.link(park, b, relation="found_at", first_seen=date(2024, 6, 1))
    network.link(a, park, relation="associate")  # undated: always known; a counts once
    network.link(c, adult)  # not a place
    network.link(c, cafe, first_seen=date(2023, 1, 1), last_seen=date(2023, 6, 1))  # before
    _found(c, "station  park.", datetime(2024, 7, 1, 12, tzinfo=UTC))  # the park, as typed
    _found(c, "Station Park", datetime(2024, 8, 1, 12, tzinfo=UTC))
    _found(a, "Bus station", datetime(2024, 8, 2, 12, tzinfo=UTC))  # not in mapping
    spots = hotspots(Child.objects.all(), *PERIOD)
    assert [(s.place, s.children, s.children_linked, s.episodes_found) for s in spots] == [
        ("Station Park", 3, 2, 2),
        ("Bus station", 1, 0, 1),
    ]
    assert spots[0].entity == park and spots[0].district == "Hart"
    assert spots[1].entity is None


def test_hotspots_period_edges_are_uk_days(network):
    """Found at 23:30 UTC on 30 September 2024 is 1 October in the UK: outside the period;
    at 23:30 UTC on 31 March it is 1 April: inside."""
    a = network.child("C1")
    _found(a, "Late place", datetime(2024, 9, 30, 23, 30, tzinfo=UTC))
    _found(a, "Early place", datetime(2024, 3, 31, 23, 30, tzinfo=UTC))
    assert [s.place for s in hotspots(Child.objects.all(), *PERIOD)] == ["Early place"]


def test_hotspots_count_only_the_children_given(network):
    a, b = network.child("C1", district="Hart"), network.child("C2", district="Rushmoor")
    park = network.entity("EL1", kind="location", label="Park")
    network.link(a, park)
    network.link(b, park)
    only_hart = hotspots(Child.objects.filter(district="Hart"), *PERIOD)
    assert [(s.place, s.children) for s in only_hart] == [("Park", 1)]


def test_hotspots_page_ranks_places_and_keeps_its_query_count(
    network, client_as, django_assert_max_num_queries
):
    today = timezone.localdate()
    park = network.entity("EL1", kind="location", label="Station Park")
    for n in range(8):
        kid = network.child(f"C{n}", district="Hart and Rushmoor")
        network.link(kid, park, first_seen=today - timedelta(days=10))
        _found(kid, f"Place {n}", timezone.now() - timedelta(days=3))
    hidden = network.child("CR", district="Hart and Rushmoor", restricted=True)
    network.link(hidden, park, first_seen=today - timedelta(days=10))
    client = client_as(Role.PRACTITIONER)
    url = reverse("mapping:hotspots")
    client.get(url)
    with django_assert_max_num_queries(13):
        page = client.get(url, {"period": "3"}).content.decode()
    assert "9 places" in page
    assert page.index("Station Park") < page.index("Place 0")
    assert ">8<" in page  # the restricted child is not counted for this practitioner
    other = network.child("CW", district="Winchester")  # outside the practitioner's team
    network.link(other, park, first_seen=today - timedelta(days=10))
    assert "9 places" in client.get(url, {"period": "3"}).content.decode()


def test_hotspots_page_has_a_helpful_empty_state(client_as, db):
    page = client_as(Role.MANAGER).get(reverse("mapping:hotspots")).content.decode()
    assert "0 places" in page and "No place is linked" in page
