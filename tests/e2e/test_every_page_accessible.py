"""Every main page, as each role sees it, with real data: axe-core finds no serious or
critical problem and the browser logs no error (screens.md: "The browser tests run axe-core
on every page they visit").

The `web` fixture runs axe after every page load and fails the test on what it finds. Each
step here waits until axe has checked the page it reached before doing the next thing, so no
page escapes the check by being navigated away from while axe is still running.
"""

import io
import re
import zipfile
from datetime import date

import pytest
from django.db.models import Count

from lantern.accounts.models import Role
from tests.conftest import SAMPLE_DIR
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e

DISTRICT = "Hart and Rushmoor"  # one of the test team's districts
HOME = "What needs you today"


@pytest.fixture
def willow(transactional_db):
    """The synthetic Willow sample, as the demo loads it (under a second)."""
    from lantern.interchange.demo import demo_data_load

    demo_data_load(io.StringIO())


@pytest.fixture
def pages(web):
    """Every page axe checked in the test, to show that each step was covered."""
    seen: list[str] = []
    web.seen = seen
    yield seen
    web.checked.update(seen)


def step(web, action, heading: str | re.Pattern | None = None):
    """Do something that loads a page, wait for its heading and for axe to have checked it."""
    page = web.page
    web.checked.clear()
    action()
    if heading is not None:
        page.get_by_role("heading", name=heading).first.wait_for()
    page.wait_for_load_state("load")
    for _ in range(300):  # the load handler runs axe while Playwright waits
        if page.url in web.checked:
            break
        page.wait_for_timeout(50)
    else:
        web.axe()
    web.seen.append(page.url)
    return page


def visit(web, path: str, heading: str | re.Pattern):
    return step(web, lambda: web.goto(path), heading)


def click(web, name: str, heading: str | re.Pattern | None = None):
    return step(web, lambda: web.page.get_by_role("button", name=name).click(), heading)


def signed_in(web, username: str):
    return step(web, lambda: sign_in(web, username), HOME)


def sign_out(web) -> None:
    click(web, "Sign out", "Sign in to Lantern")


def child_with_most_history():
    """A child in the team's district whose level changed, who went missing, had return
    interviews and was discussed at a meeting: the child page at its fullest."""
    from django.db.models import Exists, OuterRef

    from lantern.children.models import Child
    from lantern.meetings.models import MeetingChild
    from lantern.missing.models import ReturnInterview
    from lantern.risk.models import Assessment

    full = Assessment.objects.filter(child=OuterRef("pk"), is_screening=False)
    return (
        Child.objects.filter(district=DISTRICT)
        .filter(Exists(ReturnInterview.objects.filter(child=OuterRef("pk"))))
        .filter(Exists(MeetingChild.objects.filter(child=OuterRef("pk"))))
        .filter(Exists(full.filter(risk_level="high")), Exists(full.exclude(risk_level="high")))
        .annotate(n=Count("episodes", distinct=True))
        .order_by("-n", "source_id")
        .first()
    )


def restrict_another_child(child):
    from lantern.children.models import Child

    sealed = Child.objects.filter(district=DISTRICT).exclude(pk=child.pk).order_by("source_id")[0]
    Child.objects.filter(pk=sealed.pk).update(restricted=True)
    return sealed


def test_a_practitioners_pages_child_search_story_edit_error_and_break_glass(
    web, pages, willow, make_user
):
    from lantern.cases.models import Case

    priya = make_user(Role.PRACTITIONER)
    child = child_with_most_history()
    Case.objects.create(
        source_id="CASE-E2E",
        child=child,
        opened_on=date(2020, 4, 1),
        route="s17",
        allocated_to=priya,
    )
    sealed = restrict_another_child(child)
    web.expected_errors += ["403 (Forbidden)", "404 (Not Found)"]

    page = signed_in(web, "priya")
    assert page.get_by_role("link", name=child.full_name).count() == 1  # my caseload

    page = visit(web, "/children/", "Children")
    page.locator("#search").fill(child.first_name[:3].lower())
    step(web, lambda: page.locator("#search").press("Enter"), "Children")
    visit(web, f"/children/?district={DISTRICT}&risk_level=high&open_missing=yes", "Children")

    page = visit(web, f"/children/{child.pk}/", child.full_name)
    chart = page.locator("#risk-chart img")
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 0  # the SVG draws
    web.screenshot("child-risk-chart")
    visit(web, f"/children/{child.pk}/?kind=episode#timeline", child.full_name)

    page = visit(web, f"/children/{child.pk}/edit/", f"Change details of {child.full_name}")
    page.locator("#id_district").fill("")
    click(web, "Save changes", "There is a problem")
    assert page.locator("#id_district_error").is_visible()

    visit(web, f"/children/{sealed.pk}/", "This record is restricted")
    click(web, "Open the restricted record", "There is a problem")  # no reason given
    page.locator("textarea").fill("Police called about this child tonight; checking history.")
    click(web, "Open the restricted record", sealed.full_name)

    visit(web, "/children/00000000-0000-0000-0000-000000000000/", "Page not found")
    visit(web, "/no-such-page/", "Page not found")
    sign_out(web)
    assert len(pages) == 14


def broken_dataset() -> bytes:
    """The Willow children with two rows spoilt: a date that does not exist, a made-up gender."""
    lines = (SAMPLE_DIR / "children.csv").read_text().splitlines()
    header = lines[0].split(",")
    first, second = lines[1].split(","), lines[2].split(",")
    first[header.index("date_of_birth")] = "2008-02-31"
    second[header.index("gender")] = "unknown-gender"
    lines[1:3] = [",".join(first), ",".join(second)]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("children.csv", "\n".join(lines) + "\n")
    return buf.getvalue()


def test_a_coordinators_pages_home_reports_drill_down_and_import_problems(
    web, pages, willow, make_user, settings, tmp_path
):
    settings.VAR_DIR = tmp_path  # uploads are kept under var/imports
    make_user(Role.COORDINATOR)
    web.expected_errors.append("422 (Unprocessable")  # the problems page's status

    signed_in(web, "colin")
    page = visit(web, "/children/new/", "Add a child")
    click(web, "Save child", "There is a problem")  # nothing filled in
    page = visit(web, "/reports/?period=year&year=2020/21", "Reports")
    step(web, lambda: page.locator("a[href*='/reports/records/']").first.click(), "Records")
    visit(web, "/reports/?period=quarter&quarter=nonsense", "Reports")

    page = visit(web, "/import/", "Import a dataset")
    click(web, "Check the dataset", "There is a problem")  # no file chosen
    page.locator("#id_dataset").set_input_files(
        {"name": "broken.zip", "mimeType": "application/zip", "buffer": broken_dataset()}
    )
    click(web, "Check the dataset", "Problems in the dataset")
    assert page.locator("tbody tr").count() >= 2
    assert len(pages) == 9


def test_a_managers_and_an_auditors_pages_break_glass_to_review_and_the_audit_trail(
    web, pages, willow, make_user
):
    from lantern.children.services import child_break_glass

    priya = make_user(Role.PRACTITIONER)
    make_user(Role.MANAGER)
    make_user(Role.AUDITOR)
    sealed = restrict_another_child(child_with_most_history())
    child_break_glass(child=sealed, by=priya, reason="Out-of-hours call from the police.")

    page = signed_in(web, "maya")
    assert page.get_by_role("button", name=re.compile("Mark as reviewed")).count() == 1
    visit(web, f"/audit/?username=priya&child_reference={sealed.source_id}", "Audit trail")
    visit(web, "/reports/?period=month&month=2020-11&district=Havant", "Reports")
    sign_out(web)

    page = signed_in(web, "audrey")
    page = visit(web, "/audit/", "Audit trail")
    page.get_by_label("User name").fill("priya")
    click(web, "Filter", "Audit trail")
    assert "username=priya" in page.url
    assert len(pages) == 7


def test_a_partners_and_an_analysts_pages(web, pages, willow, make_user):
    web.expected_errors.append("403 (Forbidden)")
    from lantern.children.models import ChildShare

    make_user(Role.PARTNER, agency="police", district=DISTRICT)
    make_user(Role.ANALYST)
    child = child_with_most_history()
    ChildShare.objects.create(child=child, agency="police", district=DISTRICT)

    page = signed_in(web, "paul")
    assert page.get_by_role("link", name=child.full_name).count() == 1
    visit(web, f"/children/{child.pk}/", child.full_name)
    sign_out(web)

    signed_in(web, "anna")
    page = visit(web, "/reports/?period=dates&date_from=2020-04-01&date_to=2021-03-31", "Reports")
    step(web, lambda: page.locator("a[href*='/reports/records/']").first.click(), "Records")
    visit(web, "/children/", "You do not have access to this page")  # no child pages at all
    assert len(pages) == 7


def test_an_administrators_pages_users_a_user_teams_and_their_errors(web, pages, make_user, team):
    priya = make_user(Role.PRACTITIONER)
    make_user(Role.ADMIN)

    signed_in(web, "adam")
    visit(web, "/accounts/users/", "Users and teams")
    page = visit(web, f"/accounts/users/{priya.pk}/", "Priya Test")
    page.get_by_label("First name").fill("")
    click(web, "Save changes", "There is a problem")
    visit(web, "/accounts/users/new/", "Add a user")
    visit(web, "/accounts/teams/new/", "Add a team")
    click(web, "Add team", "There is a problem")
    visit(web, f"/accounts/teams/{team.pk}/", team.name)
    assert len(pages) == 8
