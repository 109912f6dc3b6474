"""Our List 8 headers and codes against liiatools' own List 8 specification (vendored in
tests/interchange/data/, see its README): the London councils' pipeline must read them.

The two rules below are written from liiatools' documented behaviour: a column is matched
by its name (ignoring case and spaces at the ends) or by one of its regular expressions from
the start; a value is read as the first code, in the spec's order, that it contains, whose
name it equals, or one of whose expressions it matches from the start.
"""

import re
from pathlib import Path

import pytest
import yaml

from lantern.interchange.national import (
    ANNEX_A_D2I_NAMES,
    ANNEX_A_ETHNICITY,
    ANNEX_A_GENDER,
    ANNEX_A_LIST_8_HEADERS,
    ANNEX_A_NO,
    ANNEX_A_UNKNOWN,
    ANNEX_A_UNKNOWN_ETHNICITY,
    ANNEX_A_YES,
    L8_ACCEPTED,
    L8_OFFERED,
    L8_UASC,
)

SPEC = yaml.safe_load(
    (Path(__file__).parent / "data" / "liiatools_annex_a_list8.yml").read_text("utf-8")
)
COLUMNS, CODES = SPEC["columns"], SPEC["codes"]

# Known differences, each a liiatools quirk rather than ours: liiatools 0.2.0 letters
# "Information not yet obtained" s) like "Refused" (Ofsted's template and D2I: t) NOBT),
# and has no code for an ethnicity not recorded at all (Ofsted's u) UNKNOWN).
NOT_READ_BY_LIIATOOLS = {"t) NOBT", ANNEX_A_UNKNOWN_ETHNICITY}


def expression(text: str) -> re.Pattern:
    """liiatools writes expressions as /pattern/flags."""
    body, _, flags = text[1:].rpartition(text[0])
    return re.compile(body, re.IGNORECASE if "i" in flags else 0)


def column_matches(header: str) -> list[str]:
    actual = header.lower().strip()
    return [
        name
        for name, spec in COLUMNS.items()
        if actual == name.lower().strip()
        or any(expression(e).match(actual) for e in (spec or {}).get("regex", []))
    ]


def read_as(value: str, column: str) -> str | None:
    for code in CODES[column]:
        if str(code["code"]).lower() in value.lower() or str(code["name"]).lower() == (
            value.lower()
        ):
            return code["code"]
        if any(expression(e).match(value) for e in code.get("regex", [])):
            return code["code"]
    return None


def test_our_headers_are_liiatools_list_8_columns_in_the_same_order():
    assert ANNEX_A_LIST_8_HEADERS == list(COLUMNS)


@pytest.mark.parametrize("header", ANNEX_A_LIST_8_HEADERS)
def test_liiatools_matches_each_header_to_exactly_its_own_column(header):
    assert column_matches(header) == [header]


def test_d2i_names_would_not_be_recognised_which_is_why_they_are_not_the_default():
    missing = [name for name in ANNEX_A_D2I_NAMES.values() if not column_matches(name)]
    assert "EpisodesChildMissingFromPlacement" in missing


@pytest.mark.parametrize("code", sorted(ANNEX_A_GENDER.values()))
def test_each_gender_code_reads_as_itself(code):
    assert read_as(code, "Gender") == code


@pytest.mark.parametrize("column", [L8_UASC, L8_OFFERED, L8_ACCEPTED])
def test_yes_no_and_unknown_are_the_template_answers(column):
    assert [c["code"] for c in CODES[column]] == [ANNEX_A_YES, ANNEX_A_NO, ANNEX_A_UNKNOWN]
    for answer in (ANNEX_A_YES, ANNEX_A_NO, ANNEX_A_UNKNOWN):
        assert read_as(answer, column) == answer


@pytest.mark.parametrize("code", list(ANNEX_A_ETHNICITY.values()) + [ANNEX_A_UNKNOWN_ETHNICITY])
def test_each_ethnicity_code_reads_as_itself_apart_from_the_known_differences(code):
    if code in NOT_READ_BY_LIIATOOLS:
        assert read_as(code, "Ethnicity") is None
    else:
        assert read_as(code, "Ethnicity") == code


def test_the_known_differences_are_liiatools_lettering_not_another_census_code():
    spec_codes = [c["code"] for c in CODES["Ethnicity"]]
    assert [c.split(") ")[1] for c in spec_codes] == [
        c.split(") ")[1] for c in ANNEX_A_ETHNICITY.values()
    ]
    assert spec_codes[-2:] == ["s) REFU", "s) NOBT"]
