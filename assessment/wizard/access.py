"""The one way views reach an assessment: scoped to what the visitor may see, else 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from .models import Assessment

SESSION_KEY = "assessment_tokens"
REMEMBERED_LIMIT = 50


def get_assessment_or_404(request: HttpRequest, token: str, edit: bool = False) -> Assessment:
    """The assessment behind an unguessable link; 404 (never 403) so existence does not leak."""
    try:
        assessment = Assessment.objects.get(token=token)
    except Assessment.DoesNotExist:
        raise Http404("No such assessment") from None
    remember_assessment(request, assessment)
    return assessment


def remember_assessment(request: HttpRequest, assessment: Assessment) -> None:
    """Keep the link in this browser's session so the start page can offer it again."""
    tokens = [t for t in request.session.get(SESSION_KEY, []) if t != assessment.token]
    request.session[SESSION_KEY] = [assessment.token, *tokens][:REMEMBERED_LIMIT]


def remembered_assessments(request: HttpRequest) -> list[Assessment]:
    tokens = request.session.get(SESSION_KEY, [])
    return list(Assessment.objects.filter(token__in=tokens).order_by("-updated_at"))
