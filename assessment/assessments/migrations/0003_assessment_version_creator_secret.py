# A version counter for compare-and-swap writes, and the hash of the creator's claim secret.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_organisation_moved"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="version",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="assessment",
            name="creator_secret_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
    ]
