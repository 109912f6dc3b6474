"""Rule: a child's current level is set by the latest full assessment: latest completion
date, then `assessment_id` compared as text byte by byte, whatever the database's locale.
The child's page, the children list and the Op MET list agree (one rule, `risk.selectors`)."""

from datetime import date

import pytest
from django.db import connection

from lantern.children.models import Child
from lantern.risk.models import Assessment
from lantern.risk.selectors import (
    assessments_of,
    current_assessment,
    op_met_children,
    review_due_on,
    with_current_level,
)
from tests.counting_helpers import a_child, an_assessment


def levels_everywhere(child) -> dict:
    return {
        "page": current_assessment(assessments_of(child)).risk_level,
        "list": with_current_level(Child.objects.filter(pk=child.pk)).get().current_level,
        "op_met": op_met_children(date(2020, 12, 31)).get(pk=child.pk).current_level,
    }


def test_the_latest_completion_date_decides(db):
    child = a_child()
    an_assessment(child, "2020-11-02", "high", source_id="TA-9")
    an_assessment(child, "2020-11-03", "low", source_id="TA-1")
    assert set(levels_everywhere(child).values()) == {"low"}


def test_on_the_same_day_the_greater_id_byte_by_byte_decides(db):
    """ "TA-b" is after "TA-B" byte by byte (0x62 > 0x42), though a dictionary puts it first."""
    child = a_child()
    an_assessment(child, "2020-11-02", "low", source_id="TA-b")
    an_assessment(child, "2020-11-02", "high", source_id="TA-B")
    assert set(levels_everywhere(child).values()) == {"low"}


def test_screenings_set_no_level(db):
    child = a_child()
    an_assessment(child, "2020-11-02", "medium")
    an_assessment(child, "2020-11-05", "high", tool="screening")
    assert set(levels_everywhere(child).values()) == {"medium"}


def test_the_review_is_due_three_months_after_the_current_assessment_unless_level_none(db):
    child = a_child()
    an_assessment(child, "2020-05-31", "medium")
    assert review_due_on(current_assessment(assessments_of(child))) == date(2020, 8, 31)
    an_assessment(child, "2020-06-30", "none")
    assert review_due_on(current_assessment(assessments_of(child))) is None


@pytest.mark.postgres
def test_the_byte_order_holds_under_a_dictionary_locale_on_postgresql(db):
    """The test cluster's locale is C; here the ids column is given an English ICU collation,
    under which "TA-B" sorts after "TA-b", and the rule still picks "TA-b"."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE COLLATION IF NOT EXISTS test_en_gb (provider = icu, locale = 'en-GB')"
        )
        cursor.execute(
            'ALTER TABLE risk_assessment ALTER COLUMN source_id TYPE varchar(64) COLLATE "test_en_gb"'
        )
    child = a_child()
    an_assessment(child, "2020-11-02", "low", source_id="TA-b")
    an_assessment(child, "2020-11-02", "high", source_id="TA-B")
    dictionary_order = list(
        Assessment.objects.filter(child=child)
        .order_by("-source_id")
        .values_list("source_id", flat=True)
    )
    assert dictionary_order == ["TA-B", "TA-b"]  # the locale really differs from byte order
    assert set(levels_everywhere(child).values()) == {"low"}
