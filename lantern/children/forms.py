"""The child form and the search form, with GOV.UK inputs and errors that say how to fix."""

from datetime import date, timedelta

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from lantern.accounts.models import Agency
from lantern.children.models import Gender, LegalStatus, PlacingAuthority
from lantern.children.services import EDITABLE_FIELDS
from lantern.core.daterange import year_in_range
from lantern.core.fields import not_garbled, refuse_garbled_text
from lantern.core.forms import GovukForm
from lantern.core.ukdate import years_before


class UkDateInput(forms.Widget):
    """GOV.UK date input: day, month and year boxes named `<name>-day` etc.

    The day box carries the field's own id (`id_<name>`) so error links land on it."""

    lantern_kind = "date"  # drawn by children/includes/date_field.html

    def value_from_datadict(self, data, files, name):
        return {part: data.get(f"{name}-{part}", "").strip() for part in ("day", "month", "year")}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))

    def format_value(self, value):
        if isinstance(value, date):
            return {"day": value.day, "month": value.month, "year": value.year}
        if isinstance(value, dict):
            return value
        return {"day": "", "month": "", "year": ""}

    def render(self, name, value, attrs=None, renderer=None):
        return render_to_string(
            "children/widgets/uk_date.html",
            {
                "name": name,
                "id": (attrs or {}).get("id", f"id_{name}"),
                "value": self.format_value(value),
                "error": bool((attrs or {}).get("aria-invalid")),
            },
        )


class UkDateField(forms.Field):
    """A date typed as day, month and year; messages name the field and give an example."""

    widget = UkDateInput

    def __init__(self, *, example: str = "14 3 2010", allow_future: bool = False, **kwargs):
        self.example = example
        self.allow_future = allow_future
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, date) or value in (None, ""):
            return value or None
        if not any(value.values()):
            return None
        missing = [part for part in ("day", "month", "year") if not value.get(part)]
        if missing:
            raise forms.ValidationError(
                f"{self.label} must include a {' and '.join(missing)}", code="incomplete"
            )
        try:
            day, month, year = (int(value[p]) for p in ("day", "month", "year"))
            if year < 1000:
                raise ValueError
        except ValueError:
            raise forms.ValidationError(
                f"{self.label} must be a real date, for example {self.example}", code="invalid"
            ) from None
        year_in_range(year, self.label)
        try:
            typed = date(year, month, day)
        except (ValueError, OverflowError):
            raise forms.ValidationError(
                f"{self.label} must be a real date, for example {self.example}", code="invalid"
            ) from None
        if not self.allow_future and typed > timezone.localdate():
            raise forms.ValidationError(f"{self.label} must be today or in the past", code="future")
        return typed

    def validate(self, value):
        if value is None and self.required:
            raise forms.ValidationError(
                f"Enter {self.label.lower()}, for example {self.example}", code="required"
            )


OLDEST_AGE = 25  # records are of children and young people up to their 26th birthday


def oldest_birth_day(today):
    """The earliest date of birth of someone still 25 today (29 February: 28th)."""
    return years_before(today, OLDEST_AGE + 1) + timedelta(days=1)


class ChildForm(forms.Form):
    """The fields of a child record a person may type."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        required=False,
        error_messages={"max_length": "First name must be 100 characters or fewer"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        required=False,
        error_messages={"max_length": "Last name must be 100 characters or fewer"},
    )
    date_of_birth = UkDateField(label="Date of birth", help_text="For example, 14 3 2010")
    gender = forms.ChoiceField(
        label="Gender",
        choices=[("", "Choose gender")] + list(Gender.choices),
        error_messages={"required": "Select the child's gender"},
    )
    ethnicity = forms.CharField(
        label="Ethnicity (CIN census code)",
        max_length=10,
        required=False,
        help_text="For example, WBRI",
        error_messages={"max_length": "Ethnicity must be a census code of 10 characters or fewer"},
    )
    district = forms.CharField(
        label="District",
        max_length=100,
        error_messages={"required": "Enter the district the child lives in"},
    )
    legal_status = forms.ChoiceField(label="Legal status", choices=LegalStatus.choices)
    placing_authority = forms.CharField(
        label="Placing authority",
        max_length=100,
        required=False,
        help_text="Leave blank if this authority looks after the child; any other authority makes the child OLA",
    )
    uasc = forms.BooleanField(label="Unaccompanied asylum seeking child (UASC)", required=False)
    uasc_arrived_on = UkDateField(
        label="UASC arrival date", required=False, help_text="For example, 14 3 2023"
    )
    flags = forms.CharField(
        label="Flags",
        required=False,
        help_text="Separate flags with commas, for example substance misuse, not in education",
    )
    restricted = forms.BooleanField(
        label="Restricted record: only allocated workers may open it", required=False
    )

    def __init__(self, *args, can_restrict: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_restrict:
            del self.fields["restricted"]
        refuse_garbled_text(self.fields)
        for name, f in self.fields.items():
            widget = f.widget
            if isinstance(widget, forms.Select):
                widget.attrs["class"] = "govuk-select"
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "govuk-checkboxes__input"
            elif isinstance(widget, forms.TextInput):
                width = "govuk-input--width-10" if name == "ethnicity" else ""
                widget.attrs["class"] = f"govuk-input {width}".strip()
                widget.attrs["spellcheck"] = "false"

    def clean_date_of_birth(self):
        """Lantern is for children and young people: nobody older than 25 (a care leaver's
        services end then), nobody born in the future (the field refuses that itself)."""
        born = self.cleaned_data.get("date_of_birth")
        if born is not None and oldest_birth_day(timezone.localdate()) > born:
            raise forms.ValidationError(
                f"Date of birth must make the child {OLDEST_AGE} or younger: check the year"
            )
        return born

    def clean_flags(self) -> list[str]:
        text = self.cleaned_data.get("flags") or ""
        return [f.strip() for f in text.replace(";", ",").split(",") if f.strip()]

    def clean(self):
        data = super().clean()
        if not (data.get("first_name") or data.get("last_name")) and not self.has_error(
            "first_name"
        ):
            self.add_error("first_name", "Enter the child's first name or last name")
        if data.get("uasc_arrived_on") and not data.get("uasc"):
            self.add_error(
                "uasc",
                "Tick UASC if the child arrived as an unaccompanied asylum seeker, or clear the arrival date",
            )
        dob, arrived = data.get("date_of_birth"), data.get("uasc_arrived_on")
        if dob and arrived and arrived < dob:
            self.add_error("uasc_arrived_on", "UASC arrival date must be after the date of birth")
        return data

    @staticmethod
    def initial_from(child) -> dict:
        initial = {name: getattr(child, name) for name in FIELD_NAMES}
        initial["flags"] = ", ".join(child.flags)
        initial["restricted"] = child.restricted
        initial["version"] = child.updated_at.isoformat()
        return initial


FIELD_NAMES = EDITABLE_FIELDS  # the form shows exactly what the service may change


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        help_text="Your reason, your name and the time are recorded and shown to managers.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
        error_messages={"required": "Enter why you need to open this restricted record"},
        validators=[not_garbled],
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError(
                "Give a fuller reason (at least 10 characters) for opening this record"
            )
        return reason


PARTNER_AGENCIES = [(v, label) for v, label in Agency.choices if v != Agency.SOCIAL_CARE]


class ShareForm(GovukForm):
    """Share the child with a partner agency."""

    agency = forms.ChoiceField(
        label="Partner agency",
        choices=[("", "Choose an agency")] + PARTNER_AGENCIES,
        error_messages={"required": "Choose the agency to share with"},
    )
    district = forms.CharField(
        label="District",
        max_length=100,
        required=False,
        help_text="The agency's district that may see the child. Leave blank for the district the child lives in.",
    )
    reason = forms.CharField(
        label="Why are you sharing this child?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why you are sharing this child"},
    )
    review_on = UkDateField(
        label="Review date", allow_future=True, help_text="For example, 3 9 2024"
    )
    ends_on = UkDateField(label="End date", allow_future=True, help_text="For example, 3 12 2024")

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        review, end = data.get("review_on"), data.get("ends_on")
        if end and end < today:
            self.add_error("ends_on", "End date must be today or in the future")
        if review and review < today:
            self.add_error("review_on", "Review date must be today or in the future")
        elif review and end and review > end:
            self.add_error("review_on", "Review date must be on or before the end date")
        return data


class ShareReviewForm(GovukForm):
    next_review_on = UkDateField(
        label="Next review date", allow_future=True, help_text="For example, 3 12 2024"
    )


class PlacingAuthorityForm(GovukForm):
    """A placing authority and the address to tell when a child it placed goes missing."""

    name = forms.CharField(
        label="Authority",
        max_length=100,
        help_text="As recorded on the child's record, for example Surrey County Council",
        error_messages={"required": "Enter the authority's name"},
    )
    email = forms.EmailField(
        label="Email address for missing notifications",
        required=False,
        help_text="Leave blank if none: co-ordinators are then asked to tell the authority",
        error_messages={"invalid": "Enter an email address like name@example.gov.uk"},
    )

    def __init__(self, *args, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing = existing

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        clash = PlacingAuthority.objects.filter(name__iexact=name)
        if self.existing is not None:
            clash = clash.exclude(pk=self.existing.pk)
        if clash.exists():
            raise forms.ValidationError("This authority is already on the list")
        return name
