"""GOV.UK classes for any Django form, so one template (`includes/form_fields.html`) can draw
each field with its label, hint and error beside it."""

from django import forms


def widget_kind(widget) -> str:
    """Which GOV.UK component draws the widget."""
    if getattr(widget, "lantern_kind", ""):
        return widget.lantern_kind
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    return "text"


class _FirstOptionLabelled:
    """The field's own id is the first option's, so error links and labels land on it."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class GovukRadios(_FirstOptionLabelled, forms.RadioSelect):
    lantern_kind = "radios"


class GovukCheckboxes(_FirstOptionLabelled, forms.CheckboxSelectMultiple):
    lantern_kind = "checkboxes"


CLASSES = {
    "select": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "textarea": "govuk-textarea",
    "text": "govuk-input",
}


class GovukForm(forms.Form):
    """A form whose widgets carry GOV.UK classes and point at their hints."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            widget = f.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                if not isinstance(widget, GovukCheckboxes):
                    f.widget = GovukCheckboxes(choices=widget.choices)
            elif isinstance(widget, forms.RadioSelect) and not isinstance(widget, GovukRadios):
                f.widget = GovukRadios(choices=widget.choices)
            kind = widget_kind(f.widget)
            f.widget.lantern_kind = kind
            css = CLASSES.get(kind)
            if css and "class" not in f.widget.attrs:
                f.widget.attrs["class"] = css
            if kind == "textarea":
                f.widget.attrs.setdefault("rows", 4)
            # Django names the hint and error ids in aria-describedby itself (`<id>_helptext`,
            # `<id>_error`), the ids includes/field.html writes.
