"""The children list's search form: the child record's fields, the current risk level and
whether a child is missing now."""

from django import forms

from lantern.audit.forms import UkDateText
from lantern.children.models import LegalStatus
from lantern.core.fields import refuse_garbled_text
from lantern.core.forms import GovukForm, GovukRadios
from lantern.mapping.models import EntityKind, Relation
from lantern.mapping.selectors import grading_is_valid
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


# --- People and places named in a return interview ----------------------------------------

# A child is found at, frequents or lives at a place: those relations only join a place.
PLACE_RELATIONS = frozenset({Relation.FOUND_AT, Relation.FREQUENTS, Relation.LIVES_AT})
PLACE_KINDS = frozenset({EntityKind.LOCATION, EntityKind.BUSINESS})
PLACE_ONLY = (
    "Found at, frequents and lives at join a child to a place: choose another relation, "
    "or a location or business"
)
GRADE_HINT = "For example B2 (5x5x5) or 1A (3x5x2). Leave blank if not graded"


def _grade_field() -> forms.CharField:
    return forms.CharField(
        label="Intelligence grade",
        max_length=10,
        required=False,
        help_text=GRADE_HINT,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4"}),
    )


def _relation_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="How the child is linked to them",
        choices=[("", "Choose a relation"), *Relation.choices],
        error_messages={"required": "Select how the child is linked to them"},
    )


class _LinkFields(GovukForm):
    """The relation and grade every link from an interview has, and the place rule."""

    def clean_grading(self) -> str:
        grading = self.cleaned_data.get("grading", "").strip().upper()
        if not grading_is_valid(grading):
            raise forms.ValidationError("Enter a grade such as B2 (5x5x5) or 1A (3x5x2)")
        return grading

    def check_place(self, kind: str) -> None:
        if self.cleaned_data.get("relation") in PLACE_RELATIONS and kind not in PLACE_KINDS:
            self.add_error("relation", PLACE_ONLY)


class EntitySearchForm(GovukForm):
    """Posted, so a name typed in never reaches the address or the server's logs."""

    q = forms.CharField(
        label="Name, description or reference",
        max_length=200,
        help_text="For example a first name, a street or a number plate",
        error_messages={"required": "Enter a name, description or reference to search for"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_garbled_text(self.fields)


class LinkExistingForm(_LinkFields):
    entity = forms.ChoiceField(
        label="Who or where",
        widget=GovukRadios,
        error_messages={
            "required": "Select the person or place to link",
            "invalid_choice": "Select one of the people or places found",
        },
    )
    relation = _relation_field()
    grading = _grade_field()

    def __init__(self, *args, entities: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.entities = {str(e.pk): e for e in entities}
        self.fields["entity"].choices = [
            (key, f"{e.label or e.source_id} ({e.get_kind_display().lower()}, {e.source_id})")
            for key, e in self.entities.items()
        ]

    def clean(self):
        data = super().clean()
        entity = self.entities.get(data.get("entity", ""))
        if entity is not None:
            data["entity"] = entity
            self.check_place(entity.kind)
        return data


class NewEntityForm(_LinkFields):
    kind = forms.ChoiceField(
        label="What it is",
        choices=[("", "Choose a kind"), *EntityKind.choices],
        error_messages={"required": "Select whether this is a person, a place or a thing"},
    )
    label = forms.CharField(
        label="Name or description",
        max_length=200,
        help_text="A name, an address or a description. Do not copy in what the child said",
        error_messages={
            "required": "Enter a name or description",
            "max_length": "Name or description must be 200 characters or fewer",
        },
    )
    district = forms.CharField(
        label="District",
        max_length=100,
        required=False,
        error_messages={"max_length": "District must be 100 characters or fewer"},
    )
    relation = _relation_field()
    grading = _grade_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_garbled_text(self.fields)

    def clean(self):
        data = super().clean()
        if data.get("kind"):
            self.check_place(data["kind"])
        return data


class MergeFindForm(GovukForm):
    q = forms.CharField(
        label="Name, reference or date of birth of the other record",
        max_length=200,
        error_messages={"required": "Enter a name, reference or date of birth"},
    )
