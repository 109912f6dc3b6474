"""The Philomena profile: every save is a new version naming who saved it, someone saving in
between is a conflict shown in plain words, only those who may see the child see it, and
every read is audited."""

import pytest
from django.urls import reverse

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.children.models import ChildShare
from lantern.missing.models import PhilomenaVersion
from lantern.missing.selectors import philomena_history, philomena_version
from lantern.missing.services import ProfileChangedSinceOpened, philomena_save
from tests.missing.conftest import own_client

FIELDS = {
    "height": "5 feet 2 inches",
    "build": "Slim",
    "hair": "Long, dark brown, usually tied back",
    "distinguishing_features": "Small scar above the left eyebrow",
    "associates": "An older boy known as 'Deeks'",
    "places_they_go": "Aldershot bus station; the retail park",
    "phones_and_social_media": "Snapchat: not known",
    "vulnerabilities": "Risk of criminal exploitation",
    "medical_needs": "Asthma: carries an inhaler",
    "when_found": "Call the duty social worker; take the child home",
}


def form_data(version: int, **changes) -> dict:
    return {**FIELDS, "version": str(version), **changes}


def url(name: str, child) -> str:
    return reverse(f"missing:{name}", kwargs={"child_id": child.pk})


def test_each_save_is_a_new_version_naming_who_saved_it(child, make_user):
    colin, maya = make_user(Role.COORDINATOR), make_user(Role.MANAGER)
    first = philomena_save(child=child, by=colin, fields=FIELDS, opened_version=0)
    second = philomena_save(
        child=child, by=maya, fields={**FIELDS, "hair": "Short, dyed red"}, opened_version=1
    )
    assert (first.number, first.created_by, second.number, second.created_by) == (
        1,
        colin,
        2,
        maya,
    )
    assert philomena_version(child) == second
    assert philomena_version(child, 1).hair == FIELDS["hair"]  # the old version is kept
    history = philomena_history(child)
    assert [(h.version.number, h.fields) for h in history] == [
        (2, ["hair"]),
        (1, list(FIELDS)),
    ]
    audit = AuditEntry.objects.filter(object_type="philomena_profile").order_by("id")
    assert [(a.action, a.detail["fields"]) for a in audit] == [
        (AuditAction.CREATE, sorted(FIELDS)),
        (AuditAction.UPDATE, ["hair"]),
    ]
    assert "Short" not in str([a.detail for a in audit])  # field names, never values


def test_a_save_that_changes_nothing_makes_no_version(child, make_user):
    colin = make_user(Role.COORDINATOR)
    philomena_save(child=child, by=colin, fields=FIELDS, opened_version=0)
    assert philomena_save(child=child, by=colin, fields=FIELDS, opened_version=1) is None
    assert PhilomenaVersion.objects.count() == 1


def test_a_save_from_an_older_version_is_refused(child, make_user):
    colin = make_user(Role.COORDINATOR)
    philomena_save(child=child, by=colin, fields=FIELDS, opened_version=0)
    with pytest.raises(ProfileChangedSinceOpened) as clash:
        philomena_save(child=child, by=colin, fields={"hair": "Blonde"}, opened_version=0)
    assert clash.value.current.number == 1
    assert PhilomenaVersion.objects.count() == 1


def test_the_form_saves_a_version_and_the_page_shows_it(client_as, child):
    c = client_as(Role.COORDINATOR)
    assert "No Philomena profile" in c.get(url("philomena", child)).content.decode()
    response = c.post(url("philomena_edit", child), form_data(0))
    assert response.status_code == 302
    page = c.get(url("philomena", child)).content.decode()
    assert "Version 1" in page and "Carries an inhaler".lower() in page.lower()
    assert PhilomenaVersion.objects.get().created_by == c.user


def test_someone_saving_in_between_is_shown_in_plain_words_and_nothing_is_lost(
    client_as, child, make_user
):
    c = client_as(Role.COORDINATOR)
    c.post(url("philomena_edit", child), form_data(0))
    maya = make_user(Role.MANAGER)
    philomena_save(
        child=child, by=maya, fields={**FIELDS, "hair": "Shaved"}, opened_version=1
    )  # while Colin has the form open at version 1
    response = c.post(url("philomena_edit", child), form_data(1, build="Stocky"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this profile after you opened it" in page
    assert "Maya Test saved version 2" in page
    assert 'id="conflict-table"' in page and "Shaved" in page and "Stocky" in page
    assert PhilomenaVersion.objects.count() == 2  # nothing overwritten
    assert 'name="version" value="2"' in page  # saving again keeps Colin's version
    again = c.post(url("philomena_edit", child), form_data(2, build="Stocky"))
    assert again.status_code == 302
    assert philomena_version(child).build == "Stocky"


def test_a_form_without_a_readable_version_saves_nothing(client_as, child):
    c = client_as(Role.COORDINATOR)
    for version in ("", "garbled", "\u00b2", "9" * 40):
        response = c.post(url("philomena_edit", child), {**FIELDS, "version": version})
        assert "This form is out of date or incomplete" in response.content.decode()
    assert not PhilomenaVersion.objects.exists()


def test_errors_are_shown_beside_the_field(client_as, child):
    c = client_as(Role.COORDINATOR)
    page = c.post(url("philomena_edit", child), form_data(0, height="x" * 51)).content.decode()
    assert 'id="id_height-error"' in page
    assert "Height must be 50 characters or fewer" in page
    assert 'aria-describedby="id_height-hint id_height-error"' in page
    assert 'class="govuk-error-summary"' in page and 'href="#id_height"' in page


def test_a_practitioner_not_holding_a_restricted_child_is_refused(client_as, child):
    child.restricted = True
    child.save()
    c = client_as(Role.PRACTITIONER)
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    for name in ("philomena", "philomena_edit", "philomena_history", "philomena_pdf"):
        response = c.get(url(name, child))
        assert response.status_code == 403, name
        assert FIELDS["medical_needs"] not in response.content.decode()


@pytest.mark.parametrize("name", ["philomena", "philomena_pdf", "philomena_history"])
def test_an_analyst_is_refused(client_as, child, name):
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    assert client_as(Role.ANALYST).get(url(name, child)).status_code == 403


def test_police_partners_with_a_share_see_and_print_it_others_do_not(client_as, child, make_user):
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    police = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    assert police.get(url("philomena", child)).status_code == 404  # no share: out of scope
    ChildShare.objects.create(child=child, agency="police")
    assert FIELDS["when_found"] in police.get(url("philomena", child)).content.decode()
    assert police.get(url("philomena_pdf", child))["Content-Type"] == "application/pdf"
    assert police.get(url("philomena_edit", child)).status_code == 403
    assert police.get(url("philomena_history", child)).status_code == 403
    ChildShare.objects.create(child=child, agency="health")
    health = make_user(Role.PARTNER, username="hana", agency="health", district="Hart and Rushmoor")
    assert own_client(health).get(url("philomena", child)).status_code == 403


@pytest.mark.parametrize(
    ("name", "object_type", "action"),
    [
        ("philomena", "philomena_profile", AuditAction.VIEW),
        ("philomena_edit", "philomena_form", AuditAction.VIEW),
        ("philomena_history", "philomena_history", AuditAction.VIEW),
        ("philomena_pdf", "philomena_print", AuditAction.EXPORT),
    ],
)
def test_every_read_is_audited(client_as, child, name, object_type, action):
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    c = client_as(Role.COORDINATOR)
    assert c.get(url(name, child)).status_code == 200
    entry = AuditEntry.objects.get(object_type=object_type, action=action)
    assert (entry.action, entry.child_id, entry.user) == (action, child.pk, c.user)


def test_the_history_lists_every_version_in_a_fixed_number_of_queries(
    client_as, child, make_user, django_assert_max_num_queries
):
    colin = make_user(Role.COORDINATOR)
    for n in range(12):
        philomena_save(
            child=child, by=colin, fields={**FIELDS, "hair": f"Style {n}"}, opened_version=n
        )
    c = client_as(Role.MANAGER)
    with django_assert_max_num_queries(12):
        page = c.get(url("philomena_history", child)).content.decode()
    assert "12 versions, newest first" in page
    assert page.count("Colin Test") == 12
    assert "Created: Height" in page


def test_the_history_of_a_child_with_no_profile_says_so(client_as, child):
    page = client_as(Role.PRACTITIONER).get(url("philomena_history", child)).content.decode()
    assert "no history" in page


def test_the_child_page_links_to_the_profile(client_as, child):
    c = client_as(Role.COORDINATOR)
    detail = reverse("children:detail", kwargs={"child_id": child.pk})
    assert "create the Philomena profile" in c.get(detail).content.decode()
    philomena_save(child=child, by=c.user, fields=FIELDS, opened_version=0)
    page = c.get(detail).content.decode()
    assert url("philomena", child) in page and "version 1" in page


def test_police_partners_see_only_the_current_version(client_as, child):
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    philomena_save(child=child, by=None, fields={**FIELDS, "hair": "Shaved"}, opened_version=1)
    ChildShare.objects.create(child=child, agency="police")
    police = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    page = police.get(url("philomena", child) + "?version=1").content.decode()
    assert "Shaved" in page and "Version 2" in page
    staff = client_as(Role.MANAGER)
    assert FIELDS["hair"] in staff.get(url("philomena", child) + "?version=1").content.decode()
    assert staff.get(url("philomena", child) + "?version=9").status_code == 404


def test_an_unreadable_version_asked_for_shows_the_current_one(client_as, child):
    philomena_save(child=child, by=None, fields=FIELDS, opened_version=0)
    c = client_as(Role.MANAGER)
    for asked in ("\u00b2", "x", "9" * 30):
        assert "Version 1" in c.get(url("philomena", child), {"version": asked}).content.decode()
