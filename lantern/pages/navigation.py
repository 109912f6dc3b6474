"""The service navigation for each role: one list, so pages and tests agree."""

from django.urls import NoReverseMatch, reverse

from lantern.accounts.models import Role

# (label, url name, roles)
NAV = [
    ("Home", "home", set(Role.values)),
    (
        "Children",
        "children:list",
        {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER},
    ),
    ("Missing", "missing:now", {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER}),
    ("Op MET", "opmet:list", {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER}),
    ("Police grading", "risk:police_grading", {Role.COORDINATOR, Role.MANAGER}),
    (
        "Mapping",
        "mapping:entity_list",
        {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER},
    ),
    ("Triage", "triage:agenda", {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER}),
    ("Meetings", "meetings:list", {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER}),
    (
        "Actions",
        "actions:list",
        {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER},
    ),
    ("Referrals", "referrals:queue", {Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER}),
    ("Refer a child", "referrals:mine", {Role.PARTNER}),
    ("My cases", "cases:mine", {Role.PRACTITIONER}),
    ("Team", "cases:team", {Role.MANAGER}),
    ("Reports", "reports:dashboard", {Role.MANAGER, Role.COORDINATOR, Role.ANALYST}),
    ("Import", "interchange:upload", {Role.COORDINATOR}),
    ("Audit trail", "audit:list", {Role.MANAGER, Role.AUDITOR}),
    ("Users", "accounts:user_list", {Role.ADMIN}),
    ("Risk tools", "risk:tools", {Role.ADMIN}),
    ("Outcomes", "cases:outcome_kinds", {Role.ADMIN}),
    ("Placing authorities", "children:placing_authorities", {Role.ADMIN}),
]


def nav_items(user, path: str) -> list[dict]:
    items = []
    for label, name, roles in NAV:
        if user.role not in roles:
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue  # the page is not built yet
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return items
