"""Forms for the network: entities, links, intelligence, disruptions. Errors say how to fix."""

from django import forms

from lantern.children.forms import UkDateField
from lantern.children.selectors import child_list_visible_to
from lantern.core.forms import GovukCheckboxes
from lantern.mapping.models import (
    EntityKind,
    HandlingCode,
    LinkSource,
    Operation,
    Relation,
    Tactic,
)
from lantern.mapping.selectors import entity_by_reference, grading_is_valid

GRADING_HELP = "For example B2 (5x5x5) or 1A (3x5x2). Leave blank if not graded"


class GovukForm(forms.Form):
    """GOV.UK classes on every widget, and the hint named by aria-describedby."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, forms.Select):
                widget.attrs["class"] = "govuk-select"
            elif isinstance(widget, forms.Textarea):
                widget.attrs.update({"class": "govuk-textarea", "rows": 5})
            elif isinstance(widget, forms.TextInput):
                widget.attrs["class"] = "govuk-input"
                widget.attrs["spellcheck"] = "false"


def _choices(blank: str, choices) -> list:
    return [("", blank), *choices]


def operations_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="Police operations",
        queryset=Operation.objects.all(),
        required=False,
        help_text="Tick each operation this belongs to",
        widget=GovukCheckboxes,
    )


def drop_operations_if_none(form) -> None:
    """The `operations` checkboxes are left out while no operation is recorded."""
    if not Operation.objects.exists():
        del form.fields["operations"]


class EntityForm(GovukForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=_choices("Choose a kind", EntityKind.choices),
        error_messages={"required": "Select what kind of person, place or thing this is"},
    )
    label = forms.CharField(
        label="Name or description",
        max_length=200,
        help_text="A name, an address, a number plate, a phone number or a user name",
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
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)
    operations = operations_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        drop_operations_if_none(self)


def resolve_ref(user, text: str) -> str | None:
    """`entity:<id>` or `child:<id>` for a typed reference; children only if the user may
    open them. Entities are looked up first (their ids never clash with children's in a
    dataset)."""
    text = text.strip()
    for prefix in ("entity:", "child:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    if not text:
        return None
    entity = entity_by_reference(text)
    if entity is not None:
        return entity.ref
    if child_list_visible_to(user).filter(source_id=text).exists():
        return f"child:{text}"
    return None


class LinkForm(GovukForm):
    from_ref = forms.CharField(
        label="From: reference of a child, person, place or thing",
        max_length=80,
        help_text="For example HC00527 for a child or EA001 for an adult of concern",
        error_messages={"required": "Enter the reference of the first child or entity"},
    )
    to_ref = forms.CharField(
        label="To: reference of a child, person, place or thing",
        max_length=80,
        error_messages={"required": "Enter the reference of the second child or entity"},
    )
    relation = forms.ChoiceField(
        label="How they are linked",
        choices=_choices("Choose a relation", Relation.choices),
        error_messages={"required": "Select how they are linked"},
    )
    source = forms.ChoiceField(
        label="Where this came from",
        choices=_choices("Choose a source", LinkSource.choices),
        error_messages={"required": "Select where this link came from"},
    )
    grading = forms.CharField(
        label="Intelligence grade", max_length=10, required=False, help_text=GRADING_HELP
    )
    first_seen = UkDateField(label="First seen", required=False, help_text="For example, 14 3 2024")
    last_seen = UkDateField(label="Last seen", required=False, help_text="For example, 14 3 2024")
    operations = operations_field()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        drop_operations_if_none(self)

    def _ref(self, name: str) -> str:
        ref = resolve_ref(self.user, self.cleaned_data.get(name, ""))
        if ref is None:
            raise forms.ValidationError(
                "No child or entity has that reference: check it, or add the entity first"
            )
        return ref

    def clean_from_ref(self) -> str:
        return self._ref("from_ref")

    def clean_to_ref(self) -> str:
        return self._ref("to_ref")

    def clean_grading(self) -> str:
        grading = self.cleaned_data.get("grading", "").strip().upper()
        if not grading_is_valid(grading):
            raise forms.ValidationError(
                GRADING_HELP.replace("For example", "Enter a grade such as")
            )
        return grading

    def clean(self):
        data = super().clean()
        if data.get("from_ref") and data.get("from_ref") == data.get("to_ref"):
            self.add_error("to_ref", "A link joins two different records: enter another reference")
        first, last = data.get("first_seen"), data.get("last_seen")
        if first and last and last < first:
            self.add_error("last_seen", "Last seen must be the same as or after first seen")
        return data


def _refs_list(user, text: str, *, children: bool) -> tuple[list[str], list[str]]:
    """Refs for a comma-separated list of references, and the references not found."""
    found, unknown = [], []
    for part in [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]:
        ref = resolve_ref(user, part)
        wanted = "child:" if children else "entity:"
        if ref is None or not ref.startswith(wanted):
            unknown.append(part)
        elif ref not in found:
            found.append(ref)
    return found, unknown


class IntelligenceForm(GovukForm):
    received_on = UkDateField(label="Date of the information", help_text="For example, 14 3 2024")
    agency = forms.CharField(
        label="Your agency",
        max_length=50,
        help_text="For example police, school, health",
        error_messages={"required": "Enter your agency, for example police"},
    )
    summary = forms.CharField(
        label="What you know",
        widget=forms.Textarea,
        help_text="What was seen or heard, where and when. Do not include anything you would not want read out at a meeting",
        error_messages={"required": "Enter what you know"},
    )
    children = forms.CharField(
        label="Children this is about (references)",
        required=False,
        help_text="Separate references with commas, for example HC00527, HC00381",
    )
    entities = forms.CharField(
        label="People, places or things (references)",
        required=False,
        help_text="Separate references with commas, for example EA001, EL002",
    )
    grading = forms.CharField(
        label="Intelligence grade", max_length=10, required=False, help_text=GRADING_HELP
    )
    handling_code = forms.ChoiceField(
        label="Handling code",
        choices=_choices("Choose a handling code", HandlingCode.choices),
        error_messages={
            "required": "Select a handling code: P if it may be shared, C if there are conditions"
        },
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def _list(self, name: str, *, children: bool) -> list[str]:
        refs, unknown = _refs_list(self.user, self.cleaned_data.get(name, ""), children=children)
        if unknown:
            what = "child you can see" if children else "entity"
            raise forms.ValidationError(
                f"No {what} has the reference {', '.join(unknown)}: check it"
            )
        return refs

    def clean_children(self) -> list[str]:
        return self._list("children", children=True)

    def clean_entities(self) -> list[str]:
        return self._list("entities", children=False)

    def clean_grading(self) -> str:
        grading = self.cleaned_data.get("grading", "").strip().upper()
        if not grading_is_valid(grading):
            raise forms.ValidationError(
                GRADING_HELP.replace("For example", "Enter a grade such as")
            )
        return grading

    def clean(self):
        data = super().clean()
        if not self.has_error("children") and not self.has_error("entities"):
            if not (data.get("children") or data.get("entities")):
                self.add_error("children", "Enter at least one child's or entity's reference")
        return data


class DisruptionForm(GovukForm):
    tactic = forms.ChoiceField(
        label="What was done",
        choices=_choices("Choose an action", Tactic.choices),
        error_messages={"required": "Select what was done"},
    )
    on = UkDateField(label="Date", help_text="For example, 14 3 2024")
    targets = forms.CharField(
        label="Against (references)",
        help_text="Separate references with commas, for example EA001, EL002",
        error_messages={"required": "Enter the reference of the person or place"},
    )
    outcome = forms.CharField(label="Outcome", required=False, widget=forms.Textarea)
    operations = operations_field()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        drop_operations_if_none(self)

    def clean_targets(self) -> list[str]:
        refs, unknown = _refs_list(self.user, self.cleaned_data.get("targets", ""), children=False)
        if unknown:
            raise forms.ValidationError(
                f"No entity has the reference {', '.join(unknown)}: check it"
            )
        return refs


class AsOfForm(GovukForm):
    as_of = UkDateField(
        label="The network as known on",
        required=False,
        help_text="For example, 30 11 2020. Leave blank for everything recorded",
    )


class NetworkFilterForm(GovukForm):
    """The network view's filters: all optional, read from the address (no names in it)."""

    depth = forms.TypedChoiceField(
        label="Steps out",
        choices=[(1, "1 step"), (2, "2 steps"), (3, "3 steps")],
        coerce=int,
        required=False,
        empty_value=1,
    )
    relation = forms.ChoiceField(
        label="Relation", choices=_choices("Every relation", Relation.choices), required=False
    )
    grade = forms.CharField(
        label="Grade", max_length=10, required=False, help_text="For example B2"
    )
    seen_from = UkDateField(label="Seen from", required=False, help_text="For example, 1 6 2020")
    seen_to = UkDateField(label="Seen to", required=False, help_text="For example, 30 11 2020")

    def clean_grade(self) -> str:
        grade = self.cleaned_data.get("grade", "").strip().upper()
        if not grading_is_valid(grade):
            raise forms.ValidationError(
                GRADING_HELP.replace("For example", "Enter a grade such as")
            )
        return grade

    def clean(self):
        data = super().clean()
        if data.get("seen_from") and data.get("seen_to") and data["seen_to"] < data["seen_from"]:
            self.add_error("seen_to", "Seen to must be the same as or after seen from")
        return data


class OperationForm(GovukForm):
    name = forms.CharField(
        label="Name of the operation",
        max_length=120,
        help_text="For example, Operation Flint",
        error_messages={
            "required": "Enter the name of the operation",
            "max_length": "The name must be 120 characters or fewer",
        },
    )
    started_on = UkDateField(label="Started on", required=False, help_text="For example, 14 3 2024")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Operation.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError("An operation has this name already: enter another name")
        return name
