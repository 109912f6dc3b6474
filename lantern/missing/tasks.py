"""Background tasks of the missing app (Django's task API, django-tasks' backport)."""

from django_tasks import task

from lantern.missing.flows import send_reminders as reminder_sweep


@task()
def send_reminders() -> dict:
    """The return interview reminder sweep; `lantern worker` queues it every few minutes."""
    return reminder_sweep().as_dict()
