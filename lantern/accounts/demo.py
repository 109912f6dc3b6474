"""Demo accounts, one per role, with a known authenticator key so newcomers can sign in."""

from lantern.accounts.models import Role, Team
from lantern.accounts.services import totp_device_set, user_create

DEMO_PASSWORD = "lantern-demo-password"  # noqa: S105  # nosec B105
# Base32 JBSWY3DPEHPK3PXP, the well-known demo key, as hex for django-otp.
DEMO_TOTP_HEX = "48656c6c6f21deadbeef"
DEMO_TOTP_BASE32 = "JBSWY3DPEHPK3PXP"

DEMO_USERS = [
    ("practitioner", Role.PRACTITIONER, "Priya", "Shah", {}),
    ("coordinator", Role.COORDINATOR, "Colin", "Reed", {}),
    ("manager", Role.MANAGER, "Maya", "Owusu", {}),
    (
        "partner",
        Role.PARTNER,
        "Paul",
        "Hart",
        {"agency": "police", "district": "Hart and Rushmoor"},
    ),
    ("analyst", Role.ANALYST, "Anna", "Berg", {}),
    ("auditor", Role.AUDITOR, "Audrey", "Lane", {}),
    ("admin", Role.ADMIN, "Adam", "Cole", {}),
]


def demo_users_create() -> list:
    team, _ = Team.objects.get_or_create(
        name="North and East",
        defaults={"districts": ["Hart and Rushmoor", "Basingstoke and Deane", "East Hampshire"]},
    )
    users = []
    for username, role, first, last, extra in DEMO_USERS:
        user = user_create(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            first_name=first,
            last_name=last,
            team=team if role == Role.PRACTITIONER else None,
            **extra,
        )
        totp_device_set(user=user, key_hex=DEMO_TOTP_HEX)
        users.append(user)
    return users
