"""The action plan as XLSX (openpyxl: a sheet of actions, a sheet of findings) and as CSV."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from assessment.catalogue.model import Catalogue, Citation
from assessment.scoring.citations import format_citation
from assessment.scoring.result import Result

from .models import Action


def _citations(catalogue: Catalogue, citations: tuple[Citation, ...], language: str) -> str:
    return "; ".join(format_citation(catalogue, c, language) for c in citations)


def _owner(action: Action) -> str:
    if action.owner is None:
        return ""
    return action.owner.get_full_name() or action.owner.email


def action_rows(catalogue: Catalogue, result: Result, actions: list[Action], language: str) -> list[list[str]]:
    by_rule = {action.rule_id: action for action in actions}
    rows = [
        [
            _("Rule"),
            _("Finding"),
            _("Severity"),
            _("Citation"),
            _("Status"),
            pgettext("person responsible for an action", "Owner"),
            _("Due date"),
            _("Justification"),
        ]
    ]
    for finding in result.findings:
        action = by_rule.get(finding.rule.id)
        rows.append(
            [
                finding.rule.id,
                finding.rule.title.get(language),
                finding.severity,
                _citations(catalogue, finding.citations, language),
                action.get_status_display() if action else "",
                _owner(action) if action else "",
                action.due_date.isoformat() if action and action.due_date else "",
                action.justification if action else "",
            ]
        )
    return rows


def finding_rows(catalogue: Catalogue, result: Result, language: str) -> list[list[str]]:
    rows = [[_("Rule"), _("Finding"), _("Severity"), _("Citation"), _("What to do")]]
    for finding in result.findings:
        rows.append(
            [
                finding.rule.id,
                finding.rule.title.get(language),
                finding.severity,
                _citations(catalogue, finding.citations, language),
                finding.rule.remediation.get(language),
            ]
        )
    return rows


def actions_xlsx(catalogue: Catalogue, result: Result, actions: list[Action], language: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Actions")[:31]
    for row in action_rows(catalogue, result, actions, language):
        sheet.append(row)
    findings = workbook.create_sheet(_("Findings")[:31])
    for row in finding_rows(catalogue, result, language):
        findings.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def actions_csv(catalogue: Catalogue, result: Result, actions: list[Action], language: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(action_rows(catalogue, result, actions, language))
    # A byte order mark so that Excel opens the Chinese text as UTF-8.
    return "\ufeff" + buffer.getvalue()
