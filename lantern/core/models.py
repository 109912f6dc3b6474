"""Base models: opaque UUID keys, timestamps, who made the change."""

import uuid

from django.conf import settings
from django.db import models

# Records made in Lantern's own pages get ids with this prefix, which no source system uses,
# so they never collide with an imported id and round-trip through export and import.
LANTERN_ID_PREFIX = "LAN-"


def lantern_source_id() -> str:
    return f"{LANTERN_ID_PREFIX}{uuid.uuid4().hex[:8].upper()}"


def made_in_lantern(source_id: str) -> bool:
    return source_id.startswith(LANTERN_ID_PREFIX)


class Record(models.Model):
    """Every record of the dataset: UUID key for URLs, the source system's id for re-imports."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source_id = models.CharField("reference", max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.source_id


def lantern_reference(kind: str = "") -> str:
    """A source id for a record made in Lantern: the prefix "LAN-" no source system uses,
    then the kind of record ("REF", "CASE", ...) and 8 random hex digits."""
    middle = f"{kind}-" if kind else ""
    return f"LAN-{middle}{uuid.uuid4().hex[:8].upper()}"
