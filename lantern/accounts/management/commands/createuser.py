"""`lantern createuser`: add an account from a script, with its authenticator key."""

import secrets
import sys
from base64 import b32encode

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantern.accounts.models import Agency, Role, Team
from lantern.accounts.services import totp_device_set, user_create


class Command(BaseCommand):
    help = (
        "Add an account. Prints the authenticator key to give the person (or, with "
        "--enrol-at-sign-in, they scan a QR code the first time they sign in)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        password = parser.add_mutually_exclusive_group(required=True)
        password.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input (keeps it out of shell history)",
        )
        password.add_argument(
            "--password", help="The password (visible to other users: prefer --password-stdin)"
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--team", default="", help="The name of an existing team")
        parser.add_argument("--agency", default=Agency.SOCIAL_CARE, choices=Agency.values)
        parser.add_argument("--district", default="", help="For partners: their district")
        parser.add_argument(
            "--enrol-at-sign-in",
            action="store_true",
            help="Do not make an authenticator key now: they set one up at first sign-in",
        )

    def handle(self, *args, **opts):
        username = opts["username"].strip()
        if not username:
            raise CommandError("Give a username with --username")
        User = get_user_model()
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f"There is already an account called {username}")
        password = (
            sys.stdin.readline().rstrip("\r\n") if opts["password_stdin"] else opts["password"]
        )
        if not password:
            raise CommandError("The password is empty")
        team = None
        if opts["team"]:
            team = Team.objects.filter(name=opts["team"]).first()
            if team is None:
                names = ", ".join(Team.objects.values_list("name", flat=True)) or "none yet"
                raise CommandError(f"There is no team called {opts['team']!r} (teams: {names})")
        if opts["role"] == Role.PARTNER and not opts["district"]:
            raise CommandError(
                "A partner needs --district: they see only children of their district"
            )
        candidate = User(
            username=username, first_name=opts["first_name"], last_name=opts["last_name"]
        )
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as exc:
            raise CommandError(
                "The password is not strong enough: " + " ".join(exc.messages)
            ) from exc
        try:
            user = user_create(
                username=username,
                password=password,
                role=opts["role"],
                first_name=opts["first_name"],
                last_name=opts["last_name"],
                email=opts["email"],
                team=team,
                agency=opts["agency"],
                district=opts["district"],
            )
        except (ValidationError, ValueError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("Could not create the account: " + " ".join(messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.username} ({Role(user.role).label})"))
        if opts["enrol_at_sign_in"]:
            self.stdout.write(
                "They will set up their authenticator app the first time they sign in."
            )
            return
        key = secrets.token_bytes(20)
        totp_device_set(user=user, key_hex=key.hex())
        self.stdout.write(f"Authenticator key: {b32encode(key).decode().rstrip('=')}")
        self.stdout.write(
            "Give this key to them in person; they add it to their authenticator app."
        )
