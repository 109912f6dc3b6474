from lantern.accounts.models import Role


def test_each_child_page_answers_for_a_manager(client_as, make_child):
    c = client_as(Role.MANAGER)
    child = make_child()
    assert c.get("/children/").status_code == 200
    r = c.get(f"/children/{child.pk}/")
    assert r.status_code == 200, r.content
    assert c.get(f"/children/{child.pk}/edit/").status_code == 200
    assert c.get("/children/new/").status_code == 200
    r = c.get("/children/?q=chld")
    assert child.full_name.encode() in r.content
