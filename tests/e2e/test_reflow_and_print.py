"""At 390 px wide no main page scrolls sideways (WCAG 1.4.10: tables scroll inside their own
box), and a printed page shows no link addresses, sections list or navigation."""

import pytest

from lantern.accounts.models import Role
from tests.e2e.test_browser import sign_in
from tests.e2e.test_every_page_accessible import HOME, child_with_most_history, willow  # noqa: F401

pytestmark = pytest.mark.e2e

NARROW = {"width": 390, "height": 844}
WIDEST = """() => [...document.querySelectorAll('main *')]
  .filter(el => el.getBoundingClientRect().right > 391 && !el.closest('tbody, thead'))
  .slice(0, 3).map(el => el.tagName + '.' + el.className)"""


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/children/",
        "/children/<child>/",
        "/reports/",
        "/audit/",
    ],
)
def test_the_main_pages_reflow_at_390_pixels(web, willow, make_user, path):  # noqa: F811
    make_user(Role.MANAGER)
    page = web.page
    page.set_viewport_size(NARROW)
    sign_in(web, "maya")
    page.get_by_role("heading", name=HOME).wait_for()
    web.goto(path.replace("<child>", str(child_with_most_history().pk)))
    page.wait_for_load_state("load")
    assert page_width(page) <= 390, page.evaluate(WIDEST)


def test_a_printed_child_page_shows_no_link_addresses_or_sections_list(web, willow, make_user):  # noqa: F811
    make_user(Role.MANAGER)
    page = sign_in(web, "maya")
    page.get_by_role("heading", name=HOME).wait_for()
    child = child_with_most_history()
    web.goto(f"/children/{child.pk}/")
    page.emulate_media(media="print")
    after = page.evaluate(
        """() => [...document.querySelectorAll('main a[href]')]
             .map(a => getComputedStyle(a, '::after').content)
             .filter(c => c && c !== 'none' && c !== 'normal' && c !== '""')"""
    )
    assert not after, f"Link addresses printed: {after[:3]}"
    assert not page.locator(".govuk-tabs__list").is_visible()
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert page.locator("#network").is_visible()  # every section on paper, not only the first tab
