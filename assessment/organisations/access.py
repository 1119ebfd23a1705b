"""Which organisations a user belongs to, the active one, and organisation pages scoped by role."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from .models import ROLES_FOR, ClientAssignment, Membership, Organisation, Role

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


# The strongest role first: a user with two ways into an organisation gets the stronger one.
_STRENGTH = {Role.OWNER: 3, Role.EDITOR: 2, Role.VIEWER: 1}


def effective_role(request: HttpRequest, organisation_id: int | None) -> str | None:
    """The role with which the user works on an organisation's assessments, or None.

    The one rule for the workspace: a member of an organisation works there with their role; a
    member of the consultancy that manages a client works on the client with their consultancy
    role, unless the client is restricted (it has assignments) and they are neither a consultancy
    owner nor assigned to it. Client staff are members of the client only, so see only that client.
    """
    if organisation_id is None or not request.user.is_authenticated:
        return None
    cache: dict[int, str | None] | None = getattr(request, "_effective_roles", None)
    if cache is None:
        cache = {}
        request._effective_roles = cache  # type: ignore[attr-defined]
    if organisation_id not in cache:
        cache[organisation_id] = _compute_role(request, organisation_id)
    return cache[organisation_id]


def _compute_role(request: HttpRequest, organisation_id: int) -> str | None:
    roles: list[str] = []
    direct = membership_in(request, organisation_id)
    if direct is not None:
        roles.append(direct.role)
    managed_by = (
        Organisation.objects.filter(pk=organisation_id, managed_by__kind=Organisation.Kind.CONSULTANCY)
        .values_list("managed_by_id", flat=True)
        .first()
    )
    consultant = membership_in(request, managed_by) if managed_by is not None else None
    if consultant is not None:
        restricted = ClientAssignment.objects.filter(client_id=organisation_id)
        if (
            consultant.role == Role.OWNER
            or not restricted.exists()
            or restricted.filter(user_id=int(request.user.pk or 0)).exists()
        ):
            roles.append(consultant.role)
    return max(roles, key=lambda role: _STRENGTH[Role(role)], default=None)


def role_allows(role: str | None, need: str) -> bool:
    return role is not None and role in ROLES_FOR[need]


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


def editable_workspace(request: HttpRequest) -> list[Membership]:
    """Where the user may start an assessment: their own organisations and the consultancy's clients
    that they may edit (each with the effective role), as workspace_memberships lists them."""
    return [m for m in workspace_memberships(request) if m.allows("edit")]


def organisation_for_new_assessment(request: HttpRequest, requested: str | None) -> Organisation | None:
    """Where a new assessment goes: the organisation or client chosen (or else the active one) if the
    user may edit there; otherwise nowhere, which makes an anonymous quick assessment, claimable later."""
    editable = editable_workspace(request)
    chosen = next((m for m in editable if str(m.organisation_id) == requested), None)
    active = active_membership(request)
    if chosen is None and active is not None:
        chosen = next((m for m in editable if m.organisation_id == active.organisation_id), None)
    return chosen.organisation if chosen else None


def workspace_memberships(request: HttpRequest) -> list[Membership]:
    """The organisations whose assessments the user works on, each with the effective role: their own
    memberships, and every client of a consultancy they belong to (as effective_role allows). The
    client entries are unsaved Membership objects, never stored: they are views of the rule."""
    memberships = list(user_memberships(request))
    consultancies = [m.organisation_id for m in memberships if m.organisation.kind == Organisation.Kind.CONSULTANCY]
    if not consultancies:
        return memberships
    direct = {m.organisation_id for m in memberships}
    clients = Organisation.objects.filter(managed_by_id__in=consultancies).exclude(pk__in=direct)
    for client in clients:
        role = effective_role(request, client.pk)
        if role is not None:
            memberships.append(Membership(user=request.user, organisation=client, role=role))  # type: ignore[misc]
    # Direct members of a client may also reach it through the consultancy: the stronger role wins.
    for index, membership in enumerate(memberships):
        if membership.pk and membership.organisation.managed_by_id in consultancies:
            role = effective_role(request, membership.organisation_id)
            if role and role != membership.role:
                memberships[index] = Membership(user=request.user, organisation=membership.organisation, role=role)  # type: ignore[misc]
    return sorted(memberships, key=lambda m: (m.organisation.name, m.organisation_id))


@dataclass(frozen=True)
class OrganisationAccess:
    """What the user may do on one organisation's pages, from their effective role there.

    `can` is the one place where roles become permissions for the organisation pages: views check it
    and templates read it, so no template compares role names."""

    organisation: Organisation
    role: str
    membership: Membership | None  # the user's own membership, None when reached through a consultancy
    consultancy_role: str | None = None  # the user's own role in the consultancy managing this client

    @property
    def is_consultancy(self) -> bool:
        return self.organisation.kind == Organisation.Kind.CONSULTANCY

    @property
    def is_client(self) -> bool:
        managed_by = self.organisation.managed_by
        return managed_by is not None and managed_by.kind == Organisation.Kind.CONSULTANCY

    @property
    def can(self) -> dict[str, bool]:
        own = role_allows(self.role, "own")
        edit = role_allows(self.role, "edit")
        return {
            "manage_members": own,
            "delete": own,
            "export": own,
            "edit_profile": edit and self.is_client,
            "add_clients": own and self.is_consultancy,
            "upload_logo": own and self.is_consultancy,
            "see_clients": self.is_consultancy,
            # Which consultancy members work on a client is the consultancy's staffing, decided by its
            # owners, not by the client's own staff.
            "restrict": self.is_client and role_allows(self.consultancy_role, "own"),
            "start_assessment": edit,
        }

    def role_label(self) -> str:
        return str(Role(self.role).label)


def organisation_access(request: HttpRequest, organisation_id: int, need: str = "view") -> OrganisationAccess:
    """The user's access to an organisation's pages if their effective role allows `need`; 404 otherwise
    (never 403: that an organisation exists does not leak). A consultancy member reaches a client's
    pages as effective_role allows; client staff reach only their own client."""
    role = effective_role(request, organisation_id)
    if not role_allows(role, need):
        raise Http404("No such organisation")
    assert role is not None
    organisation = Organisation.objects.select_related("managed_by").get(pk=organisation_id)
    consultancy = membership_in(request, organisation.managed_by_id) if organisation.managed_by_id else None
    return OrganisationAccess(
        organisation, role, membership_in(request, organisation_id), consultancy.role if consultancy else None
    )


def require(access: OrganisationAccess, permission: str) -> OrganisationAccess:
    """The access if it grants `permission` (a key of OrganisationAccess.can); a 404 otherwise."""
    if not access.can[permission]:
        raise Http404("No such organisation")
    return access
