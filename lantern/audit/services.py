"""Writing the audit trail. Every read or change of a child's data calls `audit_record`."""

import getpass
import os
import shlex
import sys

from django.db.models import Model

from lantern.audit.models import AuditEntry


def command_line_detail() -> dict:
    """Who ran a `lantern` command that reads or changes personal data: there is no signed-in
    user, so the entry names the operating-system account and the command line."""
    try:
        os_user = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a bare container)
        os_user = f"uid {os.getuid()}"
    return {"os_user": os_user, "command": shlex.join(sys.argv)[:500]}


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def audit_record(
    *,
    request=None,
    user=None,
    action: str,
    object_type: str = "",
    object_id: str = "",
    child=None,
    detail: dict | None = None,
) -> AuditEntry:
    """Append one entry: who, when, what, which record, from where."""
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    child_id = child.pk if isinstance(child, Model) else child
    return AuditEntry.objects.create(
        user=user,
        username=getattr(user, "username", "") or "",
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        child_id=child_id,
        ip_address=client_ip(request) if request is not None else None,
        path=request.path[:300] if request is not None else "",
        detail=detail or {},
    )


def audit_many(
    *, request=None, user=None, action: str, object_type: str, children: list, detail=None
) -> None:
    """One entry per child for list reads and exports, written in one query."""
    if user is None and request is not None:
        user = request.user
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user,
            username=getattr(user, "username", ""),
            action=action,
            object_type=object_type,
            object_id=str(getattr(c, "pk", c)),
            child_id=getattr(c, "pk", c),
            ip_address=client_ip(request) if request is not None else None,
            path=request.path[:300] if request is not None else "",
            detail=detail or {},
        )
        for c in children
    )
