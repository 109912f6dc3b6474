"""Merging two records of one child, and undoing it (docs/casework.md)."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.children.models import Child, ChildMerge, ChildShare
from lantern.children.selectors import ChildSearch, child_list_visible_to, child_search
from lantern.children.services import MergeRefused
from lantern.interchange.services import dataset_import
from lantern.mapping.models import Intelligence, Link
from lantern.meetings.models import Meeting, MeetingChild
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from lantern.nrm.models import NrmReferral
from lantern.pages.flows import MERGE_NOT_MOVED, child_relations, merge_children, undo_child_merge

pytestmark = pytest.mark.django_db


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2024, 3, day, hour, tzinfo=UTC)


@pytest.fixture
def pair(make_child):
    survivor = make_child(source_id="HC10001", first_name="Robin", last_name="Marsh")
    duplicate = make_child(source_id="HC10002", first_name="Robyn", last_name="Marsh")
    return survivor, duplicate


@pytest.fixture
def coordinator(make_user):
    return make_user(Role.COORDINATOR)


def histories(duplicate, survivor):
    """Records on each side: an episode and its interview, an NRM referral, a meeting both
    were discussed at (a unique rule), a link and intelligence naming the duplicate."""
    Episode.objects.create(
        source_id="WM1", child=survivor, started_at=at(1), ended_at=at(2), missing_from="home"
    )
    episode = Episode.objects.create(
        source_id="WM2", child=duplicate, started_at=at(5), ended_at=at(6), missing_from="home"
    )
    interview = ReturnInterview.objects.create(source_id="WI2", child=duplicate, outcome="done")
    InterviewEpisode.objects.create(interview=interview, episode=episode, position=0)
    NrmReferral.objects.create(source_id="NR2", child=duplicate, referred_on=date(2024, 3, 7))
    both = Meeting.objects.create(source_id="MT1", type="triage")
    only_dup = Meeting.objects.create(source_id="MT2", type="triage")
    MeetingChild.objects.create(meeting=both, child=survivor)
    MeetingChild.objects.create(meeting=both, child=duplicate)
    MeetingChild.objects.create(meeting=only_dup, child=duplicate)
    Link.objects.create(
        source_id="WL1", from_ref="child:HC10002", to_ref="entity:EA1", relation="associate"
    )
    Intelligence.objects.create(source_id="IN1", refs=["entity:EA1", "child:HC10002"])
    ChildShare.objects.create(child=duplicate, agency="police")


def test_every_record_that_points_at_a_child_is_moved_by_a_merge():
    """A new model with a foreign key to Child is moved without anyone listing it."""
    moved = {m._meta.label for m, _ in child_relations()}
    for rel in Child._meta.related_objects:
        label = rel.related_model._meta.label
        if rel.many_to_many or label in MERGE_NOT_MOVED:
            continue
        assert label in moved, label


def test_a_merge_moves_every_record_and_mention_to_the_survivor(pair, coordinator):
    survivor, duplicate = pair
    histories(duplicate, survivor)

    merge = merge_children(survivor=survivor, duplicate=duplicate, by=coordinator)

    assert set(Episode.objects.filter(child=survivor).values_list("source_id", flat=True)) == {
        "WM1",
        "WM2",
    }
    assert ReturnInterview.objects.get(source_id="WI2").child == survivor
    assert NrmReferral.objects.get(source_id="NR2").child == survivor
    assert ChildShare.objects.get().child == survivor
    assert set(
        MeetingChild.objects.filter(child=survivor).values_list("meeting__source_id", flat=True)
    ) == {"MT1", "MT2"}
    # The survivor was already discussed at MT1: the duplicate's row stays with it.
    assert MeetingChild.objects.filter(child=duplicate).count() == 1
    assert merge.kept == {
        "meetings.MeetingChild.child": [str(MeetingChild.objects.get(child=duplicate).pk)]
    }
    assert Link.objects.get().from_ref == "child:HC10001"
    assert Intelligence.objects.get().refs == ["entity:EA1", "child:HC10001"]
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert survivor.aliases == ["HC10002"]
    assert duplicate.merged_into == survivor


def test_both_histories_show_on_the_survivors_page(client_as, pair):
    survivor, duplicate = pair
    client = client_as(Role.COORDINATOR)
    histories(duplicate, survivor)
    merge_children(survivor=survivor, duplicate=duplicate, by=client.user)

    page = client.get(reverse("children:detail", args=[survivor.pk])).content.decode()

    assert "1 March 2024" in page and "5 March 2024" in page  # the two records' episodes
    assert 'id="merged-records"' in page and "Undo merge" in page


def test_the_merged_record_is_gone_from_lists_and_search_and_its_page_leads_to_the_survivor(
    client_as, pair
):
    survivor, duplicate = pair
    client = client_as(Role.COORDINATOR)
    merge_children(survivor=survivor, duplicate=duplicate, by=client.user)

    assert list(child_list_visible_to(client.user)) == [survivor]
    assert list(child_search(client.user, ChildSearch(q="HC10002"))) == []
    response = client.get(reverse("children:detail", args=[duplicate.pk]))
    assert response.status_code == 302
    assert response.url == reverse("children:detail", args=[survivor.pk])


def test_undoing_a_merge_puts_back_exactly_what_moved(pair, coordinator):
    survivor, duplicate = pair
    histories(duplicate, survivor)
    before = {
        (m._meta.label, pk, getattr(row, f"{name}_id"))
        for m, name in child_relations()
        for row in m._base_manager.all()
        for pk in [row.pk]
    }
    merge = merge_children(survivor=survivor, duplicate=duplicate, by=coordinator)

    undo_child_merge(merge=merge, by=coordinator)

    after = {
        (m._meta.label, pk, getattr(row, f"{name}_id"))
        for m, name in child_relations()
        for row in m._base_manager.all()
        for pk in [row.pk]
    }
    assert after == before
    assert Link.objects.get().from_ref == "child:HC10002"
    assert Intelligence.objects.get().refs == ["entity:EA1", "child:HC10002"]
    survivor.refresh_from_db()
    duplicate.refresh_from_db()
    assert survivor.aliases == [] and duplicate.merged_into is None
    assert ChildMerge.objects.get().undone_by == coordinator
    assert list(child_list_visible_to(coordinator)) == [survivor, duplicate]


def test_overlapping_episodes_refuse_the_merge_naming_them(client_as, pair):
    survivor, duplicate = pair
    client = client_as(Role.COORDINATOR)
    Episode.objects.create(
        source_id="WM1", child=survivor, started_at=at(1), ended_at=at(3), missing_from="home"
    )
    Episode.objects.create(source_id="WM2", child=duplicate, started_at=at(2), missing_from="home")
    with pytest.raises(MergeRefused, match="WM1 overlaps WM2"):
        merge_children(survivor=survivor, duplicate=duplicate, by=client.user)

    response = client.post(reverse("children:merge_confirm", args=[survivor.pk, duplicate.pk]))

    assert response.status_code == 400
    assert "WM1 overlaps WM2" in response.content.decode()
    assert not ChildMerge.objects.exists()
    assert Episode.objects.get(source_id="WM2").child == duplicate


def test_a_reimport_naming_the_merged_id_updates_the_survivor(tmp_path, pair, coordinator):
    survivor, duplicate = pair
    merge_children(survivor=survivor, duplicate=duplicate, by=coordinator)
    (tmp_path / "children.csv").write_text(
        "child_id,first_name,last_name,date_of_birth,gender\r\n"
        "HC10001,Robin,Marsh,2008-06-03,female\r\n"
        "HC10002,Robyn,Marsh,2008-06-03,male\r\n",
        encoding="utf-8",
    )
    (tmp_path / "missing_episodes.csv").write_text(
        "episode_id,child_id,started_at,ended_at,missing_from\r\n"
        "WM9,HC10002,2024-03-10T20:00,2024-03-11T02:00,home\r\n",
        encoding="utf-8",
    )
    (tmp_path / "links.csv").write_text(
        "link_id,from_ref,to_ref,relation\r\nWL9,child:HC10002,child:HC10001,sibling\r\n",
        encoding="utf-8",
    )

    result = dataset_import(tmp_path)

    assert Child.objects.count() == 2
    assert result.files["children.csv"].unchanged == 2
    duplicate.refresh_from_db()
    assert duplicate.gender == "female"  # the merged record's row is left alone
    assert Episode.objects.get(source_id="WM9").child == survivor
    assert Link.objects.get(source_id="WL9").from_ref == "child:HC10001"


def test_practitioners_cannot_merge(client_as, pair):
    survivor, duplicate = pair
    client = client_as(Role.PRACTITIONER)
    url = reverse("children:merge_confirm", args=[survivor.pk, duplicate.pk])

    assert client.get(reverse("children:merge", args=[survivor.pk])).status_code == 403
    assert client.post(url).status_code == 403
    assert not ChildMerge.objects.exists()


def test_merging_and_undoing_through_the_pages_is_audited(client_as, pair):
    survivor, duplicate = pair
    client = client_as(Role.MANAGER)
    find = client.post(reverse("children:merge", args=[survivor.pk]), {"q": "HC10002"})
    assert "HC10002" in find.content.decode()
    assert "Robyn Marsh" in find.content.decode()  # also suggested: same birthday, like name

    response = client.post(reverse("children:merge_confirm", args=[survivor.pk, duplicate.pk]))
    assert response.status_code == 302
    merge = ChildMerge.objects.get()
    assert merge.merged_by == client.user
    merged = AuditEntry.objects.filter(object_type="child_merge", detail__outcome="merged")
    assert merged.get().child_id == survivor.pk

    response = client.post(reverse("children:merge_undo", args=[merge.pk]))
    assert response.status_code == 302
    undone = AuditEntry.objects.filter(object_type="child_merge", detail__outcome="undone")
    assert {e.child_id for e in undone} == {survivor.pk, duplicate.pk}
    merge.refresh_from_db()
    assert merge.undone_at is not None
