"""The sign-in pages as GOV.UK forms: fields named in errors, the code box a GOV.UK input."""

import re

import pytest

from lantern.accounts.models import Role
from tests.conftest import TEST_PASSWORD


@pytest.mark.django_db
def test_an_empty_sign_in_form_names_each_missing_field_beside_it(client):
    response = client.post("/accounts/login/", {"username": "", "password": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "This field is required" not in html
    assert 'id="id_username_error"' in html and "Enter your username" in html
    assert 'id="id_password_error"' in html and "Enter your password" in html
    assert 'href="#id_username"' in html and 'href="#id_password"' in html


@pytest.mark.django_db
def test_the_code_box_is_a_gov_uk_input_for_a_one_time_code(client, make_user):
    make_user(Role.COORDINATOR)
    client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    html = client.get("/accounts/two-factor/").content.decode()
    box = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
    assert "govuk-input " in box or 'govuk-input"' in box
    assert 'autocomplete="one-time-code"' in box
    assert 'inputmode="numeric"' in box


@pytest.mark.django_db
def test_a_wrong_code_is_announced_through_an_id_that_exists(client, make_user):
    make_user(Role.COORDINATOR)
    client.post("/accounts/login/", {"username": "colin", "password": TEST_PASSWORD})
    html = client.post("/accounts/two-factor/", {"code": "12"}).content.decode()
    box = re.search(r"<input[^>]*name=\"code\"[^>]*>", html).group(0)
    described = re.search(r'aria-describedby="([^"]+)"', box).group(1).split()
    assert described
    for ref in described:
        assert f'id="{ref}"' in html
    assert "govuk-input--error" in box
