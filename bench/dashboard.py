"""How fast the dashboard answers a consultant with 500 client organisations and 10,000 assessments.

Builds the data with bulk_create in a throwaway SQLite database, then times a few typical
dashboard requests through Django's test client (no network), printing the median time and
the number of queries of each. Run: .venv/bin/python bench/dashboard.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ORGANISATIONS = 500
ASSESSMENTS = 10_000
REPEATS = 7


def setup_django(database: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "assessment.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_data() -> object:
    from django.contrib.auth.models import User
    from django.utils import timezone

    from assessment.assessments.models import Assessment
    from assessment.organisations.models import Membership, Organisation

    consultant = User.objects.create_user("consultant@example.com", "consultant@example.com", first_name="Chen")
    organisations = Organisation.objects.bulk_create(Organisation(name=f"Client {n:03}") for n in range(ORGANISATIONS))
    Membership.objects.bulk_create(Membership(user=consultant, organisation=o, role="owner") for o in organisations)
    ratings = ["prohibited", "high", "medium", "low", "incomplete", "compliant"]
    now = timezone.now()
    Assessment.objects.bulk_create(
        (
            Assessment(
                organisation=organisations[n % ORGANISATIONS],
                answers={"org_name": f"Client {n % ORGANISATIONS:03}", "scenario_name": f"Scenario {n:05}"},
                status="complete" if n % 3 else "draft",
                rating=ratings[n % len(ratings)],
                filing_required=n % 4 == 0,
                updated_by=consultant,
            )
            for n in range(ASSESSMENTS)
        ),
        batch_size=1000,
    )
    # bulk_create sets auto_now fields to one instant; spread them out as real edits would be.
    for n, pk in enumerate(Assessment.objects.values_list("pk", flat=True)[:500]):
        Assessment.objects.filter(pk=pk).update(updated_at=now - timedelta(minutes=n))
    return consultant


def time_requests(consultant: object) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")  # no test environment: templates render as in production
    client.force_login(consultant)  # type: ignore[arg-type]
    second_org = consultant.memberships.order_by("organisation__name")[1].organisation_id  # type: ignore[attr-defined]
    cases = {
        "first page, newest first": "/dashboard/",
        "sorted by rating": "/dashboard/?sort=rating",
        "sorted by scenario": "/dashboard/?sort=scenario",
        "high risk, complete": "/dashboard/?rating=high&status=complete",
        "one client": f"/dashboard/?organisation={second_org}",
        "page 400 of 400": "/dashboard/?page=400",
    }
    print(f"{ORGANISATIONS} organisations, {ASSESSMENTS} assessments, median of {REPEATS} requests")
    for label, url in cases.items():
        timings = []
        for _ in range(REPEATS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        median = statistics.median(timings) * 1000
        print(f"  {label:28} {median:7.1f} ms  {len(queries.captured_queries)} queries")


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory) / "bench.sqlite3")
        started = time.perf_counter()
        consultant = build_data()
        print(f"data built in {time.perf_counter() - started:.1f} s")
        time_requests(consultant)


if __name__ == "__main__":
    main()
