"""Episodes, interviews and trigger meetings recorded in the pages (issue 14).

SQLite adds a column by rebuilding the table, which would drop the episode rules' triggers
(migration 0002) and fail on the trigger that names the table: they are lifted for the
rebuild and put back at once. PostgreSQL adds columns in place and keeps its constraint.
"""

import importlib

import django.db.models.deletion
import lantern.core.fields
from django.conf import settings
from django.db import migrations, models

RULES = importlib.import_module("lantern.missing.migrations.0002_episode_rules_in_the_database")


def lift_sqlite_rules(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in RULES.SQLITE_BACKWARD:
            schema_editor.execute(sql, params=None)


def restore_sqlite_rules(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in RULES.SQLITE_FORWARD:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('missing', '0002_episode_rules_in_the_database'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(lift_sqlite_rules, restore_sqlite_rules),
        migrations.AlterModelOptions(
            name='triggermeeting',
            options={'ordering': ['-held_on', '-id']},
        ),
        migrations.AddField(
            model_name='episode',
            name='found_with',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name='episode',
            name='out_of_area',
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='episode',
            name='placement_type',
            field=models.CharField(blank=True, choices=[('foster', 'Foster care'), ('childrens_home', "Children's home"), ('semi_independent', 'Semi-independent'), ('secure', 'Secure'), ('other', 'Other')], max_length=20),
        ),
        migrations.AddField(
            model_name='episode',
            name='provider',
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name='episode',
            name='reported_by',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name='episode',
            name='return_method',
            field=models.CharField(blank=True, choices=[('self', 'Came back by themselves'), ('police', 'Brought back by police'), ('parent_carer', 'Brought back by a parent or carer'), ('professional', 'Brought back by another professional'), ('other', 'Other')], max_length=20),
        ),
        migrations.AddField(
            model_name='episode',
            name='safe_and_well_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='episode',
            name='safe_and_well_by',
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name='episode',
            name='safe_and_well_done',
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='episode',
            name='school_told',
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='child_words',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='factors_notes',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='harm_disclosed',
            field=models.BooleanField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='not_shareable',
            field=models.BooleanField(default=False, help_text='The content never reaches partner agencies'),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='shared_with_police',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='shared_with_police_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='where_child_was',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='returninterview',
            name='with_whom',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='triggermeeting',
            name='attendees',
            field=lantern.core.fields.ListField(blank=True, help_text='Agencies that attended'),
        ),
        migrations.AddField(
            model_name='triggermeeting',
            name='next_time',
            field=models.TextField(blank=True, help_text='What to do if the child goes missing again'),
        ),
        migrations.AddField(
            model_name='triggermeeting',
            name='push_pull_factors',
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name='triggermeeting',
            name='recorded_at',
            field=models.DateTimeField(auto_now_add=True, null=True),
        ),
        migrations.AddField(
            model_name='triggermeeting',
            name='recorded_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='triggermeeting',
            name='plan',
            field=models.TextField(blank=True, help_text='Who does what by when'),
        ),
        migrations.RunPython(restore_sqlite_rules, lift_sqlite_rules),
]
