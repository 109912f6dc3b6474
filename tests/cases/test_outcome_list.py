"""The outcomes a closure may record are a list the admin keeps in Lantern's pages."""

from lantern.accounts.models import Role
from lantern.cases.models import OutcomeKind
from tests.test_url_access import signed_in


def test_an_admin_adds_an_outcome_and_workers_can_then_choose_it(client_as, make_user, make_case):
    adam = signed_in(make_user(Role.ADMIN))
    response = adam.post(
        "/cases/outcomes/", {"label": "Reconnected with family", "dataset_kind": "other"}
    )
    assert response.status_code == 302
    kind = OutcomeKind.objects.get(label="Reconnected with family")
    priya = client_as(Role.PRACTITIONER)
    case = make_case(allocated_to=priya.user)
    assert "Reconnected with family" in priya.get(f"/cases/{case.pk}/close/").content.decode()
    adam.post(f"/cases/outcomes/{kind.pk}/in-use/")
    kind.refresh_from_db()
    assert not kind.in_use
    assert "Reconnected with family" not in priya.get(f"/cases/{case.pk}/close/").content.decode()


def test_an_outcome_already_on_the_list_is_an_error_beside_the_field(client_as):
    page = (
        client_as(Role.ADMIN)
        .post("/cases/outcomes/", {"label": "risk reduced", "dataset_kind": "risk_reduced"})
        .content.decode()
    )
    assert 'id="id_label_error"' in page and "already on the list" in page


def test_only_admins_keep_the_list(client_as):
    assert client_as(Role.MANAGER).get("/cases/outcomes/").status_code == 403
    assert (
        "Risk reduced"
        in client_as(Role.ADMIN, username="ad2").get("/cases/outcomes/").content.decode()
    )
