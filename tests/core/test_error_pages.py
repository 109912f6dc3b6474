import pytest
from django.urls import path

from lantern.accounts.access import allow
from lantern.accounts.models import Role


@allow(public=True)
def broken(request):
    raise RuntimeError("secret detail: Jade Smith born 2009-01-01")


urlpatterns = [path("broken/", broken)]


@pytest.mark.django_db
def test_the_not_found_page_is_plain_and_says_nothing_about_the_record(client_as):
    client = client_as(Role.MANAGER)
    response = client.get("/children/00000000-0000-0000-0000-000000000000/nothing/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "govuk-header" in html
    assert "Traceback" not in html and "Request Method" not in html


@pytest.mark.django_db
def test_the_forbidden_page_explains_without_detail(client_as):
    response = client_as(Role.ANALYST).get("/accounts/users/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have access to this page" in html
    assert "role does not give access" not in html  # the internal reason stays in the server


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_error_pages")
def test_a_server_error_shows_no_stack_trace_or_personal_data(client, settings, caplog):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "Jade" not in html and "Traceback" not in html
