"""The upload form: one dataset file, a .zip of CSVs or an .xlsx workbook."""

import re
from pathlib import Path

from django import forms

from lantern.core.daterange import date_in_range
from lantern.interchange.schema import FILES

UPLOAD_SUFFIXES = (".zip", ".xlsx", ".csv")
# The names one CSV file may have: the dataset's own file names (dataset.md).
DATASET_FILES = frozenset(spec.name for spec in FILES)
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
# A stored upload: `<hex>.zip`, `<hex>.xlsx`, or one CSV kept under its own name `<hex>/<file>.csv`.
UPLOAD_NAME = re.compile(r"^[0-9a-f]{32}(\.(zip|xlsx)|/[a-z_]+\.csv)$")


class UploadForm(forms.Form):
    dataset = forms.FileField(
        label="Upload a dataset",
        help_text="A .zip of the dataset's CSV files, an .xlsx workbook with one sheet per file, "
        "or one CSV file named as its dataset file (such as children.csv)",
        error_messages={"required": "Select a .zip, .xlsx or .csv file to upload"},
    )

    def clean_dataset(self):
        upload = self.cleaned_data["dataset"]
        name = upload.name.lower()
        if not name.endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError("The file must be a .zip, an .xlsx or a .csv")
        if name.endswith(".csv") and Path(name).name not in DATASET_FILES:
            raise forms.ValidationError(
                "A CSV file must be named as its dataset file, such as children.csv or "
                "missing_episodes.csv"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 200 MB")
        return upload


class ConfirmForm(forms.Form):
    upload = forms.RegexField(regex=UPLOAD_NAME, widget=forms.HiddenInput)


class AnnexAForm(forms.Form):
    """The date Annex A list 8 is run for: it covers the 12 months ending on that day."""

    to = forms.DateField(
        required=False,
        label="Run the list for",
        help_text="The last day of the 12 months, for example 2025-03-31. Leave it blank for "
        "today.",
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Enter the date as YYYY-MM-DD, for example 2025-03-31"},
        widget=forms.DateInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )

    def clean_to(self):
        day = self.cleaned_data.get("to")
        return date_in_range(day, "The date the list is run for") if day else day
