"""Writes for accounts: creating users, enrolling and checking the second factor."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import Role, Team


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
