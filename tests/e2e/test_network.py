"""The network around a child in a real browser: drawn by cytoscape under our CSP, filtered,
followed to an adult of concern; initials for a partner, names for a co-ordinator; and a
partner's intelligence submission, which then shows on the next triage agenda. axe-core checks every page (tests/e2e/conftest.py)."""

import datetime as dt
import re

import pytest

from lantern.accounts.models import Role
from lantern.children.models import Child, ChildShare
from lantern.mapping.models import Entity, Intelligence, Link
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def peer_group(db):
    child = Child.objects.create(
        source_id="NW001",
        first_name="Amy",
        last_name="Jones",
        date_of_birth=dt.date(2008, 5, 14),
        gender="female",
        district="Winchester",
    )
    Child.objects.create(
        source_id="NW002",
        first_name="Ben",
        last_name="Hall",
        date_of_birth=dt.date(2008, 2, 1),
        gender="male",
        district="Winchester",
    )
    adult = Entity.objects.create(source_id="EA901", kind="adult", label="Jordan Smith")
    Entity.objects.create(source_id="EL901", kind="location", label="Flat above the shop")
    links = [
        ("child:NW001", "entity:EA901", "exploiter", "B2"),
        ("child:NW001", "child:NW002", "associate", "C3"),
        ("child:NW002", "entity:EA901", "associate", "C3"),
        ("entity:EA901", "entity:EL901", "lives_at", ""),
    ]
    for i, (a, b, relation, grade) in enumerate(links):
        Link.objects.create(
            source_id=f"NWL{i}", from_ref=a, to_ref=b, relation=relation, grading=grade
        )
    ChildShare.objects.create(child=child, agency="police")
    return child, adult


def test_a_coordinator_opens_filters_and_follows_a_childs_network_to_an_adult(
    web, make_user, peer_group
):
    child, adult = peer_group
    make_user(Role.COORDINATOR)
    page = sign_in(web, "colin", path=f"/children/{child.pk}/")
    page.get_by_role("tab", name="Network").click()  # the child page's sections are tabs
    page.get_by_role("link", name="See the network around this child").click()
    page.wait_for_url(re.compile(r"/mapping/network/"))
    page.locator("#network-graph canvas").first.wait_for()  # cytoscape drew it
    assert page.locator("#network-links tbody tr").count() == 2
    assert "J. S." in page.locator("#network-links").inner_text()
    web.screenshot("network")
    page.get_by_label("Relation").select_option("exploiter")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"relation=exploiter"))
    assert page.locator("#network-links tbody tr").count() == 1
    page.get_by_role("link", name="Show full names").click()
    page.wait_for_url(re.compile(r"names=full"))
    assert "Jordan Smith" in page.locator("#network-links").inner_text()
    page.locator("#network-links").get_by_role("link", name="Jordan Smith").click()
    page.wait_for_url(re.compile(f"/mapping/entities/{adult.pk}/$"))
    page.get_by_role("heading", name="Jordan Smith").wait_for()


def test_a_partner_sees_only_initials_and_submits_intelligence(web, make_user, peer_group):
    child, _ = peer_group
    make_user(Role.PARTNER, agency="police", district="Winchester")
    page = sign_in(web, "paul", path=f"/mapping/network/?child={child.pk}&names=full")
    page.locator("#network-graph canvas").first.wait_for()
    text = page.locator("main").inner_text()
    assert "A. J." in text and "J. S." in text
    assert "Jordan Smith" not in text and "Amy Jones" not in text
    assert page.get_by_role("link", name="Show full names").count() == 0
    page = web.goto("/mapping/intelligence/new/")
    page.get_by_role("button", name="Submit intelligence").click()
    page.locator("#id_summary_error").wait_for()
    page.get_by_label("What you know").fill("Seen getting into a grey car by the station")
    page.get_by_label("Children this is about (references)").fill("NW001")
    page.get_by_label("People, places or things (references)").fill("EA901")
    page.get_by_label("Handling code").select_option("P")
    page.get_by_role("button", name="Submit intelligence").click()
    page.get_by_text("your intelligence is recorded").wait_for()
    assert Intelligence.objects.get().refs == ["child:NW001", "entity:EA901"]

    # The intelligence puts the child on the next triage's agenda, for the co-ordinator.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("heading", name="Sign in to Lantern").wait_for()
    make_user(Role.COORDINATOR)
    page = sign_in(web, "colin", path="/triage/")
    item = page.locator("#item-NW001")
    item.wait_for()
    assert "Intelligence" in item.inner_text()
    assert "Ben Hall" not in page.locator("main").inner_text()  # no intelligence about him
