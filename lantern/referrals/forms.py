"""Referral forms: the team's intake, a partner's short form, the decision, reopening."""

from django import forms
from django.utils import timezone

from lantern.children.forms import UkDateField
from lantern.children.models import Gender
from lantern.core.forms import GovukForm
from lantern.referrals.models import Route, Source


class ReferralForm(GovukForm):
    """The team records a referral or nomination for a child already on Lantern."""

    child_reference = forms.CharField(
        label="Child's reference",
        max_length=64,
        help_text="As shown at the top of the child's page, for example LAN-3F2A9C1B",
        error_messages={"required": "Enter the child's reference"},
    )
    received_on = UkDateField(label="Date received", help_text="For example, 3 6 2024")
    route = forms.ChoiceField(
        label="Route",
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the referral came in"},
    )
    source = forms.ChoiceField(
        label="Who referred", required=False, choices=[("", "Not known")] + list(Source.choices)
    )
    concern = forms.CharField(
        label="What is the concern?", required=False, widget=forms.Textarea, max_length=5000
    )


class PartnerReferralForm(GovukForm):
    """A partner tells the team about a child (the team matches or records the child)."""

    first_name = forms.CharField(
        label="Child's first name",
        max_length=100,
        error_messages={"required": "Enter the child's first name"},
    )
    last_name = forms.CharField(
        label="Child's last name",
        max_length=100,
        error_messages={"required": "Enter the child's last name"},
    )
    date_of_birth = UkDateField(label="Date of birth", help_text="For example, 14 3 2010")
    gender = forms.ChoiceField(
        label="Gender",
        choices=[("", "Choose gender")] + list(Gender.choices),
        error_messages={"required": "Select the child's gender"},
    )
    district = forms.CharField(
        label="District the child lives in",
        max_length=100,
        error_messages={"required": "Enter the district the child lives in"},
    )
    concern = forms.CharField(
        label="What are you worried about?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say what you are worried about"},
    )


DECISION_CHOICES = [
    ("accepted", "Accept: open a case"),
    ("declined", "Decline"),
    ("advice", "Give advice"),
]


class DecisionForm(GovukForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label="Decision",
        choices=DECISION_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select accept, decline or give advice"},
    )
    decided_on = UkDateField(label="Date of the decision", help_text="For example, 3 6 2024")
    reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter the reason for the decision"},
    )
    worker = forms.ModelChoiceField(
        label="Allocated worker",
        required=False,
        queryset=None,
        empty_label="Not allocated yet",
        help_text="Only when accepting. You can allocate the case later.",
    )

    def __init__(self, *args, workers=None, received_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.received_on = received_on
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())

    def clean(self):
        data = super().clean()
        decided_on = data.get("decided_on")
        if decided_on and self.received_on and decided_on < self.received_on:
            self.add_error(
                "decided_on", "Date of the decision must be on or after the date it was received"
            )
        if data.get("worker") and data.get("decision") not in (None, "accepted"):
            self.add_error("worker", "Choose a worker only when accepting, or choose none")
        return data


class ReopenForm(GovukForm):
    reason = forms.CharField(
        label="Why are you reopening this referral?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why you are reopening the referral"},
    )
