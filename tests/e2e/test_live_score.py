"""The assessment form's score as you go: choosing indicators changes the score and the
suggested level at once, without submitting, in a polite live region; axe checks the page."""

import datetime as dt

import pytest

from lantern.accounts.models import Role
from tests.e2e.test_browser import sign_in

pytestmark = pytest.mark.e2e


def test_the_score_and_suggested_level_change_as_indicators_are_chosen(
    web, make_user, shipped_lookups
):
    from lantern.children.services import child_create

    priya = make_user(Role.PRACTITIONER)
    child = child_create(
        by=priya, first_name="Rowan", last_name="Ashby", date_of_birth=dt.date(2009, 3, 2),
        gender="female", district="Hart and Rushmoor",
    )  # fmt: skip
    page = sign_in(web, "priya", path=f"/risk/children/{child.pk}/new/ceraf/")
    page.get_by_role("heading", name="CERAF-like", exact=False).first.wait_for()
    score = page.locator("#score")
    assert score.get_attribute("aria-live") == "polite"
    assert "work out the score" in score.inner_text()
    url = page.url
    page.locator('input[name="indicator_carrying"][value="current"]').check()
    page.wait_for_function("document.querySelector('#score').dataset.score === '8'")
    assert "Score: 8. Suggested level: Low" in score.inner_text()
    page.locator('input[name="indicator_carrying"][value="previous"]').check()
    page.wait_for_function("document.querySelector('#score').dataset.score === '4'")
    assert "Score: 4." in score.inner_text()
    page.locator('input[name="indicator_carrying"][value="current"]').check()
    page.locator('input[name="indicator_older_friends"][value="current"]').check()
    page.wait_for_function("Number(document.querySelector('#score').dataset.score) > 8")
    assert page.url == url  # nothing was submitted
    # the server agrees when asked without JavaScript's help
    shown = score.inner_text()
    page.get_by_role("button", name="Work out the score").click()
    page.wait_for_load_state("load")
    assert page.locator("#score").inner_text() == shown
