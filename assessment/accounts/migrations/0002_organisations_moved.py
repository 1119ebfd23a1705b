# Organisation, Membership and Invitation moved to the organisations app, keeping their tables:
# remove them from this app's state only, after every foreign key points at their new home.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("organisations", "0001_initial"),
        ("assessments", "0002_organisation_moved"),
        ("audit", "0003_organisation_moved"),
        ("wizard", "0003_assessment_moved"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Invitation"),
                migrations.DeleteModel(name="Membership"),
                migrations.DeleteModel(name="Organisation"),
            ],
        ),
    ]
