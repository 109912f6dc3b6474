"""The meeting and action forms, GOV.UK inputs, errors beside the field that say how to fix."""

import re

from django import forms

from lantern.accounts.models import Agency
from lantern.children.forms import UkDateField
from lantern.core.forms import GovukForm
from lantern.meetings.models import MeetingType

NO_AGENCY = [("", "The owner's agency")]


def _references(text: str) -> list[str]:
    return list(dict.fromkeys(r for r in re.split(r"[\s,;]+", text or "") if r))


class MeetingForm(GovukForm):
    type = forms.ChoiceField(
        label="Kind of meeting",
        choices=[("", "Choose the kind of meeting"), *MeetingType.choices],
        error_messages={"required": "Choose the kind of meeting"},
    )
    held_on = UkDateField(label="Held on", example="14 6 2024", help_text="For example, 14 6 2024")
    district = forms.ChoiceField(label="District", required=False, choices=[])
    title = forms.CharField(
        label="Title",
        required=False,
        max_length=200,
        help_text="Optional, for example 'North triage'. Do not put a child's name here.",
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    attendees = forms.MultipleChoiceField(
        label="Agencies that attended",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the agencies that attended",
            "invalid_choice": "Choose agencies from the list",
        },
    )
    children = forms.CharField(
        label="Children discussed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The children's references, separated by commas or on separate lines",
    )
    decisions = forms.CharField(
        label="Decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the meeting agreed. Set actions on the meeting's page once it is saved.",
    )

    def __init__(self, *args, visible=None, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.visible = visible
        self.fields["district"].choices = [("", "No district (countywide)")] + [
            (d, d) for d in districts
        ]

    def clean_children(self):
        refs = _references(self.cleaned_data.get("children", ""))
        if not refs or self.visible is None:
            return []
        found = {c.source_id: c for c in self.visible.filter(source_id__in=refs)}
        unknown = [r for r in refs if r not in found]
        if unknown:
            raise forms.ValidationError(
                f"No child you can see has the reference {', '.join(unknown[:5])}: "
                "check the references"
            )
        return [found[r] for r in refs]


class ActionForm(GovukForm):
    description = forms.CharField(
        label="What is to be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Specific and measurable: what, for whom, and what done looks like",
        error_messages={"required": "Enter what is to be done"},
    )
    owner_user = forms.ChoiceField(
        label="Owner",
        choices=[],
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose an owner from the list",
        },
    )
    agency = forms.ChoiceField(
        label="Agency", required=False, choices=NO_AGENCY + list(Agency.choices)
    )
    due_on = UkDateField(
        label="Due by", example="30 6 2024", allow_future=True, help_text="For example, 30 6 2024"
    )
    child = forms.ChoiceField(label="Child", required=False, choices=[])

    def __init__(self, *args, owners=(), children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].choices = [("", "Choose the owner"), *owners]
        self.fields["child"].choices = [("", "No child (about the meeting as a whole)")] + [
            (str(c.pk), f"{c.full_name} ({c.source_id})") for c in children
        ]
        self.children = {str(c.pk): c for c in children}
        self.fields["child"].error_messages["invalid_choice"] = "Choose a child from the list"


class ChildFindForm(GovukForm):
    q = forms.CharField(
        label="Name or reference",
        max_length=100,
        help_text="Part of the name is enough, for example 'jor whit'",
        error_messages={"required": "Enter a name or reference to search for"},
    )
