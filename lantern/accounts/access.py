"""Deny by default: every view states who may use it, or nobody can.

`@allow(Role.MANAGER, ...)` on a view (or `allow(...)(View.as_view())` in urls.py). The
`access_rules` middleware refuses any view with no rule, so a new URL without one fails
the URL-walk test and is never reachable by accident.
"""

from collections.abc import Callable, Iterable

from lantern.accounts.models import Role

ALL_ROLES = frozenset(Role.values)
CASE_ROLES = frozenset({Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER, Role.PARTNER})
SERVICE_ROLES = frozenset({Role.PRACTITIONER, Role.COORDINATOR, Role.MANAGER})


def allow(*roles: str | Iterable[str], public: bool = False, before_otp: bool = False) -> Callable:
    """Mark a view with the roles that may use it.

    public: anyone, signed in or not (login page, health check).
    before_otp: signed in with a password but no second factor yet (enrolment, code entry).
    """
    flat: set[str] = set()
    for r in roles:
        flat.update([r] if isinstance(r, str) else r)

    def mark(view):
        view.lantern_roles = frozenset(flat)
        view.lantern_public = public
        view.lantern_before_otp = before_otp
        return view

    return mark


def rule_for(view) -> tuple[frozenset, bool, bool] | None:
    """The rule a view carries, or None when it has none (deny)."""
    target = getattr(view, "view_class", None) or view
    for candidate in (view, target):
        if hasattr(candidate, "lantern_roles"):
            return candidate.lantern_roles, candidate.lantern_public, candidate.lantern_before_otp
    return None
