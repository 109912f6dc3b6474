"""People and places named in a return interview, linked to mapping from the interview's
page: an existing entity or a new one, dated by the interview, audited, for the team only."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.children.models import Child, ChildShare
from lantern.mapping.models import Entity, Link
from lantern.mapping.selectors import entity_search
from lantern.missing.models import Episode, InterviewEpisode, ReturnInterview
from lantern.pages.flows import link_interview_to_mapping

pytestmark = pytest.mark.django_db


@pytest.fixture
def child():
    return Child.objects.create(
        source_id="IM001",
        first_name="Robin",
        last_name="Fairweather",
        date_of_birth=date(2009, 5, 1),
        gender="female",
        district="Hart and Rushmoor",
    )


@pytest.fixture
def interview(child):
    episode = Episode.objects.create(
        source_id="IME1",
        child=child,
        started_at=datetime(2024, 6, 1, 20, tzinfo=UTC),
        ended_at=datetime(2024, 6, 2, 8, tzinfo=UTC),
        missing_from="home",
    )
    interview = ReturnInterview.objects.create(
        source_id="IMI1",
        child=child,
        outcome="completed",
        offered_at=datetime(2024, 6, 2, 12, tzinfo=UTC),
        # 23:30 UTC on 3 June is 00:30 on 4 June in the UK: the link is dated 4 June.
        completed_at=datetime(2024, 6, 3, 23, 30, tzinfo=UTC),
        where_child_was="At the flat over the chip shop on Station Road",
        with_whom="An older lad called Dex",
    )
    InterviewEpisode.objects.create(interview=interview, episode=episode)
    return interview


@pytest.fixture
def adult():
    return Entity.objects.create(source_id="EA900", kind="adult", label="Dexter Quarry")


def page(interview) -> str:
    return reverse("interview_mapping:page", args=[interview.pk])


def test_linking_an_existing_person_found_by_name(client_as, interview, adult):
    client = client_as(Role.PRACTITIONER)
    found = client.post(page(interview), {"action": "search", "search-q": "dexter"})
    assert "1 match" in found.content.decode() and "Dexter Quarry" in found.content.decode()

    response = client.post(
        page(interview),
        {
            "action": "link",
            "search-q": "dexter",
            "existing-entity": str(adult.pk),
            "existing-relation": "associate",
            "existing-grading": "b2",
        },
    )

    assert response.status_code == 302 and response.url == page(interview)
    link = Link.objects.get()
    assert (link.from_ref, link.to_ref, link.relation) == (
        "child:IM001",
        "entity:EA900",
        "associate",
    )
    assert link.source == "rhi" and link.grading == "B2"
    assert link.first_seen == link.last_seen == date(2024, 6, 4)
    shown = client.get(page(interview)).content.decode()
    assert "Dexter Quarry" in shown and "1 link from return interviews" in shown


def test_adding_a_new_place_and_linking_it(client_as, interview):
    client = client_as(Role.COORDINATOR)
    response = client.post(
        page(interview),
        {
            "action": "add",
            "new-kind": "location",
            "new-label": "Flat above the chip shop, Station Road",
            "new-district": "Hart and Rushmoor",
            "new-relation": "found_at",
        },
    )

    assert response.status_code == 302
    place = Entity.objects.get()
    assert place.kind == "location" and place.source_id.startswith("LAN-E-")
    link = Link.objects.get()
    assert link.to_ref == place.ref and link.relation == "found_at" and link.source == "rhi"


def test_nothing_of_the_interview_text_goes_into_mapping(client_as, interview):
    ReturnInterview.objects.filter(pk=interview.pk).update(not_shareable=True)
    client = client_as(Role.PRACTITIONER)
    shown = client.get(page(interview)).content.decode()
    assert 'id="not-shareable"' in shown
    client.post(
        page(interview),
        {"action": "add", "new-kind": "adult", "new-label": "Dex", "new-relation": "associate"},
    )
    entity, link = Entity.objects.get(), Link.objects.get()
    stored = " ".join(
        [entity.label, entity.notes, entity.district, link.grading, link.source, link.relation]
    )
    for text in (interview.where_child_was, interview.with_whom, "chip shop", "older lad"):
        assert text not in stored


def test_a_child_is_not_linked_twice_to_the_same_entity_the_same_way(client_as, interview, adult):
    client = client_as(Role.PRACTITIONER)
    form = {
        "action": "link",
        "search-q": "EA900",
        "existing-entity": str(adult.pk),
        "existing-relation": "associate",
    }
    client.post(page(interview), form)
    response = client.post(page(interview), form, follow=True)
    assert "already linked" in response.content.decode()
    assert Link.objects.count() == 1


def test_place_relations_join_only_places_and_errors_show_beside_the_field(
    client_as, interview, adult
):
    client = client_as(Role.PRACTITIONER)
    response = client.post(
        page(interview),
        {
            "action": "link",
            "search-q": "dexter",
            "existing-entity": str(adult.pk),
            "existing-relation": "lives_at",
        },
    )
    shown = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in shown and 'id="id_existing-relation_error"' in shown
    empty = client.post(page(interview), {"action": "add"}).content.decode()
    assert 'id="id_new-label_error"' in empty and "Enter a name or description" in empty
    assert Link.objects.count() == 0 and Entity.objects.count() == 1


def test_only_an_entity_found_by_the_search_can_be_linked(client_as, interview, adult):
    other = Entity.objects.create(source_id="EA901", kind="adult", label="Someone Else")
    client = client_as(Role.PRACTITIONER)
    response = client.post(
        page(interview),
        {
            "action": "link",
            "search-q": "dexter",
            "existing-entity": str(other.pk),
            "existing-relation": "associate",
        },
    )
    assert response.status_code == 200 and Link.objects.count() == 0


@pytest.mark.parametrize("role", [Role.ANALYST, Role.PARTNER, Role.AUDITOR, Role.ADMIN])
def test_analysts_partners_and_others_are_refused(client_as, interview, role):
    extra = {"agency": "police", "district": "Hart and Rushmoor"} if role == Role.PARTNER else {}
    client = client_as(role, **extra)
    assert client.get(page(interview)).status_code == 403
    response = client.post(
        page(interview),
        {"action": "add", "new-kind": "adult", "new-label": "Dex", "new-relation": "associate"},
    )
    assert response.status_code == 403 and Entity.objects.count() == 0


def test_a_child_out_of_the_workers_districts_is_not_found(client_as, interview):
    Child.objects.filter(pk=interview.child_id).update(district="Elsewhere")
    client = client_as(Role.PRACTITIONER)
    assert client.get(page(interview)).status_code == 404


def test_the_page_and_each_write_are_audited_naming_fields_not_values(client_as, interview):
    client = client_as(Role.PRACTITIONER)
    client.get(page(interview))
    viewed = AuditEntry.objects.get(action=AuditAction.VIEW, object_type="interview_mapping")
    assert viewed.child_id == interview.child_id and viewed.object_id == str(interview.pk)
    client.post(page(interview), {"action": "search", "search-q": "Dexter"})
    client.post(
        page(interview),
        {"action": "add", "new-kind": "adult", "new-label": "Dexter", "new-relation": "associate"},
    )
    created = AuditEntry.objects.filter(action=AuditAction.CREATE)
    assert set(created.values_list("object_type", flat=True)) == {"entity", "link"}
    assert created.get(object_type="link").child_id == interview.child_id
    for entry in AuditEntry.objects.all():
        assert "Dexter" not in str(entry.detail) and "Dexter" not in entry.path


def test_the_flow_is_one_transaction(interview, make_user):
    worker = make_user(Role.PRACTITIONER)
    with pytest.raises(Exception):  # noqa: B017, PT011  # the relation is not a choice
        link_interview_to_mapping(
            by=worker,
            interview=interview,
            relation="no_such_relation",
            new_entity={"kind": "adult", "label": "Dex", "district": ""},
        )
    assert Entity.objects.count() == 0 and Link.objects.count() == 0


def test_the_search_matches_every_word_and_costs_two_queries(django_assert_num_queries):
    for n in range(30):
        Entity.objects.create(source_id=f"EB{n:03d}", kind="location", label=f"{n} Station Road")
    Entity.objects.create(source_id="EB999", kind="location", label="Station Hotel")
    with django_assert_num_queries(2):
        total, shown = entity_search("station ROAD")
    assert total == 30 and len(shown) == 20
    assert entity_search("EB999")[0] == 1 and entity_search("   ") == (0, [])


def test_the_search_page_costs_a_fixed_number_of_queries(
    client_as, interview, django_assert_max_num_queries
):
    for n in range(30):
        Entity.objects.create(source_id=f"EC{n:03d}", kind="adult", label=f"Dex {n}")
    client = client_as(Role.PRACTITIONER)
    form = {
        "action": "add",
        "new-kind": "location",
        "new-label": "Park",
        "new-relation": "frequents",
    }
    client.post(page(interview), form)
    # session, user, second factor, the interview and child, the search (count and first
    # 20), the child's links and their entities, the audit entry: none per entity.
    with django_assert_max_num_queries(15):
        response = client.post(page(interview), {"action": "search", "search-q": "dex"})
    shown = response.content.decode()
    assert "30 matches; the first 20 are shown" in shown


def test_the_episode_page_and_the_worklist_lead_to_the_page(client_as, interview):
    client = client_as(Role.PRACTITIONER)
    episode = interview.episodes.get()
    assert (
        page(interview)
        in client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    )
    worklist = client.get(reverse("missing:interviews"), {"recorded": str(interview.pk)})
    assert page(interview) in worklist.content.decode()
    ChildShare.objects.create(child=interview.child, agency="police")
    partner = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    shared = partner.get(reverse("missing:episode", args=[episode.pk]))
    assert shared.status_code == 200 and page(interview) not in shared.content.decode()
