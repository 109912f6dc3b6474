"""The assessment form (built from a tool version), a manager's decision on an override, and
the admin's tool editor."""

from django import forms

from lantern.children.forms import UkDateField
from lantern.core.forms import GovukForm, GovukRadios
from lantern.risk.models import ExploitationType, Level, PoliceGrade, Reason, Recency

RECENCY_CHOICES = [("", "Not seen")] + list(Recency.choices)
INDICATOR_PREFIX = "indicator_"


class AssessmentForm(GovukForm):
    """One radio group per indicator of the tool, then what the person decides."""

    completed_on = UkDateField(label="Date completed", help_text="For example, 3 6 2024")
    exploitation_types = forms.MultipleChoiceField(
        label="Exploitation types",
        choices=ExploitationType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply; choose other if none fits.",
        error_messages={"required": "Select at least one exploitation type, or other if none fits"},
    )
    child_words = forms.CharField(
        label="The child's own words", required=False, widget=forms.Textarea, max_length=10000
    )
    risk_level = forms.ChoiceField(
        label="Level you set",
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level you set"},
    )
    override_reason = forms.CharField(
        label="Why is the level different from the suggestion?",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
        help_text="Needed only when the level you set is not the suggested one. A manager approves it.",
    )
    reason = forms.ChoiceField(
        label="Reason for the assessment",
        required=False,
        choices=[("", "As worked out from the child's earlier assessments")] + list(Reason.choices),
    )

    def __init__(self, *args, tool, **kwargs):
        self.tool = tool
        super().__init__(*args, **kwargs)
        indicator_fields = {}
        for indicator in tool.indicators:
            indicator_fields[INDICATOR_PREFIX + indicator["code"]] = forms.ChoiceField(
                label=indicator["text"],
                choices=RECENCY_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
        for f in indicator_fields.values():
            f.widget = GovukRadios(choices=f.widget.choices)
        self.fields = {**indicator_fields, **self.fields}
        if tool.is_screening:
            self.fields["risk_level"].label = "The screener's view of the level"
            self.fields["risk_level"].help_text = "A screening sets no level: no rule reads this."
            del self.fields["override_reason"]
            del self.fields["reason"]

    def answers(self) -> dict:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            name.removeprefix(INDICATOR_PREFIX): data.get(name) or ""
            for name in self.fields
            if name.startswith(INDICATOR_PREFIX) and data.get(name)
        }

    def indicator_groups(self) -> list[tuple[str, list]]:
        labels = {
            "vulnerability": "Vulnerabilities",
            "moderate": "Moderate indicators",
            "significant": "Significant indicators",
        }
        groups: dict[str, list] = {}
        for indicator in self.tool.indicators:
            groups.setdefault(indicator.get("category", "moderate"), []).append(
                self[INDICATOR_PREFIX + indicator["code"]]
            )
        order = list(labels)
        keys = sorted(groups, key=lambda k: order.index(k) if k in order else len(order))
        return [(labels.get(k, k), groups[k]) for k in keys]

    def decision_fields(self) -> list:
        return [self[n] for n in self.fields if not n.startswith(INDICATOR_PREFIX)]


class LevelDecisionForm(GovukForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("agree", "Agree with the level set"), ("change", "Set a different level")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select agree or set a different level"},
    )
    new_level = forms.ChoiceField(
        label="Different level",
        required=False,
        choices=[("", "Choose a level")] + list(Level.choices),
    )
    reason = forms.CharField(label="Why", required=False, widget=forms.Textarea, max_length=5000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "change":
            if not data.get("new_level"):
                self.add_error("new_level", "Choose the level you set")
            if not (data.get("reason") or "").strip():
                self.add_error("reason", "Enter why you set a different level")
        return data


class ToolForm(GovukForm):
    """The admin edits a tool as lines of text; saving makes a new version."""

    name = forms.CharField(label="Name", max_length=100)
    indicators = forms.CharField(
        label="Indicators",
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "false"}),
        help_text="One a line: category | code | weight | wording. Categories: vulnerability, moderate, significant.",
        error_messages={"required": "Enter at least one indicator"},
    )
    bands = forms.CharField(
        label="Score bands",
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
        help_text="One a line: level | lowest score. Levels: none, low, medium, high.",
        error_messages={"required": "Enter the score bands"},
    )

    CATEGORIES = ("vulnerability", "moderate", "significant")

    def clean_indicators(self) -> list[dict]:
        result, seen = [], set()
        for n, line in enumerate(self.cleaned_data["indicators"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|", 3)]
            if len(parts) != 4 or not parts[3]:
                raise forms.ValidationError(f"Line {n}: write category | code | weight | wording")
            category, code, weight, text = parts
            if category not in self.CATEGORIES:
                raise forms.ValidationError(
                    f"Line {n}: the category is vulnerability, moderate or significant"
                )
            if not code.replace("_", "").isalnum() or code in seen:
                raise forms.ValidationError(
                    f"Line {n}: the code must be letters, numbers or _ and not used twice"
                )
            if not weight.isdigit() or int(weight) > 100:
                raise forms.ValidationError(f"Line {n}: the weight is a whole number up to 100")
            seen.add(code)
            result.append({"code": code, "text": text, "category": category, "weight": int(weight)})
        if not result:
            raise forms.ValidationError("Enter at least one indicator")
        return result

    def clean_bands(self) -> list[dict]:
        result = []
        for n, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 2 or parts[0] not in Level.values or not parts[1].isdigit():
                raise forms.ValidationError(
                    f"Line {n}: write level | lowest score, for example low | 1"
                )
            result.append({"level": parts[0], "min_score": int(parts[1])})
        if not any(b["min_score"] == 0 for b in result):
            raise forms.ValidationError("One band must start at 0, so every score has a level")
        return result

    @staticmethod
    def initial_from(tool) -> dict:
        return {
            "name": tool.name,
            "indicators": "\n".join(
                f"{i['category']} | {i['code']} | {i['weight']} | {i['text']}"
                for i in tool.indicators
            ),
            "bands": "\n".join(f"{b['level']} | {b['min_score']}" for b in tool.bands),
        }


class PoliceGradingSendForm(GovukForm):
    """Send a child assessed high to the police for grading (this shares the child)."""

    reason = forms.CharField(
        label="Why are you sending this child for police grading?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter why the child is sent for police grading"},
    )
    review_on = UkDateField(
        label="Review the police share by",
        allow_future=True,
        help_text="For example, 3 9 2024. Used only when the child is not already shared "
        "with the police.",
    )
    ends_on = UkDateField(
        label="End the police share on", allow_future=True, help_text="For example, 3 12 2024"
    )

    def clean(self):
        data = super().clean()
        review, end = data.get("review_on"), data.get("ends_on")
        if review and end and review > end:
            self.add_error("review_on", "The review date must be on or before the end date")
        return data


class PoliceGradeForm(GovukForm):
    grade = forms.ChoiceField(
        label="Police grade",
        choices=PoliceGrade.choices,
        widget=GovukRadios,
        error_messages={"required": "Select the police grade"},
    )
    graded_on = UkDateField(label="Date graded", help_text="For example, 3 9 2024")


class PoliceAllocateForm(GovukForm):
    allocated_to = forms.CharField(
        label="Officer or team allocated",
        max_length=100,
        error_messages={"required": "Enter the officer or team the child is allocated to"},
    )
    allocated_on = UkDateField(label="Date allocated", help_text="For example, 3 9 2024")
