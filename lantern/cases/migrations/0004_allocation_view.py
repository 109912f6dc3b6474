"""Who holds a child (`children.Allocation`): a view over open cases, the same SQL on SQLite
and PostgreSQL, so it is never out of date."""

from django.db import migrations

CREATE = """
CREATE VIEW children_allocation AS
SELECT id, child_id, allocated_to_id AS user_id, worker
FROM cases_case
WHERE closed_on IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_rename_outcome_caseoutcome"),
        ("children", "0002_allocation"),
    ]

    operations = [migrations.RunSQL(CREATE, "DROP VIEW children_allocation")]
