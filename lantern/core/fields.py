"""A list kept as `;`-separated text: portable across SQLite and PostgreSQL, and queryable with `contains`."""

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
