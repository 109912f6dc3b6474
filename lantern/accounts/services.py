"""Writes for accounts: users, teams, the second factor and lock-outs."""

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.access import CASE_ROLES
from lantern.accounts.models import Role, Team
from lantern.audit.models import AuditAction
from lantern.audit.services import audit_record


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    team: Team | None = None,
    agency: str = "social_care",
    district: str = "",
):
    """Create an account; every account needs a second factor, enrolled at first sign-in."""
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}")
    User = get_user_model()
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        team=team,
        agency=agency,
        district=district,
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def totp_device_for(user, *, confirmed: bool | None = None) -> TOTPDevice | None:
    qs = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        qs = qs.filter(confirmed=confirmed)
    return qs.order_by("-confirmed", "id").first()


@transaction.atomic
def totp_enrolment_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator for the QR code; confirmed by the first good code."""
    device = totp_device_for(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_set(*, user, key_hex: str, confirmed: bool = True) -> TOTPDevice:
    """Give a user a known authenticator key (demo accounts and scripts)."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(
        user=user, name="Authenticator app", key=key_hex, confirmed=confirmed
    )


# --- User management by administrators. Each write is audited in the same transaction. ---

USER_FIELDS = ("first_name", "last_name", "email", "role", "team", "agency", "district")


def _audit_user(*, request, user, action: str, what: str) -> None:
    # The audited object is the account; detail names the change, never a password or key.
    audit_record(
        request=request,
        action=action,
        object_type="user",
        object_id=str(user.pk),
        detail={"change": what},
    )


@transaction.atomic
def user_create_by_admin(*, request, username: str, password: str, **fields):
    """A new account from the admin screens; the person enrols their authenticator at first sign-in."""
    user = user_create(username=username, password=password, **fields)
    _audit_user(request=request, user=user, action=AuditAction.CREATE, what="account created")
    return user


@transaction.atomic
def user_update(*, request, user, **fields):
    """Change who someone is and what they may see (role, team, agency, district)."""
    # Compare with what is stored: a bound ModelForm has already copied the new values onto `user`.
    stored = type(user).objects.get(pk=user.pk)
    changed = sorted(k for k, v in fields.items() if k in USER_FIELDS and getattr(stored, k) != v)
    if "role" in changed:
        _check_role_change(request=request, stored=stored, new_role=fields["role"])
    for key in changed:
        setattr(user, key, fields[key])
    user.is_staff = user.is_superuser = user.role == Role.ADMIN
    user.full_clean(exclude=["password"])
    user.save()
    if changed:
        what = "changed " + ", ".join(changed)
        if "role" in changed:  # roles are not personal data: the trail says from and to
            what += f" (role {stored.role} to {user.role})"
        _audit_user(request=request, user=user, action=AuditAction.UPDATE, what=what)
    return user


class RoleChangeRefused(ValueError):
    """A role change the access rules do not allow (docs/access-rules.md); nothing changed."""


def _check_role_change(*, request, stored, new_role: str) -> None:
    """Nobody changes their own role, and an administrator's account is never given a case
    role: case work needs a separate account, so no administrator can let themselves read
    children."""
    actor = getattr(request, "user", None)
    if actor is not None and actor.pk == stored.pk:
        raise RoleChangeRefused("You cannot change your own role: ask another administrator")
    if stored.role == Role.ADMIN and new_role in CASE_ROLES:
        raise RoleChangeRefused(
            "An administrator's account cannot be given a case role. Create a separate "
            "account for case work"
        )


@transaction.atomic
def user_deactivate(*, request, user) -> None:
    """Accounts are never deleted: the audit trail must still say who did what."""
    if request is not None and request.user.pk == user.pk:
        raise ValueError("You cannot deactivate your own account")
    user.is_active = False
    user.save(update_fields=["is_active"])
    # End their open sessions now, not at the next idle time-out.
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    _audit_user(request=request, user=user, action=AuditAction.UPDATE, what="deactivated")


@transaction.atomic
def user_reactivate(*, request, user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    _audit_user(request=request, user=user, action=AuditAction.UPDATE, what="reactivated")


@transaction.atomic
def user_two_factor_reset(*, request, user) -> None:
    """Forget the authenticator (a lost phone): the person sets up a new one at next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    _audit_user(request=request, user=user, action=AuditAction.UPDATE, what="second factor reset")


@transaction.atomic
def user_unlock(*, request, user) -> int:
    """Lift a lock-out after too many failed sign-ins, before the cool-off ends."""
    removed = axes_reset(username=user.username)
    _audit_user(request=request, user=user, action=AuditAction.UPDATE, what="unlocked")
    return removed


def _team_districts(districts: list[str]) -> list[str]:
    return [d.strip() for d in districts if d.strip()]


@transaction.atomic
def team_create(*, request, name: str, districts: list[str]) -> Team:
    team = Team(name=name.strip(), districts=_team_districts(districts))
    team.full_clean()
    team.save()
    audit_record(
        request=request,
        action=AuditAction.CREATE,
        object_type="team",
        object_id=str(team.pk),
        detail={"change": "team created"},
    )
    return team


@transaction.atomic
def team_update(*, request, team: Team, name: str, districts: list[str]) -> Team:
    team.name = name.strip()
    team.districts = _team_districts(districts)
    team.full_clean()
    team.save()
    audit_record(
        request=request,
        action=AuditAction.UPDATE,
        object_type="team",
        object_id=str(team.pk),
        detail={"change": "name or districts changed"},
    )
    return team
