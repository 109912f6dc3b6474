"""Case pages keep the restricted child's rule (access.md): someone not allocated sees the
restricted page with the break-glass form, never a bare refusal; after breaking the glass in
the session the case opens, and the opening is audited."""

from datetime import date

import pytest

from lantern.accounts.models import Role
from lantern.audit.models import AuditAction, AuditEntry
from lantern.cases.services import plan_record


@pytest.fixture
def sealed_case(make_child, make_case):
    child = make_child(first_name="Jordan", last_name="Whitfield", restricted=True)
    return make_case(child=child)


def test_a_restricted_childs_case_shows_the_break_glass_page_to_someone_not_allocated(
    client_as, sealed_case
):
    response = client_as(Role.PRACTITIONER).get(f"/cases/{sealed_case.pk}/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "This record is restricted" in page
    assert f'action="/children/{sealed_case.child_id}/break-glass/"' in page
    assert "Whitfield" not in page and sealed_case.source_id not in page


@pytest.mark.parametrize("page", ["", "close/"])
def test_after_breaking_the_glass_the_case_opens_for_the_session_and_is_audited(
    client_as, sealed_case, page
):
    priya = client_as(Role.PRACTITIONER)
    url = f"/cases/{sealed_case.pk}/{page}"
    assert priya.get(url).status_code == 403
    response = priya.post(
        f"/children/{sealed_case.child_id}/break-glass/",
        {"reason": "Police called about a missing episode tonight", "next": url},
    )
    assert response.status_code == 302 and response.url == url  # back to the case page
    assert AuditEntry.objects.filter(
        action=AuditAction.BREAK_GLASS, child_id=sealed_case.child_id
    ).exists()
    if page:  # only the allocated worker or a manager asks to close, glass or not
        assert priya.get(url).status_code == 403
        assert "This record is restricted" not in priya.get(url).content.decode()
        return
    opened = priya.get(url)
    assert opened.status_code == 200 and "Whitfield" in opened.content.decode()
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="case", object_id=str(sealed_case.pk)
    ).exists()


def test_a_work_record_of_a_restricted_child_shows_the_break_glass_page_then_opens(
    client_as, make_user, sealed_case
):
    plan = plan_record(
        child=sealed_case.child, by=make_user(Role.MANAGER), kind="safety",
        made_on=date(2024, 6, 3), owner="Sam", review_on=date(2024, 9, 3), summary="Keep safe",
    )  # fmt: skip
    priya = client_as(Role.PRACTITIONER)
    url = f"/cases/plans/{plan.pk}/"
    response = priya.get(url)
    assert response.status_code == 403 and "This record is restricted" in response.content.decode()
    priya.post(
        f"/children/{sealed_case.child_id}/break-glass/",
        {"reason": "Police called about a missing episode", "next": url},
    )
    assert priya.get(url).status_code == 403  # opened, but a practitioner changes only their own
    assert "This record is restricted" not in priya.get(url).content.decode()


def test_break_glass_never_sends_you_off_the_site(client_as, sealed_case):
    response = client_as(Role.PRACTITIONER).post(
        f"/children/{sealed_case.child_id}/break-glass/",
        {"reason": "Police called", "next": "https://evil.example/"},
    )
    assert response.url == f"/children/{sealed_case.child_id}/"
