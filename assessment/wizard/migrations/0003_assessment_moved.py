# The Assessment model moved to the assessments app, keeping its table: remove it from this
# app's state only, after every foreign key points at its new home.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0002_organisation_and_summary"),
        ("assessments", "0001_initial"),
        ("audit", "0002_assessment_moved"),
        ("reports", "0002_assessment_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="Assessment")],
        ),
    ]
