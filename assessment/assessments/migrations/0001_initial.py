# The Assessment model moved here from the wizard app. Its table (wizard_assessment) stays as
# it is: this migration only tells Django's state where the model now lives.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import assessment.assessments.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("accounts", "0001_initial"),
        ("wizard", "0002_organisation_and_summary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Assessment",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        (
                            "token",
                            models.CharField(
                                default=assessment.assessments.models.new_token, editable=False, max_length=32, unique=True
                            ),
                        ),
                        ("answers", models.JSONField(blank=True, default=dict)),
                        ("completed_steps", models.JSONField(blank=True, default=list)),
                        ("current_step", models.CharField(blank=True, max_length=64)),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("complete", "Complete")], default="draft", max_length=16
                            ),
                        ),
                        (
                            "regime",
                            models.CharField(
                                choices=[
                                    ("measures-2025", "2025 Measures (in force)"),
                                    ("draft-2023", "2023 draft (never in force)"),
                                ],
                                default="measures-2025",
                                max_length=32,
                            ),
                        ),
                        ("catalogue_version", models.CharField(blank=True, max_length=32)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("completed_at", models.DateTimeField(blank=True, null=True)),
                        ("rating", models.CharField(blank=True, max_length=16)),
                        ("filing_required", models.BooleanField(blank=True, null=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="assessments",
                                to="accounts.organisation",
                            ),
                        ),
                        (
                            "reassessed_from",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="reassessments",
                                to="assessments.assessment",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "wizard_assessment",
                        "ordering": ["-updated_at"],
                        "indexes": [models.Index(fields=["organisation", "-updated_at"], name="assessment_org_updated")],
                    },
                ),
            ],
        ),
    ]
