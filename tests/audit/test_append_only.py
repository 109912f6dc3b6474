import pytest
from django.db import DatabaseError, connection, transaction

from lantern.audit.models import AuditAction, AuditEntry
from lantern.audit.services import audit_record


@pytest.mark.django_db
def test_the_audit_trail_refuses_update_and_delete_in_the_database():
    entry = audit_record(action=AuditAction.VIEW, object_type="child", object_id="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action=AuditAction.DELETE)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == AuditAction.VIEW


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
def test_postgres_refuses_raw_sql_update_and_delete_by_the_application_user():
    entry = audit_record(action=AuditAction.VIEW, object_type="child", object_id="x")
    for sql in (
        "UPDATE audit_auditentry SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cur:
                cur.execute(sql, [entry.pk])
