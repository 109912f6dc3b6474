"""Every record model is in the admin, searchable by its source id, with no names or free
text in the list views."""

import pytest
from django.apps import apps
from django.contrib import admin

from lantern.accounts.models import Role
from lantern.interchange.schema import FILES

RECORD_MODELS = sorted({spec.model for spec in FILES if spec.id_column})
PERSONAL = {"first_name", "last_name", "search_name", "date_of_birth"}


@pytest.mark.parametrize("label", RECORD_MODELS)
def test_each_record_model_is_registered_with_search_by_source_id(label):
    model = apps.get_model(label)
    model_admin = admin.site._registry[model]
    assert "source_id" in model_admin.search_fields
    spec = next(s for s in FILES if s.model == label)
    free_text = {c.field for c in spec.columns if c.free_text}
    assert not (set(model_admin.list_display) & (PERSONAL | free_text))


@pytest.mark.parametrize(
    "url", ["/admin/children/child/", "/admin/missing/episode/", "/admin/risk/assessment/"]
)
@pytest.mark.django_db
def test_the_admin_role_sees_no_case_data_in_the_admin_site(client_as, url):
    """access.md: administrators manage users and configuration, not children's records."""
    client = client_as(Role.ADMIN)
    assert client.get(url).status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/children/child/" not in index
    assert "/admin/risk/risktool/" in index  # configuration stays open to them
