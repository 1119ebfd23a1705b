from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "assessment.actions"
    label = "actions"
    verbose_name = _("Tracked actions")

    def ready(self) -> None:
        from assessment.assessments.signals import assessment_reassessed

        assessment_reassessed.connect(_carry_over, dispatch_uid="actions.carry_over_on_reassess")


def _carry_over(sender: Any, previous: Any, reassessment: Any, **kwargs: Any) -> None:
    """A reassessment starts with the owner, due date and status of each finding's action, by rule."""
    from assessment.catalogue import default_catalogue
    from assessment.scoring import score

    from .services import carry_over

    if previous.actions.exists():
        carry_over(previous, reassessment, score(default_catalogue(), reassessment.regime, reassessment.answers))
