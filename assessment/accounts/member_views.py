"""Managing an organisation's members: change a member's role, remove a member."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment.organisations.access import OrganisationAccess, organisation_access, require
from assessment.organisations.models import Membership

from . import services
from .forms import RoleForm


def managing(request: HttpRequest, pk: int) -> OrganisationAccess:
    """The access of someone who manages this organisation's members (its owners; for a client, the
    consultancy's owners and any consultancy member it reaches as owner, too); a 404 for anyone else."""
    return require(organisation_access(request, pk, need="own"), "manage_members")


def _managed_membership(request: HttpRequest, pk: int, member_id: int) -> tuple[OrganisationAccess, Membership]:
    mine = managing(request, pk)
    return mine, get_object_or_404(mine.organisation.memberships.select_related("user"), pk=member_id)


@login_required
@require_POST
def change_member_role(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    _mine, member = _managed_membership(request, pk, member_id)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise services.MembershipError(_("Choose one of the roles."))
        services.change_role(member, form.cleaned_data["role"])
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(email)s is now %(role)s.") % {"email": member.user.email, "role": member.get_role_display()}
        )
    return redirect("accounts:organisation", pk=pk)


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    _mine, member = _managed_membership(request, pk, member_id)
    try:
        services.remove_member(member)
    except services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(email)s was removed from the organisation.") % {"email": member.user.email})
        if member.user_id == request.user.pk:
            return redirect("accounts:dashboard")  # one's own page of it is gone
    return redirect("accounts:organisation", pk=pk)
