"""Forms for episodes, returns, return interviews and trigger meetings, with GOV.UK inputs
and errors that say how to fix them. Each field carries `kind`, which
`missing/includes/field.html` reads to draw the right GOV.UK component."""

from datetime import datetime

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone

from lantern.children.forms import UkDateField
from lantern.core.ukdate import aware_to_local, local_to_aware
from lantern.missing.models import (
    EpisodeType,
    InterviewOutcome,
    MissingFrom,
    PlacementType,
    PoliceRisk,
    ReturnMethod,
    TellingHow,
)
from lantern.missing.photos import PhotoRefused, photo_as_jpeg, size_limit_text
from lantern.missing.selectors import PULL_FACTORS, PUSH_FACTORS

YES_NO = [("yes", "Yes"), ("no", "No"), ("", "Not known")]
AGENCIES = [
    ("social_care", "Children's social care"),
    ("police", "Police"),
    ("health", "Health"),
    ("education", "Education"),
    ("yjs", "Youth justice"),
    ("voluntary", "Voluntary sector"),
    ("housing", "Housing"),
    ("other", "Other"),
]


class UkDateTimeInput(forms.Widget):
    """GOV.UK date input (day, month, year) and a time box (`<name>-time`, 24-hour)."""

    PARTS = ("day", "month", "year", "time")

    def value_from_datadict(self, data, files, name):
        return {part: data.get(f"{name}-{part}", "").strip() for part in self.PARTS}

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}-{part}" in data for part in self.PARTS)

    def format_value(self, value):
        if isinstance(value, datetime):
            local = aware_to_local(value)
            return {
                "day": local.day,
                "month": local.month,
                "year": local.year,
                "time": f"{local:%H:%M}",
            }
        if isinstance(value, dict):
            return value
        return dict.fromkeys(self.PARTS, "")

    def render(self, name, value, attrs=None, renderer=None):
        return render_to_string(
            "missing/widgets/uk_datetime.html",
            {
                "name": name,
                "id": (attrs or {}).get("id", f"id_{name}"),
                "value": self.format_value(value),
                "error": bool((attrs or {}).get("aria-invalid")),
            },
        )


class UkDateTimeField(forms.Field):
    """A moment typed as day, month, year and a 24-hour time, read as UK local time."""

    widget = UkDateTimeInput
    kind = "datetime"

    def __init__(self, *, allow_future: bool = False, required_message: str = "", **kwargs):
        self.allow_future = allow_future
        self.required_message = required_message
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, datetime) or value in (None, ""):
            return value or None
        if not any(value.values()):
            return None
        missing = [p for p in ("day", "month", "year", "time") if not value.get(p)]
        if missing:
            raise forms.ValidationError(
                f"{self.label} must include a {' and '.join(missing)}", code="incomplete"
            )
        try:
            day, month, year = (int(value[p]) for p in ("day", "month", "year"))
            hour, _, minute = value["time"].replace(".", ":").partition(":")
            if year < 1000:
                raise ValueError
            naive = datetime(year, month, day, int(hour), int(minute or 0))
        except ValueError:
            raise forms.ValidationError(
                f"{self.label} must be a real date and time, for example 3 6 2024 and 14:05",
                code="invalid",
            ) from None
        moment = local_to_aware(naive)
        if not self.allow_future and moment > timezone.now():
            raise forms.ValidationError(f"{self.label} must be now or in the past", code="future")
        return moment

    def validate(self, value):
        if value is None and self.required:
            message = self.required_message or f"Enter {self.label.lower()}"
            raise forms.ValidationError(
                f"{message}, for example 3 6 2024 and 14:05", code="required"
            )


def yes_no_field(label: str) -> forms.TypedChoiceField:
    field = forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    field.kind = "radios"
    return field


def choice_field(label: str, choices, *, required: bool = True, message: str = "", **kw):
    field = forms.ChoiceField(
        label=label,
        choices=list(choices),
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message or f"Select {label.lower()}"},
        **kw,
    )
    field.kind = "radios"
    return field


def select_field(label: str, choices, *, required: bool = False, blank: str = "Not recorded"):
    field = forms.ChoiceField(label=label, choices=[("", blank), *choices], required=required)
    field.kind = "select"
    return field


def text_field(label: str, max_length: int, **kw) -> forms.CharField:
    field = forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"},
        **kw,
    )
    field.kind = "text"
    return field


def long_text(label: str, **kw) -> forms.CharField:
    field = forms.CharField(label=label, required=False, widget=forms.Textarea, **kw)
    field.kind = "textarea"
    return field


def checkboxes(label: str, choices, **kw) -> forms.MultipleChoiceField:
    field = forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, **kw
    )
    field.kind = "checkboxes"
    return field


class GovukForm(forms.Form):
    """Adds the GOV.UK classes and hint links to every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, f in self.fields.items():
            w = f.widget
            if not hasattr(f, "kind"):
                f.kind = "text"
            if isinstance(w, forms.Select) and not isinstance(w, forms.RadioSelect):
                w.attrs["class"] = "govuk-select"
            elif isinstance(w, forms.Textarea):
                w.attrs.update({"class": "govuk-textarea", "rows": 3})
            elif isinstance(w, forms.TextInput):
                w.attrs["class"] = "govuk-input"
                w.attrs["spellcheck"] = "false"
            if f.help_text and f.kind in ("text", "textarea", "select"):
                w.attrs["aria-describedby"] = f"id_{name}-hint"


class EpisodeStartForm(GovukForm):
    """When the child went missing: the fields of a police notification, in its order."""

    started_at = UkDateTimeField(
        label="Went missing",
        help_text="For example, 3 6 2024 and 14:05",
        required_message="Enter when the child went missing",
    )
    missing_from = choice_field("Missing from", MissingFrom.choices, message="Select home or care")
    placement_type = select_field("Placement type (care only)", PlacementType.choices)
    provider = text_field("Placement provider (care only)", 200)
    out_of_area = yes_no_field("Placed out of area (care only)")
    episode_type = choice_field(
        "Missing or away", EpisodeType.choices, message="Select missing or away"
    )
    police_reference = text_field("Police reference", 50, help_text="For example, HC/49378/20")
    police_risk = select_field("Police risk grade", PoliceRisk.choices)
    reported_by = text_field(
        "Who reported it", 100, help_text="A name or a role, e.g. foster carer"
    )

    def clean(self):
        data = super().clean()
        if data.get("missing_from") == MissingFrom.HOME:
            for name in ("placement_type", "provider"):
                if data.get(name):
                    self.add_error(
                        name,
                        "Only a child missing from care has a placement: clear this or choose care",
                    )
            if data.get("out_of_area") is not None:
                self.add_error(
                    "out_of_area",
                    "Only a child missing from care is placed out of area: choose Not known or care",
                )
        return data


class EpisodeReturnForm(GovukForm):
    """The child came back: when, where and with whom found, the safe-and-well check."""

    ended_at = UkDateTimeField(
        label="Came back",
        help_text="For example, 4 6 2024 and 09:30",
        required_message="Enter when the child came back",
    )
    found_location = text_field("Where found", 200)
    found_with = text_field("Found with", 200, help_text="Who the child was with, if anyone")
    return_method = select_field("How the child came back", ReturnMethod.choices)
    safe_and_well_done = yes_no_field("Police safe and well check done")
    safe_and_well_at = UkDateTimeField(
        label="Safe and well check", required=False, help_text="When the police saw the child"
    )
    safe_and_well_by = text_field("Safe and well check by", 100, help_text="Officer or team")
    school_told = yes_no_field("School told")

    def __init__(self, *args, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_at"].required = required

    def clean(self):
        data = super().clean()
        ended, check = data.get("ended_at"), data.get("safe_and_well_at")
        if check and ended and check < ended:
            self.add_error(
                "safe_and_well_at", "The safe and well check must be after the child came back"
            )
        if check and data.get("safe_and_well_done") is False:
            self.add_error("safe_and_well_done", "Choose Yes, or clear the time of the check")
        return data


class EpisodeForm(EpisodeStartForm, EpisodeReturnForm):
    """The whole episode, for changing it (the return stays optional)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required=False, **kwargs)  # both forms' clean() run, in turn


class ChildFindForm(GovukForm):
    q = text_field(
        "Name, reference or police reference",
        100,
        help_text="For example, Jordan Smith, HC00701 or HC/49378/20",
    )

    def clean_q(self):
        q = " ".join(self.cleaned_data["q"].split())
        if not q:
            raise forms.ValidationError("Enter the child's name, reference or a police reference")
        return q


INTERVIEW_OUTCOMES = [
    ("outstanding", "Offered: not yet held"),
    (InterviewOutcome.COMPLETED, "Completed"),
    (InterviewOutcome.DECLINED_CHILD, "Declined by the child"),
    (InterviewOutcome.DECLINED_PARENT, "Declined by the parent"),
    (InterviewOutcome.EXCEPTION, "Exception: not possible or not appropriate"),
]


class InterviewForm(GovukForm):
    episodes = checkboxes(
        "Episodes this interview covers",
        [],
        error_messages={"invalid_choice": "Choose episodes of this child that await an interview"},
    )
    outcome = choice_field("What happened", INTERVIEW_OUTCOMES, message="Select what happened")
    offered_at = UkDateTimeField(label="Offered", required=False, allow_future=False)
    conducted_by = text_field("By whom", 100, help_text="Who offered or held the interview")
    independent = yes_no_field("Independent of the child's care")
    completed_at = UkDateTimeField(label="Held", required=False)
    exception_reason = long_text("Reason for the exception")
    push_factors = checkboxes("Push factors", PUSH_FACTORS)
    pull_factors = checkboxes("Pull factors", PULL_FACTORS)
    factors_notes = long_text("More about the push and pull factors")
    where_child_was = long_text("Where the child was")
    with_whom = long_text("Who the child was with")
    harm_disclosed = yes_no_field("Harm disclosed")
    shared_with_police = long_text("What was shared with police")
    shared_with_police_at = UkDateTimeField(label="Shared with police", required=False)
    child_words = long_text("The child's own words")
    not_shareable = forms.BooleanField(
        label="Not shareable: partner agencies must not see this interview's content",
        required=False,
    )
    not_shareable.kind = "checkbox"

    def __init__(self, *args, episode_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["episodes"].choices = list(episode_choices)

    def clean(self):
        data = super().clean()
        if not data.get("episodes") and not self.has_error("episodes"):
            self.add_error("episodes", "Choose at least one episode this interview covers")
        outcome = data.get("outcome")
        if outcome == InterviewOutcome.COMPLETED and not data.get("completed_at"):
            if not self.has_error("completed_at"):
                self.add_error("completed_at", "Enter when the interview was held")
        if outcome != InterviewOutcome.COMPLETED and data.get("completed_at"):
            self.add_error("completed_at", "Only a completed interview has a time held: clear it")
        if outcome == InterviewOutcome.EXCEPTION and not data.get("exception_reason", "").strip():
            self.add_error(
                "exception_reason",
                "Give the reason the interview was not possible or not appropriate",
            )
        if (
            outcome == "outstanding"
            and not data.get("offered_at")
            and not self.has_error("offered_at")
        ):
            self.add_error("offered_at", "Enter when the interview was offered")
        offered, held = data.get("offered_at"), data.get("completed_at")
        if offered and held and held < offered:
            self.add_error("completed_at", "The interview must be held after it was offered")
        return data


class TriggerMeetingForm(GovukForm):
    held_on = UkDateField(label="Meeting held on", help_text="For example, 14 6 2024")
    attendees = checkboxes("Agencies that attended", AGENCIES)
    push_pull_factors = long_text("Push and pull factors")
    next_time = long_text("What to do if the child goes missing again")
    plan = long_text("Who does what by when")

    def __init__(self, *args, opened_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened_on = opened_on
        self.fields["held_on"].kind = "date"

    def clean(self):
        data = super().clean()
        if not data.get("attendees"):
            self.add_error("attendees", "Choose the agencies that attended")
        held = data.get("held_on")
        if held and self.opened_on and held < self.opened_on:
            self.add_error(
                "held_on",
                "The meeting must be held on or after the day the trigger opened, "
                f"{self.opened_on.day} {self.opened_on:%B %Y}",
            )
        return data


class OlaToldForm(GovukForm):
    """A co-ordinator records that the placing authority was told, how and when."""

    how = choice_field(
        "How was the authority told?",
        [(v, label) for v, label in TellingHow.choices if v != TellingHow.EMAIL],
        message="Select how the authority was told",
    )
    told_at = UkDateTimeField(
        label="When they were told",
        help_text="For example, 3 6 2024 and 14:05",
        required_message="Enter when the authority was told",
    )


OUT_OF_DATE = (
    "This form is out of date or incomplete, so nothing was saved. Open the profile again, "
    "then make your changes"
)


# Each part of the profile fits the one printed page with the others.
PROFILE_TEXT_MAX = 1000


def profile_text(label: str, **kw) -> forms.CharField:
    return long_text(
        label,
        max_length=PROFILE_TEXT_MAX,
        error_messages={
            "max_length": f"{label} must be {PROFILE_TEXT_MAX:,} characters or fewer, "
            "so the profile prints on one page"
        },
        **kw,
    )


class PhilomenaForm(GovukForm):
    """The Philomena profile: what police need to find the child and to keep them safe."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)
    version.kind = "hidden"
    height = text_field("Height", 50, help_text="For example, 5 feet 4 inches or 163 cm")
    build = text_field("Build", 100, help_text="For example, slim or stocky")
    hair = text_field("Hair", 100, help_text="Colour, length and how it is usually worn")
    distinguishing_features = profile_text(
        "Distinguishing features",
        help_text="Scars, tattoos, piercings, glasses, accent, how they speak or walk",
    )
    associates = profile_text(
        "Associates",
        help_text="People the child is known to be with: names, nicknames, ages, where they live",
    )
    places_they_go = profile_text(
        "Places they go", help_text="Addresses, areas, towns, shops, stations, parks"
    )
    phones_and_social_media = profile_text(
        "Phones and social media",
        help_text="Phone numbers, social media accounts and user names",
    )
    vulnerabilities = profile_text(
        "Vulnerabilities",
        help_text="For example, risk of exploitation, self-harm, learning needs",
    )
    medical_needs = profile_text(
        "Medical needs",
        help_text="Conditions, medication and what happens without it, allergies",
    )
    when_found = profile_text(
        "What to do when found",
        help_text="Who to call, where to take the child, how best to approach them",
    )
    photo = forms.FileField(
        label="Photo",
        required=False,
        allow_empty_file=False,
        error_messages={"empty": "The photo file is empty: choose a JPEG or PNG image"},
    )
    photo.kind = "file"
    remove_photo = forms.BooleanField(label="Remove the photo", required=False)
    remove_photo.kind = "checkbox"

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo_jpeg = None
        for field in self.fields.values():
            # Too long is said beside the field, not cut off silently as the browser would.
            field.widget.attrs.pop("maxlength", None)
        photo = self.fields["photo"]
        photo.help_text = (
            f"A recent JPEG or PNG photo, smaller than {size_limit_text()}. "
            "Its location, camera and other hidden details are removed when it is saved."
        )
        if has_photo:
            photo.label = "Replace the photo"
        else:
            del self.fields["remove_photo"]
        photo.widget.attrs.update(
            {
                "class": "govuk-file-upload",
                "accept": "image/jpeg,image/png",
                "aria-describedby": "id_photo-hint",
            }
        )

    def clean_version(self):
        """The version number the form was opened at (0: no profile yet); None if unreadable."""
        text = self.cleaned_data["version"].strip()
        return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if upload:
            try:
                self.photo_jpeg = photo_as_jpeg(upload)
            except PhotoRefused as refused:
                raise forms.ValidationError(refused.message, code="photo") from None
        return upload

    def clean(self):
        data = super().clean()
        if data.get("version") is None:
            # Without the version it was opened at, a save could overwrite someone else's.
            self.add_error(None, OUT_OF_DATE)
        if self.photo_jpeg is not None and data.get("remove_photo"):
            self.add_error("remove_photo", "Choose a new photo or remove the photo, not both")
        return data

    def _post_clean(self):
        """Point each field in error at its error message as well as its hint."""
        super()._post_clean()
        for name in self.errors:
            if name not in self.fields or self.fields[name].kind not in (
                "text",
                "textarea",
                "file",
            ):
                continue
            field = self.fields[name]
            ids = [f"id_{name}-hint"] if field.help_text else []
            attrs = field.widget.attrs
            attrs["aria-describedby"] = " ".join([*ids, f"id_{name}-error"])
            base = attrs.get("class", "").split()
            if base and f"{base[0]}--error" not in base:
                attrs["class"] = " ".join([*base, f"{base[0]}--error"])
