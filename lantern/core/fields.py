"""A list kept as `;`-separated text: portable across SQLite and PostgreSQL, and queryable with `contains`."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class ListField(models.TextField):
    """Values in order, as in the dataset's `list` type. Stored as `a;b;c`."""

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list):
            return value
        return [v for v in value.split(";") if v]

    def get_prep_value(self, value):
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        return ";".join(str(v) for v in value)

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


def not_garbled(value) -> None:
    """Text that arrived as bytes that are not UTF-8 is decoded by Django with U+FFFD in
    their place; refuse it beside the field rather than store the replacement characters."""
    if isinstance(value, str) and "\ufffd" in value:
        raise ValidationError(
            "This has characters that could not be read: type it again", code="garbled"
        )


def refuse_garbled_text(fields: dict) -> None:
    """Add `not_garbled` to every text field of a form (call from the form's __init__)."""
    for field in fields.values():
        if isinstance(field, forms.CharField) and not field.widget.is_hidden:
            field.validators.append(not_garbled)
