import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session

from lantern.accounts.models import Role, Team, User
from lantern.audit.models import AuditAction, AuditEntry
from tests.conftest import TEST_PASSWORD

NEW_USER = {
    "username": "nadia.k",
    "first_name": "Nadia",
    "last_name": "Khan",
    "email": "",
    "password": "a-long-enough-temporary-pass",
    "role": Role.PRACTITIONER,
    "team": "",
    "agency": "social_care",
    "district": "",
}


@pytest.mark.django_db
def test_only_administrators_may_manage_users(client_as):
    for role in (Role.MANAGER, Role.COORDINATOR, Role.AUDITOR):
        assert client_as(role).get("/accounts/users/").status_code == 403


@pytest.mark.django_db
def test_the_user_list_shows_everyone_in_a_fixed_number_of_queries(
    client_as, make_user, django_assert_max_num_queries
):
    admin = client_as(Role.ADMIN)
    for role in (Role.PRACTITIONER, Role.MANAGER, Role.ANALYST):
        make_user(role)
    with django_assert_max_num_queries(12):
        response = admin.get("/accounts/users/")
    assert response.status_code == 200
    for name in (b"Priya", b"Maya", b"Anna", b"North team"):
        assert name in response.content


@pytest.mark.django_db
def test_an_administrator_adds_a_user_who_enrols_at_first_sign_in(client_as, client, team):
    admin = client_as(Role.ADMIN)
    response = admin.post("/accounts/users/new/", {**NEW_USER, "team": team.pk})
    assert response.status_code == 302
    user = User.objects.get(username="nadia.k")
    assert user.team == team and user.role == Role.PRACTITIONER
    assert not user.totpdevice_set.exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="user", object_id=str(user.pk)
    ).exists()
    client.post(
        "/accounts/login/", {"username": "nadia.k", "password": "a-long-enough-temporary-pass"}
    )
    assert b"Set up your authenticator app" in client.get("/accounts/two-factor/").content


@pytest.mark.django_db
def test_errors_are_shown_beside_the_fields_when_adding_a_user(client_as):
    admin = client_as(Role.ADMIN)
    response = admin.post(
        "/accounts/users/new/",
        {**NEW_USER, "first_name": "", "password": "short", "role": Role.PARTNER},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'id="id_first_name_error"' in html and "Enter their first name" in html
    assert 'id="id_password_error"' in html
    assert 'id="id_district_error"' in html and "Enter the district" in html
    assert "govuk-input--error" in html
    assert not User.objects.filter(username="nadia.k").exists()


@pytest.mark.django_db
def test_a_taken_username_is_refused(client_as, make_user):
    make_user(Role.MANAGER)
    response = client_as(Role.ADMIN).post("/accounts/users/new/", {**NEW_USER, "username": "Maya"})
    assert "That username is taken" in response.content.decode()


@pytest.mark.django_db
def test_changing_a_role_is_saved_and_audited(client_as, make_user):
    admin = client_as(Role.ADMIN)
    priya = make_user(Role.PRACTITIONER)
    response = admin.post(
        f"/accounts/users/{priya.pk}/",
        {
            "first_name": "Priya",
            "last_name": "Test",
            "email": "",
            "role": Role.COORDINATOR,
            "team": "",
            "agency": "social_care",
            "district": "",
        },
    )
    assert response.status_code == 302
    priya.refresh_from_db()
    assert priya.role == Role.COORDINATOR and priya.team is None
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(priya.pk))
    assert "role" in entry.detail["change"]


@pytest.mark.django_db
def test_a_deactivated_user_is_kept_but_signed_out_and_cannot_sign_in(
    client_as, make_user, sign_in
):
    admin = client_as(Role.ADMIN)
    from django.test import Client

    maya = make_user(Role.MANAGER)
    other = Client()
    other.force_login(maya)
    assert Session.objects.count() == 2
    response = admin.post(f"/accounts/users/{maya.pk}/deactivate/")
    assert response.status_code == 302
    maya.refresh_from_db()
    assert not maya.is_active
    assert Session.objects.count() == 1
    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": "maya", "password": TEST_PASSWORD})
    assert response.status_code == 200  # the login form again, with an error
    admin.post(f"/accounts/users/{maya.pk}/reactivate/")
    maya.refresh_from_db()
    assert maya.is_active


@pytest.mark.django_db
def test_administrators_cannot_deactivate_themselves(client_as):
    admin = client_as(Role.ADMIN)
    response = admin.post(f"/accounts/users/{admin.user.pk}/deactivate/", follow=True)
    assert "You cannot deactivate your own account" in response.content.decode()
    admin.user.refresh_from_db()
    assert admin.user.is_active


@pytest.mark.django_db
def test_resetting_the_second_factor_makes_them_enrol_again(client_as, make_user, client):
    admin = client_as(Role.ADMIN)
    colin = make_user(Role.COORDINATOR)
    admin.post(f"/accounts/users/{colin.pk}/reset-second-factor/")
    assert not colin.totpdevice_set.exists()
    assert AuditEntry.objects.filter(
        object_id=str(colin.pk), detail__change="second factor reset"
    ).exists()
    client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    assert b"Set up your authenticator app" in client.get("/accounts/two-factor/").content


@pytest.mark.django_db
def test_an_administrator_unlocks_a_locked_out_account(client_as, make_user, client):
    admin = client_as(Role.ADMIN)
    maya = make_user(Role.MANAGER)
    for _ in range(5):
        client.post("/accounts/login/", {"username": "maya", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="maya").exists()
    assert b"Locked" in admin.get("/accounts/users/").content
    assert b"Unlock account" in admin.get(f"/accounts/users/{maya.pk}/").content
    admin.post(f"/accounts/users/{maya.pk}/unlock/")
    assert not AccessAttempt.objects.filter(username="maya").exists()
    response = client.post("/accounts/login/", {"username": "maya", "password": TEST_PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_teams_are_added_and_edited_with_their_districts(client_as):
    admin = client_as(Role.ADMIN)
    response = admin.post(
        "/accounts/teams/new/", {"name": "South team", "districts": "Fareham\n\n Gosport \n"}
    )
    assert response.status_code == 302
    south = Team.objects.get(name="South team")
    assert south.districts == ["Fareham", "Gosport"]
    admin.post(f"/accounts/teams/{south.pk}/", {"name": "South", "districts": "Fareham"})
    south.refresh_from_db()
    assert (south.name, south.districts) == ("South", ["Fareham"])
    assert AuditEntry.objects.filter(object_type="team", object_id=str(south.pk)).count() == 2


@pytest.mark.django_db
def test_a_duplicate_team_name_is_shown_beside_the_field(client_as, team):
    response = client_as(Role.ADMIN).post(
        "/accounts/teams/new/", {"name": "north TEAM", "districts": ""}
    )
    assert 'id="id_name_error"' in response.content.decode()


def _edit(admin, user, **changes):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": "",
        "role": user.role,
        "team": user.team_id or "",
        "agency": "police" if changes.get("role") == Role.PARTNER else "social_care",
        "district": "Havant" if changes.get("role") == Role.PARTNER else "",
    }
    data.update(changes)
    return admin.post(f"/accounts/users/{user.pk}/", data)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MANAGER, Role.PRACTITIONER, Role.AUDITOR])
def test_nobody_changes_their_own_role(client_as, role):
    admin = client_as(Role.ADMIN)
    response = _edit(admin, admin.user, role=role)
    assert response.status_code == 200
    assert "You cannot change your own role" in response.content.decode()
    admin.user.refresh_from_db()
    assert admin.user.role == Role.ADMIN and admin.user.is_superuser
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()
    assert admin.get("/children/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR, Role.PRACTITIONER, Role.PARTNER])
def test_an_administrator_account_is_never_given_a_case_role(client_as, make_user, role):
    admin = client_as(Role.ADMIN)
    other = make_user(Role.ADMIN, username="ada")
    response = _edit(admin, other, role=role)
    assert "cannot be given a case role" in response.content.decode()
    other.refresh_from_db()
    assert other.role == Role.ADMIN


@pytest.mark.django_db
def test_a_role_change_is_audited_from_and_to(client_as, make_user):
    admin = client_as(Role.ADMIN)
    priya = make_user(Role.PRACTITIONER)
    assert _edit(admin, priya, role=Role.MANAGER).status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_id=str(priya.pk))
    assert entry.detail["change"] == "changed role (role practitioner to manager)"
    assert entry.username == "adam"


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "change/", "config/", "qrcode/", "delete/"])
def test_the_admin_site_never_shows_or_changes_an_authenticator_secret(
    client_as, make_user, suffix
):
    colin = make_user(Role.COORDINATOR)
    device = colin.totpdevice_set.get()
    admin = client_as(Role.ADMIN)
    assert admin.get("/admin/otp_totp/totpdevice/").status_code == 404
    response = admin.get(f"/admin/otp_totp/totpdevice/{device.pk}/{suffix}")
    assert response.status_code in (302, 404)
    if response.status_code == 302:  # the admin's catch-all sends unknown pages to the index
        assert "totpdevice" not in response.url
    assert device.key not in admin.get("/admin/").content.decode()
    assert "otp_totp" not in admin.get("/admin/").content.decode()
