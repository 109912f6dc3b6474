"""UASC records: the list split into this authority's own children and those presenting from
elsewhere, the record form's rules beside the fields, the audit of reads and changes."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.children.models import Child
from lantern.nrm.models import UascRecord
from lantern.nrm.services import uasc_record_save


def _child(n: int, **extra) -> Child:
    return Child.objects.create(
        source_id=f"U{n:03}",
        first_name="Test",
        last_name=f"Child{n}",
        date_of_birth=date(2008, 1, 1),
        gender="male",
        district="Hart and Rushmoor",
        **extra,
    )


def _date(prefix: str, d: date) -> dict:
    return {f"{prefix}-day": d.day, f"{prefix}-month": d.month, f"{prefix}-year": d.year}


def _post(**extra) -> dict:
    data = {
        "arrival_route": "national_transfer",
        **_date("arrived_on", date(2024, 3, 1)),
        **_date("age_assessed_on", date(2024, 3, 10)),
        "age_outcome": "older",
        "age_assessor_1": "Sam Social",
        "age_assessor_2": "Alex Worker",
        "interpreter_needed": "yes",
        "interpreter_language": "Tigrinya",
        "immigration_status": "asylum_pending",
        "checklist": ["indicators_considered", "first_responder"],
        "from_elsewhere": "no",
    }
    data.update(extra)
    return data


def test_an_empty_list_says_no_children_are_recorded_as_uasc(client_as, db):
    page = client_as(Role.PRACTITIONER).get(reverse("nrm:uasc_list")).content.decode()
    assert "0 children: 0 this authority's own, 0 presenting from elsewhere" in page
    assert "No children are recorded as unaccompanied asylum seeking children" in page


def test_the_list_separates_children_presenting_from_elsewhere_in_constant_queries(
    client_as, db, django_assert_max_num_queries
):
    client = client_as(Role.COORDINATOR)
    for i in range(6):
        child = _child(i, uasc=True, uasc_arrived_on=date(2024, 1, 1) + timedelta(days=i))
        if i % 2:
            UascRecord.objects.create(child=child, from_elsewhere=True, from_authority="Leeds")
        elif i == 0:
            UascRecord.objects.create(child=child, arrival_route="port")
    _child(99)  # not UASC: not listed
    with django_assert_max_num_queries(12):
        page = client.get(reverse("nrm:uasc_list")).content.decode()
    assert "6 children: 3 this authority's own, 3 presenting from elsewhere" in page
    own = page.split('id="uasc-own"')[1].split("</table>")[0]
    elsewhere = page.split('id="uasc-elsewhere"')[1].split("</table>")[0]
    assert "U000" in own and "U002" in own and "U001" not in own
    assert "U001" in elsewhere and "Leeds" in elsewhere and "U000" not in elsewhere
    assert "U099" not in page
    assert AuditEntry.objects.filter(object_type="uasc_list").count() == 6


def test_saving_the_form_records_the_uasc_record_and_the_arrival_on_the_child(client_as, db):
    client = client_as(Role.PRACTITIONER)
    child = _child(1)
    response = client.post(reverse("nrm:uasc_edit", args=[child.pk]), _post())
    assert response.status_code == 302
    record = UascRecord.objects.get(child=child)
    child.refresh_from_db()
    assert child.uasc and child.uasc_arrived_on == date(2024, 3, 1)
    assert record.age_outcome == "older" and record.interpreter_language == "Tigrinya"
    assert record.checklist == ["indicators_considered", "first_responder"]
    entry = AuditEntry.objects.get(object_type="uasc_record", action=AuditAction.CREATE)
    assert "age_outcome" in entry.detail["fields"] and "Tigrinya" not in str(entry.detail)
    page = client.get(reverse("nrm:uasc_record", args=[child.pk])).content.decode()
    assert "Assessed as older" in page and "Sam Social and Alex Worker" in page


def test_a_change_is_audited_with_the_fields_changed_and_shown_in_the_history(
    client_as, make_user, db
):
    client = client_as(Role.COORDINATOR)
    child = _child(1)
    uasc_record_save(
        child=child,
        by=client.user,
        arrived_on=date(2024, 3, 1),
        fields={"immigration_status": "asylum_pending"},
    )
    client.post(reverse("nrm:uasc_edit", args=[child.pk]), _post(immigration_status="refugee"))
    update = AuditEntry.objects.get(object_type="uasc_record", action=AuditAction.UPDATE)
    assert "immigration_status" in update.detail["fields"]
    assert "uasc_arrived_on" not in update.detail["fields"]
    page = client.get(reverse("nrm:uasc_record", args=[child.pk])).content.decode()
    assert "Changed:" in page and "Immigration status" in page
    assert AuditEntry.objects.filter(
        object_type="uasc_record", action=AuditAction.VIEW, child_id=child.pk
    ).exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            {"age_assessor_2": " sam  social "},
            "age_assessor_2",
            "The two social workers must be different people",
        ),
        ({"age_assessor_2": ""}, "age_assessor_2", "Enter the second social worker"),
        (
            _date("age_assessed_on", date(2024, 2, 1)),
            "age_assessed_on",
            "Age assessment date must be the same as or after the arrival date",
        ),
        (
            _date("arrived_on", timezone.localdate() + timedelta(days=2)),
            "arrived_on",
            "Arrival date must be today or in the past",
        ),
        ({"interpreter_language": ""}, "interpreter_language", "Enter the language"),
        ({"from_elsewhere": "yes"}, "from_authority", "Enter the authority"),
    ],
)
def test_form_errors_are_shown_beside_the_field(client_as, db, extra, field, message):
    client = client_as(Role.PRACTITIONER)
    child = _child(1)
    response = client.post(reverse("nrm:uasc_edit", args=[child.pk]), _post(**extra))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page or f'id="id_{field}-error"' in page
    assert "There is a problem" in page
    assert not UascRecord.objects.exists()


def test_partners_and_analysts_may_not_open_uasc_pages(client_as, db):
    child = _child(1)
    for role in (Role.PARTNER, Role.ANALYST):
        client = client_as(role)
        assert client.get(reverse("nrm:uasc_list")).status_code == 403
        assert client.get(reverse("nrm:uasc_record", args=[child.pk])).status_code == 403


def test_a_restricted_child_shows_the_restricted_notice_not_the_record(client_as, db):
    child = _child(1, restricted=True)
    UascRecord.objects.create(child=child, from_authority="Secret Council", from_elsewhere=True)
    page = client_as(Role.PRACTITIONER).get(reverse("nrm:uasc_record", args=[child.pk]))
    assert "Secret Council" not in page.content.decode()


def test_the_child_page_links_to_the_uasc_record(client_as, db):
    child = _child(1, uasc=True)
    page = client_as(Role.PRACTITIONER).get(reverse("children:detail", args=[child.pk]))
    assert reverse("nrm:uasc_record", args=[child.pk]) in page.content.decode()
