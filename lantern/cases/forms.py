"""Casework forms: allocation, closure and its approval, direct work, onward referrals, plans."""

from django import forms

from lantern.cases.models import SERVICES as SERVICE_LABELS
from lantern.cases.models import OutcomeKind, PlanKind, Rating
from lantern.children.forms import UkDateField
from lantern.core.forms import GovukForm

WITH_WHOM = [
    ("child", "The child"),
    ("parent_carer", "Parent or carer"),
    ("professional", "Professional"),
    ("group", "Group"),
]
SETTINGS = [("face_to_face", "Face to face"), ("virtual", "Virtual"), ("phone", "Phone")]
ENGAGED = [("yes", "Yes"), ("no", "No"), ("", "Not known")]
SERVICES = list(SERVICE_LABELS.items())
ONWARD_OUTCOMES = [
    ("", "Not known yet"),
    ("engaged", "The child engaged"),
    ("declined", "The child declined"),
    ("not_accepted", "The service did not accept the referral"),
]
RATINGS = [("", "Not given")] + [(str(v), label) for v, label in Rating.choices]


class VersionedForm(GovukForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)


class AllocateForm(VersionedForm):
    worker = forms.ModelChoiceField(
        label="Allocated worker",
        queryset=None,
        empty_label="Choose a worker",
        error_messages={"required": "Choose the worker to allocate the case to"},
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class ClosureForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the case closing?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why the case is closing"},
    )
    outcomes = forms.ModelMultipleChoiceField(
        label="Outcomes",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that the work achieved.",
    )
    child_rating = forms.TypedChoiceField(
        label="How helpful did the child find the work?",
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    child_words = forms.CharField(
        label="The child's own words", required=False, widget=forms.Textarea, max_length=5000
    )
    family_rating = forms.TypedChoiceField(
        label="How helpful did the family find the work?",
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    family_words = forms.CharField(
        label="The family's own words", required=False, widget=forms.Textarea, max_length=5000
    )

    def __init__(self, *args, outcome_kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].queryset = outcome_kinds


class ClosureDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve: close the case today"), ("return", "Send back")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select approve or send back"},
    )
    note = forms.CharField(
        label="Note to the worker",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text="Needed when sending the closure back.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("note") or "").strip():
            self.add_error("note", "Enter why you are sending the closure back")
        return data


def _engaged(value: str):
    return {"yes": True, "no": False}.get(value)


class DirectWorkForm(VersionedForm):
    held_on = UkDateField(label="Date of the session", help_text="For example, 3 6 2024")
    with_whom = forms.ChoiceField(
        label="With whom",
        choices=WITH_WHOM,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the session was with"},
    )
    setting = forms.ChoiceField(
        label="How",
        choices=SETTINGS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select face to face, virtual or phone"},
    )
    engaged = forms.TypedChoiceField(
        label="Did the child engage?",
        choices=ENGAGED,
        coerce=_engaged,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    what_was_done = forms.CharField(
        label="What was done",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter what was done in the session"},
    )
    child_voice = forms.CharField(
        label="The child's own words", required=False, widget=forms.Textarea, max_length=5000
    )

    @staticmethod
    def initial_from(session) -> dict:
        engaged = {True: "yes", False: "no"}.get(session.engaged, "")
        return {
            "version": session.updated_at.isoformat(),
            "held_on": session.held_on,
            "with_whom": session.with_whom,
            "setting": session.setting,
            "engaged": engaged,
            "what_was_done": session.what_was_done,
            "child_voice": session.child_voice,
        }


class OnwardReferralForm(VersionedForm):
    service = forms.ChoiceField(
        label="Service",
        choices=[("", "Choose a service")] + SERVICES,
        error_messages={"required": "Choose the service the child was referred to"},
    )
    need = forms.CharField(
        label="The need seen", required=False, widget=forms.Textarea, max_length=5000
    )
    need_identified_on = UkDateField(
        label="Date the need was seen", help_text="For example, 3 6 2024"
    )
    referred_on = UkDateField(
        label="Date referred", required=False, help_text="Leave blank if not referred yet"
    )
    first_contact_on = UkDateField(
        label="Date the service first met the child",
        required=False,
        help_text="Leave blank until they have met",
    )
    outcome = forms.ChoiceField(label="Outcome", choices=ONWARD_OUTCOMES, required=False)
    child_voice = forms.CharField(
        label="The child's own words", required=False, widget=forms.Textarea, max_length=5000
    )

    def clean(self):
        data = super().clean()
        need, referred, met = (
            data.get("need_identified_on"),
            data.get("referred_on"),
            data.get("first_contact_on"),
        )
        if need and referred and referred < need:
            self.add_error(
                "referred_on", "Date referred must be on or after the date the need was seen"
            )
        if need and met and met < need:
            self.add_error(
                "first_contact_on", "Date first met must be on or after the date the need was seen"
            )
        elif referred and met and met < referred:
            self.add_error(
                "first_contact_on", "Date first met must be on or after the date referred"
            )
        return data

    @staticmethod
    def initial_from(o) -> dict:
        names = ("service", "need", "need_identified_on", "referred_on", "first_contact_on")
        initial = {n: getattr(o, n) for n in names + ("outcome", "child_voice")}
        initial["version"] = o.updated_at.isoformat()
        return initial


class PlanForm(VersionedForm):
    kind = forms.ChoiceField(
        label="Kind of plan",
        choices=PlanKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of plan"},
    )
    made_on = UkDateField(label="Date the plan was made", help_text="For example, 3 6 2024")
    owner = forms.CharField(
        label="Owner",
        max_length=100,
        help_text="The person responsible for the plan",
        error_messages={"required": "Enter who owns the plan"},
    )
    review_on = UkDateField(
        label="Review date", allow_future=True, help_text="For example, 3 9 2024"
    )
    summary = forms.CharField(
        label="The plan",
        widget=forms.Textarea,
        max_length=10000,
        error_messages={"required": "Enter what the plan is"},
    )
    child_voice = forms.CharField(
        label="The child's own words", required=False, widget=forms.Textarea, max_length=5000
    )

    def clean(self):
        data = super().clean()
        if data.get("made_on") and data.get("review_on") and data["review_on"] < data["made_on"]:
            self.add_error(
                "review_on", "Review date must be on or after the date the plan was made"
            )
        return data

    @staticmethod
    def initial_from(p) -> dict:
        names = ("kind", "made_on", "owner", "review_on", "summary", "child_voice")
        initial = {n: getattr(p, n) for n in names}
        initial["version"] = p.updated_at.isoformat()
        return initial


class OutcomeKindForm(GovukForm):
    """An outcome a closure may record, in the admin's words."""

    label = forms.CharField(
        label="Outcome",
        max_length=100,
        help_text="As workers will see it, for example Back in education",
        error_messages={"required": "Enter the outcome"},
    )
    dataset_kind = forms.ChoiceField(
        label="Counted in the dataset as",
        choices=[("", "Choose one")] + list(OutcomeKind._meta.get_field("dataset_kind").choices),
        error_messages={"required": "Choose how the outcome is counted in the dataset"},
    )


class CoverForm(GovukForm):
    absent = forms.ModelChoiceField(
        label="Who is away",
        queryset=None,
        error_messages={"required": "Choose who is away"},
    )
    covering = forms.ModelChoiceField(
        label="Who covers their work",
        queryset=None,
        error_messages={"required": "Choose who covers their work"},
    )
    from_on = UkDateField(label="From", example="3 6 2025", allow_future=True)
    to_on = UkDateField(label="To (the last day of cover)", example="17 6 2025", allow_future=True)
    reason = forms.CharField(label="Reason (optional)", required=False, max_length=200)

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absent"].queryset = workers
        self.fields["covering"].queryset = workers

    def clean(self):
        data = super().clean()
        if data.get("absent") and data.get("absent") == data.get("covering"):
            self.add_error("covering", "Choose someone other than the person who is away")
        start, end = data.get("from_on"), data.get("to_on")
        if start and end and end < start:
            self.add_error("to_on", "The last day of cover must be on or after the first day")
        return data
