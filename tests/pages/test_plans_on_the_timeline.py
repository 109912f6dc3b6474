"""Plans on the child's timeline: made (with the owner and the review date) and ended; a
partner sees the kind of plan and its dates, not who owns it."""

from datetime import date

from lantern.accounts.models import Role
from lantern.cases.models import Plan
from lantern.cases.services import plan_record
from lantern.children.models import ChildShare


def safety_plan(child, by):
    return plan_record(
        child=child, by=by, kind="safety", made_on=date(2024, 6, 3), owner="Sam Keyworker",
        review_on=date(2024, 9, 3), summary="Keep away from the car park",
    )  # fmt: skip


def test_a_plan_is_on_the_timeline_when_made_and_when_ended(client_as, make_child):
    maya = client_as(Role.MANAGER)
    child = make_child()
    plan = safety_plan(child, maya.user)
    Plan.objects.filter(pk=plan.pk).update(ended_on=date(2024, 10, 1))  # no page ends one yet
    timeline = maya.get(f"/children/{child.pk}/", {"kind": "plan"}).context["timeline"]
    assert [(i.on, i.title) for i in timeline] == [
        (date(2024, 10, 1), "Safety plan ended"),
        (date(2024, 6, 3), "Safety plan made"),
    ]
    assert timeline[1].detail == "Owner: Sam Keyworker. Review by 3 September 2024"
    page = maya.get(f"/children/{child.pk}/").content.decode()
    assert (
        "Safety plan made" in page
        and "Keep away from the car park" not in page.split('id="timeline"')[1].split("</table>")[0]
    )


def test_a_partner_sees_the_plan_on_the_timeline_but_not_its_owner(client_as, make_child):
    paul = client_as(Role.PARTNER, agency="police", district="Hart and Rushmoor")
    child = make_child()
    ChildShare.objects.create(child=child, agency="police")
    safety_plan(child, None)
    (item,) = paul.get(f"/children/{child.pk}/", {"kind": "plan"}).context["timeline"]
    assert (item.title, item.detail) == ("Safety plan made", "Review by 3 September 2024")
