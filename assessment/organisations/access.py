"""Which organisations a user belongs to, the active one, and organisation pages scoped by role."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from .models import Membership, Organisation

ACTIVE_KEY = "active_organisation"


def user_memberships(request: HttpRequest) -> list[Membership]:
    """Every membership of the signed-in user, with its organisation; read once per request."""
    if not request.user.is_authenticated:
        return []
    cached: list[Membership] | None = getattr(request, "_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=request.user).select_related("organisation"))
        request._memberships = cached  # type: ignore[attr-defined]
    return cached


def membership_in(request: HttpRequest, organisation_id: int | None) -> Membership | None:
    return next((m for m in user_memberships(request) if m.organisation_id == organisation_id), None)


def get_membership_or_404(request: HttpRequest, organisation_id: int, need: str = "view") -> Membership:
    """The user's membership of an organisation if it allows `need`; 404 otherwise, as for assessments."""
    membership = membership_in(request, organisation_id)
    if membership is None or not membership.allows(need):
        raise Http404("No such organisation")
    return membership


def active_membership(request: HttpRequest) -> Membership | None:
    """The organisation the user chose to work in (kept in the session), else their first one."""
    memberships = user_memberships(request)
    chosen = membership_in(request, request.session.get(ACTIVE_KEY))
    return chosen or (memberships[0] if memberships else None)


def set_active_organisation(request: HttpRequest, organisation: Organisation) -> None:
    request.session[ACTIVE_KEY] = organisation.pk


def editable_memberships(request: HttpRequest) -> list[Membership]:
    return [m for m in user_memberships(request) if m.allows("edit")]


def organisation_for_new_assessment(request: HttpRequest, requested: str | None) -> Organisation | None:
    """Where a new assessment goes: the organisation chosen (or else the active one) if the user may
    edit there; otherwise nowhere, which makes an anonymous quick assessment, claimable later."""
    editable = editable_memberships(request)
    chosen = next((m for m in editable if str(m.organisation_id) == requested), None)
    active = active_membership(request)
    if chosen is None and active in editable:
        chosen = active
    return chosen.organisation if chosen else None
