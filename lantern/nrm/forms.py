"""The UASC record form: GOV.UK inputs, errors beside the field that say how to fix them."""

from django import forms

from lantern.children.forms import UkDateField
from lantern.core.fields import refuse_garbled_text
from lantern.core.forms import GovukForm
from lantern.nrm.models import (
    NRM_CHECKLIST,
    AgeOutcome,
    ArrivalRoute,
    GuardianOutcome,
    ImmigrationStatus,
    TraffickingOutcome,
)
from lantern.nrm.services import UASC_FIELDS

YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known")]
YES_NO = [("no", "No"), ("yes", "Yes")]
EXAMPLE = "For example, 14 3 2024"


def _choices(blank: str, choices) -> list:
    return [("", blank), *choices]


class UascRecordForm(GovukForm):
    arrival_route = forms.ChoiceField(
        label="How the child arrived",
        choices=_choices("Not recorded", ArrivalRoute.choices),
        required=False,
    )
    arrived_on = UkDateField(label="Arrival date", required=False, help_text=EXAMPLE)
    age_assessed_on = UkDateField(label="Age assessment date", required=False, help_text=EXAMPLE)
    age_outcome = forms.ChoiceField(
        label="Age assessment outcome",
        choices=_choices("Not recorded", AgeOutcome.choices),
        required=False,
    )
    age_assessor_1 = forms.CharField(
        label="First social worker who assessed the age",
        max_length=120,
        required=False,
        help_text="An age assessment is made by two social workers",
        error_messages={"max_length": "The name must be 120 characters or fewer"},
    )
    age_assessor_2 = forms.CharField(
        label="Second social worker who assessed the age",
        max_length=120,
        required=False,
        error_messages={"max_length": "The name must be 120 characters or fewer"},
    )
    trafficking_assessed_on = UkDateField(
        label="Priority trafficking assessment date", required=False, help_text=EXAMPLE
    )
    trafficking_outcome = forms.ChoiceField(
        label="Priority trafficking assessment outcome",
        choices=_choices("Not recorded", TraffickingOutcome.choices),
        required=False,
    )
    interpreter_needed = forms.ChoiceField(
        label="Does the child need an interpreter?",
        choices=YES_NO_UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    interpreter_language = forms.CharField(
        label="Language the interpreter speaks",
        max_length=80,
        required=False,
        help_text="For example, Tigrinya or Kurdish Sorani",
        error_messages={"max_length": "The language must be 80 characters or fewer"},
    )
    immigration_status = forms.ChoiceField(
        label="Immigration status",
        choices=_choices("Not recorded", ImmigrationStatus.choices),
        required=False,
    )
    guardian_referred_on = UkDateField(
        label="Independent Child Trafficking Guardian referral date",
        required=False,
        help_text=EXAMPLE,
    )
    guardian_outcome = forms.ChoiceField(
        label="Independent Child Trafficking Guardian referral outcome",
        choices=_choices("Not recorded", GuardianOutcome.choices),
        required=False,
    )
    checklist = forms.MultipleChoiceField(
        label="NRM checklist",
        choices=NRM_CHECKLIST,
        required=False,
        help_text="Tick each step that is done",
        widget=forms.CheckboxSelectMultiple,
    )
    nrm_not_referred_reason = forms.CharField(
        label="Why no NRM referral was made (if none was)",
        required=False,
        widget=forms.Textarea,
    )
    from_elsewhere = forms.ChoiceField(
        label="Is the child presenting from another authority?",
        choices=YES_NO,
        required=False,
        help_text="Placed here by, or arriving from, another local authority",
        widget=forms.RadioSelect,
    )
    from_authority = forms.CharField(
        label="Which authority",
        max_length=120,
        required=False,
        error_messages={"max_length": "The authority must be 120 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_garbled_text(self.fields)

    @classmethod
    def initial_from(cls, child, record) -> dict:
        initial = {"arrived_on": child.uasc_arrived_on, "from_elsewhere": "no"}
        if record is not None:
            for name in UASC_FIELDS:
                initial[name] = getattr(record, name)
            initial["interpreter_needed"] = {True: "yes", False: "no"}.get(
                record.interpreter_needed, ""
            )
            initial["from_elsewhere"] = "yes" if record.from_elsewhere else "no"
        return initial

    def clean(self):
        data = super().clean()
        arrived, assessed = data.get("arrived_on"), data.get("age_assessed_on")
        if arrived and assessed and assessed < arrived:
            self.add_error(
                "age_assessed_on",
                "Age assessment date must be the same as or after the arrival date",
            )
        first = (data.get("age_assessor_1") or "").strip()
        second = (data.get("age_assessor_2") or "").strip()
        if first and not second:
            self.add_error("age_assessor_2", "Enter the second social worker who assessed the age")
        elif second and not first:
            self.add_error("age_assessor_1", "Enter the first social worker who assessed the age")
        elif first and " ".join(first.split()).casefold() == " ".join(second.split()).casefold():
            self.add_error(
                "age_assessor_2",
                "The two social workers must be different people: enter another name",
            )
        if data.get("interpreter_needed") == "yes" and not data.get("interpreter_language"):
            self.add_error("interpreter_language", "Enter the language the interpreter speaks")
        if data.get("from_elsewhere") == "yes" and not data.get("from_authority"):
            self.add_error("from_authority", "Enter the authority the child is presenting from")
        return data

    def typed(self) -> dict:
        """The record's fields in the model's terms."""
        data = self.cleaned_data
        fields = {name: data.get(name) for name in UASC_FIELDS}
        for name in ("age_assessor_1", "age_assessor_2", "interpreter_language", "from_authority"):
            fields[name] = (fields[name] or "").strip()
        fields["checklist"] = [key for key, _ in NRM_CHECKLIST if key in (data["checklist"] or [])]
        fields["interpreter_needed"] = {"yes": True, "no": False}.get(data["interpreter_needed"])
        fields["from_elsewhere"] = data["from_elsewhere"] == "yes"
        if not fields["from_elsewhere"]:
            fields["from_authority"] = ""
        if not fields["interpreter_needed"]:
            fields["interpreter_language"] = ""
        for name in ("arrival_route", "age_outcome", "trafficking_outcome"):
            fields[name] = fields[name] or ""
        fields["immigration_status"] = fields["immigration_status"] or ""
        fields["guardian_outcome"] = fields["guardian_outcome"] or ""
        fields["nrm_not_referred_reason"] = fields["nrm_not_referred_reason"] or ""
        return fields
