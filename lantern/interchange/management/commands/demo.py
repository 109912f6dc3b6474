"""`lantern demo`: demo accounts (one per role) and synthetic demo data, then how to sign in."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from lantern.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_BASE32, DEMO_USERS, demo_users_create
from lantern.interchange.demo import demo_data_load, demo_work_give


class Command(BaseCommand):
    help = (
        "Load demo accounts and synthetic demo data (the Willow sample) and print how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if there are already users"
        )
        parser.add_argument(
            "--as-published",
            action="store_true",
            help="Load the sample with its own 2020/21 dates (the report's expected figures "
            "need them), instead of brought forward to this week",
        )

    def handle(self, *args, if_empty=False, as_published=False, **options):
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("Demo data already loaded.")
        else:
            demo_users_create()
            today = None if as_published else timezone.localdate()
            weeks = demo_data_load(stdout=self.stdout, today=today)
            demo_work_give()
            if as_published:
                self.stdout.write("\nThe sample keeps its published 2020/21 dates.")
            else:
                self.stdout.write(
                    f"\nEvery date in the sample is {weeks} weeks later than published, so its "
                    "last day falls in the past week (run `lantern demo --as-published` on an "
                    "empty database for the published dates)."
                )
        self.stdout.write(
            self.style.SUCCESS(
                "\nSign in at http://127.0.0.1:8000 with one of these demo accounts:"
            )
        )
        for username, role, *_ in DEMO_USERS:
            self.stdout.write(f"  {username:<14} ({role.label})")
        self.stdout.write(f"Password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(
            f"Second step: add the key {DEMO_TOTP_BASE32} to an authenticator app (or run "
            "`.venv/bin/lantern democode` for the current code)."
        )
