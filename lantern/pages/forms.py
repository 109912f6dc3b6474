"""The children list's search form: the child record's fields, the current risk level and
whether a child is missing now."""

from django import forms

from lantern.audit.forms import UkDateText
from lantern.children.models import LegalStatus
from lantern.core.fields import refuse_garbled_text
from lantern.core.forms import GovukForm
from lantern.risk.models import Level

YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]


class ChildSearchForm(forms.Form):
    q = forms.CharField(
        label="Name, reference or date of birth",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "govuk-input", "id": "search", "type": "search", "spellcheck": "false"}
        ),
    )
    district = forms.ChoiceField(label="District", required=False)
    legal_status = forms.ChoiceField(
        label="Legal status",
        required=False,
        choices=[("", "Any")] + list(LegalStatus.choices),
    )
    risk_level = forms.ChoiceField(
        label="Current risk level", required=False, choices=[("", "Any")] + list(Level.choices)
    )
    ola = forms.ChoiceField(
        label="Placed by another authority (OLA)", required=False, choices=YES_NO
    )
    uasc = forms.ChoiceField(label="UASC", required=False, choices=YES_NO)
    open_missing = forms.ChoiceField(
        label="Missing now",
        required=False,
        choices=[("", "Any"), ("yes", "Missing now")],
    )

    def __init__(self, *args, districts: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "Any")] + [(d, d) for d in districts]
        refuse_garbled_text(self.fields)
        for f in self.fields.values():
            if isinstance(f.widget, forms.Select):
                f.widget.attrs["class"] = "govuk-select"


class OpMetForm(forms.Form):
    """The Op MET list's date and district (both optional: today, every district)."""

    as_of = UkDateText(label="List as at", required=False, help_text="For example, 31/3/2021")
    district = forms.ChoiceField(label="District", required=False)

    def __init__(self, *args, districts: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", "All districts")] + [(d, d) for d in districts]
        self.fields["district"].widget.attrs["class"] = "govuk-select"
        self.fields["as_of"].widget.attrs["class"] = "govuk-input govuk-input--width-10"


class MergeFindForm(GovukForm):
    q = forms.CharField(
        label="Name, reference or date of birth of the other record",
        max_length=200,
        error_messages={"required": "Enter a name, reference or date of birth"},
    )
