from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.assessments.models import Assessment


class HandlerFilingForm(forms.Form):
    deduplicated_people = forms.IntegerField(
        label=_("Distinct people across all scenarios, duplicates removed"), min_value=0, required=False
    )
    reached_on = forms.DateField(label=_("Day the count reached 100,000"), required=False)
    filed_on = forms.DateField(label=_("Day the filing was made"), required=False)

    def __init__(self, *args: Any, scenarios: list[Assessment], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scenarios = scenarios
        for scenario in scenarios:
            self.fields[f"changed_{scenario.pk}"] = forms.DateField(label=_("Substantive change on"), required=False)
            self.fields[f"ended_{scenario.pk}"] = forms.DateField(label=_("Use ended on"), required=False)

    def scenario_rows(self) -> list[dict[str, Any]]:
        return [
            {"scenario": s, "changed": self[f"changed_{s.pk}"], "ended": self[f"ended_{s.pk}"]} for s in self.scenarios
        ]
