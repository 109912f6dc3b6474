"""Small query building blocks every domain's rules share."""

from django.db import connection
from django.db.models import QuerySet
from django.db.models.functions import Collate


def byte_order(expression):
    """Identifiers compare as text in byte order on both databases, whatever the locale
    (domain.md: ties on a date are broken by id compared as text)."""
    return Collate(expression, "C" if connection.vendor == "postgresql" else "BINARY")


def in_district(qs: QuerySet, district: str | None, child: str = "child__") -> QuerySet:
    """Narrow to one district's children (None: every district)."""
    return qs if district is None else qs.filter(**{f"{child}district": district})
