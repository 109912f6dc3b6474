"""Sign-in and user management forms."""

from django import forms
from django.contrib.auth import password_validation

from lantern.accounts.models import Role, Team, User
from lantern.core.fields import refuse_garbled_text


class GovukFormMixin:
    """GOV.UK classes on widgets, and error styling once validated.

    Django points each input's aria-describedby at `<id>_helptext` and `<id>_error`, the ids
    includes/field.html writes."""

    widget_classes = {
        "select": "govuk-select",
        "textarea": "govuk-textarea",
        "checkbox": "govuk-checkboxes__input",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        refuse_garbled_text(self.fields)
        for field in self.fields.values():
            kind = getattr(field.widget, "input_type", None) or field.widget.__class__.__name__
            css = self.widget_classes.get(str(kind).lower(), "govuk-input")
            field.widget.attrs["class"] = f"{css} {field.widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            base = attrs["class"].split()[0]
            attrs["class"] += f" {base}--error"


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input--width-5 govuk-input--extra-letter-spacing",
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "min_length": "Enter all 6 digits of the code",
            "max_length": "The code has 6 digits",
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("The code has only numbers, for example 123456")
        return code


class UserForm(GovukFormMixin, forms.ModelForm):
    """Who someone is and what they may see. Usernames are fixed once created."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "role", "team", "agency", "district"]
        labels = {"email": "Email address", "district": "District (partners only)"}
        help_texts = {
            "team": "Practitioners see the children of their team's districts",
            "district": "Partners see only children shared with their agency and district",
        }
        error_messages = {
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["team"].empty_label = "No team"
        self.fields["email"].widget.attrs.update(spellcheck="false", autocomplete="off")

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PARTNER and not data.get("district"):
            self.add_error("district", "Enter the district this partner works in")
        return data


class NewUserForm(UserForm):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Letters, numbers and . - _ only. It cannot be changed later",
        error_messages={"required": "Enter a username"},
    )
    password = forms.CharField(
        label="Temporary password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Give it to them in person or by phone, never by email",
        error_messages={"required": "Enter a temporary password"},
    )

    field_order = ["username", "first_name", "last_name", "email", "password"]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not username.replace(".", "").replace("-", "").replace("_", "").isalnum():
            raise forms.ValidationError("Use only letters, numbers and . - _ in the username")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken: choose another")
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            candidate = User(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class TeamForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Team name", max_length=100, error_messages={"required": "Enter the team's name"}
    )
    districts = forms.CharField(
        label="Districts",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="One district on each line, for example Hart and Rushmoor",
    )

    def __init__(self, *args, team: Team | None = None, **kwargs):
        self.team = team
        if team is not None and "initial" not in kwargs:
            kwargs["initial"] = {"name": team.name, "districts": "\n".join(team.districts)}
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = Team.objects.filter(name__iexact=name)
        if self.team is not None:
            taken = taken.exclude(pk=self.team.pk)
        if taken.exists():
            raise forms.ValidationError("There is already a team with that name")
        return name

    def clean_districts(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["districts"].splitlines() if line.strip()
        ]
