"""The regime's choices and default are read from the catalogue (assessments.regimes).

State only: choices and a Python-side default never reach the database, so nothing is run there
(a plain AlterField would make SQLite rebuild the table for the changed default).
"""

from django.db import migrations, models

import assessment.assessments.regimes


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_assessment_version_creator_secret"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="regime",
                    field=models.CharField(
                        choices=assessment.assessments.regimes.regime_choices,
                        default=assessment.assessments.regimes.default_regime,
                        max_length=32,
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
