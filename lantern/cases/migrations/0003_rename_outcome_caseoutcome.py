"""`Outcome` is called `CaseOutcome` (it collided with the return interview's outcome); the table keeps its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_onwardreferral_onward_referred_not_before_need_and_more")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameModel("Outcome", "CaseOutcome"),
                migrations.AlterModelTable("CaseOutcome", "cases_outcome"),
            ],
            database_operations=[],
        )
    ]
