"""Recording an episode fast: find the child, the start, the return, clashes beside the field."""

from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditEntry
from lantern.missing.models import Episode
from tests.missing.conftest import at, moment_fields


def start_form(**extra) -> dict:
    data = {
        **moment_fields("started_at", 3, 6, 2024, "14:05"),
        "missing_from": "care",
        "placement_type": "childrens_home",
        "provider": "Oakview House",
        "out_of_area": "yes",
        "episode_type": "missing",
        "police_reference": "HC/11111/24",
        "police_risk": "medium",
        "reported_by": "Night staff",
    }
    data.update(extra)
    return data


def test_the_child_is_found_by_name_or_by_a_police_reference(client_as, child, make_episode):
    client = client_as(Role.COORDINATOR)
    make_episode(child, at(2024, 1, 1, 9), at(2024, 1, 1, 20), police_reference="HC/777/24")
    page = client.post(reverse("missing:episode_find"), {"q": "fairwether"})
    assert reverse("missing:episode_new", args=[child.pk]) in page.content.decode()
    page = client.post(reverse("missing:episode_find"), {"q": "hc/777/24"})
    assert reverse("missing:episode_new", args=[child.pk]) in page.content.decode()
    assert "fairwether" not in AuditEntry.objects.values_list("path", flat=True)


def test_an_empty_search_is_an_error_beside_the_box(client_as):
    page = client_as(Role.COORDINATOR).post(reverse("missing:episode_find"), {"q": " "})
    assert page.status_code == 200
    assert 'id="id_q-error"' in page.content.decode()


def test_an_episode_recorded_here_gets_a_lantern_id_and_an_audit_entry(client_as, child):
    client = client_as(Role.PRACTITIONER)
    response = client.post(reverse("missing:episode_new", args=[child.pk]), start_form())
    episode = Episode.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("missing:episode", args=[episode.pk])
    assert episode.source_id.startswith("LAN-")
    assert episode.started_at == at(2024, 6, 3, 13, 5)  # 14:05 British Summer Time
    assert (episode.placement_type, episode.provider, episode.out_of_area) == (
        "childrens_home",
        "Oakview House",
        True,
    )
    entry = AuditEntry.objects.get(object_type="episode", action="create")
    assert entry.child_id == child.pk and "police_reference" in entry.detail["fields"]
    assert "HC/11111/24" not in str(entry.detail)


def test_the_return_is_recorded_and_the_history_says_who_changed_what(client_as, child):
    client = client_as(Role.COORDINATOR)
    client.post(reverse("missing:episode_new", args=[child.pk]), start_form())
    episode = Episode.objects.get()
    response = client.post(
        reverse("missing:episode_return", args=[episode.pk]),
        {
            **moment_fields("ended_at", 4, 6, 2024, "09:30"),
            "found_location": "Station",
            "found_with": "Two older boys",
            "return_method": "police",
            "safe_and_well_done": "yes",
            **moment_fields("safe_and_well_at", 4, 6, 2024, "10:15"),
            "safe_and_well_by": "PC 1234",
            "school_told": "no",
        },
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.ended_at == at(2024, 6, 4, 8, 30)
    assert episode.safe_and_well_done is True and episode.school_told is False
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "Recorded" in page
    assert "Changed: Came back, Where found" in page
    assert "colin" in page


def test_an_overlapping_episode_is_refused_beside_the_field_in_plain_words(
    client_as, child, make_episode
):
    make_episode(child, at(2024, 6, 3, 13, 5), at(2024, 6, 5, 10))
    client = client_as(Role.COORDINATOR)
    form = start_form(**moment_fields("started_at", 4, 6, 2024, "08:00"))
    page = client.post(reverse("missing:episode_new", args=[child.pk]), form)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="id_started_at-error"' in html
    assert "This overlaps the episode that started 3 June 2024 at 14:05" in html
    assert Episode.objects.count() == 1


def test_an_open_episode_before_a_later_one_is_refused_beside_the_return(
    client_as, child, make_episode
):
    make_episode(child, at(2024, 6, 10, 9), at(2024, 6, 10, 20))
    client = client_as(Role.COORDINATOR)
    page = client.post(reverse("missing:episode_new", args=[child.pk]), start_form())
    html = page.content.decode()
    assert "This overlaps the episode that started 10 June 2024 at 10:00" in html


def test_a_return_before_the_start_is_refused_beside_the_field(client_as, child, make_episode):
    episode = make_episode(child, at(2024, 6, 3, 13, 5))
    client = client_as(Role.COORDINATOR)
    page = client.post(
        reverse("missing:episode_return", args=[episode.pk]),
        moment_fields("ended_at", 2, 6, 2024, "09:00"),
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="id_ended_at-error"' in html
    assert "The return must be after the child went missing (3 June 2024 at 14:05)" in html


def test_nonsense_dates_and_a_missing_time_are_errors_beside_the_field(client_as, child):
    client = client_as(Role.COORDINATOR)
    page = client.post(
        reverse("missing:episode_new", args=[child.pk]),
        start_form(**moment_fields("started_at", 31, 2, 2024, "25:99")),
    )
    assert "Went missing must be a real date and time" in page.content.decode()
    page = client.post(
        reverse("missing:episode_new", args=[child.pk]),
        start_form(**moment_fields("started_at", 3, 6, 2024, "")),
    )
    assert "Went missing must include a time" in page.content.decode()
    page = client.post(reverse("missing:episode_new", args=[child.pk]), {})
    assert "Enter when the child went missing" in page.content.decode()
    assert Episode.objects.count() == 0


def test_a_placement_is_only_for_a_child_missing_from_care(client_as, child):
    page = client_as(Role.COORDINATOR).post(
        reverse("missing:episode_new", args=[child.pk]), start_form(missing_from="home")
    )
    assert 'id="id_placement_type-error"' in page.content.decode()


def test_a_child_out_of_the_users_scope_cannot_get_an_episode(client_as, child):
    child.district = "Elsewhere"
    child.save()
    response = client_as(Role.PRACTITIONER).get(reverse("missing:episode_new", args=[child.pk]))
    assert response.status_code == 404
