"""Recording and changing a child: GOV.UK errors, UK dates, lost updates, audit."""

from datetime import date, timedelta

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.children.models import Child
from lantern.children.services import child_update


def form_data(child=None, **changes) -> dict:
    data = {
        "first_name": "Jordan",
        "last_name": "Whitfield",
        "date_of_birth-day": "14",
        "date_of_birth-month": "3",
        "date_of_birth-year": "2010",
        "gender": "male",
        "ethnicity": "WBRI",
        "district": "Hart and Rushmoor",
        "legal_status": "cin",
        "placing_authority": "",
        "flags": "substance misuse, not in education",
    }
    if child is not None:
        data["version"] = child.updated_at.isoformat()
    data.update(changes)
    return data


def test_a_practitioner_records_a_new_child(client_as):
    priya = client_as(Role.PRACTITIONER)
    response = priya.post("/children/new/", form_data())
    child = Child.objects.get()
    assert response.status_code == 302 and response.url == f"/children/{child.pk}/"
    assert child.date_of_birth == date(2010, 3, 14)
    assert child.flags == ["substance misuse", "not in education"]
    assert child.created_by == priya.user
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert entry.child_id == child.pk
    assert "date_of_birth" in entry.detail["fields"]
    assert "Whitfield" not in str(entry.detail)


def test_a_missing_date_of_birth_says_how_to_fix_it_beside_the_field(client_as):
    priya = client_as(Role.PRACTITIONER)
    data = form_data(
        **{"date_of_birth-day": "", "date_of_birth-month": "", "date_of_birth-year": ""}
    )
    page = priya.post("/children/new/", data).content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_date_of_birth"' in page
    assert 'id="id_date_of_birth-error" class="govuk-error-message"' in page
    assert "Enter date of birth, for example 14 3 2010" in page
    assert 'value="Whitfield"' in page  # typed values are kept
    assert Child.objects.count() == 0


@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("31", "2", "2010", "Date of birth must be a real date, for example 14 3 2010"),
        ("14", "", "2010", "Date of birth must include a month"),
        ("aa", "3", "2010", "Date of birth must be a real date"),
    ],
)
def test_an_impossible_date_of_birth_is_explained(client_as, day, month, year, message):
    data = form_data(
        **{"date_of_birth-day": day, "date_of_birth-month": month, "date_of_birth-year": year}
    )
    page = client_as(Role.PRACTITIONER).post("/children/new/", data).content.decode()
    assert message in page


@pytest.mark.parametrize("field", ["date_of_birth", "uasc_arrived_on"])
@pytest.mark.parametrize(
    "day, month, year, message",
    [
        ("9" * 30, "3", "2010", "must be a real date"),
        ("14", "9" * 30, "2010", "must be a real date"),
        ("14", "3", "9" * 30, "must be between 1900 and 2100"),
        ("14", "3", "1899", "must be between 1900 and 2100"),
        ("14", "3", "2101", "must be between 1900 and 2100"),
        ("1" * 5000, "3", "2010", "must be a real date"),
    ],
)
def test_huge_numbers_in_date_boxes_are_explained_beside_the_field(
    client_as, field, day, month, year, message
):
    data = form_data(
        uasc="on", **{f"{field}-day": day, f"{field}-month": month, f"{field}-year": year}
    )
    response = client_as(Role.PRACTITIONER).post("/children/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{field}-error" class="govuk-error-message"' in page
    assert message in page
    assert Child.objects.count() == 0


def test_a_date_of_birth_in_the_future_is_refused(client_as):
    future = date.today() + timedelta(days=30)
    data = form_data(
        **{
            "date_of_birth-day": str(future.day),
            "date_of_birth-month": str(future.month),
            "date_of_birth-year": str(future.year),
        }
    )
    page = client_as(Role.PRACTITIONER).post("/children/new/", data).content.decode()
    assert "Date of birth must be today or in the past" in page


def test_the_edit_form_keeps_stable_field_ids(client_as, make_child):
    child = make_child()
    page = client_as(Role.PRACTITIONER).get(f"/children/{child.pk}/edit/").content.decode()
    for name in (
        "first_name",
        "last_name",
        "date_of_birth",
        "gender",
        "district",
        "legal_status",
        "flags",
    ):
        assert f'id="id_{name}"' in page
    assert 'name="version"' in page
    assert 'id="id_restricted"' not in page  # practitioners cannot restrict


def test_an_edit_records_the_changed_fields_and_who_made_them(client_as, make_child):
    priya = client_as(Role.PRACTITIONER)
    child = make_child(
        first_name="Jordan",
        last_name="Whitfield",
        date_of_birth=date(2010, 3, 14),
        gender="male",
        ethnicity="WBRI",
        legal_status="cin",
        flags=["substance misuse", "not in education"],
    )
    response = priya.post(f"/children/{child.pk}/edit/", form_data(child, legal_status="cp"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.legal_status == "cp" and child.modified_by == priya.user
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert entry.detail == {"fields": ["legal_status"]}


def test_an_edit_after_someone_else_saved_shows_both_versions_and_keeps_the_typed_values(
    client_as, make_child, make_user
):
    priya = client_as(Role.PRACTITIONER)
    child = make_child(first_name="Jordan", last_name="Whitfield")
    opened = form_data(child, district="Basingstoke and Deane")
    colin = make_user(Role.COORDINATOR)
    child_update(child=child, by=colin, changes={"ethnicity": "WIRI"})
    page = priya.post(f"/children/{child.pk}/edit/", opened).content.decode()
    assert 'id="conflict-table"' in page
    assert "WIRI" in page and 'value="Basingstoke and Deane"' in page
    child.refresh_from_db()
    assert child.district == "Hart and Rushmoor"
    # saving again (with the new version) keeps the typed values
    child.refresh_from_db()
    again = priya.post(
        f"/children/{child.pk}/edit/", form_data(child, district="Basingstoke and Deane")
    )
    assert again.status_code == 302
    child.refresh_from_db()
    assert child.district == "Basingstoke and Deane"


def test_a_coordinator_can_restrict_a_record_and_it_is_audited(client_as, make_child):
    colin = client_as(Role.COORDINATOR)
    child = make_child(
        first_name="Jordan",
        last_name="Whitfield",
        date_of_birth=date(2010, 3, 14),
        gender="male",
        ethnicity="WBRI",
        legal_status="cin",
        flags=["substance misuse", "not in education"],
    )
    colin.post(f"/children/{child.pk}/edit/", form_data(child, restricted="on"))
    child.refresh_from_db()
    assert child.restricted
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, detail__fields=["restricted"]
    ).exists()


def test_partners_cannot_open_the_edit_form(client_as, make_child):
    child = make_child()
    assert client_as(Role.PARTNER).get(f"/children/{child.pk}/edit/").status_code == 403


@pytest.mark.parametrize("version", [None, "", "yesterday", "2020-13-45T99:99", "\ufffd", "9" * 40])
def test_an_edit_without_a_readable_version_is_refused_never_saved(client_as, make_child, version):
    """Lost update: a missing or garbled version is never taken to mean 'no conflict'."""
    priya = client_as(Role.PRACTITIONER)
    child = make_child(legal_status="cin")
    data = form_data(legal_status="cp")
    if version is not None:
        data["version"] = version
    response = priya.post(f"/children/{child.pk}/edit/", data)
    assert response.status_code == 200
    assert (
        "This form is out of date or incomplete, so nothing was saved" in response.content.decode()
    )
    child.refresh_from_db()
    assert child.legal_status == "cin"
    assert not AuditEntry.objects.filter(action=AuditAction.UPDATE).exists()


@pytest.mark.parametrize("field", ["district", "first_name", "flags", "placing_authority"])
def test_text_that_is_not_utf8_is_refused_beside_the_field(client_as, make_child, field):
    priya = client_as(Role.PRACTITIONER)
    child = make_child()
    body = (
        "&".join(f"{k}={v}" for k, v in form_data(child).items() if k != field)
        + f"&{field}=%FF%FE("
    )
    response = priya.post(
        f"/children/{child.pk}/edit/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert "characters that could not be read" in page
    child.refresh_from_db()
    assert "\ufffd" not in child.district + child.first_name + str(child.flags)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("born", "message"),
    [
        ({"day": "1", "month": "1", "year": "1950"}, "must make the child 25 or younger"),
        ({"day": "1", "month": "1", "year": "2099"}, "must be today or in the past"),
    ],
)
def test_a_date_of_birth_over_25_years_ago_or_in_the_future_is_refused_beside_the_field(
    client_as, born, message
):
    client = client_as(Role.COORDINATOR)
    data = {
        "first_name": "New",
        "last_name": "Child",
        "gender": "female",
        "district": "Havant",
        "legal_status": "cin",
        **{f"date_of_birth-{part}": value for part, value in born.items()},
    }
    response = client.post("/children/new/", data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_oldest_date_of_birth_keeps_a_25_year_old_and_refuses_a_26_year_old():
    from lantern.children.forms import oldest_birth_day

    assert oldest_birth_day(date(2026, 12, 2)) == date(2000, 12, 3)
    assert oldest_birth_day(date(2028, 2, 29)) == date(2002, 3, 1)
