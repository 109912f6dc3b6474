"""Random and hostile values posted to every form in the URL configuration, as every role:
no answer is a server error (docs/security.md).

Every URL of tests/test_url_access.py is requested by every role that may use it, with
hypothesis choosing the method, the fields (every field name of every form, the GOV.UK
date boxes and the query parameters the views read) and their values, from plain text to
numbers with thirty digits, dates in the year 1 or 9999, bytes that are not UTF-8, formulas,
paths and markup. Roles that are refused get a few tries too. Bounded to run in seconds.
"""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import test_url_access
from tests.test_url_access import EVERYONE, EXPECTED, PUBLIC, app_urls, signed_in, url_for

# The accounts, child and path arguments of the URL access test, as fixtures here too.
world = test_url_access.world
quick_passwords = test_url_access.quick_passwords

FORM_FIELDS = [
    # children: the child form, search, break glass, version
    "first_name", "last_name", "gender", "ethnicity", "district", "legal_status",
    "placing_authority", "uasc", "flags", "restricted", "version", "reason", "q",
    "risk_level", "ola", "open_missing", "kind", "s", "page",
    *(f"{date}-{part}" for date in ("date_of_birth", "uasc_arrived_on")
      for part in ("day", "month", "year")),
    # audit filter
    "username", "child_reference", "first_day", "last_day", "action",
    # reports: period form, drill-down and download links
    "period", "quarter", "year", "month", "date_from", "date_to", "figure", "from", "to",
    "format", "public",
    # accounts: sign-in, code, users and teams, next
    "password", "code", "email", "role", "team", "agency", "districts", "name", "next",
    # import
    "upload",
    # meetings and actions
    "type", "title", "attendees", "children", "decisions", "description", "owner_user",
    "child", "scope", "done", "back", "add",
    *(f"{date}-{part}" for date in ("held_on", "due_on") for part in ("day", "month", "year")),
    # people and places named in a return interview; the worklist's just-recorded interview
    "search-q", "existing-entity", "existing-relation", "existing-grading", "new-kind",
    "new-label", "new-district", "new-relation", "new-grading", "recorded",
]  # fmt: skip

HOSTILE = [
    "",
    "9" * 30,
    "-1",
    "1e309",
    "\x00",
    "\ufffd",
    "%FF",
    "//evil.example/",
    "foo",
    "../../../etc/passwd",
    '=HYPERLINK("http://evil.example")',
    "<script>alert(1)</script>",
    "'; DROP TABLE children_child; --",
    "a" * 5000,
    "00000000-0000-0000-0000-000000000000",
]

# Values aimed at each kind of field: the faults issue 22 found, and their neighbours. A
# valid value comes first where one is needed to reach the code behind the field.
DATE_BOX = ["9" * 30, "0", "-1", "1" * 5000]
DATE_TEXT = ["9999-12-31", "0001-01-01", "31/2/2024", "1/1/1899"]
POOLS = {
    **dict.fromkeys(
        [
            f"{d}-{p}"
            for d in ("date_of_birth", "uasc_arrived_on", "held_on", "due_on")
            for p in ("day", "month", "year")
        ],
        DATE_BOX,
    ),
    **dict.fromkeys(["first_day", "last_day", "date_from", "date_to", "from", "to"], DATE_TEXT),
    "month": ["0001-01", "9999-12", "2020-13", "-1-01"],
    "quarter": ["0009/10-Q1", "9999/00-Q3", "2020/21-Q5", "1899/00-Q4"],
    "year": ["0009/10", "9999/00", "2020/22", "1899/00"],
    "period": ["month", "quarter", "year", "dates"],
    "format": ["csv", "html", "odt", "json"],
    "figure": [
        "missing.episodes",
        "nonsense",
        "",
        "assessments",
        "missing_figures.by_day_hour.9-99",
        "missing_figures.by_district.Havant",
        "missing_figures.by_placement.castle",
    ],
    "action": ["search", "link", "add", "view"],
    "next": ["foo", "%FF", "\ufffd", "//evil.example/"],
    "version": ["", "yesterday", "9" * 40, "2020-13-45T99:99"],
    "role": ["manager", "admin", "partner", "nobody"],
    "gender": ["male", "x", "", "female"],
    "legal_status": ["cin", "x", "cp", ""],
    "district": ["\ufffd\ufffd(", "Hart and Rushmoor", "", "a" * 5000],
    "uasc": ["on", "", "off", "1"],
    "page": ["-1", "9" * 30, "last", "0"],
    "kind": ["case", "nonsense", "", "referral"],
    "upload": ["../secret_key", "0" * 32 + ".zip", "", "a.zip"],
}
EXPLICIT = [{field: POOLS.get(field, HOSTILE)[k % len(POOLS.get(field, HOSTILE))]
             for field in FORM_FIELDS} for k in range(4)]  # fmt: skip

TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)


def _value(field: str):
    return st.one_of(st.sampled_from(POOLS.get(field, HOSTILE)), st.sampled_from(HOSTILE), TEXT)


# Either a few fields, or every field at once (so each form's every field meets a value).
DATA = st.one_of(
    st.dictionaries(st.sampled_from(FORM_FIELDS), TEXT, max_size=6),
    st.fixed_dictionaries({field: _value(field) for field in FORM_FIELDS}),
)
RAW_BYTES = [b"%FF%FE", b"%C3%28", b"%E2%82"]

BOUNDED = settings(
    max_examples=2,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ROUTES = {name: route for route, name, _ in app_urls()}
CASES = sorted(
    (name, role)
    for name, allowed in EXPECTED.items()
    for role in EVERYONE
    if role in allowed or PUBLIC in allowed
)
# Pages with no form and no parameters get the random values only.
NO_FORM = {"healthz", "home", "children:detail", "accounts:user_list"}


def _request(client, url: str, method: str, data: dict, raw: bytes | None = None):
    """GET with the values as the query, or POST them as the body and the query at once
    (views read forms from either)."""
    query = {k: v.replace("\x00", "") for k, v in data.items()}
    if method == "get":
        return client.get(url, query)
    if raw is not None:  # field values that are not UTF-8 at all
        body = b"&".join(f"{k}=".encode() + raw for k in data) or b"district=" + raw
        return client.post(url, body, content_type="application/x-www-form-urlencoded")
    target = f"{url}?{urlencode(query)}"
    if url.startswith("/import/"):
        data = {**data, "dataset": SimpleUploadedFile("d.zip", data.get("q", "PK").encode())}
    return client.post(target, data)


@pytest.mark.parametrize(("name", "role"), CASES)
def test_no_form_answers_hostile_values_with_a_server_error(world, name, role):
    users, args, team, record_ids = world
    client = signed_in(users[role])
    url = url_for(name, ROUTES[name], args, team, record_ids)

    if name not in NO_FORM:
        for data in EXPLICIT:
            response = _request(client, url, "post", data)
            assert response.status_code < 500, (name, role, data)
        response = _request(client, url, "post", {"next": "", "district": ""}, RAW_BYTES[0])
        assert response.status_code < 500, (name, role, "not UTF-8")

    @BOUNDED
    @given(
        method=st.sampled_from(["get", "post"]),
        data=DATA,
        raw=st.one_of(st.none(), st.sampled_from(RAW_BYTES)),
    )
    def probe(method, data, raw):
        response = _request(client, url, method, data, raw)
        assert response.status_code < 500, (name, role, method, data, raw)

    probe()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_refused_roles_and_anonymous_get_no_server_error_either(world, name):
    from django.test import Client

    users, args, team, record_ids = world
    url = url_for(name, ROUTES[name], args, team, record_ids)
    clients = [Client()] + [
        signed_in(users[r]) for r in sorted(EVERYONE) if r not in EXPECTED[name]
    ]

    @BOUNDED
    @given(method=st.sampled_from(["get", "post"]), data=DATA)
    def probe(method, data):
        for client in clients:
            response = _request(client, url, method, data, None)
            assert response.status_code < 500, (name, method, data)

    probe()
