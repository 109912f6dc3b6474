import pytest

from lantern.accounts.models import Role


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR, Role.PRACTITIONER])
def test_each_child_page_answers_for_a_service_role(client_as, make_child, role):
    c = client_as(role)
    child = make_child()
    assert c.get("/children/").status_code == 200
    assert c.get(f"/children/{child.pk}/").status_code == 200
    assert c.get(f"/children/{child.pk}/edit/").status_code == 200
    assert c.get("/children/new/").status_code == 200


@pytest.mark.parametrize("role", list(Role))
def test_the_home_page_answers_for_every_role(client_as, role):
    assert client_as(role).get("/").status_code == 200


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AUDITOR])
def test_the_audit_trail_answers_for_managers_and_auditors(client_as, role):
    assert client_as(role).get("/audit/").status_code == 200
