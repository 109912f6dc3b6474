"""`lantern democode`: the current 6-digit code for the demo accounts' shared authenticator key."""

from django.core.management.base import BaseCommand
from django_otp.oath import totp

from lantern.accounts.demo import DEMO_TOTP_HEX


class Command(BaseCommand):
    help = "Print the current sign-in code for the demo accounts (demo only)."

    def handle(self, *args, **options):
        self.stdout.write(f"{totp(bytes.fromhex(DEMO_TOTP_HEX)):06d}")
