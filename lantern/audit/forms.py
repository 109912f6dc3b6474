"""Filters for the audit trail page."""

from django import forms

from lantern.audit.models import AuditAction
from lantern.core.daterange import date_in_range
from lantern.core.fields import refuse_garbled_text
from lantern.core.ukdate import parse_uk_date


class UkDateText(forms.CharField):
    """A date typed in one box: 3/6/2024, 3 June 2024 or 2024-06-03."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        day = parse_uk_date(value)
        if day is None:
            raise forms.ValidationError(
                f"{self.label} must be a real date, for example 3/6/2024 or 3 June 2024"
            )
        return date_in_range(day, f"The '{self.label}' date")


class AuditFilterForm(forms.Form):
    username = forms.CharField(label="User name", required=False, max_length=150)
    child_reference = forms.CharField(label="Child reference", required=False, max_length=64)
    first_day = UkDateText(label="From date", required=False, help_text="For example, 3/6/2024")
    last_day = UkDateText(label="To date", required=False, help_text="For example, 30/6/2024")
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any")] + list(AuditAction.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_garbled_text(self.fields)
        for f in self.fields.values():
            if isinstance(f.widget, forms.Select):
                f.widget.attrs["class"] = "govuk-select"
            else:
                f.widget.attrs["class"] = "govuk-input govuk-input--width-10"
                f.widget.attrs["spellcheck"] = "false"

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The 'To date' must be the same as or after the 'From date'")
        return data
