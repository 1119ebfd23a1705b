"""The one way views reach an assessment: scoped to what the visitor may see, else 404.

An assessment of an organisation is reachable only by its members, with the role the action
needs ("view": any member; "edit": owners and editors; "own": owners). An anonymous quick
assessment (no organisation) is reachable by whoever holds its unguessable link, to view and
to edit, never to delete; once claimed into an organisation, the link alone no longer works.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from assessment.organisations.access import effective_role, role_allows
from assessment.organisations.models import ROLES_FOR

from .models import Assessment
from .services import secret_hash

SESSION_KEY = "assessment_tokens"
# token -> the secret whose hash the assessment keeps: proof that this browser created it.
CREATOR_KEY = "assessment_creator_secrets"
REMEMBERED_LIMIT = 50


def get_assessment_or_404(request: HttpRequest, token: str, edit: bool = False, need: str = "view") -> Assessment:
    """The assessment behind a link if this visitor may `need` it; 404 (never 403) so existence does not leak."""
    if edit and need == "view":
        need = "edit"
    if "\x00" in token:  # PostgreSQL refuses NUL in text: such a link names nothing
        raise Http404("No such assessment")
    assessment = Assessment.objects.select_related("organisation").filter(token=token).first()
    if assessment is None or not may_access(request, assessment, need):
        raise Http404("No such assessment")
    if assessment.organisation_id is None:
        remember_assessment(request, assessment)
    return assessment


def may_access(request: HttpRequest, assessment: Assessment, need: str) -> bool:
    if need not in ROLES_FOR:
        raise ValueError(f"unknown access need {need!r}")
    if assessment.organisation_id is None:
        return need != "own"
    # Direct membership, or the managing consultancy's role (organisations.access decides, once).
    return role_allows(effective_role(request, assessment.organisation_id), need)


def remember_assessment(request: HttpRequest, assessment: Assessment) -> None:
    """Keep the link in this browser's session so the start page can offer it again."""
    remembered = request.session.get(SESSION_KEY, [])
    if remembered[:1] == [assessment.token]:
        return  # already the most recent: assigning again would write the session on every request
    tokens = [t for t in remembered if t != assessment.token]
    request.session[SESSION_KEY] = [assessment.token, *tokens][:REMEMBERED_LIMIT]


def remember_creator(request: HttpRequest, assessment: Assessment, secret: str) -> None:
    """This browser created the assessment: keep the secret that lets it claim it (it survives log-in)."""
    remember_assessment(request, assessment)
    kept = dict(request.session.get(CREATOR_KEY, {}))
    kept[assessment.token] = secret
    request.session[CREATOR_KEY] = dict(list(kept.items())[-REMEMBERED_LIMIT:])


def creator_secrets(request: HttpRequest) -> dict[str, str]:
    kept = request.session.get(CREATOR_KEY, {})
    return {str(t): str(s) for t, s in kept.items()} if isinstance(kept, dict) else {}


def forget_assessments(request: HttpRequest, tokens: list[str]) -> None:
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t not in tokens]
    request.session[CREATOR_KEY] = {t: s for t, s in creator_secrets(request).items() if t not in tokens}


def remembered_assessments(request: HttpRequest) -> list[Assessment]:
    """The anonymous assessments this browser opened (claimed ones are reached through the dashboard)."""
    tokens = request.session.get(SESSION_KEY, [])
    if not tokens:
        return []
    return list(Assessment.objects.filter(token__in=tokens, organisation__isnull=True).order_by("-updated_at"))


def claimable_assessments(request: HttpRequest) -> list[Assessment]:
    """The anonymous assessments this browser created: only those may it claim into an organisation."""
    kept = creator_secrets(request)
    return [
        a
        for a in remembered_assessments(request)
        if a.token in kept and a.creator_secret_hash == secret_hash(kept[a.token])
    ]
