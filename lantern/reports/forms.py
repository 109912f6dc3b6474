"""Choosing the report's period and district: GET parameters, so links can be shared."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from lantern.children.forms import UkDateField, UkDateInput
from lantern.core.daterange import date_in_range
from lantern.reports.periods import parse_period
from lantern.reports.trends import quarter_of


class PeriodDateInput(UkDateInput):
    """Day, month and year boxes; a link may also give the date whole (`date_from=2024-04-01`)."""

    def value_from_datadict(self, data, files, name):
        if data.get(name):
            return data[name]
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)


class PeriodDateField(UkDateField):
    """A report's first or last day: typed in three boxes, or whole in a shared link."""

    widget = PeriodDateInput

    def __init__(self, **kwargs):
        super().__init__(example="1 4 2024", allow_future=True, **kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value:
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise forms.ValidationError(
                    f"{self.label} must be a real date, for example {self.example}",
                    code="invalid",
                ) from None
        return super().to_python(value)


KINDS = [
    ("quarter", "Financial quarter"),
    ("year", "Financial year"),
    ("month", "Month"),
    ("dates", "Between two dates"),
]


class PeriodForm(forms.Form):
    period = forms.ChoiceField(choices=KINDS, initial="quarter", widget=forms.RadioSelect)
    quarter = forms.CharField(
        required=False,
        label="Quarter",
        help_text="For example, 2024/25-Q1 (Q1 is April to June)",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    year = forms.CharField(
        required=False,
        label="Year",
        help_text="For example, 2024/25 (April to March)",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    month = forms.CharField(
        required=False,
        label="Month",
        help_text="For example, 2024-11",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    date_from = PeriodDateField(required=False, label="From", help_text="For example, 1 4 2024")
    date_to = PeriodDateField(required=False, label="To", help_text="For example, 30 6 2024")
    district = forms.ChoiceField(
        required=False, label="District", widget=forms.Select(attrs={"class": "govuk-select"})
    )

    def __init__(self, *args, districts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "All districts")] + [(d, d) for d in districts]

    def clean(self):
        data = super().clean()
        kind = data.get("period")
        if not kind:
            return data
        try:
            if kind == "dates":
                if not data.get("date_from") or not data.get("date_to"):
                    raise ValueError("Enter both a from date and a to date, for example 1 4 2024.")
                first, last = parse_period(from_=data["date_from"], to=data["date_to"])
            else:
                value = (data.get(kind) or "").strip()
                if not value:
                    raise ValueError(f"Enter the {dict(KINDS)[kind].lower()}.")
                first, last = parse_period(**{kind: value})
            date_in_range(first, "The period")
            date_in_range(last, "The period")
        except (ValueError, ValidationError) as error:
            field = "date_from" if kind == "dates" else kind
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            self.add_error(field, message.replace("--from and --to", "from and to dates"))
            return data
        data["first"], data["last"] = first, last
        return data


def default_period(today: date) -> dict:
    """The form's values when nothing is chosen: the quarter holding `today`."""
    return {"period": "quarter", "quarter": quarter_of(today)}
