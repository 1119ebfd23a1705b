from typing import Any

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "assessment.reports"
    label = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from assessment.assessments.signals import assessment_completed

        assessment_completed.connect(_queue_renders, dispatch_uid="reports.queue_renders_on_completion")


def _queue_renders(sender: Any, assessment: Any, actor: Any, **kwargs: Any) -> None:
    """The editions an organisation uses are rendered by a worker as soon as an assessment is complete."""
    from assessment.i18n import active_language

    from .tasks import enqueue_report_renders

    # The signal fires inside the completing request, whose language is the reader's.
    enqueue_report_renders(assessment, actor, reader_edition=active_language())
