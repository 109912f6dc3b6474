"""The managers' dashboard: who may see it, what it shows, what it costs, what it records."""

import re

import pytest
from django.db import transaction

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.children.models import Child
from lantern.children.pseudonyms import pseudonym
from lantern.interchange.exporting import file_rows
from lantern.interchange.schema import FILES
from lantern.interchange.services import dataset_import
from tests.conftest import SAMPLE_DIR

Q3 = "/reports/?period=quarter&quarter=2020/21-Q3"
EPISODES_Q3 = "/reports/records/?figure=missing.episodes&from=2020-10-01&to=2020-12-31"


@pytest.fixture(scope="module")
def willow_sample(django_db_setup, django_db_blocker):
    """The sample imported once for this module, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        dataset_import(SAMPLE_DIR)
        yield
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR, Role.ANALYST])
def test_managers_coordinators_and_analysts_see_the_dashboard(willow_sample, client_as, role):
    response = client_as(role).get(Q3)
    assert response.status_code == 200
    page = response.content.decode()
    for heading in ("Trends over 8 quarters", "Exploitation", "Missing", "Op MET snapshot"):
        assert heading in page
    assert "1 October 2020 to 31 December 2020" in page
    assert page.count('src="data:image/svg+xml') >= 10  # images: the CSP forbids inline styles
    assert "/reports/download/?format=pdf" in page


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.PARTNER, Role.AUDITOR, Role.ADMIN])
def test_other_roles_are_refused(db, client_as, role):
    assert client_as(role).get(Q3).status_code == 403
    assert client_as(role, username=f"{role}-2").get(EPISODES_Q3).status_code == 403


def test_the_dashboard_costs_a_fixed_number_of_queries(
    willow_sample, client_as, django_assert_max_num_queries
):
    client = client_as(Role.MANAGER)
    # two reports (each one query per month end for the Op MET rows), trends, three missing
    # figures, session, audit: constant in the data, growing only with the period's months
    with django_assert_max_num_queries(76):
        response = client.get(Q3)
    assert response.status_code == 200


def test_without_a_choice_it_shows_the_quarter_of_the_latest_assessment(willow_sample, client_as):
    page = client_as(Role.MANAGER).get("/reports/").content.decode()
    assert "1 January 2021 to 31 March 2021" in page


def test_a_period_that_cannot_be_read_is_explained_beside_the_field(db, client_as):
    response = client_as(Role.MANAGER).get("/reports/?period=quarter&quarter=Q5")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "2024/25-Q1" in page


def test_running_the_dashboard_is_recorded(willow_sample, client_as):
    client_as(Role.ANALYST).get(Q3 + "&district=Havant")
    entry = AuditEntry.objects.filter(action=AuditAction.REPORT).latest("at")
    assert entry.username == "anna"
    assert entry.detail["district"] == "Havant"


def test_headline_figures_link_to_the_records_behind_them(willow_sample, client_as):
    page = client_as(Role.MANAGER).get(Q3).content.decode()
    assert "/reports/records/?figure=missing.episodes&amp;from=2020-10-01&amp;to=2020-12-31" in page


def test_a_manager_sees_child_references_linked_to_child_pages_and_each_view_is_audited(
    willow_sample, client_as, django_assert_max_num_queries
):
    client = client_as(Role.MANAGER)
    with django_assert_max_num_queries(12):
        response = client.get(EPISODES_Q3)
    page = response.content.decode()
    assert response.status_code == 200
    links = re.findall(r'href="/children/([0-9a-f-]{36})/"', page)
    assert len(links) == 50  # the first page
    entries = AuditEntry.objects.filter(action=AuditAction.VIEW, username="maya")
    assert entries.count() == 50
    assert {str(e.child_id) for e in entries} == set(links)


def test_an_analyst_sees_pseudonyms_and_no_names_links_or_references(willow_sample, client_as):
    page = client_as(Role.ANALYST).get(EPISODES_Q3).content.decode()
    assert "/children/" not in page
    child = Child.objects.filter(
        episodes__started_at__year=2020, episodes__started_at__month=11
    ).first()
    assert child.source_id not in page
    assert child.last_name not in page
    assert any(pseudonym(c.source_id) in page for c in Child.objects.all())
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, username="anna").count() == 50


def test_an_unknown_figure_or_period_is_not_found(db, client_as):
    client = client_as(Role.MANAGER)
    assert (
        client.get("/reports/records/?figure=nonsense&from=2020-10-01&to=2020-12-31").status_code
        == 404
    )
    assert client.get("/reports/records/?figure=missing.episodes&from=soon").status_code == 404


def test_downloading_the_pdf_gives_a_file_and_is_recorded_as_an_export(willow_sample, client_as):
    response = client_as(Role.MANAGER).get(
        "/reports/download/?format=pdf&from=2020-10-01&to=2020-12-31"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "lantern-report-2020-10-01-to-2020-12-31.pdf" in response["Content-Disposition"]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT, username="maya")
    assert entry.detail["format"] == "pdf"


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv"])
def test_every_format_downloads(willow_sample, client_as, fmt):
    response = client_as(Role.COORDINATOR).get(
        f"/reports/download/?format={fmt}&from=2020-10-01&to=2020-12-31&district=Havant&public=1"
    )
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_the_drill_down_and_the_pseudonymised_export_give_a_child_one_pseudonym(
    willow_sample, client_as
):
    """An analyst joins a drill-down to an extract by pseudonym: both hash the reference."""
    page = client_as(Role.ANALYST).get(EPISODES_Q3).content.decode()
    children = next(spec for spec in FILES if spec.name == "children.csv")
    rows = list(file_rows(children, pseudonymise=True))
    header, body = rows[0], rows[1:]
    in_export = {row[header.index("last_name")] for row in body}
    on_page = set(re.findall(r"\b[0-9A-F]{10}\b", page))
    assert on_page and on_page <= in_export


def test_managers_and_analysts_find_annex_a_from_the_dashboard(willow_sample, client_as):
    assert "/import/annex-a/" in client_as(Role.MANAGER).get(Q3).content.decode()
    assert "/import/annex-a/" in client_as(Role.ANALYST).get(Q3).content.decode()
    assert "/import/annex-a/" not in client_as(Role.COORDINATOR).get(Q3).content.decode()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("period=month&month=0001-01", "month"),
        ("period=month&month=9999-12", "month"),
        ("period=year&year=0009/10", "year"),
        ("period=quarter&quarter=0009/10-Q1", "quarter"),
        ("period=quarter&quarter=9999/00-Q3", "quarter"),
        ("period=dates&date_from=0001-01-01&date_to=0001-12-31", "date_from"),
        ("period=dates&date_from=9999-12-01&date_to=9999-12-31", "date_from"),
    ],
)
def test_a_period_outside_1900_to_2100_is_explained_beside_the_field(db, client_as, query, field):
    response = client_as(Role.MANAGER).get(f"/reports/?{query}")
    assert response.status_code == 200
    assert "must be between 1900 and 2100" in response.content.decode()
    assert field in response.context["form"].errors


@pytest.mark.parametrize(
    "path", ["/reports/records/?figure=missing.episodes", "/reports/download/?format=csv"]
)
@pytest.mark.parametrize(
    "period", ["from=0001-01-01&to=0001-12-31", "from=9999-12-01&to=9999-12-31"]
)
def test_drill_downs_and_downloads_outside_1900_to_2100_are_not_found(db, client_as, path, period):
    assert client_as(Role.MANAGER).get(f"{path}&{period}").status_code == 404


def test_the_records_page_says_in_words_which_figure_it_lists(willow_sample, client_as):
    page = client_as(Role.MANAGER).get(EPISODES_Q3).content.decode()
    assert '<h1 class="govuk-heading-l">Missing episodes' in page
    assert "missing.episodes," not in page
    url = "/reports/records/?figure=missing.return_interviews.home.outstanding&from=2020-10-01&to=2020-12-31"
    assert "Return interviews, episodes missing from home: outstanding" in (
        client_as(Role.MANAGER, username="mo").get(url).content.decode()
    )


def test_the_records_are_newest_first_and_each_links_to_its_place_on_the_child_page(
    willow_sample, client_as
):
    response = client_as(Role.MANAGER).get(EPISODES_Q3)
    rows = response.context["rows"]
    dates = [row["date"] for row in rows]
    assert dates[0].endswith("December 2020")
    assert all(row["record_url"].endswith("#missing") for row in rows)
    page = response.content.decode()
    assert 'aria-current="page">1</a>' in page  # GOV.UK's current-page link, not a span


def test_the_missing_figures_show_by_district_by_day_and_hour_and_by_placement(
    willow_sample, client_as
):
    page = client_as(Role.MANAGER).get(Q3).content.decode()
    assert "Missing episodes by district, time and placement" in page
    assert "These figures count episodes, not children" in page
    for heading in ("By district", "By day of the week and hour of the start", "By where"):
        assert heading in page
    heat = page[page.index('id="missing-by-hour"') : page.index('id="missing-by-placement"')]
    assert heat.count('<th scope="row"') == 7  # Monday to Sunday
    assert '<th scope="row" class="govuk-table__header">Monday</th>' in heat
    assert "lantern-heat--4" in heat  # the busiest hours shaded, their numbers printed
    assert "/reports/records/?figure=missing_figures.by_day_hour." in heat


def test_the_missing_figures_add_up_to_the_reports_episodes_and_drill_down(
    willow_sample, client_as
):
    client = client_as(Role.MANAGER)
    page = client.get(Q3).content.decode()
    episodes = client.get(EPISODES_Q3).content.decode()
    total = re.search(r"(\d[\d,]*) records?", episodes)
    section = page[page.index('id="missing-figures"') :]
    totals = re.findall(r"\((\d+) in all\)|, (\d+) in all</caption>", section)
    numbers = {int(a or b) for a, b in totals}
    assert len(numbers) == 1  # district, heat table and placement agree
    assert numbers == {int(total.group(1).replace(",", ""))}
    link = re.search(
        r'href="(/reports/records/\?figure=missing_figures\.by_placement\.[^"]+)"', page
    )
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert "Missing episodes from" in response.content.decode()
