"""`lantern worker [--once]`: run Lantern's background work.

Tasks wait in the database (django-tasks' database backend) until a worker runs them. The
task API has no periodic tasks, so this command also queues the return interview reminder
sweep every `LANTERN_REMINDER_EVERY_MINUTES` minutes. Several workers may run at once: a
task is claimed by one of them, and each reminder is sent at most once whatever runs it.
`--once` queues one sweep, runs every waiting task and exits (for tests and cron).
Ctrl-C or SIGTERM lets a running task finish, then stops.
"""

import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from lantern.missing.tasks import send_reminders


def queue_reminder_sweep() -> bool:
    """Queue the sweep unless one is already waiting to run; whether it was queued."""
    if DBTaskResult.objects.ready().filter(task_path=send_reminders.module_path).exists():
        return False
    send_reminders.enqueue()
    return True


class Command(BaseCommand):
    help = "Run background tasks, queueing the return interview reminder sweep every few minutes"

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Queue one sweep, run waiting tasks, exit"
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait between looks for new tasks (default 1)",
        )

    def handle(self, *args, once: bool, interval: float, **options):
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if once:
            queue_reminder_sweep()
            worker.run()
            return
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True
            worker.running = False  # a running task finishes first

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        every = max(1, settings.LANTERN_REMINDER_EVERY_MINUTES) * 60
        next_sweep = time.monotonic()
        self.stdout.write(f"Lantern worker: reminder sweep every {every // 60} minutes")
        while not stopping:
            if time.monotonic() >= next_sweep:
                queue_reminder_sweep()
                next_sweep = time.monotonic() + every
            worker.running = not stopping
            worker.run()
            waited = 0.0
            while not stopping and waited < interval:
                time.sleep(0.1)
                waited += 0.1
        self.stdout.write("Lantern worker stopped")
