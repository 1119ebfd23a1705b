"""The words of the report: headings, severity and rating names, owners and time frames.

They are gettext strings, resolved by the context builder in the report's language, so a
bilingual edition gets both languages from the same place and the templates stay plain.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SEVERITY_LABELS = {
    "prohibited": _("Prohibited"),
    "high": _("High"),
    "medium": _("Medium"),
    "low": _("Low"),
}

RATING_LABELS = {
    "prohibited": _("Prohibited practice found"),
    "high": _("High risk"),
    "medium": _("Medium risk"),
    "low": _("Low risk"),
    "compliant": _("No gaps found"),
    "incomplete": _("Incomplete"),
}

RATING_SUMMARIES = {
    "prohibited": _("At least one practice is prohibited outright. Stop it now, before anything else."),
    "high": _("There are serious gaps against legal duties. Close them within weeks."),
    "medium": _("There are gaps to close within the next few months."),
    "low": _("Only minor gaps remain, mostly good practice."),
    "compliant": _("No gaps were found against the rules checked."),
    "incomplete": _("Some required questions are unanswered, so the result is not final."),
}

# Suggested time frames by severity; filing findings get the legal deadline instead.
TIME_FRAMES = {
    "prohibited": _("Stop now"),
    "high": _("Within 30 days"),
    "medium": _("Within 90 days"),
    "low": _("When convenient"),
}

# Suggested owner roles by topic, used when a rule names none.
DEFAULT_OWNERS = {
    "scope": _("Legal and compliance"),
    "purpose": _("Business owner of the scenario"),
    "alternatives": _("Operations and customer service"),
    "sites": _("Facilities and security manager"),
    "consent": _("Personal information protection officer"),
    "minors": _("Personal information protection officer"),
    "storage": _("IT and data owner"),
    "security": _("Information security manager"),
    "impact_assessment": _("Personal information protection officer"),
    "filing": _("Legal and compliance"),
    "sharing": _("Procurement and legal"),
    "rights": _("Customer service and privacy team"),
    "governance": _("Management and the personal information protection officer"),
    "sensitive_analysis": _("Product owner and legal"),
}
FALLBACK_OWNER = _("Legal and compliance")

HEADINGS = {
    "report": _("Facial recognition compliance gap report"),
    "cover": _("Cover"),
    "organisation": _("Organisation"),
    "scenario": _("Scenario"),
    "assessed_on": _("Date of assessment"),
    "regime": _("Regime assessed"),
    "catalogue_version": _("Catalogue version"),
    "prepared_by": _("Prepared by"),
    "prepared_with": _("Prepared with the FR compliance self-assessment"),
    "generated_on": _("Generated"),
    "summary": _("Executive summary"),
    "overall_rating": _("Overall rating"),
    "counts": _("Findings by severity"),
    "severity": _("Severity"),
    "count": _("Number"),
    "filing": _("Filing with the cyberspace administration"),
    "impact_assessment": _("Personal information protection impact assessment"),
    "required": _("Required"),
    "not_required": _("Not required"),
    "authority": _("Authority"),
    "deadline": _("Deadline"),
    "reason": _("Reason"),
    "legal_basis": _("Legal basis"),
    "retention": _("Records to keep"),
    "urgent_actions": _("The three most urgent actions"),
    "no_actions": _("No action is needed."),
    "chart": _("Findings per topic"),
    "chart_description": _("Horizontal bars: the number of findings in each topic, by severity."),
    "topic": _("Topic"),
    "met_count": _("Requirements met"),
    "findings": _("Findings"),
    "no_findings": _("No gaps were found against the rules checked."),
    "no_findings_yet": _(
        "No gaps were found in the answers given so far. The result is not final until the unanswered "
        "required questions are answered."
    ),
    "requirement": _("What the rule requires"),
    "why": _("Why this is a gap"),
    "your_answers": _("Your answers that triggered it"),
    "remediation": _("What to do"),
    "evidence": _("Evidence to keep"),
    "citations": _("Legal basis"),
    "actions": _("Action plan"),
    "priority": _("Priority"),
    "action": _("Action"),
    "finding": _("Finding"),
    "owner": _("Suggested owner"),
    "time_frame": _("Time frame"),
    "met": _("Requirements met"),
    "met_intro": _("These requirements were checked and your answers meet them."),
    "not_applicable": _("Not applicable"),
    "not_applicable_intro": _("These requirements were checked and do not apply to this scenario."),
    "covered": _("Covered by another finding"),
    "covered_intro": _(
        "These requirements are not listed as met: the finding named beside each already reports them, or "
        "asks you to confirm the answer they turn on."
    ),
    "coverage": _("Topics of the 2023 draft under the law in force"),
    "coverage_intro": _(
        "The 2025 Measures have no article of their own for these topics of the 2023 draft; the law in force "
        "judges them through the findings named here."
    ),
    "none": _("None."),
    "answers": _("Answers appendix"),
    "answers_intro": _("Every question asked and the answer given, by section."),
    "question": _("Question"),
    "answer": _("Answer"),
    "disclaimer": _("Disclaimer and sources"),
    "sources": _("Sources"),
    "issued": _("Issued"),
    "status": _("Status"),
    "penalties": _("Penalty exposure"),
    "missing": _("Unanswered required questions"),
    "not_in_scope": _("The regime does not apply to this scenario"),
    "page": _("Page"),
    "contents": _("Contents"),
    "reference": _("Reference"),
    "prepared_for": _("Client"),
    "confidential": _("Confidential: prepared for the named client only"),
    "sign_off": _("Sign-off"),
    "sign_off_intro": _("Reviewed and issued by the preparer named below."),
    "signature": _("Signature"),
    "signed_name": _("Name"),
    "signed_date": _("Date"),
}

# The running footer's "Page X of Y": split at the placeholders around the print CSS page counters.
PAGE_OF = _("Page {page} of {pages}")


def resolve(labels: Mapping[str, Promise]) -> dict[str, str]:
    """The labels as plain strings in the active language."""
    return {key: str(value) for key, value in labels.items()}
