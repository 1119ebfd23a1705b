"""The database layer on PostgreSQL (scripts/test.sh runs this with DATABASE_URL set).

On the default SQLite run these tests check the same behaviour there; the vendor test makes
sure the PostgreSQL run really is on PostgreSQL.
"""

from __future__ import annotations

import os

import pytest
from django.db import connection

from assessment.assessments.models import Assessment

pytestmark = pytest.mark.django_db


def test_the_database_is_the_one_database_url_names() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_chinese_answers_and_lists_survive_a_round_trip() -> None:
    answers = {
        "org_name": "深圳某某科技有限公司",
        "se1_controls": ["encryption", "access_control"],
        "fl1_people_stored": 150000,
    }
    assessment = Assessment.objects.create(answers=answers)
    assert Assessment.objects.get(pk=assessment.pk).answers == answers


def test_assessments_can_be_found_by_an_answer() -> None:
    Assessment.objects.create(answers={"org_name": "甲公司", "fl1_people_stored": 150000})
    Assessment.objects.create(answers={"org_name": "乙公司", "fl1_people_stored": 800})
    assert list(Assessment.objects.filter(answers__org_name="甲公司").values_list("answers__org_name", flat=True)) == [
        "甲公司"
    ]
    assert Assessment.objects.filter(answers__fl1_people_stored__gte=100000).count() == 1
