"""Every URL has an access rule, the rule is the one written down here, and it holds.

Walks the whole URL configuration, into every include(). A new URL without an entry in
EXPECTED fails the build, so nobody adds a page without deciding who may use it
(docs/access-rules.md).
"""

import io
import re
from datetime import UTC, date, datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp import DEVICE_ID_SESSION_KEY

from lantern.accounts.access import rule_for
from lantern.accounts.models import Role
from lantern.children.models import PlacingAuthority
from lantern.missing.models import Episode, OlaNotice, ReturnInterview
from lantern.risk.models import PoliceGrading

P, C, M, PA, AN, AU, AD = (
    Role.PRACTITIONER,
    Role.COORDINATOR,
    Role.MANAGER,
    Role.PARTNER,
    Role.ANALYST,
    Role.AUDITOR,
    Role.ADMIN,
)
EVERYONE = {P, C, M, PA, AN, AU, AD}
PUBLIC = "public"  # anyone, signed in or not
BEFORE_OTP = "before_otp"  # signed in with a password, second factor not yet given

# Who may use each URL. A role not listed must be refused.
EXPECTED: dict[str, set] = {
    "home": EVERYONE,
    "healthz": {PUBLIC},
    "accounts:login": {PUBLIC},
    "accounts:two_factor": {BEFORE_OTP},
    "accounts:logout": EVERYONE | {BEFORE_OTP},
    "accounts:session_ended": {PUBLIC},
    "accounts:keep_alive": EVERYONE,
    "accounts:user_list": {AD},
    "accounts:user_new": {AD},
    "accounts:user_edit": {AD},
    "accounts:user_deactivate": {AD},
    "accounts:user_reactivate": {AD},
    "accounts:user_two_factor_reset": {AD},
    "accounts:user_unlock": {AD},
    "accounts:team_new": {AD},
    "accounts:team_edit": {AD},
    "audit:list": {M, AU},
    "children:list": {P, C, M, PA},
    "opmet:list": {P, C, M},
    "triage:agenda": {P, C, M},
    "triage:minutes": {P, C, M},
    "triage:minutes_word": {P, C, M},
    "children:new": {P, C, M},
    "children:detail": {P, C, M, PA},
    "children:edit": {P, C, M},
    "children:break_glass": {P, C, M, PA},
    "children:break_glass_review": {M},
    "children:shares": {C, M},
    "children:reviews_due": {P, C, M},
    "children:share_end": {C, M},
    "children:share_review": {C, M},
    "children:shares_due": {C, M},
    "children:merge": {C, M},
    "children:merge_confirm": {C, M},
    "children:merge_undo": {C, M},
    "referrals:queue": {P, C, M},
    "referrals:new": {P, C, M},
    "referrals:submit": {PA},
    "referrals:mine": {PA},
    "referrals:detail": {P, C, M, PA},
    "referrals:reopen": {C, M},
    "referrals:decide": {C, M},
    "cases:mine": {P, C, M},
    "cases:team": {M},
    "cases:cover": {M},
    "cases:cover_end": {M},
    "cases:approvals": {M},
    "cases:detail": {P, C, M},
    "cases:allocate": {M},
    "cases:close": {P, M},
    "cases:closure_decide": {M},
    "cases:direct_work_new": {P, C, M},
    "cases:direct_work_edit": {P, C, M},
    "cases:onward_new": {P, C, M},
    "cases:onward_edit": {P, C, M},
    "cases:plan_new": {P, C, M},
    "cases:plan_edit": {P, C, M},
    "cases:outcome_kinds": {AD},
    "cases:outcome_kind_toggle": {AD},
    "risk:choose": {P, C, M},
    "risk:new": {P, C, M},
    "risk:detail": {P, C, M},
    "risk:decide": {M},
    "risk:approvals": {M},
    "risk:tools": {AD},
    "risk:tool_edit": {AD},
    "reports:dashboard": {AN, M, C},
    "reports:records": {AN, M, C},
    "reports:download": {AN, M, C},
    "interchange:upload": {C},
    "interchange:confirm": {C},
    "interchange:annex_a": {M, AN},
    "interchange:annex_a_list8": {M, AN},
    "missing:now": {P, C, M},
    "missing:episode_find": {P, C, M},
    "missing:episode_new": {P, C, M},
    "missing:episode": {P, C, M, PA},
    "missing:episode_return": {P, C, M},
    "missing:episode_edit": {P, C, M},
    "missing:interviews": {P, C, M},
    "missing:interview_new": {P, C, M},
    "missing:triggers": {P, C, M},
    "missing:trigger_meeting_new": {P, C, M},
    "together:list": {P, C, M},
    "missing:quality": {C, M},
    "meetings:list": {P, C, M},
    "meetings:new": {P, C, M},
    "meetings:detail": {P, C, M},
    "meetings:edit": {P, C, M},
    "meetings:action_new": {P, C, M},
    "meetings:children_add": {P, C, M},
    "actions:list": {P, C, M, PA},
    "actions:edit": {P, C, M},
    "actions:done": {P, C, M, PA},
    "actions:reopen": {P, C, M, PA},
    "missing:placing_authority_tasks": {C, M},
    "missing:placing_authority_told": {C, M},
    "children:placing_authorities": {C, AD},
    "children:placing_authority_new": {C, AD},
    "children:placing_authority_edit": {C, AD},
    "missing:philomena": {P, C, M, PA},
    "missing:philomena_edit": {P, C, M},
    "missing:philomena_history": {P, C, M},
    "missing:philomena_photo": {P, C, M, PA},
    "missing:philomena_pdf": {P, C, M, PA},
    "together:link": {P, C, M},
    "interview_mapping:page": {P, C, M},
    "mapping:analysis": {C, M},
    "risk:police_grading": {P, C, M, PA},
    "risk:police_grading_send": {C, M},
    "risk:police_grading_grade": {C, M, PA},
    "risk:police_grading_allocate": {C, M, PA},
    "mapping:hotspots": {P, C, M},
    "mapping:entity_list": {P, C, M, PA},
    "mapping:entity_new": {P, C, M},
    "mapping:entity_detail": {P, C, M, PA},
    "mapping:entity_matches": {P, C, M},
    "mapping:entity_merge": {C, M},
    "mapping:entity_merge_undo": {C, M},
    "mapping:link_new": {P, C, M},
    "mapping:intelligence_new": {P, C, M, PA},
    "mapping:disruption_new": {P, C, M},
    "mapping:operation_list": {P, C, M},
    "mapping:operation_new": {C, M},
    "mapping:operation_detail": {P, C, M},
    "mapping:network": {P, C, M, PA},
    "mapping:network_picture_saved": {P, C, M, PA},
    "nrm:pending": {P, C, M},
    "nrm:uasc_list": {P, C, M},
    "nrm:uasc_record": {P, C, M},
    "nrm:uasc_edit": {P, C, M},
}


def walk(patterns, prefix: str = "", namespace: str = ""):
    """(route, name, view) for every URL pattern, recursing into include()s."""
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or "")
            yield prefix + str(p.pattern), name, p.callback


def app_urls() -> list[tuple]:
    """Every URL except the admin site (guarded by the middleware: administrators only)."""
    return [u for u in walk(get_resolver().url_patterns) if not u[0].startswith("admin/")]


def expected_rule(name: str) -> tuple:
    allowed = EXPECTED[name]
    roles = frozenset(r for r in allowed if r not in (PUBLIC, BEFORE_OTP))
    return roles, PUBLIC in allowed, BEFORE_OTP in allowed


def test_every_url_has_a_name():
    assert [route for route, name, _ in app_urls() if not name] == []


def test_every_url_view_carries_an_access_rule():
    missing = [name for _, name, view in app_urls() if rule_for(view) is None]
    assert missing == [], f"Views with no @allow rule: {missing}"


def test_every_url_is_in_the_table_of_who_may_use_it():
    names = {name for _, name, _ in app_urls()}
    assert names - set(EXPECTED) == set(), "New URLs: add them to EXPECTED"
    assert set(EXPECTED) - names == set(), "EXPECTED names URLs that no longer exist"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_view_rule_matches_the_table(name):
    views = {n: view for _, n, view in app_urls()}
    if name not in views:
        pytest.skip(f"{name} is not in the URL configuration")
    roles, public, before_otp = rule_for(views[name])
    assert (frozenset(str(r) for r in roles), public, before_otp) == (
        frozenset(str(r) for r in expected_rule(name)[0]),
        expected_rule(name)[1],
        expected_rule(name)[2],
    )


# --- Every URL requested as every role and as nobody --------------------------------


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Nine accounts a test: hash their passwords cheaply (the hasher is not under test)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, make_user, team, shipped_lookups, settings, tmp_path):
    """One user per role, a child all the case roles may see, and objects for path args."""
    from lantern.children.models import BreakGlass, Child, ChildShare

    users = {
        role: make_user(
            role, **({"agency": "police", "district": "Hart and Rushmoor"} if role == PA else {})
        )
        for role in EVERYONE
    }
    child = Child.objects.create(
        source_id="URL001",
        first_name="Test",
        last_name="Child",
        date_of_birth=date(2010, 1, 1),
        gender="female",
        district="Hart and Rushmoor",
    )
    share = ChildShare.objects.create(child=child, agency="police")
    event = BreakGlass.objects.create(child=child, user=users[P], reason="A test reason here")
    episode = Episode.objects.create(
        source_id="URLE1",
        child=child,
        started_at=datetime(2024, 1, 1, 9, tzinfo=UTC),
        ended_at=datetime(2024, 1, 2, 9, tzinfo=UTC),
        missing_from="home",
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    from PIL import Image

    from lantern.missing.services import philomena_save

    photo = io.BytesIO()
    Image.new("RGB", (8, 8)).save(photo, format="JPEG")
    philomena_save(
        child=child, by=users[C], fields={"hair": "Brown"}, opened_version=0,
        photo_jpeg=photo.getvalue(),
    )  # fmt: skip
    target = make_user(P, username="target")
    from lantern.mapping.models import Entity

    entity = Entity.objects.create(source_id="URLE1", kind="adult", label="Test Adult")
    from lantern.mapping.models import Operation

    operation = Operation.objects.create(name="Operation URL")
    from lantern.cases.models import Case, DirectWork, OnwardReferral, OutcomeKind, Plan
    from lantern.referrals.models import Referral
    from lantern.risk.models import Assessment

    referral = Referral.objects.create(
        source_id="URLR1",
        child=child,
        received_on=date(2024, 1, 1),
        route="other",
        created_by=users[PA],
        submitted_by_partner=True,
    )
    case = Case.objects.create(
        source_id="URLC1",
        child=child,
        opened_on=date(2024, 1, 1),
        route="s17",
        allocated_to=users[P],
    )
    mine = {"child": child, "case": case, "created_by": users[P]}
    session = DirectWork.objects.create(source_id="URLD1", held_on=date(2024, 1, 2), **mine)
    onward = OnwardReferral.objects.create(
        source_id="URLO1", need_identified_on=date(2024, 1, 2), **mine
    )
    plan = Plan.objects.create(
        source_id="URLP1",
        kind="safety",
        made_on=date(2024, 1, 2),
        review_on=date(2024, 3, 2),
        owner="Priya",
        summary="A plan",
        **mine,
    )
    args = {
        "episode_id": episode.pk,
        "entity_id": entity.pk,
        "operation_id": operation.pk,
        "child_id": child.pk,
        "event_id": event.pk,
        "pk": target.pk,
        "referral_id": referral.pk,
        "share_id": share.pk,
        "code": "ceraf",
        "kind_id": OutcomeKind.objects.first().pk,
        "assessment_id": Assessment.objects.create(
            source_id="URLA1",
            child=child,
            completed_on=date(2024, 1, 1),
            risk_level="low",
            approval="waiting",
        ).pk,
        "case_id": case.pk,
        "grading_id": PoliceGrading.objects.create(
            child=child, sent_on=date(2024, 1, 1), reason="A test reason"
        ).pk,
        "authority_id": PlacingAuthority.objects.create(name="URL Council").pk,
        "notice_id": OlaNotice.objects.create(episode=episode, authority_name="URL Council").pk,
        "number": 1,
        "interview_id": ReturnInterview.objects.create(
            source_id="URLI1", child=child, outcome="completed"
        ).pk,
    }
    from lantern.meetings.models import Action, Meeting

    meeting = Meeting.objects.create(source_id="URLM1", type="triage", held_on=date(2024, 1, 2))
    args["meeting_id"] = meeting.pk
    args["action_id"] = Action.objects.create(
        source_id="URLAC1", meeting=meeting, child=child, description="An action"
    ).pk
    args["other_id"] = child.pk  # the same record: the page says it cannot be merged
    args["cover_id"] = 1  # POST only
    args["merge_id"] = 1  # POST only: a GET is refused or answered 405 before any lookup
    record_ids = {"direct_work": session.pk, "onward": onward.pk, "plan": plan.pk}
    return users, args, team, record_ids


def url_for(name: str, route: str, args: dict, team, record_ids: dict) -> str:
    kwargs = {}
    for key in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if key == "pk" and name.startswith("accounts:team"):
            kwargs[key] = team.pk
        elif key == "record_id":
            kwargs[key] = record_ids[name.split(":")[1].removesuffix("_edit")]
        elif key in args:
            kwargs[key] = args[key]
        else:
            raise AssertionError(f"Add a value for path argument {key!r} of {name}")
    return reverse(name, kwargs=kwargs)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    device = user.totpdevice_set.filter(confirmed=True).first()
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def refused(response) -> bool:
    return response.status_code in (403, 404)


def admitted(name: str, response) -> bool:
    """Not refused by the access rule. Pages that need query parameters may answer 404 to a
    bare request; the child pages must answer fully, as their test data is in scope."""
    if name.startswith(("children:", "missing:")):
        return response.status_code < 400 or response.status_code == 405  # POST-only
    return response.status_code != 403 and not sent_to_login(response)


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_url_admits_exactly_the_roles_in_the_table(world, name):
    users, args, team, record_ids = world
    routes = {n: route for route, n, _ in app_urls()}
    if name not in routes:
        pytest.skip(f"{name} is not in the URL configuration")
    url = url_for(name, routes[name], args, team, record_ids)
    allowed = EXPECTED[name]

    anonymous = Client().get(url)
    if PUBLIC in allowed:
        assert anonymous.status_code < 400, f"anonymous refused at {name}"
    else:
        assert sent_to_login(anonymous), f"anonymous not sent to sign in at {name}"

    for role in sorted(EVERYONE):
        response = signed_in(users[role]).get(url)
        assert response.status_code < 500, f"{role} at {name}: {response.status_code}"
        if role in allowed or PUBLIC in allowed:
            assert admitted(name, response), (
                f"{role} should be allowed at {name}, got {response.status_code}"
            )
        elif BEFORE_OTP in allowed:
            continue  # a fully signed-in user is simply sent on
        else:
            assert refused(response), (
                f"{role} should be refused at {name}, got {response.status_code}"
            )
