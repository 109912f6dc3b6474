"""The triage form: the day, agencies attending, each agenda child's agreed level and notes,
and a few blank SMART action rows (it works without JavaScript)."""

from django import forms

from lantern.accounts.models import Agency
from lantern.children.forms import UkDateField
from lantern.core.forms import GovukForm
from lantern.risk.models import Level

ACTION_ROWS = 3
NOT_AGREED = [("", "No level agreed (discussed only)")]


def level_name(item) -> str:
    return f"level_{item.child.pk.hex}"


def notes_name(item) -> str:
    return f"notes_{item.child.pk.hex}"


class TriageForm(GovukForm):
    held_on = UkDateField(label="Held on", example="14 6 2024", help_text="For example, 14 6 2024")
    attendees = forms.MultipleChoiceField(
        label="Agencies that attended",
        choices=Agency.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose the agencies that attended",
            "invalid_choice": "Choose agencies from the list",
        },
    )

    def __init__(self, *args, items=(), owners=(), **kwargs):
        self.items = list(items)
        extra: dict = {}
        for item in self.items:
            who = f"{item.child.full_name} ({item.child.source_id})"
            if item.assessment is not None:
                extra[level_name(item)] = forms.ChoiceField(
                    label=f"Level agreed for {who}",
                    choices=NOT_AGREED + list(Level.choices),
                    required=False,
                    initial=item.assessment.risk_level,
                    help_text="The assessed level unless triage agrees another",
                    error_messages={"invalid_choice": "Choose none, low, medium or high"},
                )
            extra[notes_name(item)] = forms.CharField(
                label=f"Notes for {who}",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": "The notes must be 2,000 characters or fewer"},
            )
        child_choices = [("", "No child (the meeting as a whole)")] + [
            (item.child.pk.hex, f"{item.child.full_name} ({item.child.source_id})")
            for item in self.items
        ]
        for n in range(1, ACTION_ROWS + 1):
            extra[f"action{n}_description"] = forms.CharField(
                label=f"Action {n}: what is to be done",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Specific and measurable. Leave the row blank for no action.",
                error_messages={
                    "max_length": "What is to be done must be 2,000 characters or fewer"
                },
            )
            extra[f"action{n}_owner"] = forms.ChoiceField(
                label=f"Action {n}: owner",
                required=False,
                choices=[("", "Choose the owner"), *owners],
                error_messages={"invalid_choice": "Choose an owner from the list"},
            )
            extra[f"action{n}_agency"] = forms.ChoiceField(
                label=f"Action {n}: agency",
                required=False,
                choices=[("", "The owner's agency"), *Agency.choices],
                error_messages={"invalid_choice": "Choose an agency from the list"},
            )
            extra[f"action{n}_due_on"] = UkDateField(
                label=f"Action {n}: due by",
                example="30 6 2024",
                allow_future=True,
                required=False,
                help_text="For example, 30 6 2024",
            )
            extra[f"action{n}_child"] = forms.ChoiceField(
                label=f"Action {n}: child",
                required=False,
                choices=child_choices,
                error_messages={"invalid_choice": "Choose a child from the agenda"},
            )
        # Made before GovukForm's own set-up, so every field gets its GOV.UK classes.
        self.base_fields = {**type(self).base_fields, **extra}
        super().__init__(*args, **kwargs)

    def item_fields(self, item):
        """The bound level (or None) and notes fields of an agenda item."""
        level = self[level_name(item)] if level_name(item) in self.fields else None
        return level, self[notes_name(item)]

    def action_rows(self):
        return [
            [
                self[f"action{n}_{part}"]
                for part in ("description", "owner", "agency", "due_on", "child")
            ]
            for n in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, ACTION_ROWS + 1):
            what = data.get(f"action{n}_description", "").strip()
            owner = data.get(f"action{n}_owner", "")
            due = data.get(f"action{n}_due_on")
            if not (what or owner or due or self.errors.get(f"action{n}_due_on")):
                continue
            if not what:
                self.add_error(f"action{n}_description", f"Enter what action {n} is")
            if not owner:
                self.add_error(f"action{n}_owner", f"Choose who owns action {n}")
            if not due and f"action{n}_due_on" not in self.errors:
                self.add_error(f"action{n}_due_on", f"Enter when action {n} is due")
        return data
