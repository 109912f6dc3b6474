"""A partner submits a referral through a short form and sees only their own submissions."""

from datetime import date

from lantern.accounts.models import Role
from lantern.children.models import Child
from lantern.referrals.models import Referral
from lantern.referrals.services import referral_create

PARTNER = {"agency": "police", "district": "Hart and Rushmoor"}


def submission(**changes):
    data = {
        "first_name": "Ada",
        "last_name": "Marsh",
        "date_of_birth-day": "2",
        "date_of_birth-month": "2",
        "date_of_birth-year": "2009",
        "gender": "female",
        "district": "Hart and Rushmoor",
        "concern": "Going missing from school with older boys",
    }
    data.update(changes)
    return data


def test_a_partner_sends_a_referral_that_joins_the_teams_queue(client_as):
    paul = client_as(Role.PARTNER, **PARTNER)
    response = paul.post("/referrals/submit/", submission())
    assert response.status_code == 302 and response.url == "/referrals/mine/"
    referral = Referral.objects.get()
    assert referral.submitted_by_partner and referral.source == "police"
    assert referral.child.full_name == "Ada Marsh" and referral.decision == "pending"
    assert referral.child.source_id.startswith("LAN-")
    mine = paul.get("/referrals/mine/").content.decode()
    assert "1 referral." in mine and "Ada Marsh" in mine and "Waiting for the team" in mine


def test_a_partner_sees_only_their_own_submissions(client_as, make_user, make_child):
    other = make_user(Role.PARTNER, username="pat", **PARTNER)
    theirs = referral_create(
        child=make_child(first_name="Zed"),
        by=other,
        received_on=date(2024, 6, 1),
        route="other",
        submitted_by_partner=True,
    )
    team = referral_create(
        child=make_child(first_name="Yan"), by=None, received_on=date(2024, 6, 1), route="s17"
    )
    paul = client_as(Role.PARTNER, **PARTNER)
    paul.post("/referrals/submit/", submission())
    mine = paul.get("/referrals/mine/").content.decode()
    assert "Ada Marsh" in mine and "Zed" not in mine and "Yan" not in mine
    assert paul.get(f"/referrals/{theirs.pk}/").status_code == 404
    assert paul.get(f"/referrals/{team.pk}/").status_code == 404
    assert paul.get("/referrals/").status_code == 403


def test_a_partner_does_not_see_the_child_record_made_from_their_referral(client_as):
    paul = client_as(Role.PARTNER, **PARTNER)
    paul.post("/referrals/submit/", submission())
    child = Child.objects.get()
    assert paul.get(f"/children/{child.pk}/").status_code == 404
    own = paul.get(f"/referrals/{Referral.objects.get().pk}/").content.decode()
    assert "Ada Marsh" in own and f"/children/{child.pk}/" not in own


def test_the_partner_form_shows_errors_beside_each_field(client_as):
    paul = client_as(Role.PARTNER, **PARTNER)
    page = paul.post("/referrals/submit/", submission(first_name="", concern="")).content.decode()
    assert 'id="id_first_name_error"' in page and "Say what you are worried about" in page
    assert Referral.objects.count() == 0 and Child.objects.count() == 0


def test_a_partners_list_reads_in_a_fixed_number_of_queries(
    client_as, django_assert_max_num_queries
):
    paul = client_as(Role.PARTNER, **PARTNER)
    paul.post("/referrals/submit/", submission())
    with django_assert_max_num_queries(12) as few:
        paul.get("/referrals/mine/")
        first = len(few)
    for n in range(10):
        paul.post("/referrals/submit/", submission(first_name=f"Child{n}"))
    with django_assert_max_num_queries(first):
        paul.get("/referrals/mine/")
